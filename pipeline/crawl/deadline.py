"""A total deadline per HTTP request: a timer that shuts the connection's socket when it passes.

urllib3's read timeout applies to each socket read, so a server that sends a header line or a body
byte every few seconds never trips it. A `Deadline` is armed around one request: the connection
that reads the response registers itself (through the pool classes below), and when the deadline
passes the socket is shut down, which ends the blocked read at once, headers or body alike.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import HTTPResponse

_armed = threading.local()


class Deadline:
    """One request's deadline; `expired` tells afterwards whether it cut the request."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._connection: HTTPConnection | None = None
        self._done = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def attach(self, connection: HTTPConnection) -> None:
        """The connection about to read the response; cut at once if the deadline already passed."""
        with self._lock:
            self._connection = connection
            if self.expired:
                _cut(connection)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            if self._connection is not None:
                _cut(self._connection)

    def start(self) -> None:
        self._timer.start()

    def finish(self) -> None:
        """The request is over (read or closed): the timer can no longer touch the connection."""
        with self._lock:
            self._done = True
            self._connection = None
        self._timer.cancel()


def _cut(connection: HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with suppress(OSError):  # already closed by the other side
            sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def armed(deadline: Deadline) -> Iterator[None]:
    """Requests sent by this thread inside the block are watched by `deadline`."""
    _armed.deadline = deadline
    try:
        yield
    finally:
        _armed.deadline = None


def _watch(connection: HTTPConnection) -> None:
    deadline: Deadline | None = getattr(_armed, "deadline", None)
    if deadline is not None:
        deadline.attach(connection)


class _Connection(HTTPConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 declares it
        _watch(self)
        return super().getresponse()


class _SecureConnection(HTTPSConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 declares it
        _watch(self)
        return super().getresponse()


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _SecurePool(HTTPSConnectionPool):
    ConnectionCls = _SecureConnection


def pool_manager(num_pools: int = 32, maxsize: int = 2) -> urllib3.PoolManager:
    """A PoolManager whose connections can be cut by the Deadline armed in the requesting thread."""
    manager = urllib3.PoolManager(num_pools=num_pools, maxsize=maxsize)
    manager.pool_classes_by_scheme = {"http": _Pool, "https": _SecurePool}
    return manager
