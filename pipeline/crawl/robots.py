"""robots.txt rules per host, and the per-host gate that spaces requests out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego


@dataclass(frozen=True)
class Robots:
    """One host's robots.txt: RFC 9309 says a missing file (4xx) allows all, an unreachable one (5xx) none."""

    parser: Protego | None = None
    allow_all: bool = True

    def allowed(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, agent))

    def delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        value = self.parser.crawl_delay(agent)
        return float(value) if value is not None else None


def parse_robots(status: int | None, text: str) -> Robots:
    """A robots.txt response (status, body) → Robots; no response at all counts as unreachable."""
    if status is not None and 200 <= status < 300:
        return Robots(Protego.parse(text))
    return Robots(allow_all=status is not None and 400 <= status < 500)


def agent_token(user_agent: str) -> str:
    """'newsfacts (+https://…)' → 'newsfacts', the name robots.txt groups are matched against."""
    return user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"


@dataclass
class HostGate:
    """Spaces out requests to each host: at least `delay` seconds apart, later when a server asked for it."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait(self, host: str, delay: float) -> None:
        """Block until `host` may be asked again, then book the next slot `delay` seconds on."""
        with self._lock(host):
            pause = self._next.get(host, 0.0) - self.clock()
            if pause > 0:
                self.sleep(pause)
            self._next[host] = self.clock() + delay

    def defer(self, host: str, seconds: float) -> None:
        """A server said 'not before `seconds` from now' (Retry-After)."""
        with self._lock(host):
            self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)
