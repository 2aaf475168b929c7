"""A real development event for the web tests and screenshots: gvc-train event 492366.

Four reports of a New Haven shooting whose actor fact names 20-odd people and bodies (the
longest actor list of gvc-train): the case that pushed the facts table off the page.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.ingest import read_sources
from newsfuse.model import Article

EVENT_ID = "492366"


def event_articles(shared: Path, event_id: str = EVENT_ID) -> list[Article]:
    """The gvc-train articles of one gold event, as ingest reads them."""
    read = read_sources([shared / "data" / "gvc-train" / "articles.jsonl"], max_bytes=50_000_000)
    return [a for a in read.articles if str(a.extra.get("event_id")) == event_id]
