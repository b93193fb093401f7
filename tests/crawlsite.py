"""A loopback-only HTTP server for crawl tests: fixture sites built from data/raw, every request recorded."""

from __future__ import annotations

import gzip
import hashlib
import html
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import RAW, ROOT, SAMPLES

__all__ = ["ROOT"]

LAST_MODIFIED = "Tue, 24 Nov 2026 10:00:00 GMT"
RSS = "application/rss+xml"
HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    """What one path answers: a body, or a scripted sequence of early failures first."""

    body: bytes = b""
    content_type: str = HTML
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    sleep: float = 0.0
    first: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # served before the body, in order
    conditional: bool = True

    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:12] + '"'


@dataclass(frozen=True)
class Request:
    host: str
    path: str
    at: float
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (timeouts, size limits) is part of the tests


class Host:
    """One server on 127.0.0.1 (or ::1) and a free port; `routes` may be changed between crawls."""

    def __init__(self, log: list[Request], address: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.log = log
        self.address = f"[{address}]" if ":" in address else address
        self.server = _Server((address, 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.name}"

    @property
    def name(self) -> str:
        return f"{self.address}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        self.log.append(Request(self.name, handler.path, time.monotonic(), dict(handler.headers.items())))
        route = self.routes.get(handler.path)
        if route is None:
            return _send(handler, 404, {"Content-Type": "text/plain"}, b"not found")
        if route.first:
            status, headers = route.first.pop(0)
            return _send(handler, status, headers, b"")
        time.sleep(route.sleep)
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.conditional and route.status == 200:
            headers |= {"ETag": route.etag(), "Last-Modified": LAST_MODIFIED}
            if _unchanged(handler, route):
                return _send(handler, 304, {"ETag": route.etag()}, b"")
        _send(handler, route.status, headers, route.body)


def _unchanged(handler: BaseHTTPRequestHandler, route: Route) -> bool:
    match = handler.headers.get("If-None-Match")
    if match is not None:
        return match == route.etag()
    return handler.headers.get("If-Modified-Since") == LAST_MODIFIED


def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    try:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the crawler hung up (timeout, size limit): expected


def _handler(host: Host) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            host.answer(self)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@dataclass
class Site:
    """Two hosts sharing one request log."""

    log: list[Request] = field(default_factory=list)
    hosts: list[Host] = field(default_factory=list)

    def host(self, address: str = "127.0.0.1") -> Host:
        host = Host(self.log, address)
        host.thread.start()
        self.hosts.append(host)
        return host

    def close(self) -> None:
        for host in self.hosts:
            host.server.shutdown()
            host.server.server_close()

    def paths(self, host: Host) -> list[str]:
        return [r.path for r in self.log if r.host == host.name]

    def times(self, host: Host) -> list[float]:
        return [r.at for r in self.log if r.host == host.name]


def article(title: str, text: str, template: str = "news") -> str:
    """A sample text → an HTML news page."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<header><nav><a href='/'>{template} home</a></nav></header>"
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        f"<footer>© {template}</footer></body></html>"
    )


def sample(name: str) -> tuple[str, str]:
    title, _, text = (SAMPLES / name).read_text(encoding="utf-8").partition("\n")
    return title.strip(), text


def rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><link>{html.escape(u)}</link></item>" for u in urls)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()


def atom(urls: list[str]) -> bytes:
    entries = "".join(f'<entry><title>t</title><link rel="alternate" href="{html.escape(u)}"/></entry>' for u in urls)
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'.encode()


def urlset(urls: list[str], news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    extra = "<news:news><news:title>t</news:title></news:news>" if news else ""
    body = "".join(f"<url><loc>{html.escape(u)}</loc>{extra}</url>" for u in urls)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{body}</urlset>'.encode()


def sitemap_index(urls: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'.encode()


def news_site(host: Host) -> None:
    """Host A: robots.txt with a disallowed path and a Crawl-delay, an RSS feed, a sitemap index, en + ru pages."""
    en_title, en_text = sample("en_metafrax_roadmap.txt")
    ru_title, ru_text = sample("ru_ulyanovsk_mordovia.txt")
    kremlin = (RAW / "html" / "en_kremlin_volgograd_bocharov_2016.html").read_bytes()
    host.routes = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n", "text/plain"),
        "/rss.xml": Route(
            rss(
                [
                    host.url("/news/en-kremlin"),
                    host.url("/news/ru-mordovia"),
                    host.url("/private/secret"),
                    host.url("/news/en-kremlin/?utm_source=rss#comments"),
                    host.url("/about"),
                    host.url("/news/en-kremlin-amp"),
                ]
            ),
            RSS,
        ),
        "/sitemap.xml": Route(
            sitemap_index([host.url("/sitemap-news.xml"), host.url("/sitemap-ru.xml.gz")]), "text/xml"
        ),
        "/sitemap-news.xml": Route(urlset([host.url("/news/en-metafrax/")], news=True), "text/xml"),
        "/sitemap-ru.xml.gz": Route(gzip.compress(urlset([host.url("/news/ru-ulyanovsk")])), "application/gzip"),
        "/news/en-kremlin": Route(kremlin),
        "/news/en-kremlin-amp": Route(kremlin),
        "/news/ru-mordovia": Route(
            (RAW / "html" / "ru_ulyanovsk_mordovia_cp1251.html").read_bytes(), "text/html; charset=windows-1251"
        ),
        "/news/en-metafrax": Route(article(en_title, en_text).encode()),
        "/news/ru-ulyanovsk": Route(article(ru_title, ru_text).encode("cp1251"), "text/html; charset=windows-1251"),
        "/private/secret": Route(article("secret", "never fetched").encode()),
    }


NEWS_ARTICLES = [
    "/news/en-kremlin",
    "/news/ru-mordovia",
    "/news/en-kremlin-amp",
    "/news/en-metafrax",
    "/news/ru-ulyanovsk",
]


def trouble_site(host: Host, other: Host) -> None:
    """Host B: no robots.txt, an Atom feed, a start page, and every kind of trouble a crawl meets."""
    en_title, en_text = sample("en_metafrax_roadmap.txt")
    altai_title, altai_text = sample("en_altai_composite_cluster.txt")
    copy = article(en_title, en_text + "\nReprinted with permission.", template="aggregator")
    host.routes = {
        "/feed.atom": Route(
            atom(
                [
                    host.url(p)
                    for p in (
                        "/news/flaky",
                        "/news/busy",
                        "/news/moved",
                        "/news/slow",
                        "/news/huge",
                        "/news/file.pdf",
                        "/news/copy",
                    )
                ]
            ),
            "application/atom+xml",
        ),
        "/": Route(f"<a href='/news/altai'>a</a><a href='{other.url('/news/elsewhere')}'>b</a>".encode()),
        "/news/flaky": Route(article("flaky", altai_text).encode(), first=[(500, {})]),
        "/news/busy": Route(article("busy", altai_text[:400]).encode(), first=[(429, {"Retry-After": "1"})]),
        "/news/moved": Route(status=301, headers={"Location": "/news/moved-2"}, conditional=False),
        "/news/moved-2": Route(status=302, headers={"Location": host.url("/news/final")}, conditional=False),
        "/news/final": Route(article("final", altai_text[400:900]).encode()),
        "/news/slow": Route(article("slow", "late").encode(), sleep=1.0),
        "/news/huge": Route(article("huge", "x " * 600_000).encode()),
        "/news/file.pdf": Route(b"%PDF-1.4 binary", "application/pdf"),
        "/news/copy": Route(copy.encode()),
        "/news/altai": Route(article(altai_title, altai_text).encode()),
    }


def sources_toml(path: Path, sources: list[str], **crawl: object) -> Path:
    """[[source]] tables + test [crawl] settings (tiny delays, loopback allowed) → a sources.toml file."""
    settings = {
        "delay_seconds": 0.05,
        "allow_loopback": True,
        "timeout_seconds": 0.4,
        "max_retries": 1,
        "backoff_seconds": 0.05,
        "max_bytes": 1_000_000,
        **crawl,
    }
    lines = ["[crawl]", *(f"{k} = {_toml(v)}" for k, v in settings.items()), "", *sources]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def news_source(host: Host) -> str:
    return (
        f'[[source]]\nname = "news"\nlanguage = "en"\nfeeds = ["{host.url("/rss.xml")}"]\n'
        f'sitemaps = ["{host.url("/sitemap.xml")}"]\ninclude = ["/news/"]\n'
    )


def trouble_source(host: Host) -> str:
    return (
        f'[[source]]\nname = "trouble"\nfeeds = ["{host.url("/feed.atom")}"]\n'
        f'start_urls = ["{host.url("/")}"]\nexclude = ["/elsewhere"]\n'
    )


def serve() -> Iterator[Site]:
    site = Site()
    try:
        yield site
    finally:
        site.close()


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh pair of hosts per test (their routes keep per-test state: scripted failures)."""
    yield from serve()


def crawl_both(site: Site, tmp: Path, **crawl: object) -> tuple[Host, Host, Path]:
    """Host A = news site, host B = trouble site, and a sources.toml naming both."""
    a, b = site.host(), site.host()
    news_site(a)
    trouble_site(b, a)
    return a, b, sources_toml(tmp / "sources.toml", [news_source(a), trouble_source(b)], **crawl)


def state_rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    import sqlite3

    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()
