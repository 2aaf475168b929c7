"""Full-text search over events (an FTS5 table on SQLite, a tsvector column on PostgreSQL);
narrow event rows (the Event and Brief JSON move to ``event_details``).

Replaces the ``LIKE`` scan of ``events.search_text`` (headline, place, type and titles): the
column goes, ``events.search_key`` (the event's key in the FTS5 index) comes, and the index is
filled from the stored articles, so an existing store is searchable as soon as it is opened.
What each event's document holds is described in ``store/search.py``.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5("
    "body, tokenize = 'porter unicode61 remove_diacritics 2')"
)


def upgrade() -> None:
    from newsfuse.store.search import rebuild_index

    op.create_table(
        "event_details",
        sa.Column("event_id", sa.String(220), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("brief", sa.JSON),
    )
    op.execute("INSERT INTO event_details (event_id, data, brief) SELECT id, data, brief FROM events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("search_text")
        batch.drop_column("data")
        batch.drop_column("brief")
        batch.add_column(sa.Column("search_key", sa.BigInteger))
    op.create_index("ix_events_search_key", "events", ["search_key"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE events ADD COLUMN search_tsv tsvector")
        op.execute("CREATE INDEX ix_events_search_tsv ON events USING gin (search_tsv)")
    else:
        op.execute(SQLITE_FTS)
    # Backfill: every stored event's document, from its articles (the current definition).
    rebuild_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_events_search_tsv")
        op.execute("ALTER TABLE events DROP COLUMN IF EXISTS search_tsv")
    else:
        op.execute("DROP TABLE IF EXISTS events_fts")
    op.drop_index("ix_events_search_key", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("search_key")
        batch.add_column(sa.Column("search_text", sa.Text))
        batch.add_column(sa.Column("data", sa.JSON))
        batch.add_column(sa.Column("brief", sa.JSON))
    op.execute("UPDATE events SET data = (SELECT data FROM event_details WHERE event_id = events.id), "
               "brief = (SELECT brief FROM event_details WHERE event_id = events.id)")
    op.drop_table("event_details")
