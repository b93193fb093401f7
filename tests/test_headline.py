"""The headline is text too: its entities, places, dates and amounts are rows with part = title."""

import pandas as pd
import pytest

from pipeline.ner.recognise import Models
from pipeline.run import extract
from pipeline.settings import Settings
from pipeline.store import Tables

ARTICLES = [
    {
        "title": "A visit",
        "text": "Perm Krai Governor Dmitry Makhonin visited the chemical plant in Gubakha on Monday.",
        "language": "en",
    },
    {
        "title": "Boeing wins $9 billion order from Emirates",
        "text": "The airline said on Tuesday it would buy 30 jets. The deal was signed in Dubai.",
        "published": "2023-11-10",
        "language": "en",
    },
    {
        "title": "Владимир Путин посетил Пермский край в пятницу",
        "text": "Глава государства провел совещание с губернатором. На развитие региона выделят 5 млрд рублей.",
        "published": "2023-11-10",
        "language": "ru",
    },
]

# (article, table, column, value): a fact that only the headline states, found with part = title
TITLE_FACTS = [
    pytest.param(1, "amounts", "text", "$9 billion", id="en money in the title"),
    pytest.param(1, "organisations", "name", "Boeing", id="en organisation in the title"),
    pytest.param(2, "persons", "name", "Владимир Путин", id="ru person in the title"),
    pytest.param(2, "regions", "code", "RU-PER", id="ru region in the title"),
    pytest.param(2, "dates", "value", pd.Timestamp(2023, 11, 10), id="ru weekday in the title"),
]


@pytest.fixture(scope="module")
def tables(models: Models, settings: Settings) -> Tables:
    return extract(ARTICLES, models=models, settings=settings)


def _rows(tables: Tables, name: str, article: int) -> pd.DataFrame:
    frame = tables[name]
    article_id = tables.articles.article_id.iloc[article]
    return frame[frame.article_id == article_id]


@pytest.mark.parametrize(("article", "name", "column", "value"), TITLE_FACTS)
def test_the_title_is_read(tables: Tables, article: int, name: str, column: str, value: object) -> None:
    rows = _rows(tables, name, article)
    title_rows = rows[rows.part == "title"]
    assert value in list(title_rows[column]), title_rows
    assert value not in list(rows[rows.part == "text"][column])


@pytest.mark.parametrize("name", ["organisations", "persons", "regions", "dates", "amounts"])
def test_spans_point_into_their_part(tables: Tables, name: str) -> None:
    """Text rows keep their offsets into articles.text; title rows have theirs into articles.title."""
    sources = tables.articles.set_index("article_id")
    for row in tables[name].itertuples():
        source = sources.loc[row.article_id, "title" if row.part == "title" else "text"]
        assert source[row.start : row.end] == row.text, row
    assert set(tables[name].part) <= {"text", "title"}


def test_text_rows_are_the_same_with_or_without_a_title(models: Models, settings: Settings) -> None:
    """The title is read apart: a headline never changes how the text is read ("A visit" before
    "Perm Krai Governor Dmitry Makhonin …" once made spaCy tag the title words a person)."""
    untitled = extract([{**a, "title": None} for a in ARTICLES], models=models, settings=settings)
    with_title = extract(ARTICLES, models=models, settings=settings)
    for name in ("organisations", "officials", "persons", "regions", "dates", "amounts"):
        keep = ["text", "start", "end"] if name != "officials" else ["person", "position", "start", "end"]
        text_rows = with_title[name][with_title[name].part == "text"][keep].reset_index(drop=True)
        assert text_rows.equals(untitled[name][keep].reset_index(drop=True)), name
    assert (untitled.amounts.part == "text").all()
