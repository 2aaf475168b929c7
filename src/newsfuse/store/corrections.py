"""A user's corrections to the clustering: merge events, split articles out of one.

Each correction is worked out by the cluster stage (:func:`newsfuse.cluster.apply_corrections` on
the stored events, which also names a split's new event), applied to the stored articles, given to
the store's online clusterer (``OnlineClusterer.apply_correction``: later articles see the
corrected events, and the correction stays a must-link / cannot-link constraint), and recorded
in the ``corrections`` table, all in one transaction. A merged event's old id becomes an alias
of the event it went into (links keep working); split-out articles are pinned, so a new version
of one never moves it back. :func:`recorded_corrections` gives the list back for a re-clustering
(``cluster_articles(..., corrections=...)``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import ClusterParams, apply_corrections
from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.model import Correction, Event
from newsfuse.store import schema as t
from newsfuse.store.codec import now
from newsfuse.store.engine import Store
from newsfuse.store.events import BriefFn, ReconcileFn, build_event, load_members, refresh_events
from newsfuse.store.online import clusterer_for, forget_clusterer, save_clusterer
from newsfuse.store.read import resolve_event_id


def merge_events(store: Store, event_ids: Sequence[str], *, reconcile: ReconcileFn,
                 build_brief: BriefFn, cluster_params: ClusterParams | None = None) -> str:
    """Merge the events into the first one; return its id.

    Raises:
        ConfigError: fewer than two distinct events.
        NotFoundError: an event that does not exist.
    """
    try:
        with store.write() as conn:
            current = list(dict.fromkeys(resolve_event_id(conn, e) for e in event_ids))
            if len(current) < 2:
                raise ConfigError(f"Merging needs two different events (got {', '.join(event_ids)}).")
            correction = Correction(action="merge", event_ids=current)
            (merged,) = apply_corrections(_stored_events(conn, current), [correction], strict=True)
            target, others = merged.id, [e for e in current if e != merged.id]
            a = t.articles.c
            conn.execute(sa.update(t.articles).where(a.event_id.in_(others)).values(event_id=target))
            conn.execute(sa.update(t.event_aliases).where(t.event_aliases.c.event_id.in_(others))
                         .values(event_id=target))
            conn.execute(sa.insert(t.event_aliases), [{"old_id": o, "event_id": target} for o in others])
            _tell_clusterer(conn, store, correction, cluster_params)
            refresh_events(conn, [target, *others], reconcile=reconcile, build_brief=build_brief)
            conn.execute(sa.insert(t.corrections).values(
                action="merge", event_ids=[target, *others], article_ids=sorted(merged.article_ids),
                result_event_id=target, created=now()))
    except BaseException:
        forget_clusterer(store)
        raise
    return target


def split_event(store: Store, event_id: str, article_ids: Sequence[str], *,
                reconcile: ReconcileFn, build_brief: BriefFn,
                cluster_params: ClusterParams | None = None) -> str:
    """Move ``article_ids`` out of ``event_id`` into a new event; return the new event's id.

    Raises:
        ConfigError: no articles given, or all of the event's articles given.
        NotFoundError: the event, or an article not in it.
    """
    if not article_ids:
        raise ConfigError("Splitting needs at least one article id.")
    try:
        with store.write() as conn:
            current = resolve_event_id(conn, event_id)
            (event,) = _stored_events(conn, [current])
            missing = [i for i in article_ids if i not in event.article_ids]
            if missing:
                raise NotFoundError(f"Not in event {current}: {', '.join(missing)}.")
            if set(article_ids) == set(event.article_ids):
                raise ConfigError(f"Splitting all of event {current}'s articles would change nothing.")
            correction = Correction(action="split", event_ids=[current],
                                    article_ids=list(dict.fromkeys(article_ids)))
            result = apply_corrections([event], [correction], strict=True)
            new = next(e for e in result if e.id != current)
            conn.execute(sa.update(t.articles).where(t.articles.c.id.in_(new.article_ids))
                         .values(event_id=new.id, pinned=True))
            _tell_clusterer(conn, store, correction, cluster_params)
            refresh_events(conn, [current, new.id], reconcile=reconcile, build_brief=build_brief)
            conn.execute(sa.insert(t.corrections).values(
                action="split", event_ids=[current], article_ids=correction.article_ids,
                result_event_id=new.id, created=now()))
    except BaseException:
        forget_clusterer(store)
        raise
    return new.id


def _stored_events(conn: Connection, event_ids: Sequence[str]) -> list[Event]:
    return [build_event(e, load_members(conn, e)) for e in event_ids]


def _tell_clusterer(conn: Connection, store: Store, correction: Correction,
                    params: ClusterParams | None) -> None:
    """Apply the correction to the online clusterer too, and save it with the transaction."""
    clusterer = clusterer_for(conn, store, params)
    clusterer.apply_correction(correction)
    save_clusterer(conn, store, clusterer)


def recorded_corrections(conn: Connection) -> list[Correction]:
    """The corrections made so far, oldest first, for ``cluster_articles(corrections=...)``."""
    c = t.corrections.c
    rows = conn.execute(sa.select(c.action, c.event_ids, c.article_ids).order_by(c.id)).all()
    out = []
    for row in rows:
        if row.action == "merge":
            out.append(Correction(action="merge", event_ids=list(row.event_ids)))
        else:
            out.append(Correction(action="split", event_ids=list(row.event_ids),
                                  article_ids=list(row.article_ids)))
    return out
