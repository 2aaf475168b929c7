"""A user's corrections to the clustering: merge events, split articles out of one.

Each correction is applied at once, recorded in the ``corrections`` table, and kept by later
ingests: a merged event's old id becomes an alias of the event it went into (links keep working
and nothing can join it again), and split-out articles are pinned, so neither online assignment
nor a new version of the article moves them back. :func:`replay_corrections` re-applies the
recorded corrections to a fresh clustering (for a full re-clustering of the store).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sqlalchemy as sa

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.model import Correction, Event
from newsfuse.store import schema as t
from newsfuse.store.codec import bytes_vector, now
from newsfuse.store.engine import Store
from newsfuse.store.events import BriefFn, ReconcileFn, new_event_id, refresh_events
from newsfuse.store.online import EventProfile
from newsfuse.store.read import resolve_event_id


def merge_events(store: Store, event_ids: Sequence[str], *, reconcile: ReconcileFn,
                 build_brief: BriefFn) -> str:
    """Merge the events into the first one; return its id.

    Raises:
        ConfigError: fewer than two distinct events.
        NotFoundError: an event that does not exist.
    """
    with store.write() as conn:
        current = list(dict.fromkeys(resolve_event_id(conn, e) for e in event_ids))
        if len(current) < 2:
            raise ConfigError(f"Merging needs two different events (got {', '.join(event_ids)}).")
        target, others = current[0], current[1:]
        a = t.articles.c
        conn.execute(sa.update(t.articles).where(a.event_id.in_(others)).values(event_id=target))
        conn.execute(sa.update(t.event_aliases).where(t.event_aliases.c.event_id.in_(others))
                     .values(event_id=target))
        conn.execute(sa.insert(t.event_aliases), [{"old_id": o, "event_id": target} for o in others])
        members = [r.id for r in conn.execute(sa.select(a.id).where(a.event_id == target)
                                              .order_by(a.id))]
        refresh_events(conn, [target, *others], reconcile=reconcile, build_brief=build_brief,
                       profiles={target: _centroid_profile(conn, target)})
        conn.execute(sa.insert(t.corrections).values(
            action="merge", event_ids=[target, *others], article_ids=members,
            result_event_id=target, created=now()))
    return target


def split_event(store: Store, event_id: str, article_ids: Sequence[str], *,
                reconcile: ReconcileFn, build_brief: BriefFn) -> str:
    """Move ``article_ids`` out of ``event_id`` into a new event; return the new event's id.

    Raises:
        ConfigError: no articles given, or all of the event's articles given.
        NotFoundError: the event, or an article not in it.
    """
    if not article_ids:
        raise ConfigError("Splitting needs at least one article id.")
    with store.write() as conn:
        current = resolve_event_id(conn, event_id)
        a = t.articles.c
        members = {r.id for r in conn.execute(sa.select(a.id).where(a.event_id == current))}
        missing = [i for i in article_ids if i not in members]
        if missing:
            raise NotFoundError(f"Not in event {current}: {', '.join(missing)}.")
        if set(article_ids) == members:
            raise ConfigError(f"Splitting all of event {current}'s articles would change nothing.")
        new_id = new_event_id("split:" + current + ":" + ",".join(sorted(article_ids)))
        conn.execute(sa.update(t.articles).where(a.id.in_(list(article_ids)))
                     .values(event_id=new_id, pinned=True))
        profiles = {eid: _centroid_profile(conn, eid) for eid in (current, new_id)}
        refresh_events(conn, [current, new_id], reconcile=reconcile, build_brief=build_brief,
                       profiles=profiles)
        conn.execute(sa.insert(t.corrections).values(
            action="split", event_ids=[current], article_ids=list(article_ids),
            result_event_id=new_id, created=now()))
    return new_id


def _centroid_profile(conn, event_id: str) -> EventProfile:
    """The mean of an event's member embeddings (after members moved)."""
    vectors = [bytes_vector(r.embedding) for r in conn.execute(
        sa.select(t.articles.c.embedding).where(t.articles.c.event_id == event_id))]
    vectors = [v for v in vectors if v is not None]
    return EventProfile(event_id, np.mean(vectors, axis=0) if vectors else None, len(vectors))


def replay_corrections(events: Sequence[Event], corrections: Sequence[Correction]) -> list[list[str]]:
    """Apply recorded corrections, in order, to a fresh clustering.

    Args:
        events: the new events (only their ``article_ids`` are used).
        corrections: as recorded; a merge is matched through the articles its events had.

    Returns:
        The corrected groups of article ids.
    """
    groups = [list(e.article_ids) for e in events]
    for correction in corrections:
        if correction.action == "split":
            moved = set(correction.article_ids)
            groups = [[i for i in g if i not in moved] for g in groups]
            groups.append(list(correction.article_ids))
        elif correction.action == "merge" and correction.article_ids:
            wanted = set(correction.article_ids)
            joined = [i for g in groups if wanted & set(g) for i in g]
            groups = [g for g in groups if not wanted & set(g)] + [joined]
    return [g for g in groups if g]
