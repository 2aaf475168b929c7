"""Stores made before the clusterer's state was saved (revision 0002) are re-clustered."""

from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.live import ingest_articles
from newsfuse.live.recluster import needs_recluster, recluster
from newsfuse.store import EventFilter, get_article, get_event, list_events, merge_events, open_store


def _make_legacy(store) -> None:
    """What a pre-0002 store looks like: events of the stand-in assigner (its own ids), no
    clusterer state, articles never given to the clusterer."""
    with store.write() as conn:
        conn.exec_driver_sql("DELETE FROM cluster_state")
        conn.exec_driver_sql("UPDATE articles SET cluster_seq = NULL, "
                             "event_id = 'old-' || substr(event_id, 4)")
        conn.exec_driver_sql("UPDATE events SET id = 'old-' || substr(id, 4)")
        conn.exec_driver_sql("UPDATE facts SET event_id = 'old-' || substr(event_id, 4)")


def test_legacy_store_is_reclustered_by_the_next_ingest(tmp_path, stories, stages):
    articles, _ = stories
    by_id = {a.id: a for a in articles}
    path = tmp_path / "legacy.db"
    with open_store(path) as store:
        ingest_articles(store, [by_id["valdane-1"], by_id["valdane-2"], by_id["orrin-1"]], stages)
        _make_legacy(store)
    with open_store(path) as store:
        with store.read() as conn:
            assert needs_recluster(conn) == 3
        summary = ingest_articles(store, [by_id["valdane-3"]], stages)
        assert summary.reclustered == 3 and summary.added == 1
        assert ingest_articles(store, [by_id["xss-1"]], stages).reclustered == 0
        with store.read() as conn:
            assert needs_recluster(conn) == 0
            fire = get_article(conn, "valdane-1").event_id
            assert fire == "ev-valdane-1"
            # The new article joined the old event: the clusterer knows the stored ones now.
            assert get_article(conn, "valdane-3").event_id == fire
            event, _ = get_event(conn, "old-valdane-1")  # an old link still answers
            assert event.id == fire and len(event.article_ids) == 3
            assert list_events(conn).total == 3
            assert list_events(conn, EventFilter(text="firefighters warehouse")).total == 1
            leftover = conn.execute(sa.text("SELECT count(*) FROM events WHERE id LIKE 'old-%'"))
            assert leftover.scalar_one() == 0


def test_recluster_command_keeps_merges(tmp_path, stories, stages):
    articles, _ = stories
    path = tmp_path / "again.db"
    with open_store(path) as store:
        ingest_articles(store, articles, stages)
        with store.read() as conn:
            fire = get_article(conn, "valdane-1").event_id
            bridge = get_article(conn, "orrin-1").event_id
        merge_events(store, [fire, bridge], reconcile=stages.reconcile,
                     build_brief=stages.build_brief)
        summary = recluster(store, stages)
        assert summary.articles == 5 and summary.events_before == summary.events_after == 2
        with store.read() as conn:
            assert get_article(conn, "orrin-1").event_id == get_article(conn, "valdane-1").event_id
            assert get_event(conn, bridge)[0].id == get_article(conn, "valdane-1").event_id
    result = CliRunner().invoke(app, ["store", "recluster", "--db", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "re-clustered 5 articles" in result.output
    result = CliRunner().invoke(app, ["store", "reindex", "--db", str(path), "--no-progress"])
    assert result.exit_code == 0 and "indexed 2 events" in result.output
