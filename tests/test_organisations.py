"""Organisations: canonical names, legal forms, kinds, short forms and aliases (real models)."""

import pytest

from pipeline import extract
from pipeline.facts.notorgs import without_non_organisations
from pipeline.facts.organisations import bracket_aliases, canonical, org_key, org_kind
from pipeline.ner.recognise import Models
from pipeline.ner.russian import analyse_russian
from pipeline.records import Article, Label, Mention, Token


@pytest.mark.parametrize(
    ("normal", "name", "legal_form"),
    [
        ("JSC Metafrax Chemicals", "Metafrax Chemicals", "JSC"),
        ("the Government of the Perm Territory", "Government of the Perm Territory", None),
        ("АО «Орбита»", "«Орбита»", "АО"),
        ("УК «РМ Рейл", "«РМ Рейл»", "УК"),
        ("ПАО «Газпром нефть»", "«Газпром нефть»", "ПАО"),
        ('"Ruschem Holding"', "Ruschem Holding", None),
        ("Metafrax LLC", "Metafrax", "LLC"),
        ("ФГУП «Почта России»", "«Почта России»", "ФГУП"),
    ],
)
def test_canonical_name_and_legal_form(normal: str, name: str, legal_form: str | None) -> None:
    assert canonical(normal) == (name, legal_form)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("«Орбита»", "Орбита"),
        ("Metafrax Chemicals", "METAFRAX CHEMICALS"),
        ("Артёмовский завод", "Артемовский завод"),
    ],
)
def test_org_key_folds_case_quotes_and_yo(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


@pytest.mark.parametrize(
    ("name", "legal_form", "kind"),
    [
        ("Government of the Perm Territory", None, "government"),
        ("Ministry of Industry and Trade", None, "government"),
        ("Министерство промышленности", None, "government"),
        ("Federal Road Transport Agency", None, "government"),
        ("Metafrax Chemicals", "JSC", "company"),
        ("Ruschem Holding", None, "company"),
        ("Саранский приборостроительный завод", None, "company"),
        ("Новости Ульяновска 73", None, "media"),
        ("BelTA", None, "media"),
        ("Perm State University", None, "education"),
        ("Центр развития промышленности", None, "other"),
    ],
)
def test_kind(name: str, legal_form: str | None, kind: str) -> None:
    assert org_kind(name, legal_form) == kind


def _orgs(models: Models, text: str) -> set[tuple[str, str]]:
    orgs = extract([text], models=models).organisations
    return set(zip(orgs.text, orgs.name, strict=True))


def test_short_form_joins_the_full_name(models: Models) -> None:
    text = (
        "JSC Metafrax Chemicals signed a roadmap with the region. Metafrax will buy more from local firms, "
        "Metafrax said."
    )
    assert ("Metafrax", "Metafrax Chemicals") in _orgs(models, text)


def test_bracketed_alias_joins_the_full_name(models: Models) -> None:
    text = (
        "Customers include The Federal Road Transport Agency (Rosavtodor), which got a list of suppliers. "
        "The executive team of Rosavtodor plans a visit."
    )
    found = _orgs(models, text)
    assert ("Rosavtodor", "Federal Road Transport Agency") in found
    assert ("Federal Road Transport Agency", "Federal Road Transport Agency") in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ruschem Holding is actively integrated into the industrial policy of the state.", "Ruschem Holding"),
        ("The news was reported by BelTA on Monday.", "BelTA"),
        (
            "Встреча прошла в Центре развития промышленности Ульяновской области.",
            "Центр развития промышленности Ульяновской области",
        ),
        ("Представители Министерства промышленности приехали в Пермь.", "Министерство промышленности"),
    ],
)
def test_mislabelled_and_inflected_names(models: Models, text: str, name: str) -> None:
    assert name in {n for _, n in _orgs(models, text)}


def test_a_region_is_not_an_organisation(models: Models) -> None:
    tables = extract(["Vladimir Putin met the Volgograd Region Governor Andrei Bocharov."], models=models)
    assert "Volgograd Region" not in set(tables.organisations.name)
    assert "RU-VGG" in set(tables.regions.code)


def _orgs_in(text: str, *names: str) -> list[Mention]:
    found = [Mention(Label.ORG, n, text.index(n), text.index(n) + len(n), n, "ORG") for n in names]
    return sorted(found, key=lambda m: m.start)


@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        ("The Federal Road Transport Agency (Rosavtodor) said", {"Rosavtodor": "Federal Road Transport Agency"}),
        ("The Federal Road Transport Agency ( Rosavtodor ) said", {}),  # the name must end at ")"
        ("The Federal Road Transport Agency (  Rosavtodor) said", {"Rosavtodor": "Federal Road Transport Agency"}),
        ("The Federal Road Transport Agency(Rosavtodor) said", {"Rosavtodor": "Federal Road Transport Agency"}),
        ("The Federal Road Transport Agency and (Rosavtodor) said", {}),
        ("The Federal Road Transport Agency (the Rosavtodor) said", {}),
    ],
    ids=["plain", "space-before-close", "spaces-after-open", "no-space", "words-between", "inner-words-first"],
)
def test_bracket_aliases(text: str, aliases: dict[str, str]) -> None:
    mentions = _orgs_in(text, "Federal Road Transport Agency", "Rosavtodor")
    assert bracket_aliases(mentions, mentions, text) == aliases


def _tokens(models: Models, text: str) -> tuple[Token, ...]:
    [analysis] = analyse_russian(models.russian, [Article("id", "src", text, language="ru")])
    return analysis.tokens


@pytest.mark.parametrize(
    ("text", "name", "organisation"),
    [
        pytest.param("Фестиваль пройдёт в кинотеатрах «Заря», «Прогресс» и «Ракета».", "Прогресс", False, id="listed"),
        pytest.param("Зрители увидят такие картины, как «Весна» и «Кубанские казаки».", "Весна", False, id="such-as"),
        pytest.param("Удобрение продают под торговой маркой «Колос».", "Колос", False, id="brand"),
        pytest.param("На пограничной заставе «Кордон» сменился наряд.", "Кордон", False, id="post"),
        pytest.param("Контракт подписала компания «Колос».", "Колос", True, id="company-kept"),
        pytest.param("Министр написал в Twitter, что встреча состоится.", "Twitter", False, id="posted-in"),
        pytest.param("Певица рассказала об этом в своём Инстаграме.", "Инстаграм", False, id="posted-in-own"),
        pytest.param("Twitter удалил аккаунт депутата.", "Twitter", True, id="platform-acting"),
        pytest.param("Депутат заболел COVID-19 в марте.", "COVID-19", False, id="disease"),
        pytest.param("Певица получила премию Grammy за альбом.", "Grammy", False, id="latin-unquoted"),
        pytest.param("Контракт подписала компания Siemens.", "Siemens", True, id="latin-company-kept"),
    ],
)
def test_names_of_no_organisation(models: Models, text: str, name: str, organisation: bool) -> None:
    """`name` starts the ORG mention (its normal form); the mention runs to the end of its word."""
    start = text.index(name)
    end = next(i for i in range(start, len(text) + 1) if i == len(text) or not (text[i].isalnum() or text[i] == "-"))
    mention = Mention(Label.ORG, text[start:end], start, end, name, "ORG")
    [found] = without_non_organisations([mention], _tokens(models, text), text)
    assert (found.label == Label.ORG) is organisation


@pytest.mark.parametrize(
    ("text", "span", "organisation"),
    [
        pytest.param("Концерт пройдёт в Доме культуры железнодорожников.", "Доме культуры", False, id="дом-культуры"),
        pytest.param("Огонь подошёл к Чернобыльской АЭС.", "Чернобыльской АЭС", False, id="аэс"),
        pytest.param("Матч сыграют на «Газпром-арене».", "Газпром-арене", False, id="арена"),
        pytest.param("Решение принял совет директоров «Газпрома».", "Газпрома", True, id="company-kept"),
    ],
)
def test_facilities_are_no_organisation(models: Models, text: str, span: str, organisation: bool) -> None:
    start = text.index(span)
    mention = Mention(Label.ORG, span, start, start + len(span), span, "ORG")
    [found] = without_non_organisations([mention], _tokens(models, text), text)
    assert (found.label == Label.ORG) is organisation
