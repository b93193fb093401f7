import os
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import justext
import lxml.html
import pytest

from pipeline.clean.boilerplate import BoilerplateModel
from pipeline.clean.extract import clean, clean_page, markers, normalise_text
from pipeline.clean.htmltree import flatten_deep
from pipeline.clean.postfilter import (
    classified_paragraphs,
    cut_tail,
    script_language,
    second_opinion,
    stoplist,
    vote,
    with_siblings,
)
from pipeline.quality.text import GoldPage, half, page_site
from pipeline.read.decode import decode
from pipeline.read.files import read
from pipeline.records import Article, Page, Skip
from pipeline.settings import CleanSettings

from .conftest import FIXTURES, RAW, SAMPLES


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


CLEAN = FIXTURES / "clean"


def _html_page(name: str, url: str | None = None) -> Page:
    return Page(name, name, "html", (CLEAN / name).read_bytes(), url=url)


def test_comment_threads_and_counters_are_dropped() -> None:
    article = clean_page(_html_page("comments.html"), CleanSettings())
    assert isinstance(article, Article)
    assert article.text.startswith("Биологи из Томского университета")
    assert "Вася" not in article.text and "Петя" not in article.text
    options = "favor_precision+include_tables+strip_comments"
    vote_step = f"vote(justext {version('justext')}+siblings)"
    assert article.extractor == f"trafilatura {version('trafilatura')} {options}+{vote_step}+postfilter"


def test_site_model_removes_template_and_is_named() -> None:
    pages = [(CLEAN / n).read_text(encoding="utf-8") for n in ("site_a.html", "site_b.html")]
    site = BoilerplateModel.learn("news.example", pages)
    [article] = clean([_html_page("site_a.html", "http://news.example/1")], CleanSettings(), {"news.example": site})
    assert isinstance(article, Article)
    assert "800 миллионов рублей" in article.text
    assert "Подпишитесь" not in article.text
    assert article.extractor.endswith("+boilerplate(news.example)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A long first paragraph of the article.\nКомментарии (3)\nВася: ура",
            "A long first paragraph of the article.",
            id="comments heading ends the text",
        ),
        pytest.param(
            "Читайте также\nA long first paragraph of the article.",
            "Читайте также\nA long first paragraph of the article.",
            id="early box kept",
        ),
        pytest.param(
            "Губернатор подписал указ о поддержке предприятий области.\nПо данным минэкономразвития, "
            "в программу вошли 25 проектов.\nЧитайте также\nЦены на бензин не вырастут",
            "Губернатор подписал указ о поддержке предприятий области.\nПо данным минэкономразвития, "
            "в программу вошли 25 проектов.",
            id="read-also heading ends the text",
        ),
        pytest.param(
            "Губернатор подписал указ о поддержке предприятий области.\n"
            "© 2023 Новости Ульяновска 73. Перепечатка запрещена.",
            "Губернатор подписал указ о поддержке предприятий области.",
            id="legal footer ends the text",
        ),
        pytest.param(
            "Губернатор подписал указ.\nКомментарии экспертов к указу губернатора, опубликованные вчера на сайте "
            "правительства области, показали, что бизнес ждал этих мер.",
            "Губернатор подписал указ.\nКомментарии экспертов к указу губернатора, опубликованные вчера на сайте "
            "правительства области, показали, что бизнес ждал этих мер.",
            id="a long line is not a heading",
        ),
        pytest.param("Фото: Иван Петров\nBody text.", "Фото: Иван Петров\nBody text.", id="other lines kept"),
    ],
)
def test_cut_tail(text: str, expected: str) -> None:
    assert cut_tail(text, markers(CleanSettings()), 0.3, 100) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Губернатор сказал", "ru", id="cyrillic"),
        pytest.param("The governor said", "en", id="latin"),
        pytest.param("2011", "en", id="no letters"),
    ],
)
def test_script_language(text: str, language: str) -> None:
    assert script_language(text) == language


@pytest.mark.parametrize(
    ("text", "other", "expected"),
    [
        pytest.param("article line one\nmenu home news", "article line one two", "article line one", id="lines"),
        pytest.param("article line one", "", "article line one", id="no second opinion: text whole"),
        pytest.param("menu home news", "article line one", "menu home news", id="nothing would be left: text whole"),
        pytest.param(
            "| 28.11.2011 \\| 09:15 article line | menu home |",
            "28 11 2011 09 15 article line",
            "| 28.11.2011 \\| 09:15 article line | menu home |",
            id="a table row is a line like any other",
        ),
        pytest.param("a | b | article line one", "article line one", "a | b | article line one", id="bars in prose"),
        pytest.param(
            "28.11.11 16:58 В Пскове вложат 210 млн рублей. Губернатор подписал указ. Новости партнёров Реклама",
            "в пскове вложат 210 млн рублей губернатор подписал указ",
            "28.11.11 16:58 В Пскове вложат 210 млн рублей. Губернатор подписал указ.",
            id="sentences judged one by one",
        ),
        pytest.param(
            "Губернатор подписал указ! «Это важно», сказал он.",
            "губернатор подписал указ это важно сказал он",
            "Губернатор подписал указ! «Это важно», сказал он.",
            id="a line kept whole is unchanged",
        ),
    ],
)
def test_vote(text: str, other: str, expected: str) -> None:
    assert vote(text, other, 0.5) == expected


_LEAD = (
    "Перспективы взаимодействия предприятий двух регионов Губернатор Алексей Русских и Глава Республики "
    "Мордовия Артём Здунов обсудили на заседании тематического круглого стола, который прошёл в Центре "
    "развития промышленности Ульяновской области 9 ноября."
)
_BODY = (
    "На сегодняшний день у представителей бизнеса двух регионов имеется определённая заинтересованность, "
    "установлены тесные связи между многими, в том числе крупными компаниями. В частности, выстраиваются "
    "отношения по линии металлообработки, кооперации в инструменте, оснастке."
)
SIBLINGS = {
    "names and figures": "АО «Резинотехника», АО «Орбита», Саранский приборостроительный завод, УК «РМ Рейл»: "
    "25 проектов, 30 предприятий, 9 ноября 2023 года.",
    "links": 'Металлообработка, <a href="/a">оснастка и инструмент</a>, <a href="/b">комплектующие вагонов '
    "и нефтехимическое оборудование</a>.",
    "short": "Короткая строка без ссылок.",
    "another element": "Курс доллара 91,2 рубля, евро 99,8 рубля; погода в Ульяновске: минус 5 градусов, "
    "ветер северный 3 м/с.",
}
SIBLINGS_PAGE = (
    f"<html><body><div><p>{_LEAD}</p><p>{SIBLINGS['names and figures']}</p><p>{_BODY}</p>"
    + "".join(f"<p>{SIBLINGS[k]}</p>" for k in ("links", "short"))
    + f"</div><div><p>{SIBLINGS['another element']}</p></div></body></html>"
)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        pytest.param("names and figures", True, id="prose beside good paragraphs"),
        pytest.param("links", False, id="mostly links"),
        pytest.param("short", False, id="too short to judge"),
        pytest.param("another element", False, id="outside the article's element"),
    ],
)
def test_siblings_of_good_paragraphs(name: str, kept: bool) -> None:
    paragraphs = classified_paragraphs(SIBLINGS_PAGE, "ru")
    text = lxml.html.fromstring(SIBLINGS[name]).text_content()
    [paragraph] = [p for p in paragraphs if p.text == text]
    assert paragraph.is_boilerplate  # jusText alone drops every one of them
    assert (paragraph in with_siblings(paragraphs, 0.3)) is kept
    assert (text in second_opinion(SIBLINGS_PAGE, "ru", 0.3).splitlines()) is kept
    assert text not in second_opinion(SIBLINGS_PAGE, "ru").splitlines()


def test_siblings_keep_every_good_paragraph() -> None:
    paragraphs = classified_paragraphs(SIBLINGS_PAGE, "ru")
    good = [p for p in paragraphs if not p.is_boilerplate]
    assert [p.text for p in good] == [_LEAD, _BODY]
    assert [p for p in with_siblings(paragraphs, 0.0) if not p.is_boilerplate] == good


PAGES = sorted([*(FIXTURES / "clean").glob("*.html"), *(RAW / "html").glob("*.html")])


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_paragraphs_and_classes_are_justexts(page: Path, language: str) -> None:
    html, _ = decode(page.read_bytes())
    fields = ("text", "dom_path", "xpath", "cf_class", "class_type", "chars_count_in_links", "tags_count")
    expected = [
        tuple(getattr(p, f) for f in fields)
        for p in justext.justext(html.encode("utf-8"), stoplist(language), encoding="utf-8")
    ]
    assert (
        expected and [tuple(getattr(p, f) for f in fields) for p in classified_paragraphs(html, language)] == expected
    )


def _gold(page_id: str, url: str | None) -> GoldPage:
    return GoldPage(page_id, url, "ru", "<html></html>", "")


@pytest.mark.parametrize(
    ("page", "site"),
    [
        pytest.param(_gold("a1", "https://news.argumenti.ru/health/2011/11/1"), "argumenti.ru", id="subdomain"),
        pytest.param(_gold("a2", "http://www.argumenti.ru/x"), "argumenti.ru", id="www"),
        pytest.param(_gold("a3", "http://ufa.kp.ru/daily/1"), "kp.ru", id="regional edition"),
        pytest.param(_gold("a4", "http://ukrkonditer.kiev.ua/n/1"), "ukrkonditer.kiev.ua", id="public suffix"),
        pytest.param(_gold("20111128_www.regnum.ru_0a1b2c", None), "regnum.ru", id="host in a DAnIEL id"),
    ],
)
def test_page_site(page: GoldPage, site: str) -> None:
    assert page_site(page) == site


def test_halves_split_by_site_and_stay_put() -> None:
    sites = ["argumenti.ru", "regnum.ru", "kp.ru", "ria.ru", "rbc.ru", "gazeta.ru", "lenta.ru", "tass.ru"]
    assert {half(s) for s in sites} == {"A", "B"}
    assert half(page_site(_gold("a", "http://news.argumenti.ru/1"))) == half(
        page_site(_gold("b", "http://argumenti.ru/2"))
    )
    code = f"from pipeline.quality.text import half; print(''.join(half(s) for s in {sites!r}))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {"".join(half(s) for s in sites) + "\n"}


@pytest.mark.parametrize(
    ("html", "limit", "expected"),
    [
        # shallow markup comes back as it is
        ("<div><p>Council vote</p></div>", 3, "<div><p>Council vote</p></div>"),
        # wrappers past the limit lose their tags, their text stays; the paragraph keeps its tags
        (
            "<div><div><div><span>Budget <b>approved</b></span></div></div></div><p>x</p>",
            2,
            "<div><div>Budget <b>approved</b></div></div><p>x</p>",
        ),
        # an unclosed <b> inside: the wrapper's closing tag is still found below it
        (
            "<div><div><span><b>Minister</span></div></div><i>a</i><i>b</i>",
            2,
            "<div><div><b>Minister</div></div><i>a</i><i>b</i>",
        ),
        # void and self-closed tags open nothing
        (
            "<div><br><img src=x><hr/><div><span>Mayor</span></div></div><p>y</p>",
            1,
            "<div><br><img src=x><hr/>Mayor</div><p>y</p>",
        ),
        # a stray closing tag closes nothing
        ("</section><div><div><span>Port</span></div></div><p>z</p>", 1, "</section><div>Port</div><p>z</p>"),
    ],
)
def test_flatten_deep_drops_wrappers_past_the_limit(html: str, limit: int, expected: str) -> None:
    assert flatten_deep(html, limit) == expected
