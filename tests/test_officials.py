"""Officials and persons: titles, affiliations from the text and from context, later references."""

import pandas as pd
import pytest

from pipeline import extract
from pipeline.ner.recognise import Models


def _officials(models: Models, text: str) -> set[tuple[str, str, str | None, str | None]]:
    df = extract([text], models=models).officials
    return {
        (
            r.person,
            r.position,
            None if pd.isna(r.affiliation) else r.affiliation,
            None if pd.isna(r.affiliation_code) else r.affiliation_code,
        )
        for r in df.itertuples()
    }


CASES = [
    ("Perm Krai Governor Dmitry Makhonin opened the forum.", ("Dmitry Makhonin", "governor", "Perm Krai", "RU-PER")),
    (
        "Ambassador of Belarus to Russia Dmitry Krutoi visited the plant.",
        ("Dmitry Krutoi", "ambassador", "Belarus", "BY"),
    ),
    (
        "Alexei Burakov, Director for ESG at Metafrax Chemicals, presented the report.",
        ("Alexei Burakov", "director for ESG", "Metafrax Chemicals", None),
    ),
    (
        "JSC Metafrax Chemicals signed a roadmap. The document was approved by the governor of the Kama region "
        "Dmitry Makhonin and the Executive Director of the enterprise Maksim Nakhshunov.",
        ("Maksim Nakhshunov", "executive director", "Metafrax Chemicals", None),
    ),
    (
        "JSC Metafrax Chemicals signed a roadmap. The document was approved by the governor of the Kama region "
        "Dmitry Makhonin and the Executive Director of the enterprise Maksim Nakhshunov.",
        ("Dmitry Makhonin", "governor", "Perm Krai", "RU-PER"),
    ),
    (
        "Ульяновская область расширяет сотрудничество. Губернатор Алексей Русских провёл встречу.",
        ("Алексей Русских", "губернатор", "Ульяновская область", "RU-ULY"),
    ),
    (
        "Глава Республики Мордовия Артём Здунов обсудил кооперацию.",
        ("Артём Здунов", "глава", "Республика Мордовия", "RU-MO"),
    ),
    (
        "Об этом заявил директор по техническому развитию УК «РМ Рейл» (Республика Мордовия) Сергей Дробжев.",
        ("Сергей Дробжев", "директор по техническому развитию", "«РМ Рейл»", None),
    ),
    (
        "Документ направили губернатору Пермского края Дмитрию Махонину.",
        ("Дмитрий Махонин", "губернатор", "Пермский край", "RU-PER"),
    ),
    (
        "На совещании выступил заместитель министра промышленности Иван Петров.",
        ("Иван Петров", "заместитель министра промышленности", None, None),
    ),
    (
        "Бой выиграл Джеймс «Бадди» Мур (James (Buddy) Moore), боксёр с большим стажем.",
        ("Джеймс «Бадди» Мур", "боксер", None, None),
    ),
    (
        "Сборную возглавил Роберто Манчини (Roberto Mancini), тренер с большим опытом.",
        ("Роберто Манчини", "тренер", None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0] + " " + c[1][1] for c in CASES])
def test_officials(models: Models, text: str, expected: tuple[str, str, str | None, str | None]) -> None:
    assert expected in _officials(models, text)


def test_a_person_without_a_title_is_not_an_official(models: Models) -> None:
    tables = extract(["Dmitry Makhonin visited the plant with Maksim Nakhshunov."], models=models)
    assert tables.officials.empty
    assert {"Dmitry Makhonin", "Maksim Nakhshunov"} <= set(tables.persons.name)


@pytest.mark.parametrize(
    ("text", "reference", "surface", "name"),
    [
        (
            "Perm Krai Governor Dmitry Makhonin opened the forum. Later Makhonin met the workers.",
            "surname",
            "Makhonin",
            "Dmitry Makhonin",
        ),
        (
            "Perm Krai Governor Dmitry Makhonin opened the forum. The governor said the plant would grow.",
            "title",
            "governor",
            "Dmitry Makhonin",
        ),
        (
            "Губернатор Пермского края Дмитрий Махонин открыл форум. Махонину показали новый цех.",
            "surname",
            "Махонину",
            "Дмитрий Махонин",
        ),
        (
            "Губернатор Пермского края Дмитрий Махонин открыл форум. Губернатор отметил рост заказов.",
            "title",
            "Губернатор",
            "Дмитрий Махонин",
        ),
    ],
)
def test_later_references_join_the_person(models: Models, text: str, reference: str, surface: str, name: str) -> None:
    persons = extract([text], models=models).persons
    assert (surface, name, reference) in set(zip(persons.text, persons.name, persons.reference, strict=True))


def test_a_nickname_in_brackets_stays_in_the_name(models: Models) -> None:
    persons = extract(["Бой выиграл Джеймс «Бадди» Мур (James (Buddy) Moore)."], models=models).persons
    assert "James (Buddy) Moore" in set(persons.name)
