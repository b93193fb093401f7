import gzip
import json
from pathlib import Path

import pytest

from pipeline.read.files import read
from pipeline.records import Page, Skip, Status
from pipeline.settings import ReadSettings

from .conftest import RAW, SAMPLES


def test_a_folder_is_walked_recursively_and_every_file_gives_a_row() -> None:
    items = list(read([RAW]))
    sources = {Path(i.source).name for i in items}
    assert {"en_metafrax_roadmap.txt", "ru_ulyanovsk_mordovia_cp1251.html", "README.md"} <= sources
    readme = next(i for i in items if i.source.endswith("README.md"))
    assert isinstance(readme, Skip) and readme.reason == "unsupported file type: .md"


def test_a_text_file_has_its_first_line_as_title() -> None:
    [page] = read([SAMPLES / "en_metafrax_roadmap.txt"])
    assert isinstance(page, Page)
    assert page.title == "Metafrax will strengthen industrial cooperation with enterprises of the Kama region"
    assert not str(page.content).lstrip().startswith("Metafrax will")


def test_ids_are_stable_and_content_based(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((SAMPLES / "en_metafrax_roadmap.txt").read_bytes())
    [first] = read([SAMPLES / "en_metafrax_roadmap.txt"])
    [again] = read([SAMPLES / "en_metafrax_roadmap.txt"])
    [other] = read([copy])
    assert first.article_id == again.article_id == other.article_id
    assert len(first.article_id) == 16


def test_a_second_copy_in_one_run_is_a_duplicate_row(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Title\nSame body text here.", encoding="utf-8")
    first, second = read([tmp_path])
    assert isinstance(first, Page)
    assert isinstance(second, Skip) and second.reason == f"duplicate of {tmp_path / 'a.txt'}"
    assert first.article_id != second.article_id


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        pytest.param("photo.jpg", b"\xff\xd8\xff", Status.SKIPPED, "unsupported file type: .jpg", id="binary"),
        pytest.param("page.html.gz", b"not gzip at all", Status.FAILED, "cannot read file", id="corrupt gzip"),
        pytest.param("big.txt", b"x" * 2000, Status.SKIPPED, "file larger than 1000 bytes", id="too large"),
    ],
)
def test_unreadable_inputs_become_rows(tmp_path: Path, name: str, data: bytes, status: Status, reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    [item] = read([tmp_path], ReadSettings(max_bytes=1000))
    assert isinstance(item, Skip)
    assert item.status == status
    assert item.reason.startswith(reason)


def test_gzipped_html_is_read(tmp_path: Path) -> None:
    html = (RAW / "html" / "en_kremlin_volgograd_bocharov_2016.html").read_bytes()
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(html))
    [page] = read([tmp_path])
    assert isinstance(page, Page) and page.kind == "html"
    assert "Andrei Bocharov" in str(page.content)


def test_jsonl_lines_become_pages_or_rows_with_reasons(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "url": "https://example.org/a",
                "title": "T",
                "published": "2024-03-15T10:00:00+03:00",
                "text": "Body",
                "language": "en",
            }
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": "<html><body><p>Body</p></body></html>", "published": "yesterday"}),
        "",
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    good, bad, empty, html = read([tmp_path])
    assert isinstance(good, Page) and good.published is not None and good.published.isoformat() == "2024-03-15"
    assert (good.url, good.title, good.language, good.kind) == ("https://example.org/a", "T", "en", "text")
    assert isinstance(bad, Skip) and bad.status == Status.FAILED and bad.reason.startswith("invalid JSON")
    assert bad.source.endswith("feed.jsonl:2")
    assert isinstance(empty, Skip) and empty.reason == "JSON line has no 'text' or 'html'"
    assert isinstance(html, Page) and html.kind == "html" and html.published is None
