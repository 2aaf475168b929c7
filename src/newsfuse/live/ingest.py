"""Incremental ingest: new articles in, only the events they change re-reconciled.

Per batch, in one transaction: classify each article against the store (unchanged, update of an
article already stored, or new), run the models on the ones that need it, extract their
mentions, place each new one with the cluster stage's online clusterer (online.py), write them
and the clusterer's state, and rebuild the changed events. A crash loses at most the batch in flight; the next ingest skips what was committed and
so resumes where the last one stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import ClusterParams, OnlineClusterer, wire_source
from newsfuse.model import Analysed, Article, Duplicate, Mention, Rejection
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_json, enum_value, now, text_hash, utc_naive, vector_bytes
from newsfuse.store.engine import Store
from newsfuse.store.events import BriefFn, ReconcileFn, refresh_events
from newsfuse.store.online import clusterer_for, forget_clusterer, save_clusterer, stored_event_for

AnalyseFn = Callable[[Sequence[Article]], list[Analysed]]
ExtractFn = Callable[[Article, Analysed], list[Mention]]
DEFAULT_BATCH = 64


@dataclass(frozen=True)
class Stages:
    """The pipeline stages the ingest calls (the real ones by default; see :func:`default_stages`)."""

    analyse: AnalyseFn
    extract: ExtractFn
    reconcile: ReconcileFn
    build_brief: BriefFn
    #: clustering parameters (None: the fitted ``cluster/params.json``, as ``newsfuse brief``).
    cluster_params: ClusterParams | None = None


def default_stages(*, policy: str = "latest", n_process: int = 1, batch_size: int = 64,
                   cluster_params: ClusterParams | None = None) -> Stages:
    """The real stages of newsfuse with the given options."""
    from newsfuse.analyse import analyse
    from newsfuse.extract import extract_mentions
    from newsfuse.reconcile import reconcile_event
    from newsfuse.report import build_brief

    return Stages(
        analyse=lambda arts: analyse(arts, n_process=n_process, batch_size=batch_size,
                                     embeddings=True),
        extract=extract_mentions,
        reconcile=lambda event, arts, ms: reconcile_event(event, arts, ms, policy=policy),
        build_brief=build_brief,
        cluster_params=cluster_params,
    )


@dataclass
class IngestSummary:
    """What one ingest did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    rejected: int = 0
    events_created: list[str] = field(default_factory=list)
    events_changed: list[str] = field(default_factory=list)
    #: stored articles re-clustered first (a store made before revision 0002; see recluster.py)
    reclustered: int = 0

    def merge(self, other: IngestSummary) -> None:
        self.reclustered += other.reclustered
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.copies += other.copies
        self.rejected += other.rejected
        self.events_created += other.events_created
        self.events_changed += [e for e in other.events_changed if e not in self.events_changed]


def ingest_sources(store: Store, sources: Iterable[str | Path], stages: Stages, *,
                   max_bytes: int, batch_size: int = DEFAULT_BATCH, progress=None) -> IngestSummary:
    """Read ``sources`` with :func:`newsfuse.ingest.read_sources` and ingest what was read."""
    from newsfuse.ingest import read_sources

    result = read_sources(list(sources), max_bytes=max_bytes, progress=progress)
    summary = IngestSummary()
    with store.write() as conn:
        record_rejections(conn, result.rejected)
        record_duplicates(conn, result.duplicates)
    summary.rejected = len(result.rejected)
    summary.merge(ingest_articles(store, result.articles, stages, batch_size=batch_size,
                                  progress=progress))
    return summary


def record_rejections(conn: Connection, rejections: Sequence[Rejection]) -> None:
    if rejections:
        conn.execute(sa.insert(t.rejections), [
            {"input": r.input, "code": enum_value(r.code), "reason": r.reason, "created": now()}
            for r in rejections
        ])


def record_duplicates(conn: Connection, duplicates: Sequence[Duplicate]) -> None:
    for d in duplicates:
        conn.execute(sa.delete(t.duplicates).where(t.duplicates.c.article_id == d.article_id))
        conn.execute(sa.insert(t.duplicates).values(
            article_id=d.article_id, duplicate_of=d.duplicate_of, kind=d.kind,
            similarity=d.similarity, input=d.input))


def ingest_articles(store: Store, articles: Sequence[Article], stages: Stages, *,
                    batch_size: int = DEFAULT_BATCH, progress=None) -> IngestSummary:
    """Add ``articles`` to the store in batches of ``batch_size``, each batch one transaction.

    Returns:
        Counts of what was added, updated or already there, and the events touched.
    """
    summary = IngestSummary()
    summary.reclustered = _upgrade_clustering(store, stages, progress)
    ordered = _latest_versions(articles)
    for begin in range(0, len(ordered), batch_size):
        try:
            with store.write() as conn:
                summary.merge(_ingest_batch(conn, store, ordered[begin : begin + batch_size], stages))
        except BaseException:
            forget_clusterer(store)  # it may hold placements that were rolled back
            raise
        if progress:
            progress("store", min(begin + batch_size, len(ordered)), len(ordered))
    summary.unchanged += len(articles) - len(ordered)
    return summary


def _upgrade_clustering(store: Store, stages: Stages, progress) -> int:
    """Once per open store: re-cluster a store made before the clusterer's state was saved
    (revision 0002), so that new articles can join its events. Returns the articles re-placed."""
    if store.clustering_checked:
        return 0
    from newsfuse.store.recluster import needs_recluster, recluster

    with store.read() as conn:
        legacy = needs_recluster(conn)
    done = recluster(store, stages, progress=progress).articles if legacy else 0
    store.clustering_checked = True
    return done


def _latest_versions(articles: Sequence[Article]) -> list[Article]:
    """One version per id (the last given), in publication order (naive times as UTC, undated
    last, ties in input order: the order ``cluster_articles`` streams them in)."""
    by_id: dict[str, Article] = {}
    for article in articles:
        by_id.pop(article.id, None)
        by_id[article.id] = article
    return sorted(by_id.values(), key=lambda a: (a.published is None,
                                                 utc_naive(a.published) or datetime.min))


@dataclass
class _Plan:
    article: Article
    hash: str
    replaces: list[str]  # ids of stored versions this one replaces
    event_id: str | None = None  # fixed event (an update) or None: place it with the clusterer
    pinned: bool = False
    exact_of: str | None = None  # a stored (or earlier in the batch) article with the same text
    cluster_seq: int | None = None
    duplicate: Duplicate | None = None


def _ingest_batch(conn: Connection, store: Store, batch: Sequence[Article],
                  stages: Stages) -> IngestSummary:
    summary = IngestSummary()
    plans: list[_Plan] = []
    hashes_in_batch: dict[str, str] = {}
    stored = _Stored.of(conn, batch)
    for article in batch:
        plan = _classify(stored, article, hashes_in_batch)
        if plan is None:
            summary.unchanged += 1
            continue
        hashes_in_batch.setdefault(plan.hash, article.id)
        plans.append(plan)
    if not plans:
        return summary
    analysed = stages.analyse([p.article for p in plans])
    clusterer = clusterer_for(conn, store, stages.cluster_params)
    changed: set[str] = set()
    placed_now: dict[str, str] = {}
    for plan, an in zip(plans, analysed, strict=True):
        changed |= _remove_versions(conn, plan.replaces)
        mentions = stages.extract(plan.article, an)
        event_id = plan.event_id
        if event_id is None:
            event_id, new = _place(conn, clusterer, plan, an, mentions, placed_now)
            if new:
                summary.events_created.append(event_id)
        placed_now[plan.article.id] = event_id
        _write_article(conn, plan, an, mentions, event_id)
        changed.add(event_id)
        if plan.replaces:
            summary.updated += 1
        elif plan.duplicate is not None:
            summary.copies += 1
        else:
            summary.added += 1
    save_clusterer(conn, store, clusterer)
    refresh_events(conn, changed, reconcile=stages.reconcile, build_brief=stages.build_brief)
    summary.events_changed = sorted(changed)
    return summary


def _place(conn: Connection, clusterer: OnlineClusterer, plan: _Plan, analysed: Analysed,
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


@dataclass
class _Stored:
    """What the store already holds that a batch's articles may be versions or copies of,
    read with a few queries for the whole batch."""

    by_id: dict[str, Any]
    by_url: dict[str, list[Any]]
    original_of_hash: dict[str, str]

    @classmethod
    def of(cls, conn: Connection, batch: Sequence[Article]) -> _Stored:
        a = t.articles.c
        columns = (a.id, a.url, a.text_hash, a.event_id, a.pinned, a.cluster_seq)
        ids = [x.id for x in batch]
        urls = list({x.url for x in batch if x.url})
        digests = list({text_hash(x.text) for x in batch})
        by_id, by_url, original = {}, {}, {}
        for chunk in _chunks(ids, 500):
            by_id.update({r.id: r for r in conn.execute(sa.select(*columns).where(a.id.in_(chunk)))})
        for chunk in _chunks(urls, 500):
            for r in conn.execute(sa.select(*columns).where(a.url.in_(chunk)).order_by(a.id)):
                by_url.setdefault(r.url, []).append(r)
        for chunk in _chunks(digests, 500):
            for r in conn.execute(sa.select(a.id, a.text_hash)
                                  .where(a.text_hash.in_(chunk), a.duplicate_of.is_(None))
                                  .order_by(a.id)):
                original.setdefault(r.text_hash, r.id)
        return cls(by_id, by_url, original)


def _chunks(items: list, size: int):
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]


def _classify(stored: _Stored, article: Article, hashes_in_batch: dict[str, str]) -> _Plan | None:
    """None when the store already has this exact article; else what to do with it."""
    digest = text_hash(article.text)
    same_id = stored.by_id.get(article.id)
    if same_id is not None and same_id.text_hash == digest:
        return None
    same_url = []
    if article.url:
        same_url = [r for r in stored.by_url.get(article.url, []) if r.id != article.id]
        if any(r.text_hash == digest for r in same_url):
            return None  # the same text under another id: already stored
    old = ([same_id] if same_id is not None else []) + list(same_url)
    if old:  # an updated version: it replaces the stored ones and stays in their event
        # The clusterer placed the first version for good; the new text does not move it.
        keep = next((r for r in old if r.pinned), old[0])
        return _Plan(article, digest, [r.id for r in old], keep.event_id, bool(keep.pinned),
                     cluster_seq=keep.cluster_seq)
    original = hashes_in_batch.get(digest) or stored.original_of_hash.get(digest)
    return _Plan(article, digest, [], exact_of=original)


def _remove_versions(conn: Connection, article_ids: list[str]) -> set[str]:
    """Delete the stored versions (and their mentions); return the events they were in."""
    if not article_ids:
        return set()
    events = {r.event_id for r in conn.execute(
        sa.select(t.articles.c.event_id).where(t.articles.c.id.in_(article_ids))) if r.event_id}
    conn.execute(sa.delete(t.mentions).where(t.mentions.c.article_id.in_(article_ids)))
    conn.execute(sa.delete(t.articles).where(t.articles.c.id.in_(article_ids)))
    return events


def _event_of(conn: Connection, article_id: str) -> str | None:
    row = conn.execute(sa.select(t.articles.c.event_id).where(t.articles.c.id == article_id)).first()
    return row.event_id if row else None


def _write_article(conn: Connection, plan: _Plan, analysed: Analysed, mentions: list[Mention],
                   event_id: str) -> None:
    article = plan.article
    conn.execute(INSERT_ARTICLE, dict(
        id=article.id, url=article.url, text_hash=plan.hash, title=article.title,
        source=article.source, published=utc_naive(article.published), event_id=event_id,
        pinned=plan.pinned, duplicate_of=plan.duplicate.duplicate_of if plan.duplicate else None,
        cluster_seq=plan.cluster_seq, wire=wire_source(article.title, article.text),
        data=article.model_dump(mode="json"), analysed=analysed_json(analysed),
        embedding=vector_bytes(analysed.embedding), ingested_at=now()))
    if mentions:
        conn.execute(INSERT_MENTION, [
            {"id": m.id, "article_id": article.id, "slot": enum_value(m.slot), "scope": m.scope,
             "data": m.model_dump(mode="json")} for m in mentions])
    if plan.duplicate is not None:
        record_duplicates(conn, [plan.duplicate])


# Built once: building a statement per article cost more than running it.
INSERT_ARTICLE = sa.insert(t.articles)
INSERT_MENTION = sa.insert(t.mentions)
