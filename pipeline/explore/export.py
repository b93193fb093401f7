"""The output tables for people outside Python: a CSV per table, one Excel workbook, or one SQLite file."""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from pathlib import Path

import pandas as pd

from ..store.database import ALL_SCHEMAS, Tables
from .sqlite import DATABASE, write_sqlite

log = logging.getLogger(__name__)


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    SQLITE = "sqlite"
    FTM = "ftm"


WORKBOOK = "newsfacts.xlsx"
EXCEL_CELL_LIMIT = 32_767  # characters in one cell
EXCEL_ROW_LIMIT = 1_048_576  # rows in one sheet, the header included
# control characters the xlsx format cannot hold (tab, newline and carriage return it can)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export(tables: Tables, to: str | Path, format: Format | str = Format.CSV) -> list[Path]:
    """Tables → files in folder `to` (NAME.csv per table, newsfacts.xlsx, .sqlite or .ftm.json); their paths.

    For `ftm`, a `to` with a suffix is the file itself."""
    if format not in set(Format):
        raise ValueError(f"unknown export format {format!r}; formats: {', '.join(Format)}")
    if format == Format.FTM:
        from .ftm import FILE, write_ftm  # followthemoney loads its model: only when asked

        return [write_ftm(tables, Path(to) if Path(to).suffix else Path(to) / FILE)]
    folder = Path(to)
    folder.mkdir(parents=True, exist_ok=True)
    if format == Format.SQLITE:
        return [write_sqlite(tables, folder / DATABASE)]
    return to_csv(tables, folder) if format == Format.CSV else [to_xlsx(tables, folder / WORKBOOK)]


def to_csv(tables: Tables, folder: Path) -> list[Path]:
    """Tables → folder/NAME.csv (UTF-8, header row, empty cells for nulls, ISO dates)."""
    paths = []
    for name in ALL_SCHEMAS:
        path = folder / f"{name}.csv"
        flat_lists(tables[name]).to_csv(path, index=False, encoding="utf-8", date_format="%Y-%m-%d")
        paths.append(path)
    return paths


def to_xlsx(tables: Tables, path: Path) -> Path:
    """Tables → one workbook with a sheet per table; over-long cells are cut with a note, header frozen."""
    too_long = [name for name in ALL_SCHEMAS if len(tables[name]) >= EXCEL_ROW_LIMIT]
    if too_long:
        raise ValueError(f"{', '.join(too_long)}: more rows than an Excel sheet holds; export as csv instead")
    with pd.ExcelWriter(path, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
        for name in ALL_SCHEMAS:
            excel_frame(flat_lists(tables[name])).to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 0))
    return path


def flat_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (entities.aliases) → one text, the items joined by " | "."""
    lists = [c for c in frame.columns if frame[c].dtype == object and any(map(_is_list, frame[c]))]
    return frame.assign(**{c: frame[c].map(" | ".join, na_action="ignore") for c in lists})


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple) or type(value).__name__ == "ndarray"


def excel_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table → the same table with every text cell fit for Excel (see `fit_cell`); dates as dates."""
    texts = [c for c in frame.columns if _is_text(frame[c])]
    fitted = frame.assign(**{c: frame[c].map(fit_cell, na_action="ignore") for c in texts})
    dates = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    return fitted.assign(**{c: fitted[c].dt.date for c in dates})


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype)


def fit_cell(value: object) -> str:
    """A text cell → at most EXCEL_CELL_LIMIT characters, without control characters; a cut one says so."""
    text = _ILLEGAL.sub("", str(value))
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    note = f" … [truncated: {len(text):,} characters in all; the CSV and Parquet files have the full text]"
    log.info("cut a cell of %d characters to Excel's limit", len(text))
    return text[: EXCEL_CELL_LIMIT - len(note)] + note
