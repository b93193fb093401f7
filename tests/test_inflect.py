"""Russian organisation names in the nominative keep their own adjectives (Высший, not Высочайший)."""

import pytest

from pipeline import extract
from pipeline.ner.inflect import adjective_nominative, stem
from pipeline.ner.recognise import Models

CASES = [
    ("высший", "Дело рассмотрели в Высшем антикоррупционном суде Украины.", "Высший антикоррупционный суд Украины"),
    ("высшего", "Об этом заявил глава Высшего совета правосудия Павел Вовк.", "Высший совет правосудия"),
    ("окружной", "Решение Окружного административного суда обжаловали.", "Окружной административный суд"),
]


@pytest.mark.parametrize(("text", "name"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_organisation_adjectives(models: Models, text: str, name: str) -> None:
    assert name in set(extract([text], models=models).organisations.name)


@pytest.mark.parametrize(
    ("word", "feats", "candidates", "expected"),
    [
        ("высшем", {"Gender": "Masc", "Case": "Loc"}, ["высочайший"], "высший"),
        ("высшей", {"Gender": "Fem", "Case": "Gen"}, ["высочайшая"], "высшая"),
        ("окружного", {"Gender": "Masc", "Case": "Gen"}, ["окружный", "окружной"], "окружной"),
        ("центрального", {"Gender": "Masc", "Case": "Gen"}, ["центральный"], "центральный"),
    ],
    ids=["superlative", "feminine", "oi-over-yi", "plain"],
)
def test_adjective_nominative(word: str, feats: dict[str, str], candidates: list[str], expected: str) -> None:
    assert adjective_nominative(word, feats, candidates) == expected


def test_stem_keeps_short_words() -> None:
    assert stem("мой") == "мой"
