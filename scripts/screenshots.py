"""Regenerate docs/screenshots/: the events, event and article pages in headless Chromium.

Builds a throwaway store from the story articles of the tests (our own text) with the real
pipeline (analyse, extract, cluster, reconcile, brief), serves it, and photographs the pages.

    PYTHONPATH=src python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import importlib.util
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from newsfuse.live import default_stages, ingest_articles
from newsfuse.store import open_store
from newsfuse.web import create_app

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _stories():
    spec = importlib.util.spec_from_file_location("stories", REPO / "tests/store/stories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    stories = _stories()
    articles, _ = stories.load_stories()
    stages = default_stages(n_process=1)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "shots.db") as store:
        ingest_articles(store, articles, stages)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(store, stages=stages), host="127.0.0.1",
                                               port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 820})
            page.goto(base + "/")
            page.screenshot(path=out / "events.png", full_page=True)
            page.locator("a", has_text="Harbor Street").first.click()
            page.wait_for_selector("table.facts")
            page.screenshot(path=out / "event.png", full_page=True)
            page.locator("table.facts a.fact-link").first.click()
            page.locator("#article-text .seg.hl").first.wait_for()
            time.sleep(0.5)
            page.screenshot(path=out / "article.png", full_page=False)
            browser.close()
        server.should_exit = True
    for name in ("events.png", "event.png", "article.png"):
        print(out / name)


if __name__ == "__main__":
    main()
