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
