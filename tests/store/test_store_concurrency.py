"""Writers at once on one SQLite store: two ingests, and a web write during an ingest.

The models run outside every write transaction, so a writer waits only for another's short
writes, never for its analysis. The store's busy timeout is cut to 4 s here and each analysis
takes 6 s more: an ingest that analysed inside its transaction fails these tests ('database is
locked'), as a second `newsfuse ingest` and a web merge did during a long batch.
"""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

import newsfuse.store.engine as store_engine
from newsfuse.live import Stages, ingest_articles
from newsfuse.store import counts, get_article, get_event, open_store
from newsfuse.web import create_app

ANALYSIS_SECONDS = 6.0


@pytest.fixture()
def short_busy_timeout(monkeypatch, tmp_path, stories, stages):
    # The first write of a process loads the summary's model and the lexicons: done here, once.
    with open_store(tmp_path / "warm-up.db") as store:
        ingest_articles(store, stories[0], stages)
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_TIMEOUT_MS", 4000)


def slow(stages: Stages, started: threading.Event | None = None) -> Stages:
    """``stages`` whose analysis takes ANALYSIS_SECONDS more (a long batch of real articles)."""

    def analyse(batch):  # a generator, as the real one: the work starts at the first result
        if started is not None:
            started.set()
        time.sleep(ANALYSIS_SECONDS)
        yield from stages.analyse(batch)

    return Stages(analyse=analyse, reconcile=stages.reconcile, build_brief=stages.build_brief)


def in_thread(target, *args) -> tuple[threading.Thread, list]:
    errors: list = []

    def run() -> None:
        try:
            target(*args)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_two_ingests_at_once_both_commit(tmp_path, stories, stages, short_busy_timeout):
    articles, _ = stories
    db = tmp_path / "shared.db"
    open_store(db).close()  # migrated once, before the writers start
    halves = (articles[: len(articles) // 2], articles[len(articles) // 2 :])
    stores = [open_store(db), open_store(db)]
    try:
        runs = [in_thread(ingest_articles, store, half, slow(stages)) for store, half in
                zip(stores, halves, strict=True)]
        for thread, _ in runs:
            thread.join(timeout=120)
        assert [errors for _, errors in runs] == [[], []]
        with stores[0].read() as conn:
            assert counts(conn)["articles"] == len(articles)
            for article in articles:  # each one placed in an event that exists
                assert get_article(conn, article.id).event_id
    finally:
        for store in stores:
            store.close()


def test_a_web_merge_during_an_ingest_answers_at_once(tmp_path, stories, stages,
                                                      short_busy_timeout):
    articles, _ = stories
    first, rest = articles[:4], articles[4:]  # the fire's reports and the footbridge's; one more
    with open_store(tmp_path / "web.db") as store:
        ingest_articles(store, first, stages)
        with store.read() as conn:
            events = sorted({get_article(conn, a.id).event_id for a in first})
        assert len(events) >= 2, events
        client = TestClient(create_app(store, stages=stages))
        started = threading.Event()
        other = open_store(tmp_path / "web.db")
        try:
            thread, errors = in_thread(ingest_articles, other, rest, slow(stages, started))
            assert started.wait(timeout=60)
            clock = time.perf_counter()
            merged = client.post("/api/events/merge", json={"event_ids": events[:2]})
            waited = time.perf_counter() - clock
            thread.join(timeout=120)
        finally:
            other.close()
        assert merged.status_code == 200, merged.text
        assert waited < ANALYSIS_SECONDS  # it did not wait for the analysis
        assert errors == []
        with store.read() as conn:
            assert counts(conn)["articles"] == len(articles)


def test_ingest_on_two_processes_stores_what_one_process_stores(tmp_path, stories, stages):
    from stories import stories_extract

    from newsfuse.live import default_stages

    articles, claims = stories
    two = default_stages(n_process=2, extract=stories_extract(claims))
    stored = []
    for name, used in (("one", stages), ("two", two)):
        with open_store(tmp_path / f"{name}.db") as store:
            summary = ingest_articles(store, articles, used)
            with store.read() as conn:
                placed = {a.id: get_article(conn, a.id).event_id for a in articles}
                briefs = {e: get_event(conn, e)[1].model_dump(mode="json")
                          for e in set(placed.values())}
            stored.append((summary.added, placed, briefs))
    assert stored[0] == stored[1]
