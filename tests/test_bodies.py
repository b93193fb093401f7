"""Public bodies: common-noun bodies are organisations, and a body is qualified by its place."""

import pytest

from pipeline import extract
from pipeline.ner.recognise import Models

CASES = [
    ("police", "Об этом сообщили в полиции Армении в понедельник.", "полиции Армении", "полиция армении", "government"),
    (
        "court-us",
        "Верховный суд США отклонил иск, а Верховный суд Израиля его принял.",
        "Верховный суд США",
        "верховный суд сша",
        "government",
    ),
    (
        "court-il",
        "Верховный суд США отклонил иск, а Верховный суд Израиля его принял.",
        "Верховный суд Израиля",
        "верховный суд израиля",
        "government",
    ),
    ("government", "Как сообщают СМИ, правительство одобрило проект.", "правительство", "правительство", "government"),
    (
        "sentence-start",
        "Вечером у стадиона начались беспорядки. Полиция задержала 12 человек.",
        "Полиция",
        "полиция",
        "government",
    ),
    (
        "by-country",
        "В Израиле прошли протесты. Верховный суд отклонил жалобу оппозиции, сообщили в Израиле.",
        "Верховный суд",
        "верховный суд il",
        "government",
    ),
]


@pytest.mark.parametrize(("text", "surface", "key", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_public_bodies(models: Models, text: str, surface: str, key: str, kind: str) -> None:
    orgs = extract([text], models=models).organisations
    assert (surface, key, kind) in set(zip(orgs.text, orgs.org_key, orgs.kind, strict=True))


def test_the_media_are_no_organisation(models: Models) -> None:
    orgs = extract(["Как сообщают СМИ, правительство одобрило проект."], models=models).organisations
    assert "СМИ" not in set(orgs.text)


NAMED_BY_PHRASE = [
    ("place after «по»", "О находке сообщила полиция по охране природных ресурсов Флориды.",
     "полиция по охране природных ресурсов Флориды"),
    ("no place after «по»", "Сотрудники полиции по делу о краже задержали двоих.", "полиции"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surface"), [c[1:] for c in NAMED_BY_PHRASE], ids=[c[0] for c in NAMED_BY_PHRASE])
def test_a_body_named_by_a_phrase_and_its_place_is_one_name(models: Models, text: str, surface: str) -> None:
    assert surface in set(extract([text], models=models).organisations.text)


# Two articles each: a bare body named again in another article is the one body in general, as
# Wikidata links a bare «полиция» to police; written with its place, the body of that place.
ACROSS_ARTICLES = [
    ("police of two countries", ["В Торонто полиция задержала подозреваемого в нападении.",
                                 "В Лиме полиция разогнала демонстрацию у здания конгресса."],
     "полиция", "полиция", True),
    ("police of one country", ["Полиция Калифорнии задержала подозреваемого. Позже полиция его отпустила.",
                               "Полиция Калифорнии начала проверку, сообщила полиция в пятницу."],
     "полиция Калифорнии", "полиция Калифорнии", True),
    ("bare police and a named one", ["Полиция Калифорнии задержала подозреваемого. Позже полиция его отпустила.",
                                     "В Лиме полиция разогнала демонстрацию."],
     "полиция", "полиция", True),
    ("named police of two states", ["Полиция Калифорнии задержала подозреваемого в пятницу.",
                                    "Полиция Техаса задержала подозреваемого в субботу."],
     "полиция Калифорнии", "полиция Техаса", False),
    ("interior ministry", ["В МВД России заявили, что проверка продолжается. В МВД уточнили сроки.",
                           "Глава МВД Белоруссии подал в отставку. В МВД это подтвердили."],
     "МВД", "МВД", True),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "first", "second", "same"), [c[1:] for c in ACROSS_ARTICLES],
                         ids=[c[0] for c in ACROSS_ARTICLES])  # fmt: skip
def test_a_bare_body_is_one_entity_across_articles(
    models: Models, texts: list[str], first: str, second: str, same: bool
) -> None:
    tables = extract(texts, models=models)
    orgs = tables.organisations.merge(tables.articles[["article_id", "source"]], on="article_id")
    ids = [dict(zip(part.name, part.entity_id, strict=True)) for _, part in orgs.groupby("source", sort=True)]
    assert first in ids[0] and second in ids[1], ids
    assert (ids[0][first] == ids[1][second]) is same


ENGLISH_BODIES = [
    ("after the", "The police detained two men near the stadium.", "police", True),
    ("alone", "Police said the driver had fled the scene.", "Police", True),
    ("possessive", "Kenya's police watchdog has opened an inquiry.", "police", False),
    ("after an adjective", "The federal government will extend the benefits.", "government", True),
    ("a government", "The prime minister has a month to form a government.", "government", True),
    ("compound", "A police officer was injured in the clashes.", "police", False),
    ("hyphenated", "The government-backed loans reached small firms.", "government", False),
    ("after a name", "The Chinese government denied the report.", "government", False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surface", "found"), [c[1:] for c in ENGLISH_BODIES],
                         ids=[c[0] for c in ENGLISH_BODIES])  # fmt: skip
def test_an_english_body_is_found_outside_compounds_and_names(
    models: Models, text: str, surface: str, found: bool
) -> None:
    assert (surface in set(extract([text], models=models).organisations.text)) is found


def test_a_bare_body_is_one_entity_in_a_russian_article_and_its_translation(models: Models) -> None:
    texts = ["Полиция задержала двоих мужчин, сообщило правительство.",
             "The police detained two men, the government said."]  # fmt: skip
    orgs = extract(texts, models=models).organisations
    ids = dict(zip(orgs.name, orgs.entity_id, strict=True))
    assert ids["полиция"] == ids["police"] and ids["правительство"] == ids["government"], ids


@pytest.mark.parametrize(("name", "name_ru", "name_en"), [("полиция", "полиция", "Police"),
                                                          ("правительство", "правительство", "Government")],
                         ids=["police", "government"])  # fmt: skip
def test_a_bare_body_is_named_by_the_glossary_in_english(models: Models, name: str, name_ru: str, name_en: str) -> None:
    texts = ["Полиция задержала двоих мужчин, сообщило правительство.",
             "The police detained two men, the government said."]  # fmt: skip
    tables = extract(texts, models=models)
    found = dict(zip(tables.organisations.name, tables.organisations.entity_id, strict=True))[name]
    entity = tables.entities.set_index("entity_id").loc[found]
    assert (entity.name_ru, entity.name_en) == (name_ru, name_en)


AFFILIATIONS = [
    ("police", "Полиция Флориды начала расследование. Как заявил начальник полиции Джон Смит, подозреваемый задержан.",
     "Джон Смит", "полиция Флориды"),
    ("interior ministry", "МВД Белоруссии сообщило о проверке. Замглавы МВД Игорь Зубов заявил, что проверка идёт.",
     "Игорь Зубов", "МВД Белоруссии"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "person", "affiliation"), [c[1:] for c in AFFILIATIONS],
                         ids=[c[0] for c in AFFILIATIONS])  # fmt: skip
def test_an_officials_bare_body_is_the_one_of_the_article(
    models: Models, text: str, person: str, affiliation: str
) -> None:
    officials = extract([text], models=models).officials
    assert (person, affiliation) in set(zip(officials.person, officials.affiliation, strict=True))
