"""An article's cleaned text with its entities marked by kind: HTML (spaCy displacy), ANSI colours, brackets.

`highlight(tables, article)` → `Highlighted`, which a notebook shows as HTML by itself; `str()` of it
gives the bracketed form (`[Dmitry Makhonin|PER]`) and `to_ansi()` the coloured form for a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from ..store.database import Tables

Source = Literal["facts", "mentions"]
_Marker = Callable[[str, str], str]  # (entity text, kind) → marked text

# kind → (HTML colour, ANSI SGR code); the kinds of both sources
KINDS: dict[str, tuple[str, str]] = {
    "ORG": ("#7aecec", "1;36"),
    "PER": ("#aa9cfc", "1;35"),
    "LOC": ("#feca74", "1;33"),
    "DATE": ("#bfe1d9", "1;32"),
    "MONEY": ("#e4e7d2", "1;31"),
    "PERCENT": ("#e4e7d2", "31"),
    "COUNT": ("#e4e7d2", "34"),
    "QUANTITY": ("#e4e7d2", "34"),
    "CARDINAL": ("#e4e7d2", "34"),
    "MISC": ("#ddd", "1;37"),
}
_FACT_KINDS = {"organisations": "ORG", "persons": "PER", "regions": "LOC", "dates": "DATE"}
_RESET = "\x1b[0m"


class UnknownArticle(LookupError):
    """An article id (or prefix) that matches no article, or more than one."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Highlighted:
    """One article's text, title and non-overlapping entity spans, ready to render."""

    article_id: str
    title: str
    text: str = field(repr=False)
    spans: tuple[Span, ...] = field(repr=False)
    note: str | None = None  # why there is no text: status and reason of a skipped or failed input

    def _repr_html_(self) -> str:
        return to_html(self)

    def __str__(self) -> str:
        return to_brackets(self)

    def to_ansi(self) -> str:
        return to_ansi(self)


def find_article(tables: Tables, article: str | pd.Series) -> pd.Series:
    """An article id, a unique id prefix, or any table's row (with `article_id`) → the articles row."""
    wanted = str(article["article_id"]) if isinstance(article, pd.Series) else article
    ids = tables.articles.article_id
    matches = tables.articles[ids == wanted] if (ids == wanted).any() else tables.articles[ids.str.startswith(wanted)]
    if len(matches) != 1:
        found = "no article" if matches.empty else f"{len(matches)} articles"
        raise UnknownArticle(
            f"{found} with id {wanted!r}; list ids with `newsfacts stats --ids` or tables.articles.article_id"
        )
    return matches.iloc[0]


def highlight(tables: Tables, article: str | pd.Series, source: Source = "facts") -> Highlighted:
    """Tables and an article (id, id prefix or a row) → its text with entity spans by kind.

    `facts`: organisations, persons, regions (LOC), dates and amounts (MONEY, PERCENT, COUNT);
    `mentions`: the raw NER spans with their labels. Overlaps keep the earlier, then the longer span.
    """
    row = find_article(tables, article)
    article_id = str(row.article_id)
    text = "" if pd.isna(row.text) else str(row.text)
    spans = fact_spans(tables, article_id) if source == "facts" else _spans(tables.mentions, article_id, "label")
    title = str(row.source) if pd.isna(row.title) else str(row.title)
    note = None if row.status == "ok" else f"{row.status}: {row.reason}"
    return Highlighted(article_id, title, text, tuple(without_overlaps(spans)), note)


def fact_spans(tables: Tables, article_id: str) -> list[Span]:
    """The spans of an article's organisations, persons, regions, dates and amounts, by kind."""
    spans = [s for name, kind in _FACT_KINDS.items() for s in _spans(tables[name], article_id, None, kind)]
    amounts = tables.amounts.assign(kind=tables.amounts.unit.astype("string").map(_amount_kind))
    return spans + _spans(amounts, article_id, "kind")


def _amount_kind(unit: str) -> str:
    return {"percent": "PERCENT", "count": "COUNT"}.get(unit, "MONEY")


def _spans(frame: pd.DataFrame, article_id: str, column: str | None, kind: str = "") -> list[Span]:
    rows = frame[frame.article_id == article_id]
    if "part" in rows.columns:  # the headline's rows have spans into the title, not the text
        rows = rows[rows.part.astype("string").fillna("text") != "title"]
    kinds = rows[column].astype(str) if column else [kind] * len(rows)
    return [Span(int(s), int(e), k) for s, e, k in zip(rows.start, rows.end, kinds, strict=True)]


def without_overlaps(spans: Iterable[Span]) -> Iterator[Span]:
    """Spans → sorted spans where none overlaps the one before (earlier, then longer, wins)."""
    end = 0
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end, s.kind)):
        if span.start >= end:
            end = span.end
            yield span


def to_html(highlighted: Highlighted) -> str:
    """Highlighted → HTML from spaCy's displacy in manual mode, one colour per kind."""
    from spacy import displacy

    doc = {
        "text": highlighted.text or (highlighted.note or ""),
        "ents": [{"start": s.start, "end": s.end, "label": s.kind} for s in highlighted.spans],
        "title": f"{highlighted.title} ({highlighted.article_id})",
    }
    colours = {kind: html for kind, (html, _) in KINDS.items()}
    return str(displacy.render(doc, style="ent", manual=True, jupyter=False, options={"colors": colours}))


def to_brackets(highlighted: Highlighted) -> str:
    """Highlighted → plain text with each entity as `[text|KIND]`."""
    return _marked(highlighted, lambda text, kind: f"[{text}|{kind}]")


def to_ansi(highlighted: Highlighted) -> str:
    """Highlighted → text for a terminal: each entity in its kind's colour, a legend on the first line."""
    legend = " ".join(_ansi(kind, kind) for kind in sorted({s.kind for s in highlighted.spans}))
    body = _marked(highlighted, _ansi)
    return f"{legend}\n{body}" if legend else body


def _ansi(text: str, kind: str) -> str:
    return f"\x1b[{KINDS.get(kind, ('', '1'))[1]}m{text}{_RESET}"


def _marked(highlighted: Highlighted, mark: _Marker) -> str:
    text, parts, at = highlighted.text, [_header(highlighted)], 0
    for span in highlighted.spans:
        parts += [text[at : span.start], mark(text[span.start : span.end], span.kind)]
        at = span.end
    parts.append(text[at:])
    return "".join(parts)


def _header(highlighted: Highlighted) -> str:
    lines = [f"{highlighted.title} ({highlighted.article_id})"]
    if highlighted.note:
        lines.append(highlighted.note)
    return "\n".join(lines) + "\n\n"
