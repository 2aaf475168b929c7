"""Exporting events and facts: JSON (a Report), JSON Lines (one Brief a line), CSV (one row per
event with its main facts, in the spirit of an ACLED export) and Parquet (the CSV's rows, typed;
needs the ``parquet`` extra, pyarrow)."""

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

FORMATS = ("json", "jsonl", "csv")
CSV_COUNT_SLOTS = ("killed", "injured", "hospitalized", "arrested", "missing", "attackers")
CSV_COLUMNS = (
    ["event_id", "event_date", "event_type", "headline", "place", "venue", "city", "region",
     "country"]
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
    else:
        yield _csv_line(CSV_COLUMNS)
        for summary, brief in briefs:
            row = csv_row(summary, brief)
            yield _csv_line([row.get(c) for c in CSV_COLUMNS])


#: Parquet column types by name; every other column is text.
_INT_COLUMNS = {f"{slot}{part}" for slot in CSV_COUNT_SLOTS for part in ("", "_low", "_high")} | {
    "independent_sources", "articles"}
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


def csv_row(summary: EventSummary, brief: Brief) -> dict:
    """One CSV row: the event, its place, and best / interval / status of each main count."""
    facts = brief.facts
    place = (facts.get("place").value or {}) if facts.get("place") else {}
    row = {
        "event_id": summary.id,
        "event_date": summary.event_date,
        "event_type": summary.event_type,
        "headline": brief.headline or summary.headline,
        "place": summary.place,
        "venue": place.get("venue"),
        "city": place.get("city"),
        "region": place.get("region"),
        "country": place.get("country"),
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
