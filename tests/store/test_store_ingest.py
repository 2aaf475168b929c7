"""Incremental ingest: assignment, no-op re-ingest, updates, copies, crash consistency."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from stories import failing_on

from newsfuse.model import Article
from newsfuse.live import ingest_articles
from newsfuse.store import counts, get_article, get_event, list_events
from newsfuse.store import schema as t


def _events_by_article(store) -> dict[str, str]:
    with store.read() as conn:
        return {r.id: r.event_id for r in conn.execute(sa.select(t.articles.c.id,
                                                                t.articles.c.event_id))}


def test_articles_join_events_online_and_facts_are_stored(store, stories, stages):
    articles, _ = stories
    summary = ingest_articles(store, articles, stages)
    assert summary.added == 5
    events = _events_by_article(store)
    # The three fire reports are one event; the bridge and the storm are two others.
    assert events["valdane-1"] == events["valdane-2"] == events["valdane-3"]
    assert len({events["valdane-1"], events["orrin-1"], events["xss-1"]}) == 3
    with store.read() as conn:
        assert counts(conn)["mentions"] == 7
        event, brief = get_event(conn, events["valdane-1"])
        assert event.article_ids == ["valdane-1", "valdane-2", "valdane-3"]
        assert event.independent_sources == 3
        killed = brief.facts["killed"]
        # 3 dead, then "rose to five": the first figure is superseded but stays in the series.
        assert [(p.low, p.high) for p in killed.series] == [(3, 3), (5, 5)]
        assert killed.series[0].mention_id == "valdane-1:1"
        assert killed.best == 5 and killed.status == "updated"
        assert {m.mention_id for m in killed.mentions} == {"valdane-2:1", "valdane-3:1"}
        facts = conn.execute(sa.select(t.facts.c.slot).where(
            t.facts.c.event_id == event.id)).scalars().all()
        assert "killed" in facts


def test_reingest_is_a_noop(store, stories, stages):
    articles, _ = stories
    ingest_articles(store, articles, stages)
    with store.read() as conn:
        before = conn.execute(sa.select(t.events.c.id, t.events.c.updated_at)).all()
    summary = ingest_articles(store, articles, stages)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 5)
    assert summary.events_changed == []
    with store.read() as conn:
        assert conn.execute(sa.select(t.events.c.id, t.events.c.updated_at)).all() == before


def test_updated_version_replaces_the_old_one_and_its_mentions(store, stories, stages):
    articles, _ = stories
    ingest_articles(store, articles, stages)
    old = next(a for a in articles if a.id == "valdane-1")
    # Same URL, new id and text: the outlet corrected its story.
    new = old.model_copy(update={
        "id": "valdane-1-v2",
        "text": old.text.replace("Three people were killed", "Four people were killed"),
    })
    summary = ingest_articles(store, [new], stages)
    assert summary.updated == 1 and summary.added == 0
    with store.read() as conn:
        ids = conn.execute(sa.select(t.articles.c.id)).scalars().all()
        assert "valdane-1" not in ids and "valdane-1-v2" in ids
        stale = conn.execute(sa.select(t.mentions.c.id).where(
            t.mentions.c.article_id == "valdane-1")).all()
        assert stale == []
        stored = get_article(conn, "valdane-1-v2")
        event, brief = get_event(conn, stored.event_id)
        assert "valdane-1" not in event.article_ids and "valdane-1-v2" in event.article_ids
        assert "valdane-2" in event.article_ids  # kept its event


def test_exact_copy_joins_the_original_event_as_a_copy(store, stories, stages):
    articles, _ = stories
    ingest_articles(store, articles, stages)
    original = next(a for a in articles if a.id == "orrin-1")
    copy = original.model_copy(update={"id": "orrin-copy", "source": "wire.example",
                                       "url": "https://wire.example/orrin"})
    summary = ingest_articles(store, [copy], stages)
    assert summary.copies == 1
    with store.read() as conn:
        stored = get_article(conn, "orrin-copy")
        assert stored.duplicate_of == "orrin-1"
        event, _ = get_event(conn, stored.event_id)
        assert event.duplicates == {"orrin-1": ["orrin-copy"]}
        assert event.independent_sources == 1  # a copy is not an independent source


def test_a_crash_mid_ingest_leaves_committed_batches_and_the_next_ingest_resumes(
        store, stories, stages):
    articles, _ = stories

    broken = failing_on(stages, 3, RuntimeError("killed"))  # the first of the second batch
    with pytest.raises(RuntimeError):
        ingest_articles(store, articles, broken, batch_size=2)
    with store.read() as conn:
        stored = conn.execute(sa.select(t.articles.c.id)).scalars().all()
        assert len(stored) == 2  # the first batch only, whole
        # Every stored article's event exists and lists it: nothing half-written.
        for article_id, event_id in conn.execute(sa.select(t.articles.c.id,
                                                           t.articles.c.event_id)):
            event, _ = get_event(conn, event_id)
            assert article_id in event.article_ids
    summary = ingest_articles(store, articles, stages, batch_size=2)
    assert summary.unchanged == 2 and summary.added == 3
    with store.read() as conn:
        assert counts(conn)["articles"] == 5


def test_an_article_without_a_date_is_stored(store, stages):
    article = Article(id="undated", text="A small fire in a kiosk in Valdane was put out quickly.")
    ingest_articles(store, [article], stages)
    with store.read() as conn:
        page = list_events(conn)
        assert page.total == 1 and page.events[0].first_published is None
