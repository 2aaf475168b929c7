"""The store's online clustering: the cluster stage's :class:`OnlineClusterer`, kept for good.

``newsfuse ingest`` places articles exactly as ``newsfuse brief --stream`` does (same features,
near-duplicates, wire keys, scoring and ``params.json``) because it runs the same clusterer, fed
the same articles in publication order. (Plain ``newsfuse brief`` adds batch mode's second and
last looks, which move and merge placed events; a store keeps its events' ids stable instead.)
The clusterer lives on across batches and processes:

- it runs with ``forget_closed=True``: an event closes once no article joined it for the
  window (45 days of publication time), and its articles then leave the clusterer's memory, so
  what it holds follows the open window and the vocabulary, not the store's size;
- after every batch (and every correction) its state (:func:`newsfuse.cluster.save_state`) is
  written to the ``cluster_state`` row IN THE SAME TRANSACTION as the articles, so the saved
  state and the stored articles always agree, whatever crashes;
- a process keeps its clusterer in memory between batches and reloads it only when the row's
  ``version`` moved (another process wrote) or a transaction failed after the clusterer changed.

The clusterer names events ``ev-<first article id>``; the store follows, and maps a placement to
its stored event through the article's peers (see :func:`stored_event_for`), so merges, splits
and replaced versions never confuse the two.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import ClusterParams, OnlineClusterer, load_state, save_state
from newsfuse.store import schema as t
from newsfuse.store.codec import now
from newsfuse.store.engine import Store

STATE_ROW = 1


def clusterer_for(conn: Connection, store: Store, params: ClusterParams | None = None) -> OnlineClusterer:
    """The store's clusterer, current as of this transaction.

    Args:
        conn: a write transaction on ``store``.
        store: the store (its in-memory copy is reused while the saved version has not moved).
        params: clustering parameters (default: the fitted ``params.json``).
    """
    c = t.cluster_state.c
    version = conn.execute(sa.select(c.version).where(c.id == STATE_ROW)).scalar()
    cached = store.clustering
    if cached is not None and cached[0] == version:
        return cached[1]
    if version is None:  # a new store (or one made before the clusterer was saved)
        clusterer = OnlineClusterer(params, forget_closed=True)
    else:
        state = conn.execute(sa.select(c.state).where(c.id == STATE_ROW)).scalar_one()
        clusterer = load_state(state, params)
    store.clustering = (version, clusterer)
    return clusterer


def save_clusterer(conn: Connection, store: Store, clusterer: OnlineClusterer) -> None:
    """Write the clusterer's state in this transaction and remember it as current."""
    c = t.cluster_state.c
    cached = store.clustering
    version = (cached[0] or 0) + 1 if cached is not None else 1
    values = {"version": version, "articles": clusterer.articles_seen,
              "state": save_state(clusterer), "updated": now()}
    done = conn.execute(sa.update(t.cluster_state).where(c.id == STATE_ROW).values(**values))
    if done.rowcount == 0:
        conn.execute(sa.insert(t.cluster_state).values(id=STATE_ROW, **values))
    store.clustering = (version, clusterer)


def forget_clusterer(store: Store) -> None:
    """Drop the in-memory clusterer (its transaction failed): the next use reloads the saved one."""
    store.clustering = None


def stored_event_for(conn: Connection, clusterer: OnlineClusterer, article_id: str,
                     placed_now: dict[str, str]) -> tuple[str, bool]:
    """The stored event of a just-placed article: the event of its latest peer that the store
    has (``placed_now``: this batch's placements), else the clusterer's new event id.

    Returns:
        (event id, whether the event is new).
    """
    for peer in reversed(clusterer.peers(article_id)):
        if peer == article_id:
            continue
        if peer in placed_now:
            return placed_now[peer], False
        row = conn.execute(sa.select(t.articles.c.event_id).where(t.articles.c.id == peer)).first()
        if row is not None and row.event_id:
            return row.event_id, False
    return clusterer.placed(article_id), True
