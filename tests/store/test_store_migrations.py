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
    from newsfuse.live import ingest_articles
    from newsfuse.store import counts

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


def test_a_store_from_revision_0001_is_upgraded_searchable_and_reclustered(tmp_path, stories, stages):
    """A store of the first schema (its rows copied from a current one) opens at head: the
    search index is filled from its articles, and the next ingest re-clusters it."""
    from alembic import command
    from alembic.config import Config

    from newsfuse.live import ingest_articles
    from newsfuse.store import EventFilter, get_article, list_events
    from newsfuse.store.engine import MIGRATIONS_DIR

    articles = {a.id: a for a in stories[0]}
    with open_store(tmp_path / "new.db") as current:
        ingest_articles(current, [articles["valdane-1"], articles["valdane-2"],
                                  articles["orrin-1"]], stages)
        with current.read() as conn:
            article_rows = conn.execute(sa.text(
                "SELECT id, url, text_hash, title, source, published, 'e' || rowid AS event_id, "
                "pinned, duplicate_of, data, analysed, embedding, ingested_at FROM articles "
                "WHERE id != 'valdane-2'")).mappings().all()
            mention_rows = conn.execute(sa.text("SELECT * FROM mentions")).mappings().all()
    old = open_store(tmp_path / "old.db", migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with old.write() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(sa.text("INSERT INTO articles VALUES (:id, :url, :text_hash, :title, "
                             ":source, :published, :event_id, :pinned, :duplicate_of, :data, "
                             ":analysed, :embedding, :ingested_at)"), [dict(r) for r in article_rows])
        conn.execute(sa.text("INSERT INTO mentions VALUES (:id, :article_id, :slot, :scope, :data)"),
                     [dict(r) for r in mention_rows if not r["article_id"].startswith("valdane-2")])
        for r in article_rows:  # the stand-in's events: one per article, a bare record
            conn.execute(sa.text(
                "INSERT INTO events (id, headline, n_articles, independent_sources, search_text, "
                "data, updated_at) VALUES (:id, :headline, 1, 1, '', :data, :now)"),
                {"id": r["event_id"], "headline": r["title"], "now": r["ingested_at"],
                 "data": '{"id": "%s", "article_ids": ["%s"]}' % (r["event_id"], r["id"])})
    old.close()
    with open_store(tmp_path / "old.db") as store:
        with store.read() as conn:
            version = conn.execute(sa.text("select version_num from alembic_version")).scalar_one()
            assert version == "0003"
            # Found by the text of its article, which the old search never looked at.
            assert list_events(conn, EventFilter(text="walkers crossing")).total == 1
        summary = ingest_articles(store, [articles["valdane-2"]], stages)
        assert summary.reclustered == 2
        with store.read() as conn:
            assert get_article(conn, "valdane-2").event_id == get_article(conn, "valdane-1").event_id
            assert list_events(conn).total == 2


def test_0003_down_and_up_again_keeps_events_and_briefs(tmp_path, stories, stages):
    """A store of revision 0002 (this one, downgraded) upgrades with its briefs intact."""
    from alembic import command
    from alembic.config import Config

    from newsfuse.live import ingest_articles
    from newsfuse.store import EventFilter, get_event, list_events
    from newsfuse.store.engine import MIGRATIONS_DIR

    path = tmp_path / "down.db"
    with open_store(path) as store:
        ingest_articles(store, stories[0], stages)
        with store.read() as conn:
            before = {e.id: get_event(conn, e.id)[1] for e in list_events(conn).events}
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with store.write() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
            columns = {c["name"] for c in sa.inspect(conn).get_columns("events")}
            assert {"data", "brief", "search_text"} <= columns
    with open_store(path) as store, store.read() as conn:
        assert {e.id: get_event(conn, e.id)[1] for e in list_events(conn).events} == before
        assert list_events(conn, EventFilter(text="walkers")).total == 1
