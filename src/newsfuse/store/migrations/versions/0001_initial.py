"""The initial store: articles, mentions, events, facts, rejections, duplicates, corrections.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("url", sa.String(2000)),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(300)),
        sa.Column("published", sa.DateTime),
        sa.Column("event_id", sa.String(64)),
        sa.Column("pinned", sa.Boolean, nullable=False),
        sa.Column("duplicate_of", sa.String(200)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("analysed", sa.JSON),
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    for column in ("url", "text_hash", "published", "event_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(250), primary_key=True),
        sa.Column("article_id", sa.String(200), nullable=False),
        sa.Column("slot", sa.String(40), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("headline", sa.Text),
        sa.Column("event_date", sa.Date),
        sa.Column("sort_date", sa.DateTime),
        sa.Column("place", sa.Text),
        sa.Column("event_type", sa.String(80)),
        sa.Column("first_published", sa.DateTime),
        sa.Column("last_published", sa.DateTime),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("statuses", sa.JSON),
        sa.Column("search_text", sa.Text),
        sa.Column("centroid", sa.LargeBinary),
        sa.Column("profile", sa.JSON),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("brief", sa.JSON),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    for column in ("event_date", "sort_date", "event_type", "first_published", "last_published"):
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_table(
        "facts",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("slot", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("best", sa.Text),
        sa.Column("low", sa.BigInteger),
        sa.Column("high", sa.BigInteger),
        sa.Column("confidence", sa.Float),
        sa.Column("sources", sa.Integer),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "duplicates",
        sa.Column("article_id", sa.String(200), primary_key=True),
        sa.Column("duplicate_of", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("input", sa.Text),
    )
    op.create_index("ix_duplicates_duplicate_of", "duplicates", ["duplicate_of"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("event_ids", sa.JSON, nullable=False),
        sa.Column("article_ids", sa.JSON, nullable=False),
        sa.Column("result_event_id", sa.String(64)),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "event_aliases",
        sa.Column("old_id", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_event_aliases_event_id", "event_aliases", ["event_id"])
    op.create_table(
        "seen_files",
        sa.Column("path", sa.String(2000), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mtime", sa.Float, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "seen_files", "event_aliases", "corrections", "duplicates", "rejections", "facts",
        "events", "mentions", "articles",
    ):
        op.drop_table(table)
