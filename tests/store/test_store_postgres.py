"""The same store on PostgreSQL: migrations, ingest, filters, corrections, export."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsfuse.live import ingest_articles
from newsfuse.store import (
    EventFilter,
    counts,
    get_article,
    get_event,
    list_events,
    merge_events,
    split_event,
)
from newsfuse.store.export import export_events
from newsfuse.store.schema import metadata
from newsfuse.store.search import is_search_object

# The full-text index is not in schema.py (no Core type for FTS5 or tsvector).
SEARCH_EXCLUDED = {"include_name": lambda name, type_, parents: not is_search_object(name)}

pytestmark = pytest.mark.postgres


def test_postgres_store_end_to_end(pg_store, stories, stages):
    with pg_store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts=SEARCH_EXCLUDED), metadata) == []
    articles, _ = stories
    summary = ingest_articles(pg_store, articles, stages)
    assert summary.added == 5
    assert ingest_articles(pg_store, articles, stages).unchanged == 5
    with pg_store.read() as conn:
        assert counts(conn)["articles"] == 5
        fire = get_article(conn, "valdane-1").event_id
        bridge = get_article(conn, "orrin-1").event_id
        event, _ = get_event(conn, fire)
        assert event.article_ids == ["valdane-1", "valdane-2", "valdane-3"]
        for query, expected in [("warehouse", 1), ("walkers crossing", 1), ("footbridge fire", 0),
                                ("collapsing bridges", 1), ("wareh*", 1), ("wareh", 0),
                                ('fire" | !bridge', 0), ("*** !!", 3)]:
            assert list_events(conn, EventFilter(text=query)).total == expected, query
        assert list_events(conn, EventFilter(date_from=date(2024, 6, 1))).total == 2
    fns = {"reconcile": stages.reconcile, "build_brief": stages.build_brief}
    assert merge_events(pg_store, [fire, bridge], **fns) == fire
    new_id = split_event(pg_store, fire, ["orrin-1"], **fns)
    with pg_store.read() as conn:
        assert get_article(conn, "orrin-1").event_id == new_id
        assert len("".join(export_events(conn, "csv")).splitlines()) == 4
        assert list_events(conn, EventFilter(text="walkers")).events[0].id == new_id


def test_postgres_search_index_is_rebuilt(pg_store, stories, stages):
    from newsfuse.store.search import rebuild_index

    ingest_articles(pg_store, stories[0], stages)
    with pg_store.write() as conn:
        conn.exec_driver_sql("UPDATE events SET search_tsv = NULL")
        assert rebuild_index(conn) == 3
    with pg_store.read() as conn:
        assert list_events(conn, EventFilter(text="firefighters")).total == 1
