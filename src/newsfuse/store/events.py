"""Rebuilding an event's record, facts and brief from its articles (after any change to it)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.model import COUNT_SLOTS, Analysed, Article, Brief, Event, Fact, Mention
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_from_row, enum_value, now, utc_naive, vector_bytes
from newsfuse.store.online import EventProfile

ReconcileFn = Callable[[Event, Sequence[Article], Sequence[Mention]], dict[str, Fact]]
BriefFn = Callable[[Event, dict, Sequence[Article], Sequence[Mention], Sequence[Analysed]], Brief]


def new_event_id(seed: str) -> str:
    """A stable event id from the id of the article (or split) that started it."""
    return "e" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


@dataclass
class Member:
    article: Article
    analysed: Analysed
    mentions: list[Mention]
    duplicate_of: str | None


def load_members(conn: Connection, event_id: str) -> list[Member]:
    """An event's articles with their analyses and mentions, by publication time."""
    rows = conn.execute(
        sa.select(t.articles.c.id, t.articles.c.data, t.articles.c.analysed,
                  t.articles.c.embedding, t.articles.c.duplicate_of)
        .where(t.articles.c.event_id == event_id)
    ).all()
    ids = [r.id for r in rows]
    by_article: dict[str, list[Mention]] = {i: [] for i in ids}
    for chunk in _chunks(ids, 500):
        for row in conn.execute(
            sa.select(t.mentions.c.article_id, t.mentions.c.data)
            .where(t.mentions.c.article_id.in_(chunk)).order_by(t.mentions.c.id)
        ):
            by_article[row.article_id].append(Mention.model_validate(row.data))
    members = [
        Member(Article.model_validate(r.data), analysed_from_row(r.id, r.analysed, r.embedding),
               _in_order(by_article[r.id]), r.duplicate_of)
        for r in rows
    ]
    members.sort(key=lambda m: (m.article.published is None, utc_naive(m.article.published) or
                                datetime.min, m.article.id))
    return members


def _in_order(mentions: list[Mention]) -> list[Mention]:
    # ids are '<article>:<n>': sort by n as a number, not as text.
    return sorted(mentions, key=lambda m: int(m.id.rsplit(":", 1)[-1]) if
                  m.id.rsplit(":", 1)[-1].isdigit() else 0)


def build_event(event_id: str, members: Sequence[Member]) -> Event:
    """The Event of ``members``: copies grouped with their original, and articles of one outlet
    grouped together, since neither is an independent source."""
    ids = [m.article.id for m in members]
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    duplicates: dict[str, list[str]] = {}
    first_of_source: dict[str, str] = {}
    for m in members:
        if m.duplicate_of and m.duplicate_of in parent:
            duplicates.setdefault(m.duplicate_of, []).append(m.article.id)
            parent[find(m.article.id)] = find(m.duplicate_of)
        source = (m.article.source or "").lower()
        if source:
            if source in first_of_source:
                parent[find(m.article.id)] = find(first_of_source[source])
            else:
                first_of_source[source] = m.article.id
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    dates = [m.article.published for m in members if m.article.published]
    return Event(
        id=event_id,
        title=next((m.article.title for m in members if m.article.title), None),
        article_ids=ids,
        duplicates=duplicates,
        source_groups=list(groups.values()),
        independent_sources=len(groups),
        first_published=min(dates, key=utc_naive) if dates else None,
        last_published=max(dates, key=utc_naive) if dates else None,
    )


def refresh_events(
    conn: Connection,
    event_ids: Iterable[str],
    *,
    reconcile: ReconcileFn,
    build_brief: BriefFn,
    profiles: dict[str, EventProfile] | None = None,
) -> None:
    """Rebuild each event's record, facts and brief; delete events left without articles."""
    profiles = profiles or {}
    for event_id in sorted(set(event_ids)):
        members = load_members(conn, event_id)
        conn.execute(sa.delete(t.facts).where(t.facts.c.event_id == event_id))
        if not members:
            conn.execute(sa.delete(t.events).where(t.events.c.id == event_id))
            continue
        event = build_event(event_id, members)
        articles = [m.article for m in members]
        mentions = [x for m in members for x in m.mentions]
        facts = reconcile(event, articles, mentions)
        brief = build_brief(event, facts, articles, mentions, [m.analysed for m in members])
        row = event_row(event, facts, brief, articles)
        profile = profiles.get(event_id)
        if profile is not None:
            row["centroid"] = vector_bytes(profile.centroid)
            row["profile"] = {"size": profile.size, "features": profile.features}
        exists = conn.execute(sa.select(t.events.c.id).where(t.events.c.id == event_id)).first()
        if exists:
            conn.execute(sa.update(t.events).where(t.events.c.id == event_id).values(**row))
        else:
            conn.execute(sa.insert(t.events).values(id=event_id, **row))
        if facts:
            conn.execute(sa.insert(t.facts), [fact_row(event_id, s, f) for s, f in facts.items()])


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
    words = [headline, place, event_type] + [a.title for a in articles[:50]]
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
        "search_text": " ".join(w for w in words if w).lower(),
        "data": event.model_dump(mode="json"),
        "brief": brief.model_dump(mode="json"),
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
