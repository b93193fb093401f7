"""URL normalisation, filters and the address safety check."""

from __future__ import annotations

import pytest

from pipeline.crawl.sources import TRACKING_PARAMS, Source
from pipeline.crawl.urls import UnsafeURL, check, normalise


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("HTTP://Example.ORG:80/News/a/", "http://example.org/News/a", id="case port slash"),
        pytest.param("https://example.org:443/", "https://example.org/", id="root keeps its slash"),
        pytest.param("https://example.org/a#comments", "https://example.org/a", id="fragment"),
        pytest.param("https://example.org/a?utm_source=rss&id=7&fbclid=x", "https://example.org/a?id=7", id="tracking"),
        pytest.param("https://example.org/a?yclid=1&_openstat=2", "https://example.org/a", id="russian trackers"),
        pytest.param("https://example.org:8080/a", "https://example.org:8080/a", id="other port kept"),
        pytest.param("  https://example.org/a  ", "https://example.org/a", id="spaces"),
        pytest.param("http://[::1]:8080/a/", "http://[::1]:8080/a", id="ipv6 keeps brackets"),
        pytest.param("http://[2001:DB8::1]/a", "http://[2001:db8::1]/a", id="ipv6 default port"),
        pytest.param("https://example.org/a/../private/p1", "https://example.org/private/p1", id="dot segments"),
        pytest.param("https://example.org/./a/b/../../c", "https://example.org/c", id="nested dots"),
    ],
)
def test_normalise(url: str, expected: str) -> None:
    assert normalise(url, TRACKING_PARAMS) == expected


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://example.org:http/a", id="port not a number"),
        pytest.param("http://[::1/a", id="unclosed bracket"),
    ],
)
def test_an_unparseable_url_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError):
        normalise(url, TRACKING_PARAMS)


def test_relative_links_resolve_against_their_page() -> None:
    assert (
        normalise("../b/?utm_medium=x", TRACKING_PARAMS, "https://example.org/news/a/") == "https://example.org/news/b"
    )


@pytest.mark.parametrize(
    ("url", "wanted"),
    [
        pytest.param("https://example.org/news/1", True, id="included"),
        pytest.param("https://example.org/about", False, id="not included"),
        pytest.param("https://example.org/news/video/1", False, id="excluded"),
    ],
)
def test_include_and_exclude_patterns(url: str, wanted: bool) -> None:
    assert Source("s", include=("/news/",), exclude=("/video/",)).wanted(url) is wanted


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("ftp://example.org/a", "scheme 'ftp'", id="ftp"),
        pytest.param("file:///etc/passwd", "scheme 'file'", id="file"),
        pytest.param("http://127.0.0.1:8080/a", "non-public address 127.0.0.1", id="loopback"),
        pytest.param("http://10.1.2.3/a", "non-public address 10.1.2.3", id="private"),
        pytest.param("http://169.254.169.254/latest", "non-public address 169.254.169.254", id="link-local"),
        pytest.param("http://[::1]/a", "non-public address ::1", id="ipv6 loopback"),
        pytest.param("http://localhost/a", "non-public address", id="localhost"),
    ],
)
def test_unsafe_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(UnsafeURL, match=message.replace(".", r"\.").replace("[", r"\[")):
        check(url, allow_private=False)


def test_allow_private_lifts_the_address_check_but_not_the_scheme_check() -> None:
    check("http://127.0.0.1:8080/a", allow_private=True)
    with pytest.raises(UnsafeURL):
        check("file:///etc/passwd", allow_private=True)
