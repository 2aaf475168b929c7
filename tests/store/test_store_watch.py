"""Watching a folder: new files are ingested once; a failed ingest loses nothing."""

from __future__ import annotations

import os
import time

import pytest
from stories import failing_on

from newsfuse.live.watch import WatchOptions, poll_once, watch
from newsfuse.store import counts

OPTIONS = WatchOptions(interval=0.01, feed_interval=3600, settle=0.0)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    old = time.time() - 5
    os.utime(path, (old, old))


def test_poll_ingests_new_files_once(tmp_path, store, stories, stages):
    articles, _ = stories
    folder = tmp_path / "watched"
    folder.mkdir()
    _write(folder / "one.txt", articles[0].text)
    feeds: dict = {}
    due, summary = poll_once(store, folder, stages, OPTIONS, feeds)
    assert [p.name for p in due] == ["one.txt"] and summary.added == 1
    assert poll_once(store, folder, stages, OPTIONS, feeds) == ([], None)
    _write(folder / "two.txt", articles[3].text)
    due, summary = poll_once(store, folder, stages, OPTIONS, feeds)
    assert [p.name for p in due] == ["two.txt"] and summary.added == 1


def test_a_failed_ingest_is_retried_on_the_next_poll(tmp_path, store, stories, stages):
    folder = tmp_path / "watched"
    folder.mkdir()
    _write(folder / "one.txt", stories[0][0].text)

    broken = failing_on(stages, 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        poll_once(store, folder, broken, OPTIONS, {})
    with store.read() as conn:
        assert counts(conn)["articles"] == 0
    due, summary = poll_once(store, folder, stages, OPTIONS, {})
    assert summary.added == 1


def test_watch_loop_stops_and_reports(tmp_path, store, stories, stages):
    folder = tmp_path / "watched"
    folder.mkdir()
    _write(folder / "one.txt", stories[0][0].text)
    seen, polls = [], iter(range(3))
    watch(store, folder, stages, OPTIONS, on_ingest=lambda paths, s: seen.append(s.added),
          should_stop=lambda: next(polls, None) is None)
    assert seen == [1]


def test_watch_goes_on_after_a_failed_poll_and_retries_later(tmp_path, store, stories, stages):
    from newsfuse.errors import StoreError

    folder = tmp_path / "watched"
    folder.mkdir()
    _write(folder / "one.txt", stories[0][0].text)
    flaky = failing_on(stages, 1, StoreError("database is locked"))
    errors, added, polls = [], [], iter(range(3))
    options = OPTIONS.__class__(**{**OPTIONS.__dict__, "retry_after": 0.0})
    watch(store, folder, flaky, options, on_ingest=lambda paths, s: added.append(s.added),
          on_error=lambda paths, e: errors.append((len(paths), str(e))),
          should_stop=lambda: next(polls, None) is None)
    assert errors == [(1, "[E004] database is locked")] and added == [1]
