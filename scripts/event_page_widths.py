"""How many real event pages run off the side of the screen: gvc-train events in the web UI.

Ingests the articles of the first N gold events of gvc-train (in file order) into a throwaway
store with the real pipeline, serves it, opens every event page in headless Chromium at 1280
and 390 px wide, and prints how many are wider than the screen (document scrollWidth).

    PYTHONPATH=src python scripts/event_page_widths.py [--events 30]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from newsfuse.ingest import read_sources
from newsfuse.live import default_stages, ingest_articles
from newsfuse.store import list_events, open_store
from newsfuse.web import create_app

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    read = read_sources([args.data / "gvc-train" / "articles.jsonl"], max_bytes=50_000_000)
    wanted: list[str] = []
    for article in read.articles:
        gold = str(article.extra.get("event_id"))
        if gold not in wanted:
            wanted.append(gold)
    wanted = wanted[: args.events]
    articles = [a for a in read.articles if str(a.extra.get("event_id")) in wanted]
    stages = default_stages(n_process=1)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "w.db") as store:
        ingest_articles(store, articles, stages)
        with store.read() as conn:
            event_ids = [e.id for e in list_events(conn, limit=500).events]
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(store, stages=stages), host="127.0.0.1",
                                               port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                wide = []
                for event_id in event_ids:
                    page.goto(f"http://127.0.0.1:{port}/events/{event_id}")
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    if scroll > width:
                        wide.append(scroll)
                print(f"{width} px: {len(wide)} of {len(event_ids)} event pages wider than the "
                      f"screen (widest {max(wide, default=width)} px); {len(wanted)} gold events, "
                      f"{len(articles)} articles")
                page.close()
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
