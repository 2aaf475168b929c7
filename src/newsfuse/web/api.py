"""The JSON API (``/api/...``): everything the pages show, plus ingest and corrections."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.live import ingest_articles
from newsfuse.model import Article, Brief, Correction, Rejection
from newsfuse.store import (
    EventFilter,
    EventPage,
    StoredArticle,
    counts,
    event_articles,
    get_article,
    get_event,
    list_corrections,
    list_events,
    list_rejections,
    merge_events,
    split_event,
)
from newsfuse.web.security import require_token

router = APIRouter(prefix="/api", tags=["api"])
Write = Depends(require_token)


class ArticleIn(BaseModel):
    """An article to ingest; ``id`` defaults to 'a' + the first 16 hex digits of sha256(text)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=200)
    title: str | None = None
    text: str = Field(min_length=1)
    source: str | None = None
    url: str | None = Field(default=None, max_length=2000)
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    def to_article(self) -> Article:
        data = self.model_dump()
        data["id"] = self.id or "a" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]
        return Article(input="api", input_format="json", **data)


class IngestOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    copies: int
    events_created: list[str]
    events_changed: list[str]


class MergeIn(BaseModel):
    event_ids: list[str] = Field(min_length=2, description="The first one is kept.")


class SplitIn(BaseModel):
    article_ids: list[str] = Field(min_length=1)


class EventIdOut(BaseModel):
    event_id: str


def event_filter(
    q: Annotated[str | None, Query(
        description="Full-text search: events whose headline, place, type or articles' titles, "
                    "outlets and texts contain every word (stemmed, case- and accent-blind; "
                    "word* is a prefix; at most 20 words).", max_length=500)] = None,
    # Every value bounded (422 with a message, not a 500 from the database: SQLite integers end
    # at 2**63, and a 65k-character place is no place).
    place: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(description="Event type, e.g. shooting.", max_length=100)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> EventFilter:
    return EventFilter(date_from=date_from, date_to=date_to, place=place or None,
                       event_type=type or None, text=q or None, min_sources=min_sources)


def _not_found(exc: NotFoundError) -> HTTPException:
    return HTTPException(status_code=404, detail=exc.message)


@contextlib.contextmanager
def _correcting(state) -> Iterator[None]:
    """Hold the write lock for a merge or split; its errors become 404 / 422 responses."""
    try:
        with state.write_lock:
            yield
    except NotFoundError as exc:
        raise _not_found(exc) from exc
    except ConfigError as exc:
        raise HTTPException(status_code=422, detail=exc.message) from exc


@router.get("/events", response_model=EventPage, summary="List events, newest first")
def api_events(request: Request, flt: Annotated[EventFilter, Depends(event_filter)],
               limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0) -> EventPage:
    with request.app.state.store.read() as conn:
        return list_events(conn, flt, limit=limit, offset=offset)


# Event ids hold their first article's id, which may hold "/" (a given id such as
# "wire/2024/07"): the routes take the rest of the path, the longer pattern first.
@router.get("/events/{event_id:path}/articles", response_model=list[Article],
            summary="An event's articles")
def api_event_articles(request: Request, event_id: str) -> list[Article]:
    try:
        with request.app.state.store.read() as conn:
            event, _ = get_event(conn, event_id)
            return event_articles(conn, event.id)
    except NotFoundError as exc:
        raise _not_found(exc) from exc


@router.get("/events/{event_id:path}", response_model=Brief, summary="One event's brief")
def api_event(request: Request, event_id: str) -> Brief:
    try:
        with request.app.state.store.read() as conn:
            return get_event(conn, event_id)[1]
    except NotFoundError as exc:
        raise _not_found(exc) from exc


@router.get("/articles/{article_id:path}", response_model=StoredArticle,
            summary="One article with its event and mentions")
def api_article(request: Request, article_id: str) -> StoredArticle:
    try:
        with request.app.state.store.read() as conn:
            return get_article(conn, article_id)
    except NotFoundError as exc:
        raise _not_found(exc) from exc


@router.post("/articles", response_model=IngestOut, dependencies=[Write],
             summary="Ingest one or more articles")
def api_ingest(request: Request, articles: ArticleIn | list[ArticleIn]) -> IngestOut:
    batch = [a.to_article() for a in (articles if isinstance(articles, list) else [articles])]
    state = request.app.state
    with state.write_lock:
        summary = ingest_articles(state.store, batch, state.stages)
    return IngestOut(added=summary.added, updated=summary.updated, unchanged=summary.unchanged,
                     copies=summary.copies, events_created=summary.events_created,
                     events_changed=summary.events_changed)


@router.post("/events/merge", response_model=EventIdOut, dependencies=[Write],
             summary="Merge events into the first one")
def api_merge(request: Request, body: MergeIn) -> EventIdOut:
    state = request.app.state
    with _correcting(state):
        kept = merge_events(state.store, body.event_ids, reconcile=state.stages.reconcile,
                            build_brief=state.stages.build_brief,
                            cluster_params=state.stages.cluster_params)
    return EventIdOut(event_id=kept)


@router.post("/events/{event_id:path}/split", response_model=EventIdOut, dependencies=[Write],
             summary="Move articles out of an event into a new one")
def api_split(request: Request, event_id: str, body: SplitIn) -> EventIdOut:
    state = request.app.state
    with _correcting(state):
        new_id = split_event(state.store, event_id, body.article_ids,
                             reconcile=state.stages.reconcile,
                             build_brief=state.stages.build_brief,
                             cluster_params=state.stages.cluster_params)
    return EventIdOut(event_id=new_id)


@router.get("/corrections", response_model=list[Correction], summary="Recorded corrections")
def api_corrections(request: Request) -> list[Correction]:
    with request.app.state.store.read() as conn:
        return list_corrections(conn)


@router.get("/rejections", response_model=list[Rejection], summary="Inputs that were rejected")
def api_rejections(request: Request) -> list[Rejection]:
    with request.app.state.store.read() as conn:
        return list_rejections(conn)


@router.get("/stats", response_model=dict[str, int], summary="What the store holds")
def api_stats(request: Request) -> dict[str, int]:
    with request.app.state.store.read() as conn:
        return counts(conn)
