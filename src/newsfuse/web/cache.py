"""Rendered GET responses, kept until the store changes.

Under 20 concurrent clients the events page and ``/api/events`` queued behind each other at
~8-10 ms of work each (p95 ~250 ms on two cores); the same page for the same query is the same
bytes until something is written. SQLite's ``PRAGMA data_version``, asked on a read-only
connection of the cache's own, changes whenever any other connection commits (this process's
writes, another ``ingest`` or ``watch``): a few microseconds per request say whether the store
is the same. Other stores are not cached (no cheap way to know they did not change).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict

#: Responses kept (the listing pages and filters people reload, not every event page ever seen).
MAX_ENTRIES = 256
#: Larger bodies are not kept.
MAX_BODY_BYTES = 2 * 1024 * 1024


class _StoreVersion:
    """``PRAGMA data_version`` of a SQLite file, read on a connection that never writes."""

    def __init__(self, path: str) -> None:
        self.lock = threading.Lock()
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def __call__(self) -> int:
        with self.lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]


class ResponseCache:
    """ASGI middleware: answer a GET from memory when the same request was answered (200) since
    the store last changed."""

    def __init__(self, app, *, database_path: str | None) -> None:
        self.app = app
        self.version = None
        if database_path and database_path != ":memory:":
            try:
                self.version = _StoreVersion(database_path)
            except sqlite3.Error:
                self.version = None  # not cached: every request is rendered
        self.entries: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or self.version is None \
                or scope["path"].startswith("/static"):
            await self.app(scope, receive, send)
            return
        try:
            version = self.version()
        except sqlite3.Error:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        key = (scope["path"], scope.get("query_string", b""), headers.get(b"host"), version)
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
        if hit is not None:
            head, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": head})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict = {}
        chunks: list[bytes] = []

        async def keep(message):
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and started.get("status") == 200:
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY_BYTES and self.version() == version:
                        with self.lock:
                            self.entries[key] = (list(started.get("headers", [])), body)
                            while len(self.entries) > MAX_ENTRIES:
                                self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
