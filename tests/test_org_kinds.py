"""Organisation kinds from the words of their names, on names as news write them."""

import pytest

from pipeline import extract
from pipeline.facts.organisations import org_kind
from pipeline.ner.recognise import Models

CASES = [
    ("rosneft", "Компания Роснефть увеличила добычу нефти.", "Роснефть", "company"),
    ("boeing", "Boeing delivered fewer planes in March, the company said.", "Boeing", "company"),
    ("club", "Футбольный клуб «Крылья Советов» обыграл соперника.", "Крылья Советов", "other"),
    ("nadzor", "Роскомнадзор заблокировал сайт в понедельник.", "Роскомнадзор", "government"),
    ("duma", "Законопроект внесли в Госдуму в среду.", "Госдума", "government"),
    ("channel", "Об этом сообщил Первый канал.", "Первый канал", "media"),
    ("navy", "Корабль ВМС США вошёл в Чёрное море во вторник.", "ВМС США", "government"),
    ("site", "Об этом сообщает казахстанский портал BNews.kz.", "BNews.kz", "media"),
]


@pytest.mark.parametrize(("text", "name", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_org_kind(models: Models, text: str, name: str, kind: str) -> None:
    orgs = extract([text], models=models).organisations
    assert (name, kind) in set(zip(orgs.name, orgs.kind, strict=True))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Цзяннаньская судоверфь", "company"),
        ("Хорошевский суд Москвы", "government"),
        ("МГУ", "education"),
        ("Central Bank of Nigeria", "government"),
        ("Вооружённые силы Украины", "government"),
        ("Королевские ВВС", "government"),
        ("Royal Navy", "government"),
        ("МАГАТЭ", "government"),
        ("КГБ", "government"),
        ("Lenta.ru", "media"),
        ("ОВД-Инфо", "media"),
        ("НТВ", "media"),
        ("Армения", "other"),
        ("Госсовет Китая", "government"),
        ("Комсомольская правда", "media"),
        ("Металлоинвест", "company"),
        ("Северсталь", "company"),
        ("Киностудия имени Горького", "company"),
    ],
    ids=[
        "shipyard-not-court",
        "court",
        "acronym",
        "central-bank",
        "armed-forces",
        "air-force",
        "navy",
        "intergovernmental",
        "security-service",
        "site-address",
        "info-project",
        "tv-acronym",
        "army-stem-not-armenia",
        "council-inside-a-word",
        "pravda",
        "invest-inside-a-word",
        "steel-inside-a-word",
        "film-studio",
    ],
)
def test_kind_of_a_name(name: str, kind: str) -> None:
    assert org_kind(name, None) == kind
