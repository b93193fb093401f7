"""Frozen records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Label(StrEnum):
    """The one label set both NER back-ends emit."""

    ORG = "ORG"
    PER = "PER"
    LOC = "LOC"
    DATE = "DATE"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    QUANTITY = "QUANTITY"
    CARDINAL = "CARDINAL"
    MISC = "MISC"


class Status(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Page:
    """One input document as read from disk, before cleaning."""

    article_id: str
    source: str
    kind: str  # "html" or "text"
    content: str | bytes
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article: main text plus metadata."""

    article_id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    site: str | None = None
    language: str | None = None
    extractor: str = "text"


@dataclass(frozen=True)
class Skip:
    """An input that could not be processed, kept as a row with its reason."""

    article_id: str
    source: str
    stage: str
    reason: str
    status: Status = Status.SKIPPED
    article: Article | None = None


@dataclass(frozen=True)
class Token:
    """A word of the cleaned text with its lemma and coarse part of speech."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str
    sent: int = 0
    case: str = ""  # the grammatical case where the model gives one (Russian: Nom, Gen, Dat...)


@dataclass(frozen=True)
class Mention:
    """A raw NER span with character offsets into the cleaned text."""

    label: Label
    text: str
    start: int
    end: int
    normal: str
    source_label: str


@dataclass(frozen=True)
class Analysis:
    """An article with the tokens and mentions its language's NER produced."""

    article: Article
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    title_tokens: tuple[Token, ...] = ()  # the headline's, offsets into article.title
    title_mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Organisation:
    text: str
    name: str
    legal_form: str | None
    org_key: str
    start: int
    end: int
    kind: str = "other"  # company | government | media | education | other


@dataclass(frozen=True)
class Official:
    person: str
    position: str
    affiliation: str | None
    affiliation_code: str | None
    text: str
    start: int
    end: int
    status: str = "current"


@dataclass(frozen=True)
class Person:
    text: str
    name: str
    start: int
    end: int
    reference: str = "name"  # name | surname | first name | title


@dataclass(frozen=True)
class Region:
    text: str
    code: str
    level: str
    name: str
    name_en: str
    name_ru: str
    start: int
    end: int


@dataclass(frozen=True)
class DateValue:
    """A date expression: its start (year, month, day), its end for ranges, and the days it covers."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    relative: bool
    start: int
    end: int
    year_end: int | None = None
    month_end: int | None = None
    day_end: int | None = None
    date_from: date | None = None  # first day the expression covers
    date_to: date | None = None  # last day it covers (inclusive)
    duration: str | None = None  # a span of time, ISO 8601 ("P2Y", "P10D"): then no year, month or day

    @property
    def value(self) -> date | None:
        """The ISO date when year, month and day are all known."""
        return _full_date(self.year, self.month, self.day)

    @property
    def value_end(self) -> date | None:
        """The range's last ISO date when its year, month and day are all known."""
        return _full_date(self.year_end, self.month_end, self.day_end)


def _full_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year and month and day:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Amount:
    text: str
    value: float
    unit: str
    qualifier: str | None
    counted: str | None
    start: int
    end: int
    bound: str | None = None  # "from" or "to" when the amount is one end of a range


@dataclass(frozen=True)
class Facts:
    """Everything extracted from one article."""

    analysis: Analysis
    organisations: tuple[Organisation, ...] = field(default=())
    officials: tuple[Official, ...] = field(default=())
    persons: tuple[Person, ...] = field(default=())
    regions: tuple[Region, ...] = field(default=())
    dates: tuple[DateValue, ...] = field(default=())
    amounts: tuple[Amount, ...] = field(default=())
    title: Facts | None = None  # the headline's facts, offsets into article.title


def failed(item: Page | Article | Analysis, stage: str, err: BaseException) -> Skip:
    """An item a stage raised on → its `failed` row, with the stage and the error as the reason."""
    record = item.article if isinstance(item, Analysis) else item
    article = record if isinstance(record, Article) else None
    reason = f"{stage} failed: {type(err).__name__}: {err}"
    return Skip(record.article_id, record.source, stage, reason[:500], Status.FAILED, article)


@dataclass(frozen=True)
class PersonKey:
    """A person name's cross-script key: surname sound, first-name consonants, first initial (entities)."""

    surname: str
    first: str = ""
    initial: str = ""

    @property
    def text(self) -> str:
        """The key as one string (`p dmtr manan`; `p d. manan` for an initial, `p ? manan` for a surname)."""
        return f"p {self.first or (self.initial + '.' if self.initial else '?')} {self.surname}"


@dataclass(frozen=True)
class NameSeen:
    """A distinct name in the store: how often and since when it was seen (entities)."""

    name: str
    mentions: int
    first_seen: date | None
    first_article: str
