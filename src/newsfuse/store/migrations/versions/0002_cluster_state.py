"""The project's online clustering in the store: its saved state, wire keys, longer event ids.

Event ids are now the cluster stage's ``ev-<first article id>``, so event id columns take an
article id (200) plus a prefix and suffix. The stand-in assigner's per-event centroid and profile
columns go: the clusterer's state (``cluster_state``) replaces them.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD, NEW = sa.String(64), sa.String(220)


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("event_id", type_=NEW, existing_type=OLD)
        batch.add_column(sa.Column("cluster_seq", sa.Integer))
        batch.add_column(sa.Column("wire", sa.String(40)))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("id", type_=NEW, existing_type=OLD, existing_nullable=False)
        batch.drop_column("centroid")
        batch.drop_column("profile")
    with op.batch_alter_table("facts") as batch:
        batch.alter_column("event_id", type_=NEW, existing_type=OLD, existing_nullable=False)
    with op.batch_alter_table("corrections") as batch:
        batch.alter_column("result_event_id", type_=NEW, existing_type=OLD)
    with op.batch_alter_table("event_aliases") as batch:
        batch.alter_column("old_id", type_=NEW, existing_type=OLD, existing_nullable=False)
        batch.alter_column("event_id", type_=NEW, existing_type=OLD, existing_nullable=False)
    op.create_table(
        "cluster_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("cluster_state")
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("centroid", sa.LargeBinary))
        batch.add_column(sa.Column("profile", sa.JSON))
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("wire")
        batch.drop_column("cluster_seq")
