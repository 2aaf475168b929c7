"""Watching a folder: ingest files as they appear, and re-read feed files on a schedule.

A file counts as ingested only after the ingest of it has committed (the ``seen_files`` table),
so a stop at any moment loses nothing accepted: the next poll (or the next ``watch``) reads any
file whose ingest did not finish, and re-reading what was stored is a no-op.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from newsfuse.errors import NewsfuseError
from newsfuse.store import schema as t
from newsfuse.store.codec import now
from newsfuse.store.engine import Store
from newsfuse.live.ingest import IngestSummary, ingest_sources
from newsfuse.live.stages import Stages

FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(frozen=True)
class WatchOptions:
    """Args:
        interval: seconds between polls of the folder.
        feed_interval: seconds between re-reads of an unchanged feed file.
        settle: a file changed less than this many seconds ago is left for the next poll (it
            may still be being written).
        max_bytes: as for ``read_sources``.
        retry_after: seconds before files whose ingest failed are tried again.
    """

    interval: float = 2.0
    feed_interval: float = 300.0
    settle: float = 1.0
    max_bytes: int = 50 * 1024 * 1024
    retry_after: float = 60.0


def due_files(store: Store, folder: Path, options: WatchOptions,
              feeds_read: dict[str, float]) -> list[Path]:
    """Files under ``folder`` that are new or changed since ingested, or feeds due a re-read."""
    with store.read() as conn:
        seen = {r.path: (r.size, r.mtime) for r in conn.execute(sa.select(t.seen_files))}
    due = []
    clock = time.time()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        stat = path.stat()
        if clock - stat.st_mtime < options.settle:
            continue
        key = str(path.resolve())
        changed = seen.get(key) != (stat.st_size, stat.st_mtime)
        feed_due = (path.suffix.lower() in FEED_SUFFIXES
                    and clock - feeds_read.get(key, 0.0) >= options.feed_interval)
        if changed or feed_due:
            due.append(path)
    return due


def mark_seen(store: Store, paths: list[Path]) -> None:
    with store.write() as conn:
        for path in paths:
            stat = path.stat()
            key = str(path.resolve())
            conn.execute(sa.delete(t.seen_files).where(t.seen_files.c.path == key))
            conn.execute(sa.insert(t.seen_files).values(
                path=key, size=stat.st_size, mtime=stat.st_mtime, ingested_at=now()))


def poll_once(store: Store, folder: Path, stages: Stages, options: WatchOptions,
              feeds_read: dict[str, float], failed_at: dict[str, float] | None = None
              ) -> tuple[list[Path], IngestSummary | None]:
    """One poll: ingest the due files (leaving those that failed less than
    ``options.retry_after`` seconds ago). Returns them and what their ingest did."""
    clock = time.time()
    failed_at = failed_at if failed_at is not None else {}
    due = [p for p in due_files(store, folder, options, feeds_read)
           if clock - failed_at.get(str(p.resolve()), -1e18) >= options.retry_after]
    if not due:
        return [], None
    try:
        summary = ingest_sources(store, due, stages, max_bytes=options.max_bytes)
    except NewsfuseError as exc:
        raise _PollFailed(due, exc) from exc
    for path in due:
        failed_at.pop(str(path.resolve()), None)
    mark_seen(store, due)
    for path in due:
        if path.suffix.lower() in FEED_SUFFIXES:
            feeds_read[str(path.resolve())] = time.time()
    return due, summary


def watch(store: Store, folder: Path, stages: Stages, options: WatchOptions, *,
          on_ingest: Callable[[list[Path], IngestSummary], None] | None = None,
          on_error: Callable[[list[Path], NewsfuseError], None] | None = None,
          should_stop: Callable[[], bool] = lambda: False) -> None:
    """Poll ``folder`` until ``should_stop()`` (or KeyboardInterrupt, which the caller handles).

    A poll that fails with a newsfuse error (the store locked or unreachable, a file the
    pipeline cannot take) does not end the watch: it is reported to ``on_error`` and its files,
    never marked seen, are tried again after ``options.retry_after`` seconds.
    """
    feeds_read: dict[str, float] = {}
    failed_at: dict[str, float] = {}
    while not should_stop():
        try:
            due, summary = poll_once(store, folder, stages, options, feeds_read, failed_at)
        except _PollFailed as failure:
            for path in failure.paths:
                failed_at[str(path.resolve())] = time.time()
            if on_error:
                on_error(failure.paths, failure.error)
        else:
            if summary is not None and on_ingest:
                on_ingest(due, summary)
        time.sleep(options.interval)


class _PollFailed(Exception):
    def __init__(self, paths: list[Path], error: NewsfuseError) -> None:
        super().__init__(str(error))
        self.paths, self.error = paths, error
