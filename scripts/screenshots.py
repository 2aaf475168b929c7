"""Regenerate docs/screenshots/: the events, event and article pages in headless Chromium.

Builds a throwaway store from the story articles of the tests (our own text) with the real
pipeline (analyse, extract, cluster, reconcile, brief), serves it, and photographs the pages.

    PYTHONPATH=src python scripts/screenshots.py [--out docs/screenshots]

``--real NAME`` photographs instead the event page of a real development event with a long
actor list (gvc-train 492366, tests/web/real_event.py) at 1280 and 390 px wide, as
``NAME-1280.png`` and ``NAME-390.png`` (the before/after pair in docs/screenshots was made
with ``--real event-long-actors-before`` on the old stylesheet and ``-after`` on this one).
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


def _real_event_articles():
    spec = importlib.util.spec_from_file_location("real_event", REPO / "tests/web/real_event.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.event_articles(REPO.parent / "shared")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--real", metavar="NAME", help="photograph the real event page as NAME-*.png")
    args = parser.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    articles = _real_event_articles() if args.real else _stories().load_stories()[0]
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
        if args.real:
            _real_shots(base, articles[0].id, out, args.real)
            server.should_exit = True
            return
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


def _real_shots(base: str, article_id: str, out: Path, name: str) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base}/api/articles/{article_id}") as answer:
        event_id = json.load(answer)["event_id"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{base}/events/{event_id}")
            page.wait_for_selector("table.facts")
            path = out / f"{name}-{width}.png"
            # What a reader sees: the viewport's width, down to the end of the facts table.
            bottom = page.evaluate(
                "document.querySelector('table.facts').getBoundingClientRect().bottom + 20")
            page.screenshot(path=path, full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": min(bottom, 2400)})
            print(path, "page", page.evaluate("document.documentElement.scrollWidth"), "px wide in",
                  width)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
