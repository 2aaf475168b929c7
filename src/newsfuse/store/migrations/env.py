"""Alembic environment: runs on the connection the store passes in (never reads alembic.ini)."""

from __future__ import annotations

from alembic import context

from newsfuse.store.schema import metadata
from newsfuse.store.search import is_search_object


def include_name(name, type_, parent_names) -> bool:
    # The full-text index (FTS5 tables, the tsvector column) is made by migration 0003 only.
    return not is_search_object(name)


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
