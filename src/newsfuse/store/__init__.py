"""Stage ``store``: everything the pipeline produces, persisted (the incremental ingest that
fills it is ``newsfuse.live``).

One SQLite file by default, PostgreSQL when given a ``postgresql://`` URL, both through
SQLAlchemy Core; the schema is migrated with Alembic when a store is opened::

    store = open_store("newsfuse.db")
    with store.read() as conn:
        page = list_events(conn, EventFilter(place="moscow"))
"""

from newsfuse.store.corrections import merge_events, recorded_corrections, split_event
from newsfuse.store.engine import DEFAULT_DB, Store, open_store, resolve_url
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
    "DEFAULT_DB", "EventFilter", "EventPage", "EventSummary", "Store", "StoredArticle", "counts",
    "event_articles", "event_types", "get_article", "get_event", "iter_briefs", "list_corrections", "list_events",
    "list_rejections", "merge_events", "open_store", "recorded_corrections", "resolve_event_id",
    "resolve_url", "split_event",
]
