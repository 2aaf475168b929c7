"""Reading the store: event listings with filters, one event's brief, one article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.model import Analysed, Article, Brief, Correction, Event, Mention, Rejection
from newsfuse.store import schema as t
from newsfuse.store.codec import analysed_from_row
from newsfuse.store.search import text_condition

MAX_PAGE = 500


class EventSummary(BaseModel):
    """One row of the events listing."""

    id: str
    headline: str | None = None
    event_date: date | None = None
    place: str | None = None
    event_type: str | None = None
    first_published: datetime | None = None
    last_published: datetime | None = None
    articles: int = 0
    independent_sources: int = 0
    killed: int | None = None
    injured: int | None = None
    statuses: dict[str, str] = Field(default_factory=dict, description="Slot -> fact status.")


class EventPage(BaseModel):
    total: int
    offset: int
    limit: int
    events: list[EventSummary]


class StoredArticle(BaseModel):
    """An article as stored, with the event it is in and its mentions."""

    article: Article
    event_id: str | None = None
    pinned: bool = False
    duplicate_of: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    analysed: Analysed | None = None


@dataclass(frozen=True)
class EventFilter:
    """Filters of the events listing; each one left None is not applied.

    Args:
        date_from: events on or after this date (the event's date, else its first report).
        date_to: events on or before this date.
        place: a part of the place name (case-insensitive).
        event_type: the event type exactly (``shooting``, ``bombing``, ...).
        text: words that must all occur in the event's headline, place, type or its
            articles' titles, outlets and texts (full-text search, see store/search.py).
        min_sources: at least this many independent sources.
        min_killed: at least this many killed (the reconciled best figure).
    """

    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    event_type: str | None = None
    text: str | None = None
    min_sources: int | None = None
    min_killed: int | None = None

    def conditions(self, conn: Connection) -> list:
        """The WHERE conditions on ``events`` (the text search depends on the database).

        Raises:
            ConfigError: a search of too many words.
        """
        e = t.events.c
        where = []
        if self.date_from:
            where.append(e.sort_date >= datetime(self.date_from.year, self.date_from.month,
                                                 self.date_from.day))
        if self.date_to:
            end = datetime(self.date_to.year, self.date_to.month, self.date_to.day, 23, 59, 59)
            where.append(e.sort_date <= end)
        if self.place:
            where.append(sa.func.lower(e.place).contains(self.place.lower(), autoescape=True))
        if self.event_type:
            where.append(e.event_type == self.event_type.lower())
        if self.text:
            search = text_condition(conn, self.text)
            if search.condition is not None:
                where.append(search.condition)
        if self.min_sources:
            where.append(e.independent_sources >= self.min_sources)
        if self.min_killed is not None:
            where.append(e.killed >= self.min_killed)
        return where


def resolve_event_id(conn: Connection, event_id: str) -> str:
    """The current id of ``event_id`` (a merged event answers under the id it was merged into).

    Raises:
        NotFoundError: no such event.
    """
    if conn.execute(sa.select(t.events.c.id).where(t.events.c.id == event_id)).first():
        return event_id
    alias = conn.execute(sa.select(t.event_aliases.c.event_id)
                         .where(t.event_aliases.c.old_id == event_id)).first()
    if alias is not None:
        return alias.event_id
    raise NotFoundError(f"No event {event_id!r} in the store.")


def list_events(conn: Connection, flt: EventFilter | None = None, *, limit: int = 50,
                offset: int = 0) -> EventPage:
    """Events newest first (by event date, else first report), filtered and paginated.

    Raises:
        ConfigError: a limit or offset out of range.
    """
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise ConfigError(f"limit must be 1..{MAX_PAGE} and offset >= 0 (got {limit}, {offset}).")
    flt = flt or EventFilter()
    where = flt.conditions(conn)
    total = _text_only_total(conn, flt)
    if total is None:
        total = conn.execute(sa.select(sa.func.count()).select_from(t.events).where(*where)
                             ).scalar_one()
    rows = conn.execute(sa.select(*_SUMMARY_COLUMNS).where(*where).order_by(*_NEWEST_FIRST)
                        .limit(limit).offset(offset)).all()
    return EventPage(total=total, offset=offset, limit=limit, events=[_summary(r) for r in rows])


def _text_only_total(conn: Connection, flt: EventFilter) -> int | None:
    """The count of a search with no other filter, as the full-text index gives it (every event
    has one document there), or None when the events must be counted."""
    others = (flt.date_from, flt.date_to, flt.place, flt.event_type, flt.min_sources, flt.min_killed)
    if not flt.text or any(x is not None and x != "" for x in others):
        return None
    return text_condition(conn, flt.text).matches


_E = t.events.c
_SUMMARY_COLUMNS = (_E.id, _E.headline, _E.event_date, _E.place, _E.event_type, _E.first_published,
                    _E.last_published, _E.n_articles, _E.independent_sources, _E.killed,
                    _E.injured, _E.statuses)
_NEWEST_FIRST = (_E.sort_date.desc().nulls_last(), _E.last_published.desc().nulls_last(), _E.id)


def _summary(r) -> EventSummary:
    return EventSummary(id=r.id, headline=r.headline, event_date=r.event_date, place=r.place,
                        event_type=r.event_type, first_published=r.first_published,
                        last_published=r.last_published, articles=r.n_articles,
                        independent_sources=r.independent_sources, killed=r.killed,
                        injured=r.injured, statuses=r.statuses or {})


def event_types(conn: Connection) -> list[str]:
    """The event types present, for the filter menu."""
    rows = conn.execute(sa.select(t.events.c.event_type).where(t.events.c.event_type.isnot(None))
                        .distinct().order_by(t.events.c.event_type).limit(200))
    return [r.event_type for r in rows]


def get_event(conn: Connection, event_id: str) -> tuple[Event, Brief]:
    """An event and its brief.

    Raises:
        NotFoundError: no such event.
    """
    current = resolve_event_id(conn, event_id)
    d = t.event_details.c
    row = conn.execute(sa.select(d.data, d.brief).where(d.event_id == current)).one()
    return Event.model_validate(row.data), Brief.model_validate(row.brief)


def get_article(conn: Connection, article_id: str) -> StoredArticle:
    """An article with its event and mentions.

    Raises:
        NotFoundError: no such article.
    """
    a = t.articles.c
    row = conn.execute(sa.select(a.data, a.event_id, a.pinned, a.duplicate_of, a.analysed,
                                 a.embedding).where(a.id == article_id)).first()
    if row is None:
        raise NotFoundError(f"No article {article_id!r} in the store.")
    mentions = [Mention.model_validate(r.data) for r in conn.execute(
        sa.select(t.mentions.c.data).where(t.mentions.c.article_id == article_id))]
    mentions.sort(key=lambda m: (m.evidence.start, m.id))
    return StoredArticle(article=Article.model_validate(row.data), event_id=row.event_id,
                         pinned=bool(row.pinned), duplicate_of=row.duplicate_of,
                         mentions=mentions,
                         analysed=analysed_from_row(article_id, row.analysed, None))


def event_articles(conn: Connection, event_id: str) -> list[Article]:
    """An event's articles, by publication time."""
    rows = conn.execute(sa.select(t.articles.c.data).where(t.articles.c.event_id == event_id)
                        .order_by(t.articles.c.published, t.articles.c.id))
    return [Article.model_validate(r.data) for r in rows]


def iter_briefs(conn: Connection, flt: EventFilter | None = None, *, chunk: int = 200):
    """Every brief matching ``flt``, newest event first, streamed ``chunk`` rows at a time (one
    query: paging with OFFSET would re-read the skipped rows, quadratic on a big store)."""
    d = t.event_details.c
    rows = conn.execution_options(yield_per=chunk).execute(
        sa.select(*_SUMMARY_COLUMNS, d.brief).join_from(t.events, t.event_details,
                                                      d.event_id == t.events.c.id)
        .where(*(flt or EventFilter()).conditions(conn)).order_by(*_NEWEST_FIRST))
    for r in rows:
        yield _summary(r), Brief.model_validate(r.brief)


def list_corrections(conn: Connection) -> list[Correction]:
    rows = conn.execute(sa.select(t.corrections).order_by(t.corrections.c.id))
    return [Correction(action=r.action, event_ids=r.event_ids, article_ids=r.article_ids,
                       created=r.created) for r in rows]


def list_rejections(conn: Connection, *, limit: int = 1000) -> list[Rejection]:
    rows = conn.execute(sa.select(t.rejections).order_by(t.rejections.c.id.desc()).limit(limit))
    return [Rejection(input=r.input, code=r.code, reason=r.reason) for r in rows]


def counts(conn: Connection) -> dict[str, int]:
    """How many articles, events, mentions, rejections and corrections the store holds."""
    tables = {"articles": t.articles, "events": t.events, "mentions": t.mentions,
              "rejections": t.rejections, "corrections": t.corrections}
    return {name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for name, table in tables.items()}
