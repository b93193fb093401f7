"""Pictures of the sample output, drawn headless (Agg): what is on each plot, the heat table's colours."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from pipeline import explore, load  # noqa: E402
from pipeline.explore import plots  # noqa: E402
from pipeline.store.database import Tables  # noqa: E402


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def test_mentions_per_week_has_a_line_per_region(tables: Tables, tmp_path: Path) -> None:
    ax = plots.mentions_per_week(tables)
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    # the dated articles, all in the week of 9 February 2016; Volgograd 3 times in the texts, twice in headlines
    assert lines == {"RU-VGG": [5], "RU-MOW": [1]}
    ax.figure.savefig(tmp_path / "weekly.png")
    assert (tmp_path / "weekly.png").stat().st_size > 0


def test_mentions_per_week_fills_empty_weeks(tables: Tables) -> None:
    articles = tables.articles.copy()
    metafrax = articles.source.str.endswith("en_metafrax_roadmap.txt")
    articles.loc[metafrax, "published"] = pd.Timestamp("2016-03-01")  # 3 weeks after the Kremlin meeting
    ax = plots.mentions_per_week(replace(tables, articles=articles))
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    # headlines count: "… enterprises of the Kama region" adds one Perm Krai to the 7 in the text
    assert lines == {"RU-VGG": [5, 0, 0, 0], "RU-MOW": [1, 0, 0, 0], "RU-PER": [0, 0, 0, 8]}


def test_mentions_per_week_without_dates_says_so(tables: Tables) -> None:
    ax = plots.mentions_per_week(explore.in_language(tables, "ru"))  # the Russian samples are undated
    assert [t.get_text() for t in ax.texts] == ["no dated articles mention a region"]


def test_top_organisations_bars(tables: Tables) -> None:
    ax = plots.top_organisations(tables, n=3)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [bar.get_width() for bar in ax.patches]
    top = explore.top(tables, "organisations", 3)
    assert labels[::-1] == list(top.name) and widths[::-1] == list(top.mentions)


def test_plots_draw_into_a_given_axes(tables: Tables) -> None:
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.top_organisations(tables, ax=left) is left
    assert plots.mentions_per_week(tables, ax=right) is right


@pytest.mark.parametrize("period", ["week", "month", "year", "language"])
def test_region_heat_table_colours_every_cell(tables: Tables, period: str) -> None:
    styler = plots.region_heat(tables, period)  # type: ignore[arg-type]
    html = styler.to_html()
    assert "background-color" in html and "Republic of Mordovia" in html
    assert styler.data.equals(explore.region_heat(tables, period))  # type: ignore[arg-type]
