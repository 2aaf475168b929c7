"""Rebuilding an event's record, facts and brief from its articles (after any change to it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.cluster.sources import ArticleInfo
from newsfuse.cluster.sources import build_event as cluster_event
from newsfuse.model import COUNT_SLOTS, Analysed, Article, Brief, Event, Fact, Mention
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_from_row, enum_value, now, utc_naive
from newsfuse.store.search import event_document, index_event, search_key, unindex_event

ReconcileFn = Callable[[Event, Sequence[Article], Sequence[Mention]], dict[str, Fact]]
BriefFn = Callable[[Event, dict, Sequence[Article], Sequence[Mention], Sequence[Analysed]], Brief]


@dataclass
class Member:
    article: Article
    analysed: Analysed
    mentions: list[Mention]
    duplicate_of: str | None
    wire: str | None = None
    cluster_seq: int | None = None


def load_members(conn: Connection, event_id: str) -> list[Member]:
    """An event's articles with their analyses and mentions, in the order the clusterer placed
    them (publication order; articles it never saw last, by publication time)."""
    return load_members_of(conn, [event_id])[event_id]


def load_members_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Member]]:
    """:func:`load_members` of several events with a few queries (an ingest batch changes
    hundreds of events: one query per event cost more than the rows it read)."""
    a = t.articles.c
    rows = []
    for chunk in _chunks(list(dict.fromkeys(event_ids)), 500):
        rows += conn.execute(
            sa.select(a.id, a.event_id, a.data, a.analysed, a.embedding, a.duplicate_of, a.wire,
                      a.cluster_seq).where(a.event_id.in_(chunk))
        ).all()
    ids = [r.id for r in rows]
    by_article: dict[str, list[Mention]] = {i: [] for i in ids}
    for chunk in _chunks(ids, 500):
        for row in conn.execute(
            sa.select(t.mentions.c.article_id, t.mentions.c.data)
            .where(t.mentions.c.article_id.in_(chunk)).order_by(t.mentions.c.id)
        ):
            by_article[row.article_id].append(Mention.model_validate(row.data))
    out: dict[str, list[Member]] = {e: [] for e in event_ids}
    for r in rows:
        out[r.event_id].append(
            Member(Article.model_validate(r.data), analysed_from_row(r.id, r.analysed, r.embedding),
                   _in_order(by_article[r.id]), r.duplicate_of, r.wire, r.cluster_seq))
    for members in out.values():
        members.sort(key=lambda m: (m.cluster_seq is None, m.cluster_seq or 0,
                                    m.article.published is None,
                                    utc_naive(m.article.published) or datetime.min,
                                    m.article.id))
    return out


def _in_order(mentions: list[Mention]) -> list[Mention]:
    # ids are '<article>:<n>': sort by n as a number, not as text.
    return sorted(mentions, key=lambda m: int(m.id.rsplit(":", 1)[-1]) if
                  m.id.rsplit(":", 1)[-1].isdigit() else 0)


def build_event(event_id: str, members: Sequence[Member]) -> Event:
    """The Event of ``members`` as the cluster stage builds it: copies grouped with their first
    copy, articles crediting one wire service or from one outlet grouped as one source."""
    info = {
        m.article.id: ArticleInfo(event=0, seq=i, title=m.article.title,
                                  published=m.article.published, source=m.article.source,
                                  wire=m.wire, duplicate_of=m.duplicate_of, folded=True)
        for i, m in enumerate(members)
    }
    return cluster_event(event_id, [m.article.id for m in members], info)


def refresh_events(
    conn: Connection,
    event_ids: Iterable[str],
    *,
    reconcile: ReconcileFn,
    build_brief: BriefFn,
) -> None:
    """Rebuild each event's record, facts and brief; delete events left without articles."""
    todo = sorted(set(event_ids))
    for chunk in _chunks(todo, 200):
        members_of = load_members_of(conn, chunk)
        existing = {r.id for r in conn.execute(sa.select(t.events.c.id)
                                               .where(t.events.c.id.in_(chunk)))}
        conn.execute(sa.delete(t.facts).where(t.facts.c.event_id.in_(chunk)))
        for event_id in chunk:
            _refresh_event(conn, event_id, members_of[event_id], event_id in existing,
                           reconcile=reconcile, build_brief=build_brief)


def _refresh_event(conn: Connection, event_id: str, members: list[Member], exists: bool, *,
                   reconcile: ReconcileFn, build_brief: BriefFn) -> None:
    if not members:
        if exists:
            conn.execute(DELETE_EVENT, {"id": event_id})
            conn.execute(DELETE_DETAILS, {"id": event_id})
        unindex_event(conn, event_id)
        return
    event = build_event(event_id, members)
    articles = [m.article for m in members]
    mentions = [x for m in members for x in m.mentions]
    facts = reconcile(event, articles, mentions)
    brief = build_brief(event, facts, articles, mentions, [m.analysed for m in members])
    row = event_row(event, facts, brief, articles)
    details = {"data": event.model_dump(mode="json"), "brief": brief.model_dump(mode="json")}
    if exists:
        conn.execute(UPDATE_EVENT, {"event_id": event_id, **row})
        conn.execute(UPDATE_DETAILS, {"id_": event_id, **details})
    else:
        conn.execute(INSERT_EVENT, {"id": event_id, **row})
        conn.execute(INSERT_DETAILS, {"event_id": event_id, **details})
    if facts:
        conn.execute(INSERT_FACT, [fact_row(event_id, s, f) for s, f in facts.items()])
    index_event(conn, event_id, event_document(
        row["headline"], row["place"], row["event_type"],
        [(m.article.title, m.article.source, m.article.text) for m in members
         if m.duplicate_of is None]))


# Built once: building a statement per event cost more than running it.
DELETE_EVENT = sa.delete(t.events).where(t.events.c.id == sa.bindparam("id"))
UPDATE_EVENT = sa.update(t.events).where(t.events.c.id == sa.bindparam("event_id"))
INSERT_EVENT = sa.insert(t.events)
DELETE_DETAILS = sa.delete(t.event_details).where(t.event_details.c.event_id == sa.bindparam("id"))
UPDATE_DETAILS = sa.update(t.event_details).where(t.event_details.c.event_id == sa.bindparam("id_"))
INSERT_DETAILS = sa.insert(t.event_details)
INSERT_FACT = sa.insert(t.facts)


def fact_row(event_id: str, slot: str, fact: Fact) -> dict:
    return {
        "event_id": event_id,
        "slot": slot,
        "status": enum_value(fact.status),
        "best": None if fact.best is None else str(fact.best),
        "low": fact.low,
        "high": fact.high,
        "confidence": fact.confidence,
        "sources": fact.sources,
        "data": fact.model_dump(mode="json"),
    }


def event_row(event: Event, facts: dict[str, Fact], brief: Brief, articles: Sequence[Article]) -> dict:
    """The event's columns, with the main facts copied out for listing and filtering."""
    place = place_text(facts.get("place"))
    event_type = label_text(facts.get("event_type"))
    event_date = occurred_date(facts.get("time"))
    first = utc_naive(event.first_published)
    headline = brief.headline or event.title or (lead_line(articles[0].text) if articles else None)
    statuses = {
        slot: enum_value(fact.status) for slot, fact in facts.items()
        if enum_value(fact.status) != "unknown" and (fact.best is not None or fact.mentions)
    }
    return {
        "headline": headline,
        "event_date": event_date,
        "sort_date": utc_naive(event_date) if event_date else first,
        "place": place,
        "event_type": event_type,
        "first_published": first,
        "last_published": utc_naive(event.last_published),
        "n_articles": len(event.article_ids),
        "independent_sources": event.independent_sources,
        "killed": count_best(facts.get("killed")),
        "injured": count_best(facts.get("injured")),
        "statuses": statuses,
        "search_key": search_key(event.id),
        "updated_at": now(),
    }


def lead_line(text: str, limit: int = 120) -> str:
    """The first non-empty line of ``text``, cut at a word near ``limit`` characters."""
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"


def count_best(fact: Fact | None) -> int | None:
    if fact is None or fact.slot not in COUNT_SLOTS:
        return None
    if isinstance(fact.best, int):
        return fact.best
    if isinstance(fact.best, str) and fact.best.isdigit():
        return int(fact.best)
    return fact.low


def place_text(fact: Fact | None) -> str | None:
    if fact is None:
        return None
    value = fact.value or {}
    parts = [value.get(k) for k in ("venue", "city", "region", "country")]
    text = ", ".join(p for p in parts if p)
    return text or (str(fact.best) if fact.best is not None else None)


def label_text(fact: Fact | None) -> str | None:
    if fact is None:
        return None
    value = fact.value or {}
    label = value.get("label") or fact.best
    return str(label).lower() if label is not None else None


def occurred_date(fact: Fact | None) -> date | None:
    if fact is None:
        return None
    raw = (fact.value or {}).get("date") or fact.best
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            return None
    return raw if isinstance(raw, date) else None


def _chunks(items: list, size: int):
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]
