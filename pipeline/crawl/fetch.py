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

from .deadline import Deadline, armed, pool_manager
from .robots import HostGate, Robots, agent_token, parse_robots
from .sources import CrawlSettings
from .urls import check, host_of, merged_slashes, wire

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
    pool: urllib3.PoolManager = field(default_factory=pool_manager)
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
                answer, attempts = self._request(current, delay, validators, html_only)
                location = answer.header("Location")
                if answer.status in REDIRECT_STATUSES and location:
                    chain.append(current)
                    current = urljoin(current, location)
                    continue
                return _finish(Fetched(url, "failed", current, tuple(chain), attempts=attempts), answer, html_only)
            raise _Failure(f"more than {self.settings.max_redirects} redirects")
        except _Failure as err:
            return Fetched(url, err.outcome, current, tuple(chain), err.status, reason=err.reason)

    def _admit(self, url: str, delay: float) -> str:
        """`url` as it will be sent, once it passed the safety check and robots.txt (on that same form)."""
        try:
            check(url, self.settings.allow_loopback)
            url = wire(url)
        except ValueError as err:  # UnsafeURL, or a URL urllib3 cannot parse
            raise _Failure(str(err)) from err
        robots, agent = self.robots(url, delay), agent_token(self.settings.user_agent)
        if not (robots.allowed(url, agent) and robots.allowed(merged_slashes(url), agent)):
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
            answer, _ = self._request(robots_url, delay, (None, None), html_only=False)
        except _Failure as err:
            log.warning("%s: robots.txt unreachable (%s); not crawling this host", host_of(url), err.reason)
            return parse_robots(None, "")
        robots = parse_robots(answer.status, answer.body.decode("utf-8", errors="replace"))
        self.gate.defer(host_of(url), robots.delay(agent_token(self.settings.user_agent)) or 0.0)
        return robots

    def delay_for(self, url: str, delay: float) -> float:
        """The host's delay: the source's or default delay, or robots.txt's Crawl-delay when longer."""
        return max(delay, self.robots(url, delay).delay(agent_token(self.settings.user_agent)) or 0.0)

    def _request(
        self, url: str, delay: float, validators: tuple[str | None, str | None], html_only: bool
    ) -> tuple[_Answer, int]:
        host, wait = host_of(url), (delay if url.endswith("/robots.txt") else self.delay_for(url, delay))
        for attempt in range(1, self.settings.max_retries + 2):
            self.gate.wait(host, wait)
            last = attempt > self.settings.max_retries
            try:
                answer = self._exchange(url, validators, html_only)
            except HTTPError as err:
                if last:
                    raise _Failure(f"request failed after {attempt} attempts: {type(err).__name__}") from err
                self.gate.defer(host, self._backoff(attempt))
                continue
            if answer.status not in RETRY_STATUSES:
                return answer, attempt
            if last:
                raise _Failure(f"HTTP {answer.status} after {attempt} attempts", status=answer.status)
            self.gate.defer(host, self._pause(answer, attempt))
        raise AssertionError("unreachable")

    def _exchange(self, url: str, validators: tuple[str | None, str | None], html_only: bool) -> _Answer:
        """One request under one deadline: the body of a wanted 2xx response is read, any other is closed unread."""
        deadline = Deadline(self.settings.deadline_seconds)
        deadline.start()
        try:
            with armed(deadline):
                response = self._send(url, validators)
        except BaseException as err:
            deadline.finish()
            if deadline.expired and isinstance(err, HTTPError):
                raise _Failure(f"no response within the {deadline.seconds:g}s deadline") from err
            raise
        try:
            if deadline.expired:  # cut in the headers: http.client takes the cut for their end
                raise _Failure(f"no response within the {deadline.seconds:g}s deadline")
            return self._answer(response, html_only, deadline)
        finally:
            deadline.finish()  # before the connection goes back to the pool, where the timer must not reach it
            _close(response)

    def _answer(self, response: urllib3.BaseHTTPResponse, html_only: bool, deadline: Deadline) -> _Answer:
        headers = tuple((k, v) for k, v in response.headers.items())
        answer = _Answer(response.status, response.reason or "", headers)
        if not 200 <= response.status < 300 or (html_only and not is_html(answer.header("Content-Type"))):
            return answer
        return replace(answer, body=self._read(response, deadline))

    def _pause(self, answer: _Answer, attempt: int) -> float:
        asked = retry_after(answer.header("Retry-After"))
        if asked is not None and asked > self.settings.max_retry_after:
            raise _Failure(f"HTTP {answer.status} with Retry-After {asked:.0f}s (too long)", status=answer.status)
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
        seconds = min(self.settings.timeout_seconds, self.settings.deadline_seconds)
        timeout = urllib3.Timeout(connect=seconds, read=seconds)
        return self.pool.request(
            "GET", url, headers=headers, redirect=False, retries=False, preload_content=False, timeout=timeout
        )

    def _read(self, response: urllib3.BaseHTTPResponse, deadline: Deadline) -> bytes:
        """The decoded body, refusing more than max_bytes (after gzip decoding) or past the deadline."""
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Failure(f"larger than {limit} bytes (Content-Length {declared})", status=response.status)
        body = bytearray()
        try:
            for chunk in response.stream(CHUNK, decode_content=True):
                body += chunk
                if len(body) > limit:
                    raise _Failure(f"larger than {limit} bytes", status=response.status)
        except HTTPError as err:
            raise _Failure(_read_failure(err, deadline), status=response.status) from err
        if deadline.expired:
            raise _Failure(_read_failure(None, deadline), status=response.status)
        return bytes(body)


@dataclass(frozen=True)
class _Answer:
    """One HTTP response, its body read only when it is wanted."""

    status: int
    reason_phrase: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def _finish(base: Fetched, answer: _Answer, html_only: bool) -> Fetched:
    """A final (non-redirect) answer → its Fetched record."""
    base = replace(base, status=answer.status, reason_phrase=answer.reason_phrase, headers=answer.headers)
    if answer.status == 304:
        return replace(base, outcome="not_modified")
    if not 200 <= answer.status < 300:
        return replace(base, reason=f"HTTP {answer.status}")
    content_type = answer.header("Content-Type")
    if html_only and not is_html(content_type):
        return replace(base, outcome="skipped", reason=f"not HTML: {content_type or 'no Content-Type'}")
    return replace(base, outcome="fetched", body=answer.body)


def _close(response: urllib3.BaseHTTPResponse) -> None:
    """Done with a response: the connection goes back to the pool when its body was read to the end,
    else it is closed, so an unwanted body (a redirect's, a 5xx's, a non-HTML one) is never read."""
    if not response.closed:  # http.client marks a response closed once its body is read to the end
        response.close()
    response.release_conn()


def _read_failure(err: HTTPError | None, deadline: Deadline) -> str:
    if deadline.expired:
        return f"body not read within the {deadline.seconds:g}s deadline"
    return f"reading body failed: {type(err).__name__}"
