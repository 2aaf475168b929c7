"""The store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Pydantic models are kept whole as JSON in ``data`` columns (the relational shape would add
nothing); the columns beside them are the ones the store filters, sorts or joins on. Datetimes in
indexed columns are naive UTC so SQLite and PostgreSQL sort them alike; the JSON keeps the
original offset. The migrations in ``migrations/versions`` create exactly these tables: change
both together (``tests/store/test_store_migrations.py`` checks they agree).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

#: Event ids are the cluster stage's ``ev-<first article id>`` (article ids are up to 200).
EVENT_ID = sa.String(220)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("url", sa.String(2000), index=True),
    sa.Column("text_hash", sa.String(64), nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.String(300)),
    sa.Column("published", sa.DateTime, index=True),
    sa.Column("event_id", EVENT_ID, index=True),
    # Set by a user's split: online assignment and updates never move a pinned article.
    sa.Column("pinned", sa.Boolean, nullable=False, default=False),
    sa.Column("duplicate_of", sa.String(200)),
    # The article's position in the clusterer's stream (None: never given to it).
    sa.Column("cluster_seq", sa.Integer),
    # The wire service it credits (cluster.wire_source): its source-independence key.
    sa.Column("wire", sa.String(40)),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("analysed", sa.JSON),
    sa.Column("embedding", sa.LargeBinary),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.String(250), primary_key=True),
    sa.Column("article_id", sa.String(200), nullable=False, index=True),
    sa.Column("slot", sa.String(40), nullable=False),
    sa.Column("scope", sa.String(20), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", EVENT_ID, primary_key=True),
    sa.Column("headline", sa.Text),
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("sort_date", sa.DateTime, index=True),
    sa.Column("place", sa.Text),
    sa.Column("event_type", sa.String(80), index=True),
    sa.Column("first_published", sa.DateTime, index=True),
    sa.Column("last_published", sa.DateTime, index=True),
    sa.Column("n_articles", sa.Integer, nullable=False, default=0),
    sa.Column("independent_sources", sa.Integer, nullable=False, default=0),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("statuses", sa.JSON),
    # The event's key in the SQLite full-text index (store/search.py; PostgreSQL keeps a
    # tsvector column instead, which like the FTS5 table is made by migration 0003 only).
    sa.Column("search_key", sa.BigInteger, index=True),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

# The Event and its Brief, apart from the listing columns: kept in ``events`` they made its rows
# kilobytes wide, and every filtered listing read them all.
event_details = sa.Table(
    "event_details",
    metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("brief", sa.JSON),
)

facts = sa.Table(
    "facts",
    metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("slot", sa.String(40), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("best", sa.Text),
    sa.Column("low", sa.BigInteger),
    sa.Column("high", sa.BigInteger),
    sa.Column("confidence", sa.Float),
    sa.Column("sources", sa.Integer),
    sa.Column("data", sa.JSON, nullable=False),
)

rejections = sa.Table(
    "rejections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("code", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
)

duplicates = sa.Table(
    "duplicates",
    metadata,
    sa.Column("article_id", sa.String(200), primary_key=True),
    sa.Column("duplicate_of", sa.String(200), nullable=False, index=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("input", sa.Text),
)

corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("event_ids", sa.JSON, nullable=False),
    sa.Column("article_ids", sa.JSON, nullable=False),
    sa.Column("result_event_id", EVENT_ID),
    sa.Column("created", sa.DateTime, nullable=False),
)

# An event merged into another keeps answering under its old id.
event_aliases = sa.Table(
    "event_aliases",
    metadata,
    sa.Column("old_id", EVENT_ID, primary_key=True),
    sa.Column("event_id", EVENT_ID, nullable=False, index=True),
)

# Files `watch` has ingested (path, size, mtime): a restart does not re-read them.
seen_files = sa.Table(
    "seen_files",
    metadata,
    sa.Column("path", sa.String(2000), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime", sa.Float, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

# The online clusterer's saved state (cluster.save_state), one row, rewritten by every ingest
# batch and correction in the same transaction; ``version`` tells a process its copy is stale.
cluster_state = sa.Table(
    "cluster_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("state", sa.LargeBinary, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
)
