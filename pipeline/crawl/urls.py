"""URLs: normalisation (tracking parameters, fragments, trailing slashes), de-duplication, safety."""

from __future__ import annotations

import fnmatch
import ipaddress
import re
import socket
import string
from collections.abc import Iterable, Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from urllib3.util import parse_url

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsafeURL(ValueError):
    """A URL the crawler refuses to fetch (scheme or address)."""


def normalise(url: str, tracking: Iterable[str] = (), base: str | None = None) -> str:
    """A URL (relative to `base`) → canonical form: lower-case scheme and host, no default port,
    no fragment, no tracking parameters, no dot segments, no trailing slash except on the root; an IPv6
    host keeps its brackets. A URL that cannot be parsed (bad port, bad brackets) raises ValueError."""
    joined = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(wire(joined) if urlsplit(joined).scheme.lower() in SCHEMES else joined)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port and parts.port != _DEFAULT_PORTS.get(scheme) else ""
    path = parts.path.rstrip("/") or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracked(k, tracking)])
    return urlunsplit((scheme, host + port, path, query, ""))


def wire(url: str) -> str:
    """An http(s) URL as it is sent: percent-encoded unreserved characters decoded (`%2e` → `.`, as
    RFC 3986 says they are equivalent), then dot segments resolved (`/a/../b` → `/b`) and unsafe
    characters percent-encoded by urllib3. robots.txt and the address check are applied to this form."""
    parts = urlsplit(url)
    return str(parse_url(urlunsplit(parts._replace(path=_ESCAPE.sub(_unreserved, parts.path)))).url)


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")


def _unreserved(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else match.group(0).upper()


def merged_slashes(url: str) -> str:
    """`http://h//a///b` → `http://h/a/b`: many servers merge repeated slashes, so robots.txt is
    checked on this form too."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=re.sub("/{2,}", "/", parts.path)))


def _tracked(key: str, tracking: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(key.lower(), pattern) for pattern in tracking)


def unique(urls: Iterable[str]) -> Iterator[str]:
    """URLs → the same URLs without repeats, first occurrence kept."""
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            yield url


def host_of(url: str) -> str:
    """URL → host[:port], the unit of politeness."""
    return urlsplit(url).netloc.lower()


def check_scheme(url: str) -> None:
    """Refuse anything but http and https."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeURL(f"refused: scheme {scheme or '(none)'!r} is not http or https")


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def check_public(url: str, allow_loopback: bool = False) -> None:
    """Refuse a URL whose host resolves to a private, link-local (cloud metadata: 169.254.169.254,
    fd00:ec2::254), shared, reserved, multicast or otherwise non-public address, also when it is
    wrapped in IPv6 (::ffff:a.b.c.d, 6to4, NAT64). Loopback passes only with `allow_loopback`."""
    host = urlsplit(url).hostname
    if not host:
        raise UnsafeURL("refused: URL has no host")
    for address in _addresses(host):
        if allow_loopback and all(a.is_loopback for a in _forms(address)):
            continue
        if any(not a.is_global or a.is_multicast for a in _forms(address)):
            raise UnsafeURL(f"refused: {host} resolves to non-public address {address}")


def _forms(address: Address) -> list[Address]:
    """An address and the IPv4 address it carries, if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return [address]
    if address.ipv4_mapped:
        return [address.ipv4_mapped]
    inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else address.sixtofour
    return [address, inner] if inner else [address]


def _addresses(host: str) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as err:
        raise UnsafeURL(f"cannot resolve {host}: {err}") from err
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check(url: str, allow_loopback: bool) -> None:
    """Every safety check a URL must pass before any request (redirect targets included)."""
    check_scheme(url)
    check_public(url, allow_loopback)
