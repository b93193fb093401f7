"""URL normalisation, filters and the address safety check."""

from __future__ import annotations

import re

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
        pytest.param("https://example.org/a/%2e%2E/b%7e%2f", "https://example.org/b~%2F", id="unreserved decoded"),
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


ALWAYS_REFUSED = [
    pytest.param("http://10.1.2.3/a", "non-public address 10.1.2.3", id="private"),
    pytest.param("http://192.168.0.1/a", "non-public address 192.168.0.1", id="private 192.168"),
    pytest.param("http://169.254.169.254/latest", "non-public address 169.254.169.254", id="metadata"),
    pytest.param("http://100.100.100.200/latest", "non-public address 100.100.100.200", id="alibaba metadata"),
    pytest.param("http://[fd00:ec2::254]/latest", "non-public address fd00:ec2::254", id="aws ipv6 metadata"),
    pytest.param("http://[::ffff:169.254.169.254]/", "non-public address ::ffff:a9fe:a9fe", id="ipv4-mapped metadata"),
    pytest.param("http://[64:ff9b::a9fe:a9fe]/", "non-public address 64:ff9b::a9fe:a9fe", id="nat64 metadata"),
    pytest.param("http://[2002:a00:1::1]/", "non-public address 2002:a00:1::1", id="6to4 private"),
    pytest.param("http://0.0.0.0:8080/", "non-public address 0.0.0.0", id="unspecified"),
]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("ftp://example.org/a", "scheme 'ftp'", id="ftp"),
        pytest.param("file:///etc/passwd", "scheme 'file'", id="file"),
        pytest.param("http://127.0.0.1:8080/a", "non-public address 127.0.0.1", id="loopback"),
        pytest.param("http://[::1]/a", "non-public address ::1", id="ipv6 loopback"),
        pytest.param("http://localhost/a", "non-public address", id="localhost"),
        *ALWAYS_REFUSED,
    ],
)
def test_unsafe_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(UnsafeURL, match=re.escape(message)):
        check(url, allow_loopback=False)


@pytest.mark.parametrize(("url", "message"), ALWAYS_REFUSED)
def test_allow_loopback_still_refuses_private_and_metadata_addresses(url: str, message: str) -> None:
    with pytest.raises(UnsafeURL, match=re.escape(message)):
        check(url, allow_loopback=True)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://127.0.0.1:8080/a", id="ipv4"),
        pytest.param("http://127.9.9.9/a", id="127/8"),
        pytest.param("http://[::1]:8080/a", id="ipv6"),
        pytest.param("http://[::ffff:127.0.0.1]/a", id="ipv4-mapped"),
    ],
)
def test_allow_loopback_lets_loopback_through_but_not_other_schemes(url: str) -> None:
    check(url, allow_loopback=True)
    with pytest.raises(UnsafeURL):
        check("file:///etc/passwd", allow_loopback=True)
