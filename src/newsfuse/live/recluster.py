"""Re-clustering every stored article: the upgrade path of stores made before revision 0002.

A store made by a newsfuse before 0002 had its events built by a stand-in assigner and has no
saved clusterer state: the clusterer has never seen its articles, so new articles could never
join its events. :func:`recluster` streams every stored article, in publication order, through
a fresh :class:`OnlineClusterer` (the same placement as ``ingest``: copies, wire keys, the
fitted parameters), writes the new placements, rebuilds every event (facts, brief, search
index) and saves the clusterer's state, all in ONE transaction: it is done whole or not at all.

- ``ingest`` runs it by itself, once, on such a store (:func:`needs_recluster`); the CLI says so;
- ``newsfuse store recluster`` runs it on demand (e.g. after refitting ``cluster/params.json``);
- recorded merges stay: the merged articles are given to the clusterer as must-links; recorded
  splits stay as must-links between the split-out articles, and as cannot-links with the event
  they left when its id names its first article (``ev-<id>``; a pre-0002 id does not);
- an old event id keeps answering: it becomes an alias of the new event that holds its first
  article (merged events' aliases follow).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import OnlineClusterer, event_id_for
from newsfuse.live.placement import Plan, place, record_duplicates
from newsfuse.live.stages import Stages
from newsfuse.model import Article, Correction, Mention
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_from_row
from newsfuse.store.engine import Store
from newsfuse.store.events import _in_order, refresh_events
from newsfuse.store.online import forget_clusterer, save_clusterer
from newsfuse.store.search import FTS_TABLE

CHUNK = 500


@dataclass
class ReclusterSummary:
    """What a re-clustering did."""

    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    copies: int = 0


def needs_recluster(conn: Connection) -> int:
    """How many stored articles the clusterer has never seen, when the store has no saved
    clusterer state but has articles (a store made before revision 0002); else 0."""
    if conn.execute(sa.select(t.cluster_state.c.id).limit(1)).first() is not None:
        return 0
    return conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()


def recluster(store: Store, stages: Stages, *,
              progress: Callable[[str, int, int], None] | None = None) -> ReclusterSummary:
    """Re-cluster every stored article and rebuild every event, in one transaction.

    Args:
        store: the store.
        stages: its ``reconcile``, ``build_brief`` and ``cluster_params`` are used (no model runs:
            the stored analyses and mentions are reused).
        progress: called as ``progress("recluster", done, total)`` then
            ``progress("events", done, total)``.

    Returns:
        How many articles were placed and how many events there were before and after.
    """
    try:
        with store.write() as conn:
            return _recluster(conn, store, stages, progress)
    except BaseException:
        forget_clusterer(store)
        raise


def _recluster(conn: Connection, store: Store, stages: Stages, progress) -> ReclusterSummary:
    a = t.articles.c
    summary = ReclusterSummary()
    summary.events_before = conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one()
    # Publication order, undated last, as ingest streams them.
    order = conn.execute(sa.select(a.id, a.published, a.cluster_seq, a.event_id)).all()
    order.sort(key=lambda r: (r.published is None, r.published or datetime.min,
                              r.cluster_seq is None, r.cluster_seq or 0, r.id))
    old_event = {r.id: r.event_id for r in order}
    clusterer = OnlineClusterer(stages.cluster_params, corrections=_constraints(conn),
                                forget_closed=True)
    placed: dict[str, str] = {}
    first_by_hash: dict[str, str] = {}
    updates, duplicates = [], []
    for begin in range(0, len(order), CHUNK):
        ids = [r.id for r in order[begin : begin + CHUNK]]
        rows = {r.id: r for r in conn.execute(
            sa.select(a.id, a.data, a.analysed, a.embedding, a.text_hash).where(a.id.in_(ids)))}
        mentions: dict[str, list[Mention]] = {i: [] for i in ids}
        for m in conn.execute(sa.select(t.mentions.c.article_id, t.mentions.c.data)
                              .where(t.mentions.c.article_id.in_(ids)).order_by(t.mentions.c.id)):
            mentions[m.article_id].append(Mention.model_validate(m.data))
        for article_id in ids:
            row = rows[article_id]
            article = Article.model_validate(row.data)
            plan = Plan(article, row.text_hash, [], exact_of=first_by_hash.get(row.text_hash))
            event_id, _ = place(conn, clusterer, plan,
                                 analysed_from_row(article_id, row.analysed, row.embedding),
                                 _in_order(mentions[article_id]), placed)
            placed[article_id] = event_id
            if plan.duplicate is None:
                first_by_hash.setdefault(row.text_hash, article_id)
            else:
                duplicates.append(plan.duplicate)
            updates.append({"aid": article_id, "event_id": event_id, "cluster_seq": plan.cluster_seq,
                            "duplicate_of": plan.duplicate.duplicate_of if plan.duplicate else None})
        if progress:
            progress("recluster", min(begin + CHUNK, len(order)), len(order))
    summary.articles, summary.copies = len(order), len(duplicates)
    _write_placements(conn, updates, duplicates)
    _alias_old_events(conn, order, old_event, placed)
    save_clusterer(conn, store, clusterer)
    new_events = sorted(set(placed.values()))
    summary.events_after = len(new_events)
    for begin in range(0, len(new_events), CHUNK):
        refresh_events(conn, new_events[begin : begin + CHUNK], reconcile=stages.reconcile,
                       build_brief=stages.build_brief)
        if progress:
            progress("events", min(begin + CHUNK, len(new_events)), len(new_events))
    return summary


def _constraints(conn: Connection) -> list[Correction]:
    """The recorded corrections as the clusterer's constraints, in terms of articles: a merge
    links the articles it merged (old event ids may name no article)."""
    c = t.corrections.c
    out = []
    for row in conn.execute(sa.select(c.action, c.event_ids, c.article_ids).order_by(c.id)):
        if row.action == "merge":
            ids = list(dict.fromkeys(row.article_ids or []))
            if len(ids) >= 2:
                out.append(Correction(action="merge", event_ids=[event_id_for(i) for i in ids]))
        elif row.article_ids and row.event_ids:
            out.append(Correction(action="split", event_ids=[row.event_ids[0]],
                                  article_ids=list(row.article_ids)))
    return out


def _write_placements(conn: Connection, updates: list[dict], duplicates: list) -> None:
    a = t.articles.c
    if updates:
        conn.execute(sa.update(t.articles).where(a.id == sa.bindparam("aid")).values(
            event_id=sa.bindparam("event_id"), cluster_seq=sa.bindparam("cluster_seq"),
            duplicate_of=sa.bindparam("duplicate_of")), updates)
    # Copies among stored articles are found anew; ingest-time records of unstored copies stay.
    conn.execute(sa.delete(t.duplicates).where(
        t.duplicates.c.article_id.in_(sa.select(a.id))))
    record_duplicates(conn, duplicates)
    # Every event is rebuilt from scratch.
    conn.execute(sa.delete(t.facts))
    conn.execute(sa.delete(t.events))
    conn.execute(sa.delete(t.event_details))
    if conn.dialect.name != "postgresql":
        conn.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))


def _alias_old_events(conn: Connection, order, old_event: dict[str, str | None],
                      placed: dict[str, str]) -> None:
    """Each old event id answers as the new event of its first article."""
    new_of_old: dict[str, str] = {}
    for r in order:  # publication order: the first article seen of each old event decides
        old = old_event[r.id]
        if old and old not in new_of_old:
            new_of_old[old] = placed[r.id]
    new_ids = set(placed.values())
    al = t.event_aliases.c
    for row in conn.execute(sa.select(al.old_id, al.event_id)).all():
        target = new_of_old.get(row.event_id)
        if target is not None:
            new_of_old.setdefault(row.old_id, target)
    conn.execute(sa.delete(t.event_aliases))
    rows = [{"old_id": old, "event_id": new} for old, new in new_of_old.items()
            if old != new and old not in new_ids]
    if rows:
        conn.execute(sa.insert(t.event_aliases), rows)

