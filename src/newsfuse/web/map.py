"""The map: events as markers on a bundled world outline, drawn as inline SVG on the server.

No tile server can be reached, so the outline is Natural Earth's admin-0 countries at 1:110m
(public domain), as the TopoJSON the npm package ``world-atlas`` 2.0.2 ships
(``static/countries-110m.json``, ISC licence beside it), decoded here and drawn in an
equirectangular projection (one SVG unit a degree). Markers are sized by the death toll (area
proportional to it), coloured by event type, and link to their event; the view zooms to the
region the markers span (``?map=world`` shows the whole world).
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

_OUTLINE = Path(__file__).with_name("static") / "countries-110m.json"
#: Colours of event types (a type's colour is fixed by a hash of its name).
PALETTE = ("#c0392b", "#2471a3", "#d68910", "#7d3c98", "#138d75", "#a04000", "#2e4053", "#b7950b")
#: The smallest region a zoomed view shows (degrees of longitude, latitude).
MIN_SPAN = (24.0, 12.0)


@dataclass(frozen=True)
class Marker:
    event_id: str
    label: str
    latitude: float
    longitude: float
    killed: int | None = None
    event_type: str | None = None
    href: str | None = None


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@lru_cache(maxsize=1)
def country_paths() -> tuple[str, ...]:
    """One SVG path (``d``) per country of the bundled outline (x = longitude, y = -latitude)."""
    topology = json.loads(_OUTLINE.read_text("utf-8"))
    arcs = _decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        d = []
        for polygon in polygons:
            for ring in polygon:
                pts = _ring(arcs, ring)
                d.append("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in pts) + "Z")
        paths.append("".join(d))
    return tuple(paths)


def colour(event_type: str | None) -> str:
    return PALETTE[zlib.crc32((event_type or "").encode()) % len(PALETTE)] if event_type else "#566573"


def view_box(markers: list[Marker], world: bool = False) -> tuple[float, float, float, float]:
    """(x, y, width, height): the whole world, or the region the markers span with a margin."""
    if world or not markers:
        return (-180.0, -85.0, 360.0, 145.0)
    lons = [m.longitude for m in markers]
    lats = [m.latitude for m in markers]
    width = max(MIN_SPAN[0], (max(lons) - min(lons)) * 1.3)
    height = max(MIN_SPAN[1], (max(lats) - min(lats)) * 1.3, width / 2.5)
    width = max(width, height * 2.0)
    cx, cy = (max(lons) + min(lons)) / 2, -(max(lats) + min(lats)) / 2
    return (cx - width / 2, cy - height / 2, width, height)


def map_svg(markers: list[Marker], world: bool = False, label: str = "Map of the events") -> Markup:
    """The map as an inline ``<svg>`` (every text from the data escaped)."""
    x, y, w, h = view_box(markers, world)
    unit = w / 360.0  # marker sizes follow the zoom
    parts = [f'<svg class="map" role="img" aria-label="{escape(label)}" viewBox="{x:.2f} {y:.2f} {w:.2f} {h:.2f}" '
             'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
             f'<rect class="sea" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"/>',
             f'<g class="land" stroke-width="{0.25 * unit:.3f}">']
    parts += [f'<path d="{d}"/>' for d in country_paths()]
    parts.append("</g><g class=\"markers\">")
    for m in sorted(markers, key=lambda m: -(m.killed or 0)):  # small markers drawn on top
        r = (2.0 + 1.5 * math.sqrt(max(0, m.killed or 0))) * unit
        title = escape(m.label) + (escape(f" — {m.killed} killed") if m.killed else "")
        circle = (f'<circle cx="{m.longitude:.3f}" cy="{-m.latitude:.3f}" r="{r:.3f}" fill="{colour(m.event_type)}" '
                  f'stroke-width="{0.3 * unit:.3f}" data-event="{escape(m.event_id)}"><title>{title}</title></circle>')
        parts.append(f'<a href="{escape(m.href)}">{circle}</a>' if m.href else circle)
    parts.append("</g></svg>")
    return Markup("".join(parts))


def place_marker(event_id: str, value: dict | None, label: str, **extra) -> Marker | None:
    """A marker at a place fact's value (None where it has no coordinates)."""
    if not value or value.get("latitude") is None or value.get("longitude") is None:
        return None
    return Marker(event_id, label, float(value["latitude"]), float(value["longitude"]), **extra)


#: The events page maps at most this many events (the newest of those filtered).
MAX_MARKERS = 5000


def events_markers(conn, flt) -> list[Marker]:
    """A marker per filtered event that has coordinates."""
    from urllib.parse import quote

    from newsfuse.store.read import iter_briefs

    markers = []
    for summary, brief in iter_briefs(conn, flt):
        place = brief.facts.get("place")
        marker = place_marker(summary.id, place.value if place else None, summary.headline or summary.id,
                              killed=summary.killed, event_type=summary.event_type,
                              href=f"/events/{quote(summary.id, safe='')}")
        if marker is not None:
            markers.append(marker)
            if len(markers) >= MAX_MARKERS:
                break
    return markers


#: The event page reads the place mentions of at most this many of its reports.
MAX_REPORTS = 100


def event_markers(conn, event_id: str, brief, article_ids: list[str]) -> list[Marker]:
    """The event's own place, then each other place its reports name (linking to the report)."""
    from urllib.parse import quote

    from newsfuse.store.read import get_article

    place = brief.facts.get("place")
    killed = brief.facts["killed"].best if brief.facts.get("killed") else None
    event_type = brief.facts["event_type"].best if brief.facts.get("event_type") else None
    own = place_marker(event_id, place.value if place else None, place.best if place else event_id,
                       killed=killed if isinstance(killed, int) else None, event_type=str(event_type or ""))
    markers = [own] if own else []
    seen = {(round(own.latitude, 2), round(own.longitude, 2))} if own else set()
    for article_id in article_ids[:MAX_REPORTS]:
        stored = get_article(conn, article_id)
        for m in stored.mentions:
            if m.slot != "place" or m.value.latitude is None:
                continue
            key = (round(m.value.latitude, 2), round(m.value.longitude, 2))
            if key in seen:
                continue
            seen.add(key)
            name = ", ".join(v for v in (m.value.city, m.value.region, m.value.country) if v)
            markers.append(Marker(event_id, f"named in a report: {name}", m.value.latitude, m.value.longitude,
                                  event_type=None, href=f"/articles/{quote(stored.article.id, safe='')}"))
    return markers
