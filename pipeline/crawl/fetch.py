"""One URL → one Fetched record: safety checks, robots.txt, per-host delay, retries, redirects, limits."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import HTTPError

from .robots import HostGate, Robots, agent_token, parse_robots
from .sources import CrawlSettings
from .urls import UnsafeURL, check, host_of, wire

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 65536


@dataclass(frozen=True)
class Fetched:
    """What became of one request: outcome is fetched, not_modified, skipped or failed."""

    url: str
    outcome: str
    final_url: str
    redirects: tuple[str, ...] = ()
    status: int | None = None
    reason_phrase: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    reason: str | None = None
    attempts: int = 0

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class _Failure(Exception):
    def __init__(self, reason: str, outcome: str = "failed", status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.outcome, self.status = reason, outcome, status


def retry_after(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) → seconds from now."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


@dataclass
class Fetcher:
    """Fetches politely: one shared gate per host, robots.txt read once per host and run."""

    settings: CrawlSettings
    gate: HostGate = field(default_factory=HostGate)
    pool: urllib3.PoolManager = field(default_factory=lambda: urllib3.PoolManager(num_pools=32, maxsize=2))
    _robots: dict[str, Robots] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def fetch(
        self,
        url: str,
        delay: float,
        *,
        validators: tuple[str | None, str | None] = (None, None),
        html_only: bool = True,
    ) -> Fetched:
        """GET `url` (conditional when validators = (etag, last_modified) are given), following redirects."""
        chain: list[str] = []
        current = url
        try:
            for _ in range(self.settings.max_redirects + 1):
                current = self._admit(current, delay)
                response, attempts = self._request(current, delay, validators)
                location = response.headers.get("Location")
                if response.status in REDIRECT_STATUSES and location:
                    _discard(response)
                    chain.append(current)
                    current = urljoin(current, location)
                    continue
                return self._finish(url, current, tuple(chain), response, attempts, html_only)
            raise _Failure(f"more than {self.settings.max_redirects} redirects")
        except _Failure as err:
            return Fetched(url, err.outcome, current, tuple(chain), err.status, reason=err.reason)

    def _admit(self, url: str, delay: float) -> str:
        """`url` as it will be sent, once it passed the safety check and robots.txt (on that same form)."""
        try:
            check(url, self.settings.allow_loopback)
            url = wire(url)
        except (UnsafeURL, ValueError) as err:
            raise _Failure(str(err)) from err
        if not self.robots(url, delay).allowed(url, agent_token(self.settings.user_agent)):
            raise _Failure("disallowed by robots.txt", "skipped")
        return url

    def robots(self, url: str, delay: float) -> Robots:
        """The robots.txt rules of `url`'s host, fetched on first use."""
        host = host_of(url)
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self._robots:
                self._robots[host] = self._load_robots(url, delay)
            return self._robots[host]

    def _load_robots(self, url: str, delay: float) -> Robots:
        robots_url = urljoin(url, "/robots.txt")
        try:
            response, _ = self._request(robots_url, delay, (None, None))
            body = self._read(response)
        except _Failure as err:
            log.warning("%s: robots.txt unreachable (%s); not crawling this host", host_of(url), err.reason)
            return parse_robots(None, "")
        robots = parse_robots(response.status, body.decode("utf-8", errors="replace"))
        self.gate.defer(host_of(url), robots.delay(agent_token(self.settings.user_agent)) or 0.0)
        return robots

    def delay_for(self, url: str, delay: float) -> float:
        """The host's delay: the source's or default delay, or robots.txt's Crawl-delay when longer."""
        return max(delay, self.robots(url, delay).delay(agent_token(self.settings.user_agent)) or 0.0)

    def _request(
        self, url: str, delay: float, validators: tuple[str | None, str | None]
    ) -> tuple[urllib3.BaseHTTPResponse, int]:
        host, wait = host_of(url), (delay if url.endswith("/robots.txt") else self.delay_for(url, delay))
        for attempt in range(1, self.settings.max_retries + 2):
            self.gate.wait(host, wait)
            last = attempt > self.settings.max_retries
            try:
                response = self._send(url, validators)
            except HTTPError as err:
                if last:
                    raise _Failure(f"request failed after {attempt} attempts: {type(err).__name__}") from err
                self.gate.defer(host, self._backoff(attempt))
                continue
            if response.status not in RETRY_STATUSES:
                return response, attempt
            _discard(response)
            if last:
                raise _Failure(f"HTTP {response.status} after {attempt} attempts", status=response.status)
            self.gate.defer(host, self._pause(response, attempt))
        raise AssertionError("unreachable")

    def _pause(self, response: urllib3.BaseHTTPResponse, attempt: int) -> float:
        asked = retry_after(response.headers.get("Retry-After"))
        if asked is not None and asked > self.settings.max_retry_after:
            raise _Failure(f"HTTP {response.status} with Retry-After {asked:.0f}s (too long)", status=response.status)
        return asked if asked is not None else self._backoff(attempt)

    def _backoff(self, attempt: int) -> float:
        return float(self.settings.backoff_seconds * 2 ** (attempt - 1))

    def _send(self, url: str, validators: tuple[str | None, str | None]) -> urllib3.BaseHTTPResponse:
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"}
        etag, modified = validators
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        timeout = urllib3.Timeout(connect=self.settings.timeout_seconds, read=self.settings.timeout_seconds)
        return self.pool.request(
            "GET", url, headers=headers, redirect=False, retries=False, preload_content=False, timeout=timeout
        )

    def _read(self, response: urllib3.BaseHTTPResponse) -> bytes:
        """The decoded body, refusing more than max_bytes (after gzip decoding) or more than the timeout."""
        limit, deadline = self.settings.max_bytes, time.monotonic() + self.settings.timeout_seconds
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            _discard(response, drain=False)
            raise _Failure(f"larger than {limit} bytes (Content-Length {declared})", status=response.status)
        body = bytearray()
        try:
            for chunk in response.stream(CHUNK, decode_content=True):
                body += chunk
                if len(body) > limit or time.monotonic() > deadline:
                    _discard(response, drain=False)
                    raise _Failure(_cut_reason(len(body) > limit, limit), status=response.status)
        except HTTPError as err:
            raise _Failure(f"reading body failed: {type(err).__name__}", status=response.status) from err
        return bytes(body)

    def _finish(
        self,
        url: str,
        final: str,
        chain: tuple[str, ...],
        response: urllib3.BaseHTTPResponse,
        attempts: int,
        html_only: bool,
    ) -> Fetched:
        status = response.status
        headers = tuple((k, v) for k, v in response.headers.items())
        base = Fetched(url, "failed", final, chain, status, response.reason or "", headers, attempts=attempts)
        if status == 304:
            _discard(response)
            return replace(base, outcome="not_modified")
        if not 200 <= status < 300:
            _discard(response, drain=False)
            return replace(base, reason=f"HTTP {status}")
        content_type = response.headers.get("Content-Type")
        if html_only and not is_html(content_type):
            _discard(response, drain=False)
            return replace(base, outcome="skipped", reason=f"not HTML: {content_type or 'no Content-Type'}")
        return replace(base, outcome="fetched", body=self._read(response))


def _discard(response: urllib3.BaseHTTPResponse, drain: bool = True) -> None:
    """Done with a response: a small body is read off so the connection can be reused, else it is closed."""
    try:
        if drain:
            response.drain_conn()
            response.release_conn()
        else:
            response.close()
    except HTTPError:
        response.close()


def _cut_reason(too_large: bool, limit: int) -> str:
    return f"larger than {limit} bytes" if too_large else "timed out reading the body"
