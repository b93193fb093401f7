"""models/dates.toml → the date word tables: word or stem → value, and grammar settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ...knowledge.lexicon import load_toml


@dataclass(frozen=True)
class Lexicon:
    """models/dates.toml: word tables (word or stem → value) and grammar settings."""

    tables: dict[str, dict[str, Any]]
    grammar: dict[str, Any]

    def value(self, table: str, word: str) -> Any:
        """A matched word → its value in `table`: the exact entry, else the longest stem it starts with."""
        key, entries = word_key(word), self.tables[table]
        if key in entries:
            return entries[key]
        return entries[max((s for s in entries if key.startswith(s)), key=len)]


@cache
def lexicon() -> Lexicon:
    """models/dates.toml → Lexicon (keys lower-cased)."""
    raw = load_toml("dates")
    tables = {name: {word_key(k): v for k, v in section.items()} for name, section in raw.items() if name != "grammar"}
    tables["months"] = {**raw["months_en"], **raw["months_en_short"], **raw["months_ru"]}
    tables["months"] |= {**raw["months_ru_words"], **raw["months_ru_short"]}
    tables["direction"] = {word_key(k): v for part in raw["counted_direction"].values() for k, v in part.items()}
    counted = raw["anaphora_counted"]
    tables["anaphora_direction"] = {
        word_key(k): v for key in ("after_count", "before_count") for k, v in counted[key].items()
    }
    tables["anaphora_units"] = {word_key(k): v for k, v in counted["units"].items()}
    tables["anaphora_numbers"] = {word_key(k): v for k, v in counted["numbers"].items()}
    return Lexicon(tables, raw["grammar"])


def counted_unit(value: str) -> tuple[str, int]:
    """A counted unit's table value → (unit, factor): "year" → ("year", 1), "month*3" → ("month", 3)."""
    unit, _, factor = value.partition("*")
    return unit, int(factor or 1)


def word_key(word: str) -> str:
    """A word or phrase → its table key: lower-cased, no trailing dot, single spaces."""
    return " ".join(word.lower().rstrip(".").split())
