"""The crawler against hostile or odd servers on loopback: paths that dodge robots.txt, IPv6 hosts,
slow-loris headers, trickled bodies, huge bodies on answers whose body is not wanted, endless sitemap indexes."""

from __future__ import annotations

import json
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.crawl import crawl

from .crawlsite import RSS, Route, Site, rss, site, sitemap_index, sources_toml, state_rows, urlset  # noqa: F401

XML = "application/xml"
ROBOTS = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")


def _feed_source(url: str) -> str:
    return f'[[source]]\nname = "s"\nfeeds = ["{url}"]\n'


def _crawl(tmp: Path, feed: str, **settings: object) -> list[tuple[object, ...]]:
    """Crawl one feed; → (url, status, reason) of every article URL, by URL."""
    sources = sources_toml(tmp / "sources.toml", [_feed_source(feed)], **settings)
    crawl(sources, raw=tmp / "raw", state=tmp / "crawl.db")
    return state_rows(tmp / "crawl.db", "SELECT url, status, reason FROM urls WHERE kind = 'article' ORDER BY url")


@pytest.mark.parametrize(
    ("link", "redirect"),
    [
        pytest.param("/a/../private/p1", None, id="dot segments in a feed link"),
        pytest.param("/news/r", "/a/./b/../../private/p2", id="dot segments in a redirect"),
        pytest.param("/a/%2e%2E/private/p1", None, id="percent-encoded dots"),
        pytest.param("/%70rivate/p1", None, id="percent-encoded letter"),
        pytest.param("/news/r", "//private//p2", id="repeated slashes in a redirect"),
    ],
)
def test_robots_txt_is_checked_on_the_path_that_is_sent(
    site: Site,  # noqa: F811
    tmp_path: Path,
    link: str,
    redirect: str | None,
) -> None:
    a = site.host()
    a.routes = {"/robots.txt": ROBOTS, "/rss.xml": Route(rss([a.url(link)]), RSS)}
    a.routes["/private/p1"] = a.routes["/private/p2"] = Route(b"<p>secret</p>")
    if redirect:
        a.routes[link] = Route(status=302, headers={"Location": a.url(redirect)}, conditional=False)
    [(_, status, reason)] = _crawl(tmp_path, a.url("/rss.xml"))
    assert not [p for p in site.paths(a) if "private" in p]
    assert (status, reason) == ("skipped", "disallowed by robots.txt")


def test_an_ipv6_host_is_crawled_with_its_brackets(site: Site, tmp_path: Path) -> None:  # noqa: F811
    try:
        a = site.host("::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    a.routes = {"/rss.xml": Route(rss([a.url("/news/one/")]), RSS), "/news/one": Route(b"<p>one</p>")}
    assert _crawl(tmp_path, a.url("/rss.xml")) == [(f"http://{a.name}/news/one", "fetched", None)]
    assert site.paths(a) == ["/robots.txt", "/rss.xml", "/news/one"]


class Hostile(socketserver.ThreadingTCPServer):
    """A raw HTTP/1.1 server on loopback whose answers are scripted byte by byte, with what it sent logged."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HostileHandler)
        self.sent: dict[str, tuple[int, float]] = {}  # path → bytes written before the client left, seconds
        self.routes: dict[str, Callable[[Callable[[bytes], None]], None]] = {}
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def wait_sent(self, path: str) -> tuple[int, float]:
        """What the server wrote for `path`, once it noticed the client had gone (a few writes later)."""
        for _ in range(50):
            if path in self.sent:
                return self.sent[path]
            time.sleep(0.05)
        raise AssertionError(f"{path}: the server is still writing")


class _HostileHandler(socketserver.StreamRequestHandler):
    server: Hostile

    def handle(self) -> None:
        while line := self.rfile.readline():
            path = line.split()[1].decode()
            while self.rfile.readline() not in (b"\r\n", b""):
                pass
            if not self._answer(path):
                return

    def _answer(self, path: str) -> bool:
        written, started = 0, time.monotonic()

        def write(data: bytes) -> None:
            nonlocal written
            self.wfile.write(data)
            self.wfile.flush()
            written += len(data)

        try:
            self.server.routes.get(path, _not_found)(write)
            return True
        except OSError:
            return False  # the crawler hung up
        finally:
            self.server.sent[path] = (written, time.monotonic() - started)


def _not_found(write: Callable[[bytes], None]) -> None:
    write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


def _page(write: Callable[[bytes], None]) -> None:
    write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<p>a page</p>")


def _slow_headers(write: Callable[[bytes], None]) -> None:
    write(b"HTTP/1.1 200 OK\r\n")
    for n in range(100):  # a header line every 0.1 s, under the 0.4 s read timeout, for 10 s
        write(f"X-Line-{n}: x\r\n".encode())
        time.sleep(0.1)
    write(b"Content-Type: text/html\r\nContent-Length: 2\r\n\r\nok")


def _trickled_body(write: Callable[[bytes], None]) -> None:
    write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n")
    for _ in range(100):  # a byte every 0.1 s: 10 s for the body
        write(b"x")
        time.sleep(0.1)


def _huge(head: bytes) -> Callable[[Callable[[bytes], None]], None]:
    def answer(write: Callable[[bytes], None]) -> None:
        write(head + f"Content-Length: {HUGE}\r\n\r\n".encode())
        for _ in range(HUGE // len(CHUNK)):
            write(CHUNK)

    return answer


HUGE, CHUNK = 200 * 2**20, b"\0" * 2**16
HOSTILE = {
    "slow headers": (_slow_headers, "failed", "no response within the 1s deadline"),
    "trickled body": (_trickled_body, "failed", "body not read within the 1s deadline"),
    "redirect with a huge body": (_huge(b"HTTP/1.1 302 Found\r\nLocation: /page\r\n"), "fetched", None),
    "5xx with a huge body": (_huge(b"HTTP/1.1 503 Service Unavailable\r\n"), "failed", "HTTP 503 after 2 attempts"),
}


@pytest.fixture
def hostile() -> Iterator[Hostile]:
    server = Hostile()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_answer_costs_at_most_the_deadline_and_unwanted_bodies_are_not_read(
    hostile: Hostile, tmp_path: Path, case: str
) -> None:
    answer, status, reason = HOSTILE[case]
    hostile.routes = {"/rss.xml": _feed(hostile.url("/hostile")), "/hostile": answer, "/page": _page}
    started = time.monotonic()
    rows = _crawl(tmp_path, hostile.url("/rss.xml"), deadline_seconds=1.0, timeout_seconds=0.4)
    assert time.monotonic() - started < 4.0
    assert [(r[1], r[2]) for r in rows] == [(status, reason)]
    written, seconds = hostile.wait_sent("/hostile")
    assert seconds < 2.0  # cut at the 1 s deadline, not after the server's 10 s
    assert written < 32 * 2**20  # at most what the socket buffers took of the 200 MB body


class _TrickledHandshake(socketserver.BaseRequestHandler):
    """Answers a TLS ClientHello with a record header announcing 16 KB, then a byte every 0.1 s for 10 s."""

    server: Hostile

    def handle(self) -> None:
        started = time.monotonic()
        try:
            self.request.recv(65536)
            self.request.sendall(b"\x16\x03\x03\x40\x00")
            for _ in range(100):
                self.request.sendall(b"\x02")
                time.sleep(0.1)
        except OSError:
            pass  # the crawler hung up
        finally:
            self.server.sent["/robots.txt"] = (0, time.monotonic() - started)


def test_a_trickled_tls_handshake_gives_up_within_the_read_timeout(
    hostile: Hostile, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hostile.RequestHandlerClass = _TrickledHandshake
    started = time.monotonic()
    feed = hostile.url("/rss.xml").replace("http:", "https:")
    _crawl(tmp_path, feed, deadline_seconds=5.0, timeout_seconds=0.4, max_retries=0)
    assert time.monotonic() - started < 4.0
    assert hostile.wait_sent("/robots.txt")[1] < 2.0  # CPython bounds the whole handshake by the socket timeout
    assert "robots.txt unreachable (request failed after 1 attempts: ReadTimeoutError)" in caplog.text


def _feed(url: str) -> Callable[[Callable[[bytes], None]], None]:
    body = rss([url])

    def answer(write: Callable[[bytes], None]) -> None:
        write(f"HTTP/1.1 200 OK\r\nContent-Type: {RSS}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)

    return answer


def _sitemap_source(url: str) -> str:
    return f'[[source]]\nname = "s"\nsitemaps = ["{url}"]\n'


def _discovery_rows(tmp: Path, sitemap: str, **settings: object) -> list[tuple[object, ...]]:
    sources = sources_toml(tmp / "sources.toml", [_sitemap_source(sitemap)], **settings)
    crawl(sources, raw=tmp / "raw", state=tmp / "crawl.db")
    return state_rows(tmp / "crawl.db", "SELECT url, status, reason FROM urls WHERE kind = 'sitemap' ORDER BY seq")


def test_a_chain_of_sitemap_indexes_is_followed_only_to_max_sitemap_depth(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    for k in range(300):  # index k → index k+1 and urlset k, which lists one article
        a.routes[f"/sm/{k}.xml"] = Route(sitemap_index([a.url(f"/sm/{k + 1}.xml"), a.url(f"/set/{k}.xml")]), XML)
        a.routes[f"/set/{k}.xml"] = Route(urlset([a.url(f"/news/{k}")]), XML)
        a.routes[f"/news/{k}"] = Route(b"<p>page</p>")
    rows = _discovery_rows(tmp_path, a.url("/sm/0.xml"), max_sitemap_depth=2)
    read = ["/sm/0.xml", "/sm/1.xml", "/set/0.xml", "/sm/2.xml", "/set/1.xml"]
    assert {r[0] for r in rows if r[1] == "fetched"} == {a.url(p) for p in read}
    assert {(r[0], r[2]) for r in rows if r[1] != "fetched"} == {
        (a.url(p), "sitemap index nested deeper than 2 levels") for p in ("/sm/3.xml", "/set/2.xml")
    }
    assert site.paths(a) == ["/robots.txt", *read, "/news/0", "/news/1"]


def test_an_index_of_many_sitemaps_is_read_only_to_max_sitemaps(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes["/index.xml"] = Route(sitemap_index([a.url(f"/set/{k}.xml") for k in range(50)]), XML)
    a.routes |= {f"/set/{k}.xml": Route(urlset([]), XML) for k in range(50)}
    rows = _discovery_rows(tmp_path, a.url("/index.xml"), max_sitemaps=5)
    assert [r[1] for r in rows].count("fetched") == 5
    assert {r[2] for r in rows if r[1] != "fetched"} == {"more than 5 sitemaps for this source"}
    assert len(rows) == 51
    assert site.paths(a) == ["/robots.txt", "/index.xml", *(f"/set/{k}.xml" for k in range(4))]
    [(reasons,)] = state_rows(tmp_path / "crawl.db", "SELECT reasons FROM crawl_runs")
    assert json.loads(str(reasons)) == {"sitemap: more than 5 sitemaps for this source": 46}
