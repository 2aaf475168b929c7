"""Placing one article in the store's events: what the incremental ingest and the re-clustering
share (the clusterer's placement, mapped to stored events; copies of stored articles)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import OnlineClusterer
from newsfuse.model import Analysed, Article, Duplicate, Mention
from newsfuse.store import schema as t
from newsfuse.store.online import stored_event_for


@dataclass
class Plan:
    """What to do with one article of a batch."""

    article: Article
    hash: str
    replaces: list[str]  # ids of stored versions this one replaces
    event_id: str | None = None  # fixed event (an update) or None: place it with the clusterer
    pinned: bool = False
    exact_of: str | None = None  # a stored (or earlier in the batch) article with the same text
    cluster_seq: int | None = None
    duplicate: Duplicate | None = None


def place(conn: Connection, clusterer: OnlineClusterer, plan: Plan, analysed: Analysed,
          mentions: list[Mention], placed_now: dict[str, str]) -> tuple[str, bool]:
    """Place a new article with the clusterer; return (stored event id, whether it is new)."""
    article = plan.article
    if plan.exact_of is not None and clusterer.placed(plan.exact_of) is None:
        # The same text as an article whose event closed long ago (the clusterer forgot it):
        # a copy of it all the same, in its event.
        event_id = placed_now.get(plan.exact_of) or _event_of(conn, plan.exact_of)
        if event_id is not None:
            plan.duplicate = Duplicate(article_id=article.id, duplicate_of=plan.exact_of,
                                       kind="exact", similarity=1.0, input=article.input)
            return event_id, False
    plan.cluster_seq = clusterer.articles_seen
    clusterer.add(article, analysed, mentions)
    found = clusterer.duplicate_of(article.id)
    if found is not None:
        exact = found.duplicate_of == plan.exact_of
        plan.duplicate = found.model_copy(update={"kind": "exact" if exact else "near",
                                                  "input": article.input})
    return stored_event_for(conn, clusterer, article.id, placed_now)


def _event_of(conn: Connection, article_id: str) -> str | None:
    row = conn.execute(sa.select(t.articles.c.event_id).where(t.articles.c.id == article_id)).first()
    return row.event_id if row else None


def record_duplicates(conn: Connection, duplicates: Sequence[Duplicate]) -> None:
    for d in duplicates:
        conn.execute(sa.delete(t.duplicates).where(t.duplicates.c.article_id == d.article_id))
        conn.execute(sa.insert(t.duplicates).values(
            article_id=d.article_id, duplicate_of=d.duplicate_of, kind=d.kind,
            similarity=d.similarity, input=d.input))
