"""An article's text with its entities marked by kind: spans, overlaps, HTML, brackets, ANSI (sample output)."""

from pathlib import Path

import pytest

from pipeline import load
from pipeline.explore.highlight import (
    Highlighted,
    Span,
    UnknownArticle,
    find_article,
    highlight,
    to_ansi,
    to_brackets,
    to_html,
    without_overlaps,
)
from pipeline.store.database import Tables

METAFRAX = "79cbf3f2d218215f"  # data/raw/samples/en_metafrax_roadmap.txt


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 5, "A"), (6, 9, "B")], [(0, 5, "A"), (6, 9, "B")]),
        ([(0, 9, "A"), (2, 5, "B")], [(0, 9, "A")]),
        ([(2, 5, "B"), (0, 3, "A")], [(0, 3, "A")]),
        ([(0, 3, "A"), (0, 6, "B")], [(0, 6, "B")]),
        ([(0, 3, "A"), (0, 3, "A")], [(0, 3, "A")]),
        ([(4, 8, "A"), (0, 4, "B")], [(0, 4, "B"), (4, 8, "A")]),
    ],
    ids=["apart", "inner", "crossing", "same-start-longer", "duplicate", "touching"],
)
def test_without_overlaps(spans: list[tuple[int, int, str]], kept: list[tuple[int, int, str]]) -> None:
    assert list(without_overlaps(Span(*s) for s in spans)) == [Span(*s) for s in kept]


@pytest.mark.parametrize(
    ("source", "marked"),
    [
        ("facts", "[JSC Metafrax Chemicals|ORG]"),
        ("facts", "[Dmitry Makhonin|PER]"),
        ("facts", "the Governor of the [Kama region|LOC] "),
        ("facts", "[69%|PERCENT]"),
        ("facts", "[last year|DATE]"),
        ("mentions", "[Dmitry Makhonin|PER]"),
        ("mentions", "[XI Perm Engineering|MISC]"),
    ],
)
def test_brackets_mark_each_entity_with_its_kind(tables: Tables, source: str, marked: str) -> None:
    assert marked in str(highlight(tables, METAFRAX, source))  # type: ignore[arg-type]


def test_marking_keeps_the_text(tables: Tables) -> None:
    marked = highlight(tables, METAFRAX)
    text = tables.articles.set_index("article_id").text[METAFRAX]
    assert marked.text == text
    assert all(text[s.start : s.end] for s in marked.spans)
    assert all(a.end <= b.start for a, b in zip(marked.spans, marked.spans[1:], strict=False))


@pytest.mark.parametrize(
    "article",
    [METAFRAX, METAFRAX[:6], "row"],
    ids=["id", "prefix", "row"],
)
def test_an_article_is_found_by_id_prefix_or_row(tables: Tables, article: str) -> None:
    wanted = tables.officials[tables.officials.article_id == METAFRAX].iloc[0] if article == "row" else article
    assert find_article(tables, wanted).article_id == METAFRAX


@pytest.mark.parametrize(("article", "found"), [("nope", "no article"), ("", "9 articles")])
def test_an_unknown_or_ambiguous_id_says_how_to_list_ids(tables: Tables, article: str, found: str) -> None:
    with pytest.raises(UnknownArticle, match=f"{found} with id .*newsfacts stats --ids"):
        highlight(tables, article)


def test_html_is_displacy_with_a_colour_per_kind(tables: Tables) -> None:
    marked = highlight(tables, METAFRAX)
    html = marked._repr_html_()
    assert html == to_html(marked)
    assert 'class="entities"' in html and "Metafrax will strengthen" in html
    assert "background: #7aecec" in html and ">ORG</span>" in html


def test_html_escapes_the_text() -> None:
    marked = Highlighted("x", "t", "<b>AT&T</b> sued", (Span(3, 7, "ORG"),))
    html = to_html(marked)
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_ansi_colours_each_kind_and_adds_a_legend(tables: Tables) -> None:
    marked = highlight(tables, METAFRAX)
    ansi = to_ansi(marked)
    assert ansi == marked.to_ansi()
    legend, _ = ansi.split("\n", 1)
    assert "\x1b[1;36mORG\x1b[0m" in legend and "\x1b[1;36mJSC Metafrax Chemicals\x1b[0m" in ansi
    assert "[" not in ansi.replace("\x1b[", "")  # colours, not brackets


def test_a_skipped_article_shows_its_reason(tables: Tables) -> None:
    skipped = tables.articles[tables.articles.reason == "unsupported language: de"].iloc[0]
    marked = highlight(tables, skipped)
    assert marked.note == "skipped: unsupported language: de" and "skipped: unsupported language: de" in str(marked)
    assert to_brackets(marked).startswith("Beispiel (")
