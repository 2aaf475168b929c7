"""Fixtures of the web tests: a store filled with the story articles, and the app over it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.live import ingest_articles
from newsfuse.store import open_store
from newsfuse.web import create_app

_spec = importlib.util.spec_from_file_location(
    "store_stories", Path(__file__).parents[1] / "store" / "stories.py")
stories_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stories_module)


@pytest.fixture(scope="session")
def web_stories():
    return stories_module.load_stories()


@pytest.fixture(scope="session")
def web_stages(web_stories):
    return stories_module.stories_stages(web_stories[1])


@pytest.fixture()
def filled_store(tmp_path, web_stories, web_stages):
    with open_store(tmp_path / "web.db") as store:
        ingest_articles(store, web_stories[0], web_stages)
        yield store


@pytest.fixture()
def client(filled_store, web_stages):
    return TestClient(create_app(filled_store, stages=web_stages))


@pytest.fixture()
def event_of():
    """``event_of(client, article_id)``: the id of the event an article is in."""

    def find(client, article_id: str) -> str:
        return client.get(f"/api/articles/{article_id}").json()["event_id"]

    return find


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture()
def live_server(filled_store, web_stages):
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    from serving import served

    app = create_app(filled_store, stages=web_stages, allowed_hosts=["127.0.0.1", "localhost"])
    with served(app) as base:
        yield base


@pytest.fixture()
def browser_page():
    """A Playwright page in Debian's headless Chromium; skips clearly where there is none."""
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests skipped: no Chromium at {CHROMIUM} "
                    "(apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests skipped: the playwright package is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 800})
        yield page
        browser.close()
