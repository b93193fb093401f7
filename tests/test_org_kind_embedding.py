"""Organisation kinds no word tells, from the well-known names a name lies closest to in the news embedding."""

import pytest

from pipeline import extract
from pipeline.facts.organisations import org_kind
from pipeline.knowledge.embedding import cyrillic, embedding_kind, seeds
from pipeline.ner.recognise import Models

# bare names with no cue word, no legal form and no inner capital; none of them is a seed
NAMES = [
    ("Lenovo", "company"),
    ("Xiaomi", "company"),
    ("Daimler", "company"),
    ("Nintendo", "company"),
    ("Alstom", "company"),
    ("Мечел", "company"),
    ("Handelsblatt", "media"),
    ("Axios", "media"),
    ("Engadget", "media"),
    ("ФСКН", "government"),
    ("АТЭС", "government"),
    ("Йель", "education"),
    # a Latin name the embedding holds in Cyrillic letters only
    ("Mossad", "government"),
    ("Taliban", "other"),
    # made-up names, and a place's name (a team, most often): nothing to tell
    ("Zorblaxian", "other"),
    ("Квиртонакс", "other"),
    ("Frobnitz Qwel", "other"),
    ("Leicester", "other"),
]


@pytest.mark.parametrize(("name", "kind"), NAMES)
def test_a_bare_name_takes_its_neighbours_kind(name: str, kind: str) -> None:
    assert org_kind(name, None) == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Акции Xiaomi подорожали на 4% на торгах в Гонконге.", "Xiaomi", "company"),
        ("Lenovo shipped more laptops than anyone else in the third quarter.", "Lenovo", "company"),
        ("Об этом в четверг написала Handelsblatt со ссылкой на источники.", "Handelsblatt", "media"),
    ],
)
def test_a_bare_brand_in_a_sentence(models: Models, text: str, name: str, kind: str) -> None:
    orgs = extract([text], models=models).organisations
    assert (name, kind) in set(zip(orgs.name, orgs.kind, strict=True))


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Moscow State Pedagogical University", "education"), ("Newcastle United", "other"), ("DoorDash", "company")],
)
def test_the_words_decide_before_the_embedding(name: str, kind: str) -> None:
    assert org_kind(name, None) == kind


@pytest.mark.parametrize(("name", "kind"), [("Lenovo", "company"), ("Zorblaxian", None)])
def test_embedding_kind(name: str, kind: str | None) -> None:
    assert embedding_kind(name) == kind


@pytest.mark.parametrize(
    ("word", "spelled"), [("pentagon", "пентагон"), ("hamas", "хамас"), ("kremlin", "кремлин"), ("chelsea", "челсеа")]
)
def test_cyrillic(word: str, spelled: str) -> None:
    assert cyrillic(word) == spelled


def test_every_kind_has_seeds() -> None:
    assert set(seeds().kinds) == {"company", "government", "media", "education", "other"}
