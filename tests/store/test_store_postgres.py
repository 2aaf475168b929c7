"""The same store on PostgreSQL: migrations, ingest, filters, corrections, export."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsfuse.store import (
    EventFilter,
    counts,
    get_article,
    get_event,
    ingest_articles,
    list_events,
    merge_events,
    split_event,
)
from newsfuse.store.export import export_events
from newsfuse.store.schema import metadata

pytestmark = pytest.mark.postgres


def test_postgres_store_end_to_end(pg_store, stories, stages):
    with pg_store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
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
        assert list_events(conn, EventFilter(text="warehouse")).total == 1
        assert list_events(conn, EventFilter(date_from=date(2024, 6, 1))).total == 2
    fns = {"reconcile": stages.reconcile, "build_brief": stages.build_brief}
    assert merge_events(pg_store, [fire, bridge], **fns) == fire
    new_id = split_event(pg_store, fire, ["orrin-1"], **fns)
    with pg_store.read() as conn:
        assert get_article(conn, "orrin-1").event_id == new_id
        assert len("".join(export_events(conn, "csv")).splitlines()) == 4
