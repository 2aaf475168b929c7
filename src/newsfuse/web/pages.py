"""The HTML pages: events, one event, one article, and the API reference."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsfuse.model import COUNT_SLOTS
from newsfuse.store import (
    EventFilter,
    event_articles,
    event_types,
    get_article,
    get_event,
    list_events,
    resolve_event_id,
)
from newsfuse.web.api import event_filter
from newsfuse.web.map import colour, event_markers, events_markers, map_svg
from newsfuse.web.render import (
    fact_items,
    fact_value,
    mention_value,
    segments,
    sentence_of,
    series_chart,
)
from newsfuse.web.security import CSP

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
SLOT_ORDER = list(COUNT_SLOTS) + ["event_type", "place", "time", "actor", "responsibility",
                                  "other_count"]


def _render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, flt: Annotated[EventFilter, Depends(event_filter)],
                page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    with request.app.state.store.read() as conn:
        listing = list_events(conn, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        types = event_types(conn)
        markers = events_markers(conn, flt)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def page_url(n: int) -> str:
        return "/?" + urlencode({**params, "page": n})

    last = max(1, -(-listing.total // PAGE_SIZE))
    return _render(request, "events.html", {
        "listing": listing, "flt": flt, "types": types, "page": page, "last": last,
        "prev_url": page_url(page - 1) if page > 1 else None,
        "next_url": page_url(page + 1) if page < last else None,
        **_map_context(request, markers, "Map of the filtered events"),
    })


def _map_context(request: Request, markers: list, label: str) -> dict:
    """The map partial's variables: the SVG, the legend, and the links that zoom out and back."""
    params = {k: v for k, v in request.query_params.items() if k != "map"}
    world = request.query_params.get("map") == "world"
    legend = sorted({m.event_type for m in markers if m.event_type})
    return {"map_svg": map_svg(markers, world, label) if markers else None, "map_world": world,
            "map_markers": len(markers), "map_legend": [(t, colour(t)) for t in legend],
            "map_world_url": "?" + urlencode({**params, "map": "world"}), "map_fit_url": "?" + urlencode(params)}


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    with request.app.state.store.read() as conn:
        current = resolve_event_id(conn, event_id)
        if current != event_id:  # merged: its page is the surviving event's
            return RedirectResponse(f"/events/{quote(current, safe='')}", status_code=307)
        event, brief = get_event(conn, current)
        articles = {a.id: a for a in event_articles(conn, current)}
        markers = event_markers(conn, current, brief, list(articles))
    facts = [brief.facts[s] for s in SLOT_ORDER if s in brief.facts]
    facts += [f for s, f in brief.facts.items() if s not in SLOT_ORDER]
    facts = [f for f in facts if f.best is not None or f.mentions or f.value]
    sources = sorted(brief.sources, key=lambda s: (s.group, s.index))
    groups = [list(g) for _, g in groupby(sources, key=lambda s: s.group)]
    return _render(request, "event.html", {
        "event": event, "brief": brief, "facts": facts, "groups": groups,
        "charts": {f.slot: series_chart(f) for f in facts if series_chart(f) is not None},
        "articles": articles, "fact_value": fact_value, "fact_items": fact_items,
        "source_by_index": {s.index: s for s in brief.sources},
        **_map_context(request, markers, "Map of the event and the places its reports name"),
    })


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    with request.app.state.store.read() as conn:
        stored = get_article(conn, article_id)
        headline = None
        if stored.event_id:
            headline = get_event(conn, stored.event_id)[1].headline
    sentences = stored.analysed.sentences if stored.analysed else []
    items = [
        {"mention": m, "value": mention_value(m), "sentence": sentence_of(m, sentences)}
        for m in stored.mentions
    ]
    return _render(request, "article.html", {
        "stored": stored, "article": stored.article, "headline": headline, "items": items,
        "segments": segments(stored.article.text, stored.mentions, sentences),
    })


DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The API reference: Swagger UI over the OpenAPI schema (vendored in static/swagger-ui, no
    CDN: works offline), and a table of the routes for readers without JavaScript."""
    schema = request.app.openapi()
    routes = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "params": [p["name"] for p in op.get("parameters", [])]}
        for path, ops in schema["paths"].items() for method, op in ops.items()
    ]
    response = _render(request, "docs.html", {"routes": routes})
    # Swagger UI sets style attributes as it draws; scripts stay limited to this origin.
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response
