from datetime import date

import pytest

from pipeline.clean import clean, normalise_text
from pipeline.read import read
from pipeline.records import Article, Page, Skip
from pipeline.settings import CleanSettings

from .conftest import RAW, SAMPLES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a  b\t c", "a b c", id="spaces collapse"),
        pytest.param("Lead.\n\n\nBody.\nLead.", "Lead.\nBody.", id="repeated paragraph dropped"),
        pytest.param("The Governor said.\nthe governor  said.", "The Governor said.", id="case and spacing folded"),
        pytest.param("\u00a0x\u00a0y\u00a0", "x y", id="no-break spaces"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_the_metafrax_lead_appears_once() -> None:
    [article] = clean(read([SAMPLES / "en_metafrax_roadmap.txt"]))
    assert isinstance(article, Article)
    assert article.text.count("The signing of the roadmap for cooperation") == 1


def test_html_page_gives_text_and_metadata() -> None:
    [article] = clean(read([RAW / "html" / "en_kremlin_volgograd_bocharov_2016.html"]))
    assert isinstance(article, Article)
    assert article.title == "Working meeting with Volgograd Region Governor Andrei Bocharov"
    assert article.published == date(2016, 2, 9)
    assert article.url == "http://en.kremlin.ru/events/president/news/51283"
    assert "17.5 billion rubles" in article.text
    assert "Related news" not in article.text
    assert article.extractor.startswith("trafilatura ")


def test_windows_1251_page_is_decoded_and_cleaned() -> None:
    [article] = clean(read([RAW / "html" / "ru_ulyanovsk_mordovia_cp1251.html"]))
    assert isinstance(article, Article)
    assert "Глава Республики Мордовия Артём Здунов" in article.text
    assert article.site == "Новости Ульяновска 73"
    assert "Читайте также" not in article.text


def test_a_page_without_main_text_is_a_skip() -> None:
    page = Page("id", "empty.html", "html", "<html><head><title>Nothing</title></head><body></body></html>")
    [item] = clean([page], CleanSettings())
    assert isinstance(item, Skip)
    assert item.stage == "clean" and item.reason == "no main text found in HTML"
