"""Exporting events and facts: JSON (a Report), JSON Lines (one Brief a line), CSV (one row per
event with its main facts, with ACLED's column names where it has one), GeoJSON (one Feature
per event at its place's coordinates; a null geometry where it has no place) and Parquet (the
CSV's rows, typed; needs the ``parquet`` extra, pyarrow)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy.engine import Connection

from newsfuse.errors import ConfigError
from newsfuse.model import SCHEMA_VERSION, Brief, Fact
from newsfuse.store.codec import enum_value
from newsfuse.store.read import EventFilter, EventSummary, iter_briefs

FORMATS = ("json", "jsonl", "csv", "geojson")  # and parquet: write_parquet, to a file
#: ACLED's geo_precision: 1 the town itself (or a place in it), 2 near a town or a part of a
#: region, 3 only the region (admin1) or the country is known.
GEO_PRECISION = {"venue": 1, "street": 1, "city": 1, "admin1": 3, "country": 3}
CSV_COUNT_SLOTS = ("killed", "injured", "hospitalized", "arrested", "missing", "attackers")
ACLED_COLUMNS = ["event_date", "event_type", "sub_event_type", "country", "iso", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes"]
CSV_COLUMNS = (
    ["event_id", *ACLED_COLUMNS, "headline", "place", "precision", "venue", "city", "region"]
    + [f"{slot}{part}" for slot in CSV_COUNT_SLOTS for part in ("", "_low", "_high", "_status")]
    + ["actors", "perpetrators", "victims", "responsibility", "independent_sources", "articles",
       "first_published", "last_published", "outlets", "source_urls", "summary"]
)


def export_events(conn: Connection, fmt: str, flt: EventFilter | None = None) -> Iterator[str]:
    """The events matching ``flt`` as text chunks in ``fmt`` (json, jsonl or csv).

    Raises:
        ConfigError: an unknown format.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    briefs = iter_briefs(conn, flt)
    if fmt == "jsonl":
        for _, brief in briefs:
            yield brief.model_dump_json() + "\n"
    elif fmt == "json":
        yield f'{{"schema_version": {json.dumps(SCHEMA_VERSION)}, "events": ['
        for n, (_, brief) in enumerate(briefs):
            yield ("," if n else "") + "\n" + brief.model_dump_json()
        yield "\n]}\n"
    elif fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": ['
        for n, (summary, brief) in enumerate(briefs):
            yield ("," if n else "") + "\n" + json.dumps(geojson_feature(summary, brief), default=_json_value)
        yield "\n]}\n"
    else:
        yield _csv_line(CSV_COLUMNS)
        for summary, brief in briefs:
            row = csv_row(summary, brief)
            yield _csv_line([row.get(c) for c in CSV_COLUMNS])


#: Parquet column types by name; every other column is text.
_INT_COLUMNS = {f"{slot}{part}" for slot in CSV_COUNT_SLOTS for part in ("", "_low", "_high")} | {
    "independent_sources", "articles", "fatalities", "geo_precision"}
_FLOAT_COLUMNS = {"latitude", "longitude"}
_TIME_COLUMNS = {"first_published", "last_published"}


def write_parquet(conn: Connection, path, flt: EventFilter | None = None, *, chunk: int = 1000) -> int:
    """Write the events matching ``flt`` to a Parquet file at ``path``: the CSV columns, typed
    (counts as integers, dates as dates, times as timestamps), in row groups of ``chunk``.

    Returns:
        The number of events written.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'newsfuse[parquet]' (or choose -f csv)."
        ) from None
    from pathlib import Path

    def column_type(name: str):
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        if name == "event_date":
            return pa.date32()
        if name in _TIME_COLUMNS:
            return pa.timestamp("us")
        return None

    schema = pa.schema([(c, column_type(c) or pa.string()) for c in CSV_COLUMNS])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict] = []
        for summary, brief in iter_briefs(conn, flt):
            row = csv_row(summary, brief)
            batch.append({c: _parquet_cell(row.get(c), column_type(c)) for c in CSV_COLUMNS})
            if len(batch) >= chunk:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written, batch = written + len(batch), []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


def _parquet_cell(value, typed):
    if value is None or typed is not None:
        return value
    return value if isinstance(value, str) else str(value)


def _csv_line(values) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_cell(v) for v in values])
    return buffer.getvalue()


def _cell(value) -> str:
    """A cell as text; text that a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def geojson_feature(summary: EventSummary, brief: Brief) -> dict:
    """One GeoJSON Feature: a Point at the event's place (lon, lat), the CSV row as properties."""
    row = csv_row(summary, brief)
    lat, lon = row.pop("latitude"), row.pop("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": summary.id, "geometry": geometry,
            "properties": {k: v for k, v in row.items() if v is not None}}


def csv_row(summary: EventSummary, brief: Brief) -> dict:
    """One CSV row: the event, its place, and best / interval / status of each main count."""
    facts = brief.facts
    place = (facts.get("place").value or {}) if facts.get("place") else {}
    row = {
        "event_id": summary.id,
        "event_date": summary.event_date,
        "event_type": summary.event_type,
        "sub_event_type": _sub_type(facts.get("event_type"), summary.event_type),
        "country": place.get("country"),
        "iso": place.get("country_code"),
        "admin1": place.get("admin1") or place.get("region"),
        "admin2": place.get("admin2"),
        "location": place.get("city") or place.get("near") or place.get("region") or place.get("country"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": _geo_precision(place),
        "fatalities": facts["killed"].best if facts.get("killed") else None,
        "source": "; ".join(sorted({s.source for s in brief.sources if s.source})),
        "notes": " ".join(s.text for s in brief.summary),
        "headline": brief.headline or summary.headline,
        "place": summary.place,
        "precision": place.get("precision"),
        "venue": place.get("venue"),
        "city": place.get("city"),
        "region": place.get("region"),
        "actors": _names(facts.get("actor")),
        "perpetrators": _side(facts.get("actor"), "perpetrators"),
        "victims": _side(facts.get("actor"), "victims"),
        "responsibility": _names(facts.get("responsibility")),
        "independent_sources": summary.independent_sources,
        "articles": summary.articles,
        "first_published": summary.first_published,
        "last_published": summary.last_published,
        "outlets": "; ".join(sorted({s.source for s in brief.sources if s.source})),
        "source_urls": "; ".join(s.url for s in brief.sources if s.url and _safe_url(s.url)),
        "summary": " ".join(s.text for s in brief.summary),
    }
    for slot in CSV_COUNT_SLOTS:
        fact = facts.get(slot)
        if fact is not None and (fact.best is not None or fact.low is not None):
            row[slot], row[f"{slot}_low"], row[f"{slot}_high"] = fact.best, fact.low, fact.high
            row[f"{slot}_status"] = enum_value(fact.status)
    return row


def _geo_precision(place: dict) -> int | None:
    level = GEO_PRECISION.get(place.get("precision"))
    if level == 1 and place.get("near") and not place.get("city"):
        return 2  # only "near Moscow"
    return level


def _sub_type(fact: Fact | None, main: str | None) -> str | None:
    """The event type's other labels ("shooting" under "attack"), as ACLED's sub_event_type."""
    if fact is None:
        return None
    value = fact.value or {}
    labels = [label for label in value.get("labels", []) if label != main] if isinstance(value, dict) else []
    return "; ".join(labels) or None


def _names(fact: Fact | None) -> str | None:
    if fact is None:
        return None
    value = fact.value or {}
    names = value.get("names") or value.get("canonical") or value.get("claimant") or value.get("name")
    if isinstance(names, list):
        return "; ".join(str(n) for n in names)
    return str(names) if names else (str(fact.best) if fact.best is not None else None)


def _side(fact: Fact | None, side: str) -> str | None:
    """The names on one side of the actor fact (ACLED's actor1 / actor2), '; '-joined."""
    names = ((fact.value or {}).get(side) if fact is not None else None) or []
    return "; ".join(str(n) for n in names) or None


def _safe_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
