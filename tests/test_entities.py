"""The entities stage: names compared across scripts and articles, stable ids, incremental runs, merges."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from pipeline import extract, load
from pipeline.entities import organisation_key, person_key, person_keys, resolve, resolve_tables
from pipeline.entities.organisations import organisation_keys
from pipeline.explore import UnknownEntity, entity
from pipeline.facts.persons import is_first_name
from pipeline.ner.recognise import Models
from pipeline.store import SCHEMAS, Store, tables_from_arrow

SAME_PERSON = [
    ("Дмитрий Махонин", "Dmitry Makhonin"),
    ("Дмитрий Николаевич Махонин", "Dmitry Makhonin"),
    ("Артём Здунов", "Artyom Zdunov"),
    ("Артём Здунов", "Artem Zdunov"),
    ("Алексей Русских", "Aleksei Russkikh"),
    ("Alexei Russkikh", "Alexey Russkikh"),
    ("Александр Новак", "Alexander Novak"),
    ("Игорь Крутой", "Igor Krutoy"),
    ("Igor Krutoi", "Igor Krutoy"),
    ("Дональд Трамп", "Donald Trump"),
    ("Дональд Трамп", "Donald J. Trump"),
    ("Кир Стармер", "Keir Starmer"),
    ("Нэнси Пелоси", "Nancy Pelosi"),
    ("Борис Джонсон", "Boris Johnson"),
    ("Доминик Рааб", "Dominic Raab"),
    ("Хиллари Клинтон", "Hillary Clinton"),
    ("Уильям Бернс", "William Burns"),
    ("Ангела Меркель", "Angela Merkel"),
    ("Ларри Кудлоу", "Larry Kudlow"),
    ("Марк Медоуз", "Mark Meadows"),
    ("Джордж Флойд", "George Floyd"),
    ("Софи Ридж", "Sophy Ridge"),
    ("Кейли Макинани", "Kayleigh McEnany"),
    ("Фрэнк Лэмпард", "Frank Lampard's"),
    ("Сэмюэль Браун", "Capt Samuel Brown"),
    ("Хауи Хокинс", "Howie Hawkins"),
]
OTHER_PERSON = [
    ("Дмитрий Махонин", "Дмитрий Медведев"),
    ("Иван Петров", "Пётр Петров"),
    ("Donald Trump", "Ivanka Trump"),
    ("Александр Новак", "Алексей Новак"),
    ("Борис Джонсон", "Борис Немцов"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON, ids=[f"{a}~{b}" for a, b in SAME_PERSON])
def test_one_person_across_scripts_and_spellings(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(("a", "b"), OTHER_PERSON, ids=[f"{a}!{b}" for a, b in OTHER_PERSON])
def test_two_people_keep_apart(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)


SURNAMES = [
    ("one full name", ["Дмитрий Махонин", "Махонин", "D. Makhonin"],
     {"Махонин": "Дмитрий Махонин", "D. Makhonin": "Дмитрий Махонин"}),
    ("no full name", ["Трамп", "Trump"], {"Трамп": "Трамп", "Trump": "Трамп"}),
    ("two people share it", ["Donald Trump", "Ivanka Trump", "Трамп", "D. Trump"],
     {"Трамп": None, "D. Trump": "Donald Trump"}),
    ("an initial of nobody else", ["Иван Петров", "Пётр Петров", "И. Петров", "А. Петров"],
     {"И. Петров": "Иван Петров", "А. Петров": "А. Петров"}),
]  # fmt: skip


@pytest.mark.parametrize(("names", "expected"), [s[1:] for s in SURNAMES], ids=[s[0] for s in SURNAMES])
def test_a_surname_alone_joins_only_the_one_person_it_can_be(names: list[str], expected: dict[str, str | None]) -> None:
    keys = person_keys(names)
    for partial, full in expected.items():
        assert keys.get(partial) == (keys[full] if full else None), partial


SAME_ORGANISATION = [
    ("«Метафракс Кемикалс»", "Metafrax Chemicals"),
    ("Газпром", "Gazprom"),
    ("министерство промышленности и торговли", "Ministry of Industry and Trade"),
    ("Минпромторг", "Ministry of Industry and Trade"),
    ("правительство Пермского края", "Perm Krai Government"),
    ("Правительство Пермского края", "Government of Perm Krai"),
    ("правительство Республики Мордовия", "Mordovia Government"),
    ("ФБР", "FBI"),
    ("МИД", "Foreign Ministry"),
    ("МИД России", "Russian Foreign Ministry"),
    ("Министерство иностранных дел России", "Foreign Ministry of Russia"),
    ("ООН", "United Nations"),
    ("Минюст", "Justice Department"),
    ("Конгресс", "Congress"),
    ("Премьер-лига", "Premier League"),
    ("White House's", "White House"),
    ("Министерство транспорта", "Department for Transport"),
    ("Центры по контролю и профилактике заболеваний США", "CDC"),
    ("Национальная служба здравоохранения", "NHS"),
    ("Партия зелёных", "Green Party's"),
    ("Федеральная служба по надзору в сфере образования и науки", "Рособрнадзор"),
    ("ЕСПЧ", "European Court of Human Rights"),
    ("Би-би-си", "BBC"),
    ("Си-эн-эн", "CNN"),
    ("НЭСКАР", "NASCAR"),
    ("ВГИК", "вгик"),
    ("Федеральная избирательная комиссия (FEC)", "Federal Election Commission"),
    ("Всемирный боксёрский совет (WBC)", "WBC"),
    ("Национальная народная ассамблея (APN)", "People's National Assembly (APN"),
    ("Ассоциация операторов аэропортов", "Airport Operators Association"),
    ("Группа HSBC", "HSBC Group"),
    ("Бюро расследований Джорджии", "Georgia Bureau of Investigation"),
    ("полиция", "Police"),  # a bare body is the body in general, as Wikidata links it (police)
    ("правительство", "Government"),
    ("кабмин", "правительство"),
]
OTHER_ORGANISATION = [
    ("правительство Пермского края", "правительство Свердловской области"),
    ("Министерство обороны", "Министерство финансов"),
    ("МИД России", "МИД"),
    ("Apple", "Opel"),
    ("Tui", "Tahoe"),
    ("Эй-би-си", "NBC"),
    ("Ассоциация операторов аэропортов", "Ассоциация операторов связи"),
    ("Национальный банк", "Национальная гвардия"),
    ("полиция", "полиция Калифорнии"),
    ("правительство", "правительство Пермского края"),
]


@pytest.mark.parametrize(("a", "b"), SAME_ORGANISATION, ids=[f"{a}~{b}" for a, b in SAME_ORGANISATION])
def test_one_organisation_across_languages(a: str, b: str) -> None:
    assert organisation_key(a) == organisation_key(b)


@pytest.mark.parametrize(("a", "b"), OTHER_ORGANISATION, ids=[f"{a}!{b}" for a, b in OTHER_ORGANISATION])
def test_two_organisations_keep_apart(a: str, b: str) -> None:
    assert organisation_key(a) != organisation_key(b)


# --- the stage over a store ------------------------------------------------------------------------

Rows = dict[str, list[dict[str, Any]]]


def corpus(articles: list[tuple[str, date | None, list[str], list[str]]]) -> Rows:
    """(article id, published, person names, organisation names) → rows of the store's tables."""
    rows: Rows = {"articles": [], "persons": [], "officials": [], "organisations": []}
    for article_id, published, persons, organisations in articles:
        rows["articles"].append({"article_id": article_id, "published": published, "status": "ok"})
        for n, name in enumerate(persons):
            rows["persons"].append({"article_id": article_id, "text": name, "name": name, "start": n, "end": n + 1})
        for n, name in enumerate(organisations):
            rows["organisations"].append({"article_id": article_id, "text": name, "name": name, "start": n})
    if rows["persons"]:
        first = rows["persons"][0]
        rows["officials"].append({**first, "person": first["name"], "position": "губернатор", "text": "губернатор"})
    return rows


def arrow(rows: Rows) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=schema) for name, schema in SCHEMAS.items()}


NEWS = [
    ("a1", date(2024, 3, 1), ["Дмитрий Махонин", "Махонин"], ["«Метафракс Кемикалс»", "правительство Пермского края"]),
    ("a2", date(2024, 3, 2), ["Dmitry Makhonin"], ["Metafrax Chemicals", "Perm Krai Government"]),
    ("a3", date(2024, 3, 5), ["Makhonin", "Артём Здунов"], ["ФБР"]),
    ("a4", None, ["Artyom Zdunov", "Zdunov"], ["FBI"]),
]


def ids_by_name(tables: dict[str, pa.Table]) -> dict[str, str]:
    persons, orgs = tables["persons"].to_pylist(), tables["organisations"].to_pylist()
    return {r["name"]: r["entity_id"] for r in persons + orgs}


def test_names_of_one_entity_share_its_id_and_the_entities_table_counts_them() -> None:
    tables = resolve_tables(arrow(corpus(NEWS)))
    ids = ids_by_name(tables)
    assert ids["Дмитрий Махонин"] == ids["Dmitry Makhonin"] == ids["Makhonin"] == ids["Махонин"]
    assert ids["«Метафракс Кемикалс»"] == ids["Metafrax Chemicals"] != ids["Perm Krai Government"]
    assert ids["Артём Здунов"] != ids["Dmitry Makhonin"]
    entity = next(e for e in tables["entities"].to_pylist() if e["entity_id"] == ids["Makhonin"])
    assert (entity["kind"], entity["name_ru"], entity["name_en"]) == ("person", "Дмитрий Махонин", "Dmitry Makhonin")
    assert (entity["mentions"], entity["articles"]) == (4, 3)
    assert (entity["first_seen"], entity["last_seen"]) == (date(2024, 3, 1), date(2024, 3, 5))
    posts = tables["posts"].to_pylist()
    assert [(p["entity_id"], p["position"], p["articles"]) for p in posts] == [(ids["Makhonin"], "губернатор", 1)]


def test_the_same_inputs_in_any_order_give_the_same_ids() -> None:
    rows = corpus(NEWS)
    expected = ids_by_name(resolve_tables(arrow(rows)))
    for seed in range(3):
        shuffled = {name: random.Random(seed).sample(found, len(found)) for name, found in rows.items()}
        assert ids_by_name(resolve_tables(arrow(shuffled))) == expected


def _write(out: Path, articles: list[tuple[str, date | None, list[str], list[str]]]) -> dict[str, str]:
    with Store(out) as store:
        store.write(arrow(corpus(articles)))
        resolve(store.con)
        store.export()
        rows = store.con.execute(
            "SELECT name, entity_id FROM persons UNION ALL SELECT name, entity_id FROM organisations"
        )
        return dict(rows.fetchall())


def test_an_incremental_run_keeps_the_ids_it_had(tmp_path: Path) -> None:
    first = _write(tmp_path, NEWS[:2])
    after = _write(tmp_path, NEWS[2:])
    assert {name: after[name] for name in first} == first
    assert after["Makhonin"] == first["Dmitry Makhonin"]
    assert _write(tmp_path / "whole", NEWS) == after  # the same as one run over everything


def test_a_merge_is_recorded_so_that_a_saved_id_resolves(tmp_path: Path) -> None:
    first = _write(tmp_path, [("b1", date(2024, 5, 1), ["Махонин"], [])])
    after = _write(tmp_path, [("b0", date(2024, 1, 9), ["Дмитрий Махонин"], [])])  # an older article
    assert after["Махонин"] == after["Дмитрий Махонин"] != first["Махонин"]
    with Store(tmp_path) as store:
        merges = store.con.execute("SELECT old_id, new_id FROM entity_merges").fetchall()
        entities = {row[0] for row in store.con.execute("SELECT entity_id FROM entities").fetchall()}
    assert merges == [(first["Махонин"], after["Махонин"])]
    assert first["Махонин"] not in entities
    assert entity(load(tmp_path), first["Махонин"]).entity.entity_id == after["Махонин"]  # a saved id resolves


def test_within_one_script_a_surname_joins_by_its_letters_not_its_sound() -> None:
    keys = person_keys(["Пан Ги Мун", "Мин", "Доминик Рааб", "Ребби", "Барак Обама", "Обамы"])
    assert keys["Мин"] != keys["Пан Ги Мун"] and keys["Ребби"] != keys["Доминик Рааб"]
    assert keys["Обамы"] == keys["Барак Обама"]  # a case ending is not another letter


@pytest.mark.parametrize("query", ["Makhonin", "Махонин", "dmitry makhonin", "Махонина"], ids=str)
def test_explore_finds_an_entity_by_any_of_its_names(query: str) -> None:
    tables = tables_from_arrow(resolve_tables(arrow(corpus(NEWS))))
    view = entity(tables, query)
    assert view.entity.name_en == "Dmitry Makhonin"
    assert set(view.mentions.name) >= {"Dmitry Makhonin", "Makhonin", "Дмитрий Махонин"}  # both languages
    assert list(view.posts.position) == ["губернатор"]
    assert "Metafrax Chemicals" in set(view.co_mentioned.name_en.dropna())
    assert "Posts:" in str(view) and "губернатор" in str(view)


def test_explore_says_when_no_entity_matches() -> None:
    tables = tables_from_arrow(resolve_tables(arrow(corpus(NEWS))))
    with pytest.raises(UnknownEntity, match="no entity with id or name 'Navalny'"):
        entity(tables, "Navalny")


@pytest.mark.parametrize("name", ["администрация", "Administration"], ids=str)
def test_a_common_noun_without_its_region_is_no_entity(name: str) -> None:
    assert organisation_key(name) is None
    assert organisation_key(name + (" Пермского края" if name[0] in "па" else " of Perm Krai")) is not None


FIRST_NAMES = [
    ("ru", "Премьер-министр Борис Джонсон прилетел в Брюссель. Вечером Бориса встретили коллеги.", "Бориса",
     "Борис Джонсон"),
    ("en", "Prime Minister Boris Johnson flew to Brussels. In the evening Boris met his colleagues.", "Boris",
     "Boris Johnson"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "surface", "full"), FIRST_NAMES, ids=[f[0] for f in FIRST_NAMES])
def test_a_first_name_alone_joins_the_full_name_of_its_article(
    models: Models, language: str, text: str, surface: str, full: str
) -> None:
    persons = extract([text], models=models).persons
    assert (surface, full, "first name") in set(zip(persons.text, persons.name, persons.reference, strict=True))


@pytest.mark.parametrize(("word", "expected"), [("Борис", True), ("Лиза", True), ("Акихито", False), ("Трамп", False)])
def test_a_russian_first_name_is_known_by_its_morphology(word: str, expected: bool) -> None:
    assert is_first_name(word, "ru") is expected


TRANSLATED_NEWS = [
    ("party", "Оппозиция обвинила БДП в подкупе депутатов законодательного собрания Раджастхана.", "БДП",
     "The opposition accused the BJP of bribing members of the Rajasthan assembly.", "BJP"),
    ("sports body", "Всемирный боксёрский совет утвердил новый рейтинг тяжеловесов.", "Всемирный боксёрский совет",
     "The World Boxing Council approved a new heavyweight ranking.", "World Boxing Council"),
    ("news agency", "Об отставке министра сообщает агентство Рейтер.", "Рейтер",
     "The minister has resigned, Reuters reported.", "Reuters"),
    ("country adjective", "Министерство иностранных дел Греции призвало туристов сдать тест.",
     "Министерство иностранных дел Греции",
     "The Greek Ministry of Foreign Affairs urged tourists to take a test.", "Greek Ministry of Foreign Affairs"),
    ("news agency of a country", "Как сообщило ЦТАК, лидер КНДР посетил военный завод.", "ЦТАК",
     "North Korean leader visited a munitions factory, KCNA reported.", "KCNA"),
    ("word of the bag", "Бойцы Особой лодочной службы прошли подготовку в Шотландии.", "Особая лодочная служба",
     "A spokesman for the Special Boat Service declined to comment.", "Special Boat Service"),
    ("agents ~ агентства", "Ассоциация британских туристических агентств призвала помочь отрасли.",
     "Ассоциация британских туристических агентств",
     "The Association of British Travel Agents urged the government to help the industry.",
     "Association of British Travel Agents"),
    ("short name of a court", "Европейский суд признал, что власти нарушили право заявителя на справедливый суд.",
     "Европейский суд",
     "The European Court of Human Rights ruled that the authorities violated the applicant's right to a fair trial.",
     "European Court of Human Rights"),
    ("club named after its city", "Матч Премьер-лиги между «Лестером» и «Челси» завершился вничью.", "Лестер",
     "The Premier League match between Leicester and Chelsea ended in a draw.", "Leicester"),
    ("city spelt otherwise", "Матч Премьер-лиги между «Борнмутом» и «Уотфордом» завершился вничью.", "Борнмут",
     "The Premier League match between Bournemouth and Watford ended in a draw.", "Bournemouth"),
]  # fmt: skip


@pytest.mark.parametrize(("russian", "ru_name", "english", "en_name"), [t[1:] for t in TRANSLATED_NEWS],
                         ids=[t[0] for t in TRANSLATED_NEWS])  # fmt: skip
def test_one_organisation_in_a_russian_article_and_its_translation(
    models: Models, russian: str, ru_name: str, english: str, en_name: str
) -> None:
    found = extract([russian, english], models=models).organisations
    ids = dict(zip(found.name, found.entity_id, strict=True))
    assert ru_name in ids and en_name in ids, list(ids)
    assert ids[ru_name] is not None and ids[ru_name] == ids[en_name]


ACRONYMS = [
    ("across languages", ["Председатель ПКБ заявил, что сборная сыграет в Англии.",
                          "The Pakistan Cricket Board said the team would tour England in August."],
     "ПКБ", "Pakistan Cricket Board", True),
    ("in Russian", ["РЖД объявили о запуске новых поездов в Крым.",
                    "Об этом сообщили в пресс-службе Российских железных дорог."],
     "РЖД", "Российские железные дороги", True),
    ("in English", ["The PTI news agency said the minister had resigned.",
                    "Press Trust of India reported the minister's resignation."],
     "PTI", "Press Trust of India", True),
    ("two names of the initials", ["Руководство ПКБ опровергло слухи.", "The Pakistan Cricket Board met on Monday.",
                                   "The Punjab Cricket Board met on Tuesday."],
     "ПКБ", "Pakistan Cricket Board", False),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "acronym", "full", "same"), [a[1:] for a in ACRONYMS], ids=[a[0] for a in ACRONYMS])
def test_an_acronym_joins_the_one_name_of_the_corpus_it_abbreviates(
    models: Models, texts: list[str], acronym: str, full: str, same: bool
) -> None:
    found = extract(texts, models=models).organisations
    ids = dict(zip(found.name, found.entity_id, strict=True))
    assert acronym in ids and full in ids, list(ids)
    assert (ids[acronym] == ids[full]) is same


TRANSLATED_INITIALS = [
    ("a Russian name spells the English initials", ["SAS", "Особая воздушная служба", "Особой воздушной службы"], True),
    ("and a Latin acronym of its own words", ["НИК", "Национальная избирательная комиссия"], True),
    ("two names of the initials", ["NEC", "Национальная избирательная комиссия", "National Election Committee"], False),
    ("a word without a concept", ["SAS", "Особая лодочная служба"], False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("names", "same"), [t[1:] for t in TRANSLATED_INITIALS], ids=[t[0] for t in TRANSLATED_INITIALS]
)
def test_an_acronym_joins_a_russian_name_by_its_english_initials(names: list[str], same: bool) -> None:
    keys = organisation_keys(names)
    assert (keys[names[0]] == keys[names[1]]) is same, keys
