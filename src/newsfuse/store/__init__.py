"""Stage ``store``: everything the pipeline produces, persisted; incremental ingest over it.

One SQLite file by default, PostgreSQL when given a ``postgresql://`` URL, both through
SQLAlchemy Core; the schema is migrated with Alembic when a store is opened::

    store = open_store("newsfuse.db")
    summary = ingest_sources(store, ["articles/"], default_stages(), max_bytes=50_000_000)
    with store.read() as conn:
        page = list_events(conn, EventFilter(place="moscow"))
"""

from newsfuse.store.corrections import merge_events, recorded_corrections, split_event
from newsfuse.store.engine import DEFAULT_DB, Store, open_store, resolve_url
from newsfuse.store.ingest import (
    IngestSummary,
    Stages,
    default_stages,
    ingest_articles,
    ingest_sources,
)
from newsfuse.store.read import (
    EventFilter,
    EventPage,
    EventSummary,
    StoredArticle,
    counts,
    event_articles,
    event_types,
    get_article,
    get_event,
    iter_briefs,
    list_corrections,
    list_events,
    list_rejections,
    resolve_event_id,
)

__all__ = [
    "DEFAULT_DB", "EventFilter", "EventPage", "EventSummary", "IngestSummary", "Stages", "Store", "StoredArticle", "counts",
    "default_stages", "event_articles", "event_types", "get_article", "get_event",
    "ingest_articles", "ingest_sources", "iter_briefs", "list_corrections", "list_events",
    "list_rejections", "merge_events", "open_store", "recorded_corrections", "resolve_event_id",
    "resolve_url", "split_event",
]
