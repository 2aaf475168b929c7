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
