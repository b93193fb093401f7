"""Ready-made views over the output tables: filters, top mentions, officials by region, amounts, co-mentions.

Every function takes `pipeline.store.Tables` (from `load` or `extract`) and returns a new DataFrame
(or Tables, for the filters); nothing is modified in place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ..store.database import Tables
from ..store.tables import CORPUS_SCHEMAS, SCHEMAS

log = logging.getLogger(__name__)

FactTable = Literal["organisations", "officials", "persons", "regions"]
Period = Literal["week", "month", "year", "language"]


@dataclass(frozen=True)
class Key:
    """How a fact table's rows are counted: grouped by `column`, shown with the most frequent `extra` values."""

    column: str
    extra: tuple[str, ...] = ()


KEYS: dict[str, Key] = {
    "organisations": Key("org_key", ("name", "kind")),
    "officials": Key("person", ("position", "affiliation", "affiliation_code")),
    "persons": Key("name"),
    "regions": Key("code", ("name_en", "name_ru", "level")),
}
_FREQUENCIES = {"week": "W-SUN", "month": "M", "year": "Y"}  # weeks start on Monday
_LABELS = {"week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


# --- filters: Tables → Tables -------------------------------------------------------------------


def subset(tables: Tables, article_ids: Iterable[str]) -> Tables:
    """Tables → the same tables restricted to the given articles (the corpus-level entity tables whole)."""
    ids = set(article_ids)
    corpus = {name: tables[name] for name in CORPUS_SCHEMAS}
    return Tables(**{name: _rows_of(tables[name], ids) for name in SCHEMAS}, **corpus)


def _rows_of(frame: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    return frame[frame.article_id.isin(ids)].reset_index(drop=True)


def between(tables: Tables, start: str | None = None, end: str | None = None) -> Tables:
    """Tables → articles published from `start` to `end` (ISO dates, both inclusive; undated articles drop out)."""
    published = tables.articles.published
    keep = published.notna()
    if start is not None:
        keep &= published >= pd.Timestamp(start)
    if end is not None:
        keep &= published <= pd.Timestamp(end)
    return subset(tables, tables.articles.article_id[keep])


def in_language(tables: Tables, language: str) -> Tables:
    """Tables → only the articles in `language` (ISO 639-1, `en` or `ru`)."""
    articles = tables.articles
    return subset(tables, articles.article_id[articles.language == language])


# --- views: Tables → DataFrame ------------------------------------------------------------------


def article_counts(tables: Tables) -> pd.DataFrame:
    """Articles per language and status (`-` for no language)."""
    articles = tables.articles.assign(language=tables.articles.language.astype("string").fillna("-"))
    counts = articles.groupby(["language", "status"], observed=True).size()
    return counts.rename("articles").reset_index()


def top(
    tables: Tables, table: FactTable, n: int = 10, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """The `n` most mentioned organisations, officials, persons or regions (optionally in a period)."""
    if start is not None or end is not None:
        tables = between(tables, start, end)
    key = KEYS[table]
    frame = tables[table].dropna(subset=[key.column])
    grouped = frame.groupby(key.column, observed=True)
    counts = pd.DataFrame({column: grouped[column].agg(_most_frequent) for column in key.extra})
    counts = counts.assign(mentions=grouped.size(), articles=grouped.article_id.nunique()).reset_index()
    counts = counts.sort_values(["mentions", "articles", key.column], ascending=[False, False, True])
    return counts.head(n).reset_index(drop=True)


def _most_frequent(values: pd.Series) -> object:
    modes = values.dropna().astype("string").mode()
    return modes.iloc[0] if len(modes) else pd.NA


def officials_by_region(tables: Tables) -> pd.DataFrame:
    """Officials whose affiliation is a region: code, region, person, position, mentions, articles."""
    officials = tables.officials.dropna(subset=["affiliation_code"]).astype({"affiliation_code": "string"})
    grouped = officials.groupby(["affiliation_code", "affiliation", "person", "position"], observed=True)
    frame = pd.DataFrame({"mentions": grouped.size(), "articles": grouped.article_id.nunique()}).reset_index()
    frame = frame.rename(columns={"affiliation_code": "code", "affiliation": "region"})
    return frame.sort_values(["code", "mentions", "person"], ascending=[True, False, True]).reset_index(drop=True)


def money(tables: Tables) -> pd.DataFrame:
    """The amounts that are money (unit an ISO 4217 code), with `currency` in place of `unit`."""
    amounts = tables.amounts
    is_currency = amounts.unit.astype("string").str.fullmatch("[A-Z]{3}").fillna(False).astype(bool)
    return amounts[is_currency].rename(columns={"unit": "currency"}).astype({"currency": "string"})


def amounts_by_organisation(tables: Tables, within: Literal["article", "paragraph"] = "article") -> pd.DataFrame:
    """Money per organisation and currency: amounts in the articles that mention it, or (`paragraph`) each
    amount for the nearest organisation before it in its paragraph (else the nearest after it)."""
    pairs = _article_pairs(tables) if within == "article" else _paragraph_pairs(tables)
    grouped = pairs.groupby(["organisation", "currency"], observed=True)
    frame = pd.DataFrame(
        {
            "amounts": grouped.size(),
            "total": grouped.value.sum(),
            "largest": grouped.value.max(),
            "articles": grouped.article_id.nunique(),
        }
    )
    return frame.reset_index().sort_values(["total", "organisation"], ascending=[False, True]).reset_index(drop=True)


def _organisations(tables: Tables) -> pd.DataFrame:
    """Organisation mentions with one display name per org_key (its most frequent name)."""
    orgs = tables.organisations.dropna(subset=["org_key"])
    names = orgs.groupby("org_key", observed=True).name.agg(_most_frequent).rename("organisation")
    return orgs.join(names, on="org_key")


def _article_pairs(tables: Tables) -> pd.DataFrame:
    orgs = _organisations(tables)[["article_id", "organisation"]].drop_duplicates()
    return money(tables).merge(orgs, on="article_id")


def _paragraph_pairs(tables: Tables) -> pd.DataFrame:
    texts = dict(zip(tables.articles.article_id, tables.articles.text, strict=True))
    pairs = money(tables).merge(_organisations(tables), on="article_id", suffixes=("", "_org"))
    same = [
        "\n" not in texts[row.article_id][min(row.end, row.end_org) : max(row.start, row.start_org)]
        for row in pairs.itertuples()
    ]
    pairs = pairs[same]
    after = pairs.start_org >= pairs.end  # the subject usually comes first: "X invested N", «X вложит N»
    pairs = pairs.assign(after=after, gap=(pairs.start_org - pairs.end).where(after, pairs.start - pairs.end_org))
    nearest = pairs.sort_values(["after", "gap"]).drop_duplicates(["article_id", "start"])
    return nearest.reset_index(drop=True)


def co_mentions(tables: Tables, other: Literal["regions", "officials"] = "regions") -> pd.DataFrame:
    """Organisation × region (or official): in how many articles both are mentioned."""
    orgs = _organisations(tables)[["article_id", "organisation"]].drop_duplicates()
    if other == "regions":
        others = tables.regions[["article_id", "code", "name_en"]].astype({"code": "string"})
        keys = ["code", "name_en"]
    else:
        others = tables.officials[["article_id", "person", "position"]]
        keys = ["person", "position"]
    pairs = orgs.merge(others.drop_duplicates(), on="article_id")
    counts = pairs.groupby(["organisation", *keys], observed=True).article_id.nunique().rename("articles")
    frame = counts.reset_index().sort_values(["articles", "organisation"], ascending=[False, True])
    return frame.reset_index(drop=True)


def mentions_per_period(tables: Tables, table: FactTable = "regions", period: Period = "week") -> pd.DataFrame:
    """Mentions per period start (rows; undated articles left out) or language × key (columns: code, org_key...)."""
    frame = _with_articles(tables, table)
    if period != "language":
        log.info("%d %s mentions without a publication date left out", frame.published.isna().sum(), table)
        frame = frame.dropna(subset=["published"])
    index = frame.language if period == "language" else frame.published.dt.to_period(_FREQUENCIES[period]).dt.start_time
    counts = frame.groupby([index.rename(period), frame[KEYS[table].column]]).size()
    return counts.unstack(fill_value=0).sort_index()


def region_heat(tables: Tables, period: Period = "month") -> pd.DataFrame:
    """Regions (rows: code, English name) × period or language (columns, plus `undated`): mentions."""
    frame = _with_articles(tables, "regions")
    columns = frame.language if period == "language" else _period_label(frame.published, period)
    counts = frame.groupby(["code", "name_en", columns.rename(period)]).size().unstack(fill_value=0)
    counts = counts[sorted(counts.columns, key=lambda c: (c == "undated", c))]
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def _with_articles(tables: Tables, table: FactTable) -> pd.DataFrame:
    """A fact table's rows with a string key column and their article's publication date and language."""
    key = KEYS[table].column
    articles = tables.articles[["article_id", "published", "language"]]
    frame = tables[table].dropna(subset=[key]).merge(articles, on="article_id")
    strings = {column: "string" for column in (key, "name_en", "language") if column in frame}
    frame = frame.astype(strings)
    return frame.assign(language=frame.language.fillna("-"))


def _period_label(published: pd.Series, period: Period) -> pd.Series:
    starts = published.dt.to_period(_FREQUENCIES[period]).dt.start_time
    return starts.dt.strftime(_LABELS[period]).astype("string").fillna("undated")
