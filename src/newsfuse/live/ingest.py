"""Incremental ingest: new articles in, only the events they change re-reconciled.

First, reading the store, find the articles it does not hold as they are; the models analyse
them and extract their mentions (``newsfuse.pipeline.iter_analyse_extract``) OUTSIDE any
transaction, on the stages' workers, as a stream. Then per batch, in one short write
transaction: classify each article against the store again (another ingest, a watch or the web
UI may have written meanwhile: unchanged, update of an article already stored, or new), place
each new one with the cluster stage's online clusterer (store/online.py), write them and the
clusterer's state, and rebuild the changed events. The SQLite write lock is held for the
placing and writing only, never for the models (which took minutes for a large batch, past
other writers' 30 s timeout). A crash loses at most the batch in flight; the next ingest skips
what was committed and so resumes where the last one stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster import wire_source
from newsfuse.live.placement import Plan, place, record_duplicates
from newsfuse.live.stages import Stages
from newsfuse.model import Analysed, Article, Mention, Rejection, RejectionCode
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_json, enum_value, now, text_hash, utc_naive, vector_bytes
from newsfuse.store.engine import Store
from newsfuse.store.events import refresh_events
from newsfuse.store.online import clusterer_for, forget_clusterer, save_clusterer

DEFAULT_BATCH = 64


@dataclass
class IngestSummary:
    """What one ingest did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    rejected: int = 0
    #: the rejections themselves (input, code, reason), for the CLI to list
    rejections: list[Rejection] = field(default_factory=list)
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
                   max_bytes: int, batch_size: int = DEFAULT_BATCH, progress=None,
                   follow_links: bool = False) -> IngestSummary:
    """Read ``sources`` (``newsfuse.pipeline.read``, on the stages' engine) and ingest what was read."""
    from newsfuse.pipeline import Options, read

    options = Options(max_bytes=max_bytes, progress=progress, follow_links=follow_links)
    result = read(list(sources), options, stages.engine)
    articles, unread = _readable(result.articles)
    rejected = list(result.rejected) + unread
    summary = IngestSummary()
    with store.write() as conn:
        record_rejections(conn, rejected)
        record_duplicates(conn, result.duplicates)
    summary.rejected = len(rejected)
    summary.rejections = rejected
    summary.merge(ingest_articles(store, articles, stages, batch_size=batch_size,
                                  progress=progress))
    return summary


def _readable(articles: Sequence[Article]) -> tuple[list[Article], list[Rejection]]:
    """The articles in a language newsfuse reads, and a rejection for each other one: the store
    lists it with its note ("language de: not supported yet") instead of clustering it as English."""
    from newsfuse.pipeline import unsupported_articles

    unsupported = {u.article_id: u for u in unsupported_articles(articles)}
    unread = [
        Rejection(input=u.input or u.article_id, code=RejectionCode.UNSUPPORTED, reason=u.note)
        for u in unsupported.values()
    ]
    return [a for a in articles if a.id not in unsupported], unread


def record_rejections(conn: Connection, rejections: Sequence[Rejection]) -> None:
    """Store each rejection once: the same input rejected for the same reason on a re-run
    replaces its row (a newer ``created``) instead of adding one."""
    for r in rejections:
        conn.execute(sa.delete(t.rejections).where(
            t.rejections.c.input == r.input, t.rejections.c.reason == r.reason))
    if rejections:
        conn.execute(sa.insert(t.rejections), [
            {"input": r.input, "code": enum_value(r.code), "reason": r.reason, "created": now()}
            for r in rejections
        ])


def ingest_articles(store: Store, articles: Sequence[Article], stages: Stages, *,
                    batch_size: int = DEFAULT_BATCH, progress=None) -> IngestSummary:
    """Add ``articles`` to the store in batches of ``batch_size``, each batch one transaction.

    Returns:
        Counts of what was added, updated or already there, and the events touched.
    """
    summary = IngestSummary()
    summary.reclustered = _upgrade_clustering(store, stages, progress)
    ordered = _latest_versions(articles)
    with store.read() as conn:
        needed = _not_stored(conn, ordered)
    wanted = {a.id for a in needed}
    # The models run as a stream, outside every transaction: the workers go on with later
    # articles while a batch is written.
    results = iter(stages.analyse(needed))
    try:
        for begin in range(0, len(ordered), batch_size):
            batch = ordered[begin : begin + batch_size]
            done = {a.id: next(results) for a in batch if a.id in wanted}
            try:
                with store.write() as conn:
                    summary.merge(_ingest_batch(conn, store, batch, stages, done))
            except BaseException:
                forget_clusterer(store)  # it may hold placements that were rolled back
                raise
            if progress:
                progress("store", min(begin + batch_size, len(ordered)), len(ordered))
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # ends the workers when the ingest stopped early
    summary.unchanged += len(articles) - len(ordered)
    return summary


def _not_stored(conn: Connection, articles: Sequence[Article]) -> list[Article]:
    """The articles the store does not hold as they are (the write transactions decide for good)."""
    out = []
    for chunk in _chunks(list(articles), 500):
        stored = _Stored.of(conn, chunk)
        out += [a for a in chunk if _classify(stored, a, {}) is not None]
    return out


def _upgrade_clustering(store: Store, stages: Stages, progress) -> int:
    """Once per open store: re-cluster a store made before the clusterer's state was saved
    (revision 0002), so that new articles can join its events. Returns the articles re-placed."""
    if store.clustering_checked:
        return 0
    from newsfuse.live.recluster import needs_recluster, recluster

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


def _ingest_batch(conn: Connection, store: Store, batch: Sequence[Article], stages: Stages,
                  done: dict[str, tuple[Analysed, list[Mention]]]) -> IngestSummary:
    summary = IngestSummary()
    plans: list[Plan] = []
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
    late = [p.article for p in plans if p.article.id not in done]
    if late:  # the store lost them since it was read (rare): analysed here, in the transaction
        done = {**done, **{a.id: r for a, r in zip(late, stages.analyse(late), strict=True)}}
    clusterer = clusterer_for(conn, store, stages.cluster_params)
    changed: set[str] = set()
    placed_now: dict[str, str] = {}
    for plan in plans:
        changed |= _remove_versions(conn, plan.replaces)
        an, mentions = done[plan.article.id]
        event_id = plan.event_id
        if event_id is None:
            event_id, new = place(conn, clusterer, plan, an, mentions, placed_now)
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


def _classify(stored: _Stored, article: Article, hashes_in_batch: dict[str, str]) -> Plan | None:
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
        return Plan(article, digest, [r.id for r in old], keep.event_id, bool(keep.pinned),
                     cluster_seq=keep.cluster_seq)
    original = hashes_in_batch.get(digest) or stored.original_of_hash.get(digest)
    return Plan(article, digest, [], exact_of=original)


def _remove_versions(conn: Connection, article_ids: list[str]) -> set[str]:
    """Delete the stored versions (and their mentions); return the events they were in."""
    if not article_ids:
        return set()
    events = {r.event_id for r in conn.execute(
        sa.select(t.articles.c.event_id).where(t.articles.c.id.in_(article_ids))) if r.event_id}
    conn.execute(sa.delete(t.mentions).where(t.mentions.c.article_id.in_(article_ids)))
    conn.execute(sa.delete(t.articles).where(t.articles.c.id.in_(article_ids)))
    return events


def _write_article(conn: Connection, plan: Plan, analysed: Analysed, mentions: list[Mention],
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
