"""WARC files as an input type: HTML response records → Pages, decoded by the HTTP charset; the rest → Skips."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.read.files import kind_of, read
from pipeline.records import Page, Skip

RUSSIAN = "<html><body><p>Губернатор Ульяновской области подписал соглашение.</p></body></html>"


def _write(path: Path, records: list[tuple[str, str, bytes, dict[str, str]]]) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for uri, content_type, body, extra in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http, warc_headers_dict=extra
            )
            writer.write_record(record)
        writer.write_record(
            writer.create_warc_record(
                "https://e.org/x", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"), length=18
            )
        )
    return path


def test_warc_suffixes_are_an_input_kind() -> None:
    assert kind_of(Path("a.warc.gz")) == kind_of(Path("b.WARC")) == "warc"


def test_records_become_pages_or_skips(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "crawl.warc.gz",
        [
            ("https://e.org/ru", "text/html; charset=iso-8859-5", RUSSIAN.encode("iso-8859-5"), {}),
            ("https://e.org/doc.pdf", "application/pdf", b"%PDF-1.4", {}),
            (
                "https://e.org/copy",
                "text/html",
                b"<p>copy</p>",
                {"WARC-Newsfacts-Duplicate": "near", "WARC-Newsfacts-Duplicate-Of": "https://e.org/ru"},
            ),
        ],
    )
    page, pdf, copy = read([tmp_path])
    assert isinstance(page, Page)
    assert (page.source, page.url, page.kind) == (f"{path}:1", "https://e.org/ru", "html")
    assert "Губернатор Ульяновской области" in str(page.content)  # the header's charset, not a cp1251/KOI8-R guess
    assert isinstance(pdf, Skip) and pdf.reason == "not HTML: application/pdf"
    assert isinstance(copy, Skip) and copy.reason == "near-duplicate of https://e.org/ru"


def test_a_truncated_warc_gives_a_failed_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "cut.warc", [("https://e.org/a", "text/html", b"<p>a</p>" * 50, {})])
    path.write_bytes(path.read_bytes()[:-200].replace(b"WARC/1", b"XXXX/1", 1))
    [item] = read([path])
    assert isinstance(item, Skip) and item.reason.startswith("cannot read WARC record")
