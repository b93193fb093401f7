"""What happens to bad input: every input is a row, one input never stops the batch.

One run over a folder of hostile and clumsy inputs (each written here as real files), then one
assertion per input on its `articles` row.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline import load, run
from pipeline.clean import clean
from pipeline.detect import detect_languages
from pipeline.facts import normalise
from pipeline.ner.recognise import Models, recognise
from pipeline.read.files import read
from pipeline.read.ids import content_id
from pipeline.records import Analysis, Article, Facts, Label, Mention, Page, Skip
from pipeline.settings import Settings
from pipeline.store.tables import build_tables

EN = "The governor of the Volgograd region, Andrei Bocharov, said the new bridge will open next year."
RU = "Губернатор Пермского края Дмитрий Махонин сообщил, что мост через Каму откроют через два года."


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _jsonl(record: dict[str, str]) -> bytes:
    return json.dumps(record).encode() + b"\n"


LONG_RU = " ".join([RU] * 12_000)  # 1.1 million characters
LONG_EN = " ".join([EN] * 12_000)  # past spaCy's own limit of 1,000,000
NESTED = "<html><body>" + "<div>" * 100_000 + f"<h1>Bridge</h1><p>{EN} {EN}</p><p>{EN}</p>" + "</div>" * 100_000

# name (as bytes, for the file system) → content
FILES: dict[bytes, bytes] = {
    b"edge_en.jsonl": _jsonl({"published": "9999-12-31", "text": f"{EN} Next year and last year."}),
    b"edge_ru.jsonl": _jsonl({"published": "0001-01-01", "text": f"{RU} В прошлом году и в следующем году."}),
    b"surrogate.jsonl": b'{"text": "' + EN.encode() + b' \\ud83d"}\n',
    b"caf\xe9.txt": f"Title\n{EN}".encode(),
    b"picture.txt": _png(),
    b"utf16.txt": f"Заголовок\n{RU}".encode("utf-16-le"),
    b"utf32.txt": f"Заголовок\n{RU}".encode("utf-32"),
    b"utf32le.txt": f"Title\n{EN}".encode("utf-32-le"),
    b"zero_width.txt": ("Заголовок\n" + RU.replace("Дмитрий", "Дми\u200dтрий") + "\u200f \u202eтекст\u202c").encode(),
    b"upper.jsonl": _jsonl({"language": "EN", "text": EN}) + _jsonl({"language": "ru-RU", "text": RU}),
    b"nested.html": NESTED.encode(),
    b"long_ru.txt": ("Заголовок\n" + LONG_RU).encode(),
    b"long_en.txt": ("Title\n" + LONG_EN).encode(),
}


def _special(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "folder_link").symlink_to(folder, target_is_directory=True)


@pytest.fixture(scope="module")
def bad_out(tmp_path_factory: pytest.TempPathFactory, models: Models, settings: Settings) -> Path:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    folder.mkdir()
    for name, data in FILES.items():
        Path(os.fsdecode(os.fsencode(folder) + b"/" + name)).write_bytes(data)
    _special(folder)
    out = root / "it's out"  # a quote in the output folder's name
    run([folder], out, models=models, settings=settings)
    return out


def _row(out: Path, name: str) -> pd.Series:
    articles = load(out).articles
    rows = articles[articles.source.str.contains(name, regex=False)]
    assert len(rows) >= 1, f"no row for {name}: {sorted(articles.source)}"
    return rows.iloc[0]


def _ok(language: str) -> Callable[[pd.Series], None]:
    def check(row: pd.Series) -> None:
        assert (row.status, row.language) == ("ok", language), row.reason

    return check


def _skipped(reason: str) -> Callable[[pd.Series], None]:
    def check(row: pd.Series) -> None:
        assert row.status == "skipped" and reason in row.reason, row.reason

    return check


CASES = [
    ("edge_en.jsonl", _ok("en")),
    ("edge_ru.jsonl", _ok("ru")),
    ("surrogate.jsonl", _ok("en")),
    ("caf\\xe9.txt", _ok("en")),
    ("picture.txt", _skipped("binary data, not text")),
    ("utf16.txt", _ok("ru")),
    ("utf32.txt", _ok("ru")),
    ("utf32le.txt", _ok("en")),
    ("zero_width.txt", _ok("ru")),
    ("upper.jsonl:1", _ok("en")),
    ("upper.jsonl:2", _ok("ru")),
    ("nested.html", _ok("en")),
    ("long_ru.txt", _skipped(f"text too long: {len(LONG_RU)} characters (ner.max_chars = 200000)")),
    ("long_en.txt", _skipped(f"text too long: {len(LONG_EN)} characters (ner.max_chars = 200000)")),
    ("pipe.txt", _skipped("not a regular file: FIFO")),
    ("dangling.txt", _skipped("dangling symbolic link")),
    ("loop.txt", _skipped("symbolic link loop")),
    ("folder_link", _skipped("link to a folder (not followed)")),
]


@pytest.mark.parametrize(("name", "check"), CASES, ids=[name for name, _ in CASES])
def test_every_bad_input_is_a_row(bad_out: Path, name: str, check: Callable[[pd.Series], None]) -> None:
    check(_row(bad_out, name))


def test_edge_dates_keep_the_expressions_the_calendar_holds(bad_out: Path) -> None:
    tables = load(bad_out)
    edge = tables.articles[tables.articles.source.str.contains("edge_")].article_id
    dates = tables.dates[tables.dates.article_id.isin(edge)]
    assert dates.year.dropna().between(1, 9999).all()
    assert "last year" in set(dates.text)  # 9998 is still a year


def test_lone_surrogate_becomes_the_replacement_character(bad_out: Path) -> None:
    assert _row(bad_out, "surrogate.jsonl").text.endswith("\ufffd")


def test_invisible_characters_leave_names_whole(bad_out: Path) -> None:
    tables = load(bad_out)
    article = _row(bad_out, "zero_width.txt").article_id
    names = set(tables.mentions[tables.mentions.article_id == article].text)
    assert "Дмитрий Махонин" in names
    assert not any(c in "".join(names) for c in "\u200d\u200f\u202e\u202c")


@contextmanager
def _unprivileged() -> Iterator[None]:
    """Root reads every folder: as root, the block runs with the effective user `nobody`."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_an_unreadable_folder_is_a_failed_row() -> None:
    root = Path(tempfile.mkdtemp())
    try:
        root.chmod(0o755)
        (root / "b.txt").write_text(f"Title\n{EN}", encoding="utf-8")
        locked = root / "locked"
        locked.mkdir(mode=0)
        with _unprivileged():
            items = list(read([root]))
    finally:
        shutil.rmtree(root)
    assert [(Path(i.source).name, i.status, i.reason) for i in items if isinstance(i, Skip)] == [
        ("locked", "failed", "cannot read folder: Permission denied")
    ]
    assert [Path(i.source).name for i in items if not isinstance(i, Skip)] == ["b.txt"]


# special files named on the command line rather than found in a folder
DIRECT = [
    ("pipe.txt", "skipped", "not a regular file: FIFO"),
    ("dangling.txt", "skipped", "dangling symbolic link"),
    ("loop.txt", "skipped", "symbolic link loop"),
    ("missing.txt", "failed", "cannot read file: No such file or directory"),
    ("socket.txt", "skipped", "not a regular file: socket"),
    ("null", "skipped", "not a regular file: character device"),
]


def test_special_files_given_as_paths_are_rows_and_a_fifo_does_not_hang(tmp_path: Path) -> None:
    _special(tmp_path)
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "socket.txt"))
    paths = [tmp_path / n for n, _, _ in DIRECT[:-1]] + [Path("/dev/null")]
    items: list[object] = []
    reading = threading.Thread(target=lambda: items.extend(read(paths)), daemon=True)
    reading.start()
    reading.join(timeout=30)
    assert not reading.is_alive(), "read() hangs on a special file"
    rows = [(Path(i.source).name, i.status, i.reason) for i in items if isinstance(i, Skip)]
    listening.close()
    assert rows == DIRECT


def _stages(models: Models, settings: Settings) -> dict[str, Callable[[list[Any]], list[Any]]]:
    return {
        "clean": lambda items: list(clean(items, settings.clean, sites={})),
        "detect": lambda items: list(detect_languages(items, settings.language)),
        "ner": lambda items: list(recognise(items, models)),
        "facts": lambda items: list(normalise(items)),
    }


def _article(name: str, **fields: Any) -> Article:
    return Article(content_id(name.encode()), name, **{"text": EN, "language": "en", **fields})


# a stage → an item it raises on (a record no reader makes, standing in for whatever a library may
# raise on one article) and a good item after it, which must still come out
BROKEN: dict[str, tuple[Any, Any]] = {
    "clean": (Page("b" * 16, "bad.html", "html", None), Page("g" * 16, "good.txt", "text", EN)),  # type: ignore[arg-type]
    "detect": (_article("bad.txt", language=5), _article("good.txt", language=None)),
    "ner": (_article("bad.txt", text=EN.encode()), _article("good.txt")),
    "facts": (
        Analysis(_article("bad.txt"), (), (Mention(Label.PER, None, 0, 5, None, "PER"),)),  # type: ignore[arg-type]
        Analysis(_article("good.txt"), (), ()),
    ),
}


@pytest.mark.parametrize("stage", list(BROKEN))
def test_what_a_stage_raises_on_one_article_is_that_articles_failed_row(
    models: Models, settings: Settings, stage: str
) -> None:
    bad, good = BROKEN[stage]
    first, second = _stages(models, settings)[stage]([bad, good])
    assert isinstance(first, Skip), first
    assert (first.source, first.stage, first.status) == (_source(bad), stage, "failed")
    assert first.reason.startswith((f"{stage} failed: ", "NER failed: "))
    assert not isinstance(second, Skip), second.reason
    assert _source(second) == _source(good)


def _source(item: Page | Article | Analysis | Facts) -> str:
    while not isinstance(item, Page | Article):
        item = item.analysis if isinstance(item, Facts) else item.article
    return item.source


def test_a_row_that_cannot_be_stored_fails_alone() -> None:
    good = Skip("a" * 16, "good.md", "read", "unsupported file type: .md")
    bad = Skip("b" * 16, "bad\udce9.md", "read", "unsupported file type: .md")
    articles = build_tables([good, bad])["articles"].to_pylist()
    assert [(r["source"], r["status"], r["stage"]) for r in articles] == [
        ("good.md", "skipped", "read"),
        ("bad\\udce9.md", "failed", "tables"),
    ]
