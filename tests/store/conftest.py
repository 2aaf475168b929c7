"""Fixtures of the store tests: a fresh SQLite store, the story articles, their stages."""

from __future__ import annotations

import pytest
from stories import load_stories, stories_stages

from newsfuse.store import open_store


@pytest.fixture(scope="session")
def stories():
    return load_stories()


@pytest.fixture(scope="session")
def stages(stories):
    return stories_stages(stories[1])


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_server_url():
    from pg_server import postgres_server

    with postgres_server() as (url, why_not):
        if url is None:
            pytest.skip(f"PostgreSQL tests skipped: {why_not}")
        yield url


@pytest.fixture()
def pg_store(pg_server_url):
    """A store in a fresh PostgreSQL database."""
    import uuid

    import sqlalchemy as sa

    from newsfuse.store import resolve_url

    name = "nf_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(resolve_url(pg_server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = pg_server_url.rsplit("/", 1)[0]
    with open_store(f"{base}/{name}") as opened:
        yield opened
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
