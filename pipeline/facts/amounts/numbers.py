"""Numbers: digits in any grouping convention, or English and Russian number words → float."""

from __future__ import annotations

import math
import re

from .patterns import SPACE, Patterns, patterns


def parse_number(text: str, language: str, has_multiplier: bool = False, money: bool = False) -> float:
    """ "1.844.036.360,12" / "1,5" / "1,000" / "twenty-five" / «двести тысяч» → float."""
    if text[:1].isalpha():
        value, end = word_run(text, 0, patterns())
        if end != len(text.rstrip()):
            raise ValueError(f"not a number: {text!r}")
        return value
    digits = re.sub(SPACE, "", text)
    seps = [c for c in digits if c in ".,"]
    if not seps:
        return float(digits)
    if len(set(seps)) == 2:
        decimal = seps[-1]
    elif len(seps) > 1:
        decimal = ""
    else:
        decimal = _single_separator(digits, seps[0], language, has_multiplier, money)
    if not decimal:
        return float(digits.replace(seps[0], ""))
    thousands = "," if decimal == "." else "."
    return float(digits.replace(thousands, "").replace(decimal, "."))


def _single_separator(digits: str, sep: str, language: str, has_multiplier: bool, money: bool) -> str:
    """Decide whether the one separator in a number is decimal ("" means thousands)."""
    groups_of_three = len(digits.split(sep)[1]) == 3
    if has_multiplier or not groups_of_three:
        return sep
    if money:
        return ""  # "20,000 руб": hundredths have two digits, so three are thousands
    if language == "ru":
        return "," if sep == "," else ""
    return "." if sep == "." else ""


def word_run(text: str, start: int, p: Patterns) -> tuple[float, int]:
    """Number words from `start` → (value, end): "twenty-five" → 25, «двести тысяч» → 200000."""
    total, group, last, pos = 0.0, 0.0, math.inf, start
    while match := p.word.match(text, pos):
        word = " ".join(match.group("w").lower().split())
        scale = p.scales.get(word) if group else None
        if scale:
            total, group = (total + group * scale, 0.0) if scale >= 1000 else (total, group * scale)
        elif p.words.get(word, math.inf) < last:
            group += p.words[word]
        else:
            break
        last, pos = scale or p.words[word], match.end()
    return total + group, pos
