"""The Alembic migrations build exactly the tables of schema.py, and run on open."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsfuse.errors import ConfigError, StoreError
from newsfuse.store import open_store, resolve_url
from newsfuse.store.schema import metadata
from newsfuse.store.search import is_search_object

# The full-text index is not in schema.py (no Core type for FTS5 or tsvector).
SEARCH_EXCLUDED = {"include_name": lambda name, type_, parents: not is_search_object(name)}

import pytest


def test_migrated_schema_matches_the_table_definitions(tmp_path):
    store = open_store(tmp_path / "m.db")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts=SEARCH_EXCLUDED), metadata)
        version = conn.execute(sa.text("select version_num from alembic_version")).scalar_one()
    store.close()
    assert diff == []
    assert version == "0003"


def test_reopening_keeps_data(tmp_path, stories, stages):
    from newsfuse.store import counts, ingest_articles

    with open_store(tmp_path / "r.db") as store:
        ingest_articles(store, stories[0][:1], stages)
    with open_store(tmp_path / "r.db") as store, store.read() as conn:
        assert counts(conn)["articles"] == 1


def test_db_argument_is_checked(tmp_path):
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(tmp_path / "x.db").startswith("sqlite:///")
    with pytest.raises(ConfigError):
        resolve_url("mysql://u@h/db")
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing-folder" / "x.db")
