"""Exports for people outside Python: a CSV per table or one workbook, cells within Excel's limits."""

from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline import load
from pipeline.explore.export import EXCEL_CELL_LIMIT, WORKBOOK, export, fit_cell
from pipeline.store import ALL_SCHEMAS as SCHEMAS
from pipeline.store.database import Tables


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("short", "short"),
        ("x" * EXCEL_CELL_LIMIT, "x" * EXCEL_CELL_LIMIT),
        ("tab\tnew\nline\r", "tab\tnew\nline\r"),
        ("bell\x07 and null\x00", "bell and null"),
        (42, "42"),
    ],
    ids=["short", "at-the-limit", "whitespace-kept", "control-dropped", "not-text"],
)
def test_fit_cell(cell: object, expected: str) -> None:
    assert fit_cell(cell) == expected


def test_fit_cell_cuts_a_long_cell_with_a_note() -> None:
    cut = fit_cell("y" * 100_000)
    assert len(cut) == EXCEL_CELL_LIMIT
    assert cut.startswith("y" * 30_000) and cut.endswith(
        "[truncated: 100,000 characters in all; the CSV and Parquet files have the full text]"
    )


def test_csv_has_a_file_per_table_that_reads_back(tables: Tables, tmp_path: Path) -> None:
    paths = export(tables, tmp_path, "csv")
    assert [p.name for p in paths] == [f"{name}.csv" for name in SCHEMAS]
    for name in SCHEMAS:
        back = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(tables[name].columns) and len(back) == len(tables[name]), name
    articles = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    assert set(articles.published) == {"", "2016-02-09"}
    persons = pd.read_csv(tmp_path / "persons.csv", dtype=str, keep_default_na=False)
    entities = pd.read_csv(tmp_path / "entities.csv", dtype=str, keep_default_na=False)
    assert set(persons.entity_id) - {""} <= set(entities.entity_id) and len(entities) > 0
    assert "Алексей Русских" in set(entities.aliases)  # a list cell as text
    assert list(articles.text) == list(tables.articles.text.fillna(""))  # multi-line texts survive


def test_xlsx_has_a_sheet_per_table(tables: Tables, tmp_path: Path) -> None:
    [path] = export(tables, tmp_path, "xlsx")
    assert path == tmp_path / WORKBOOK
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == list(SCHEMAS)
    for name in SCHEMAS:
        rows = list(workbook[name].iter_rows(values_only=True))
        data = [row for row in rows[1:] if any(value is not None for value in row)]  # empty sheets: one blank row
        assert list(rows[0]) == list(tables[name].columns) and len(data) == len(tables[name]), name
    workbook.close()


def test_xlsx_dates_are_dates_and_the_header_is_frozen(tables: Tables, tmp_path: Path) -> None:
    [path] = export(tables, tmp_path, "xlsx")
    sheet = openpyxl.load_workbook(path)["articles"]
    column = list(tables.articles.columns).index("published") + 1
    dated = [c for c in sheet.iter_cols(min_col=column, max_col=column, min_row=2).__next__() if c.value]
    assert dated and all(c.is_date and c.number_format == "YYYY-MM-DD" for c in dated)
    assert sheet.freeze_panes == "A2"


def test_xlsx_cuts_text_longer_than_a_cell_holds(tables: Tables, tmp_path: Path) -> None:
    articles = tables.articles.copy()
    articles.loc[0, "text"] = "Долгий текст. " * 5_000  # 70,000 characters
    [path] = export(replace(tables, articles=articles), tmp_path, "xlsx")
    sheet = openpyxl.load_workbook(path, read_only=True)["articles"]
    column = list(articles.columns).index("text")
    text = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[column]
    assert len(text) == EXCEL_CELL_LIMIT and "[truncated: 70,000 characters" in text


def test_an_unknown_format_is_refused(tables: Tables, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="formats: csv, xlsx"):
        export(tables, tmp_path, "pdf")
