"""Date grammar: models/dates.toml → the regexes that find date expressions, each with its handler."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...knowledge.lexicon import first_char_guard, is_cyrillic, load_toml, trie_pattern
from . import anaphora, handlers
from .fields import Handler
from .lexicon import Lexicon, lexicon


def _words(words: Iterable[str], dot: bool = False) -> str:
    """Whole words or phrases → a regex alternation, longest first (a dot may follow with `dot`)."""
    return r"(?<!\w)" + trie_pattern(words) + r"(?!\w)" + (r"\.?" if dot else "")


def _stems(stems: Iterable[str], endings: str = r"\w*") -> str:
    """Word stems → a regex alternation of words starting with them."""
    return r"(?<!\w)" + trie_pattern(stems) + endings + r"(?!\w)"


def _mixed(table: dict[str, Any]) -> str:
    """A table of Latin words and Cyrillic stems → one alternation."""
    latin = [w for w in table if not is_cyrillic(w)]
    return "(?:" + "|".join(filter(None, [_words(latin) if latin else "", _stems(filter(is_cyrillic, table))])) + ")"


def _capitalised(words: Iterable[str], strict: bool) -> str:
    """English words; a whole-text scan takes them only capitalised ("May", not "may")."""
    words = list(words)
    return _words(words) if not strict else "(?-i:" + _words(w.capitalize() for w in words) + ")"


def _month_fragment(lex: Lexicon, strict: bool, full: bool) -> str:
    """Month words → regex; `full` (a month alone) leaves out abbreviations and, in running text, "may"."""
    raw = load_toml("dates")
    endings = "(?:" + "|".join(lex.grammar["month_endings_ru"]) + ")"
    parts = [_capitalised(raw["months_en"], strict and full), _stems(raw["months_ru"], endings)]
    parts.append(_words(raw["months_ru_words"]))
    if not full:
        parts += [_words(raw["months_en_short"], dot=True), _words(raw["months_ru_short"], dot=True)]
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Frag:
    """Regex fragments shared by the patterns (one set per scan mode)."""

    month: str
    month_full: str
    year_words: str
    sep: str
    opener: str
    weekday: str
    number: str
    span_number: str  # a number that counts a span ("two years", «двух дней»), not "a" or "an"
    strict: bool

    def day(self, g: str) -> str:
        return rf"(?<![\d:.,/])(?P<{g}>3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th|-?(?:ого|его|ое|го|е))?(?!\w)"

    def year(self, g: str) -> str:
        return rf"(?<![\d.,])(?P<{g}>1\d{{3}}|20\d\d)(?!\d)"

    def year_tail(self, g: str, required: bool = False) -> str:
        tail = rf"(?:\s*,\s*|\s+of\s+|\s+в\s+|\s+){self.year(g)}(?:\s*{self.year_words})?"
        return f"(?:{tail})" + ("" if required else "?")


@cache
def _fragments(strict: bool) -> _Frag:
    """Scan mode → regex fragments."""
    lex, raw = lexicon(), load_toml("dates")
    return _Frag(
        month=_month_fragment(lex, strict, full=False),
        month_full=_month_fragment(lex, strict, full=True),
        year_words=_year_words(lex),
        sep=rf"(?:\s*[-–—]\s*|\s+{_words(lex.grammar['range_words'])}\s+)",
        opener=rf"(?:{_words(lex.grammar['range_openers'])}\s+)?",
        weekday=rf"(?:{_words(raw['weekdays']['words'], dot=True)},?\s+)?",
        number=rf"(?:(?<![\d.,])\d{{1,3}}(?![\d.,])|{_words(lex.tables['numbers'])})",
        span_number=rf"(?:(?<![\d.,\-])\d{{1,3}}(?![\d.,])|{_words(set(lex.tables['numbers']) - {'a', 'an'})})",
        strict=strict,
    )


_RuleText = tuple[str, Handler, str | None]
# Anchors: a part every match of the rule contains, searched once per line so that the rule's own
# (long) regex only runs on lines that have it. Both run on the same line with the same flags, so a
# line without the anchor cannot hold a match.
_DIGIT_SEP = r"\d\s*[./-]\s*\d"
_YEAR = r"(?<![\d.,])(?:1\d{3}|20\d\d)(?!\d)"
_WEEKDAY = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|понедельник|вторник|среду|четверг|пятниц|суббот|воскресень)"
)


@dataclass(frozen=True)
class Rule:
    """One rule of the grammar: its regex, the handler of its matches and its anchor (None: always tried)."""

    regex: re.Pattern[str]
    handler: Handler
    anchor: re.Pattern[str] | None


def _rules(f: _Frag, lex: Lexicon) -> list[_RuleText]:
    """The grammar: (regex, handler, anchor) triples; where matches overlap the longest wins."""
    rules = _numeric_rules(f) + _calendar_rules(f, lex) + _relative_rules(f, lex) + _year_rules(f, lex)
    return rules if f.strict else rules + _loose_rules(f)


def _numeric_rules(f: _Frag) -> list[_RuleText]:
    """ "2023-11-09", "09.11.2023", "11/9/2023" (two-digit years only outside running text)."""
    year = r"\d{4}" if f.strict else r"\d{4}|\d\d"
    day_month = r"(?<![\d.:,/])(?P<a>\d\d?)\s*(?P<sep>[./-])\s*(?P<b>\d\d?)"
    return [
        (r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d\d?)-(?P<d>\d\d?)(?![\d])", handlers.iso, _DIGIT_SEP),
        (rf"{day_month}\s*(?P=sep)\s*(?P<y>{year})(?!\d|[./-]\d)", handlers.numeric, _DIGIT_SEP),
    ]


def _loose_rules(f: _Frag) -> list[_RuleText]:
    """Numbers that are dates only when a span holds nothing else: "15.02", "2/15", "2014-10"."""
    return [
        (
            r"(?<![\d.:,/])(?P<a>\d\d?)\s*(?P<sep>[./-])\s*(?P<b>\d\d?)(?![\d:]|\s*[./-]\s*\d)\.?",
            handlers.numeric,
            _DIGIT_SEP,
        ),
        (
            rf"(?<![\d.])(?P<m>\d\d?)/{f.year('y')}|{f.year('y2')}[/-](?P<m2>\d\d?)(?![\d/-])",
            handlers.month_year,
            _DIGIT_SEP,
        ),
    ]


def _calendar_rules(f: _Frag, lex: Lexicon) -> list[_RuleText]:
    """Days, months, seasons, quarters and halves, with or without a year."""
    t, month, year, tail = lex.tables, rf"(?P<m>{f.month})", f.year_tail("y"), f.year_tail
    days = rf"(?:the\s+)?{f.day('d1')}\.?{f.sep}(?:the\s+)?{f.day('d2')}"
    ordinal = rf"(?:{_mixed(t['ordinals'])}|[1-4](?:-?(?:й|го|м|ом|ого))?(?!\w))"
    shift, period, seasons = _mixed(t["relative_shift"]), _words(t["periods"]), _words(t["seasons"])
    quarter = r"[QH][1-4](?!\w)"
    return [
        (rf"{f.opener}{days}(?:\s+of)?\s+{month}{year}", handlers.day_range, f.month),
        (rf"{month}\s+{days}{year}", handlers.day_range, f.month),
        (rf"{f.weekday}(?:the\s+)?{f.day('d')}(?:\s+of)?\s+{month}{year}", handlers.day_month, f.month),
        (rf"{f.weekday}{month}\s+(?:the\s+)?{f.day('d')}{year}", handlers.day_month, f.month),
        (rf"{month}{tail('y', required=True)}", handlers.day_month, f.month),
        (rf"(?P<m>{f.month_full})", handlers.day_month, None),
        (rf"(?:(?P<r>{shift})\s+)?(?P<s>{seasons}){year}", handlers.season, seasons),
        (rf"(?:the\s+)?(?P<o>{ordinal})\s+(?P<p>{period})(?:\s+of)?(?:\s+the)?{year}", handlers.period, period),
        (rf"(?<!\w)(?P<p>[QH])(?P<o>[1-4])(?!\w){year}", handlers.period, quarter),
        (rf"{f.year('y')}\s*(?P<p>[QH])(?P<o>[1-4])(?!\w)", handlers.period, quarter),
    ]


def _relative_rules(f: _Frag, lex: Lexicon) -> list[_RuleText]:
    """Expressions resolved against the publication date: "last year", «2 месяца назад», "today"."""
    t = lex.tables
    unit, counted, number = _words(t["calendar_units"]), _words(t["counted_units"]), f.number
    after, before = (_words(t["counted_direction"][k]) for k in ("after_count", "before_count"))
    of_this = r"(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?(?:(?:this|current)\s+)?"
    vague = _words(t["vague_counts"]["words"])
    return [
        (rf"(?P<r>{_mixed(t['relative_shift'])})\s+(?P<u>{unit})", handlers.relative_unit, unit),
        (rf"(?P<p>{_words(t['parts'])}){of_this}(?P<u>{unit})", handlers.part_of_current, unit),
        (rf"(?P<w>{_words(t['relative_days'])})", handlers.relative_day, None),
        (rf"(?P<w>{_words(t['last_n'])})\s+(?P<n>{number})\s+(?P<u>{counted})", handlers.last_n, counted),
        *_recent_rules(lex, counted),
        (rf"(?:(?P<n>{number})\s+)?(?P<u>{counted})\s+(?P<w>{after})", handlers.counted_shift, counted),
        (rf"(?P<w>{before})\s+(?:(?P<n>{number})\s+)?(?P<u>{counted})", handlers.counted_shift, counted),
        (rf"(?P<n>{f.span_number})\s+(?P<u>{counted})", handlers.duration, counted),
        (rf"(?P<v>{vague})\s+(?P<u>{counted})\s+(?P<w>{after})", handlers.vague_shift, counted),
        (rf"(?P<w>{before})\s+(?P<v>{vague})\s+(?P<u>{counted})", handlers.vague_shift, counted),
        (_duration_alone(lex), handlers.duration_alone, None),
        (_weekday_rule(lex, f.strict), handlers.weekday, _WEEKDAY),
        *_anaphora_rules(f, lex),
    ]


def _anaphora_rules(f: _Frag, lex: Lexicon) -> list[_RuleText]:
    """Dates told from the date before them: «в том же году», «годом позже», «спустя два года»."""
    t, raw = lex.tables, load_toml("dates")["anaphora_counted"]
    phrases = _words(t["anaphora"])
    units = _words([*t["anaphora_units"], *t["counted_units"]])
    number = rf"(?:{f.number}|{_words(t['anaphora_numbers'])})"
    after, before = _words(raw["after_count"]), _words(raw["before_count"])
    not_after = rf"(?!\s+{_words(raw['event_words'])})"  # «спустя два месяца после визита»: from the visit
    return [
        (rf"(?P<a>{phrases})", anaphora.anaphoric_phrase, phrases),
        (rf"(?:(?P<n>{number})\s+)?(?P<u>{units})\s+(?P<w>{after})", anaphora.anaphoric_count, after),
        (rf"(?P<w>{before})\s+(?:(?P<n>{number})\s+)?(?P<u>{units}){not_after}", anaphora.anaphoric_count, before),
    ]


def _recent_rules(lex: Lexicon, counted: str) -> list[_RuleText]:
    """«в последние недели», "in recent years", «за последний месяц» (a singular only after a cue)."""
    recent = load_toml("dates")["recent_units"]
    plural, singular = _words(recent["plural"]), _words(recent["singular"])
    cue = _words(recent["singular_cues"])
    return [
        (rf"(?P<w>{plural})\s+(?P<u>{counted})", handlers.recent_units, counted),
        (rf"{cue}\s+(?P<w>{singular})\s+(?P<u>{counted})", handlers.recent_units, counted),
    ]


def _duration_alone(lex: Lexicon) -> str:
    """A unit alone after a cue: "for a year", «за неделю», «в течение недели»."""
    spans = lex.tables["durations"]
    return rf"(?P<c>{_words(spans['cues'])})\s+(?:(?:a|an|one)\s+)?(?P<u>{_words(spans['units'])})"


def _weekday_rule(lex: Lexicon, strict: bool) -> str:
    """ "Friday", "on Monday", "next Tuesday", «в пятницу», «в прошлую среду» (English names capitalised
    in running text; Russian ones after «в/во», since «среда» is also "environment")."""
    names = lex.tables["weekday_numbers"]
    english = _capitalised([w for w in names if not is_cyrillic(w)], strict)
    russian = _words(w for w in names if is_cyrillic(w))
    shift = _mixed(lex.tables["relative_shift"])
    names_not_days = "".join(rf"(?<!{re.escape(w)}\s)" for w in load_toml("dates")["weekday_names"]["words"])
    return (
        rf"(?:(?<!\w)(?P<r>{shift})\s+)?{names_not_days}(?P<wd>{english})(?!-)"
        rf"|(?<!\w)во?\s+(?:(?P<r2>{shift})\s+)?(?P<wd2>{russian})"
    )


def _year_rules(f: _Frag, lex: Lexicon) -> list[_RuleText]:
    """Years, year ranges and decades; in running text a bare year needs a cue ("in 2015")."""
    words = rf"(?:\s*{f.year_words})"
    # the lookahead first: the cue's lookbehinds are only tried where a year starts
    bare = r"(?=[12]\d{3}(?!\d))" + _year_cue(lex) + f.year("y") if f.strict else f.year("y")
    return [
        (rf"{f.year('y')}(?:'?s|-?(?:е|х|ые|ых))(?!\w){words}?", handlers.decade, _YEAR),
        (rf"{f.opener}{f.year('y')}{words}?{f.sep}{f.year('y2')}{words}?", handlers.year_range, _YEAR),
        (rf"{f.year('y')}{words}", handlers.single_year, _YEAR),
        (bare, handlers.single_year, _YEAR),
        *([(rx, handlers.single_year, _YEAR) for rx in _years_alone(lex, f)] if f.strict else []),
    ]


def _years_alone(lex: Lexicon, f: _Frag) -> list[str]:
    """Bare years in running text: in brackets ("(1994)"), after a Russian cue before a dash or a stop («в 1976 —»)."""
    cues = "|".join(rf"(?<=\b{re.escape(c)}\s)" for c in lex.grammar["year_cues_ru"])
    stop = r"(?=\s*(?:[—–,.;:!?)]|-\s|$))"
    return [rf"(?<=\(){f.year('y')}(?=\))", rf"(?:{cues}){f.year('y')}{stop}"]


def _year_words(lex: Lexicon) -> str:
    """Russian words after a year: «году», «г.», «гг.»."""
    abbreviations = _words(lex.grammar["year_abbreviations_ru"], dot=True)
    return f"(?:{_words(lex.grammar['year_words_ru'])}|{abbreviations})"


def _year_cue(lex: Lexicon) -> str:
    """Words after which a bare four-digit number is a year ("in 2015", "mid-2024")."""
    cues = [
        rf"(?<=\b{re.escape(c)})" if c.endswith("-") else rf"(?<=\b{re.escape(c)}\s)"
        for c in lex.grammar["year_cues_en"]
    ]
    return "(?:" + "|".join(cues) + ")"


@cache
def patterns(strict: bool) -> tuple[Rule, ...]:
    """Scan mode → compiled grammar (rules with the same anchor share one compiled anchor)."""
    rules = _rules(_fragments(strict), lexicon())
    anchors = {a: _compile(a) for _, _, a in rules if a}
    return tuple(Rule(_compile(rx), handler, anchors[a] if a else None) for rx, handler, a in rules)


def _compile(pattern: str) -> re.Pattern[str]:
    """A rule or anchor, case-insensitive, with a guard for the characters a match starts with."""
    return re.compile(first_char_guard(pattern, re.IGNORECASE), re.IGNORECASE)


@cache
def part_before() -> re.Pattern[str]:
    """A part-of-period word right before an expression ("the end of ", "mid-", «в конце »)."""
    parts = _words(lexicon().tables["parts"])
    return re.compile(rf"(?:(?<!\w)the\s+)?(?P<p>{parts})(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


@cache
def range_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the gap inside a range, the opener before it)."""
    f = _fragments(True)
    return re.compile(f.sep, re.IGNORECASE), re.compile(f.opener + "$", re.IGNORECASE)


@cache
def bare_weekday() -> re.Pattern[str]:
    """A weekday name alone ("Tuesday", «в пятницу»): never resolved, so not a row."""
    words = _words(load_toml("dates")["weekdays"]["words"], dot=True)
    return re.compile(rf"(?:(?:on|в|во)\s+)?{words}", re.IGNORECASE)


@cache
def title_quotes() -> tuple[str, str]:
    """(opening, closing) quote marks of a title, from models/dates.toml [titles]."""
    titles = load_toml("dates")["titles"]
    return "".join(titles["opening"]), "".join(titles["closing"])
