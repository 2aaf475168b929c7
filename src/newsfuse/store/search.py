"""Full-text search over events: SQLite FTS5 or PostgreSQL text search, one interface.

What is indexed, per event (:func:`event_document`): its headline, place and type, and for
every article that is not a copy of another one its title, outlet and text (capped at
``MAX_DOCUMENT_CHARS`` in all, titles first, so a huge event cannot make one giant document).
A query matches an event when EVERY word of it occurs somewhere in that document (in any of
its articles), case- and inflection-insensitively (English stemming: "shootings" finds
"shooting"; SQLite also folds accents, PostgreSQL also drops English stop words); a word ending
in ``*`` is a prefix ("warehou*"); anything but letters and digits only separates words. The listing keeps its
newest-first order: search filters, it does not rank.

How it is kept in step: the data-access layer writes an event's document in the same
transaction that rebuilds the event (:func:`index_event`, called by ``refresh_events``) and
removes it with the event (:func:`unindex_event`), so a crash can never leave the index and the
events apart.

- SQLite: an FTS5 table ``events_fts(body)`` (Porter stemmer over unicode61 with diacritics
  removed) whose rowid is the event's ``search_key``, a 63-bit hash of its id kept in an indexed
  column of ``events`` (not the table's implicit rowid, which VACUUM may renumber).
- PostgreSQL: a ``tsvector`` column ``events.search_tsv`` (``english`` configuration, positions
  stripped: the filter needs no ranking or phrases, and it keeps big events well under
  PostgreSQL's 1 MB tsvector limit) with a GIN index.

Both are created, and filled from the stored articles, by migration 0003; neither is in
``schema.py`` (SQLAlchemy Core has no type for either), so the schema comparison ignores them
(:func:`is_search_object`). ``newsfuse store reindex`` rebuilds the index from the articles.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsfuse.errors import ConfigError

MAX_DOCUMENT_CHARS = 400_000
MAX_QUERY_WORDS = 20
# Up to this many matching events, SQLite looks them up by key and sorts them; beyond, it walks
# the events newest first (measured on a 27k-event store: a word in 21,421 events 46 ms by key,
# 4 ms walking; a word in none 0.1 ms by key, 20 ms walking).
FEW_MATCHES = 1000
FTS_TABLE = "events_fts"
TSV_COLUMN = "search_tsv"
# What a query word is: the letters and digits the tokenizers index (punctuation separates).
WORD = re.compile(r"[^\W_]+\*?", re.UNICODE)

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRES_DDL = (
    f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {TSV_COLUMN} tsvector",
    f"CREATE INDEX IF NOT EXISTS ix_events_{TSV_COLUMN} ON events USING gin ({TSV_COLUMN})",
)


def search_key(event_id: str) -> int:
    """The event's key in the SQLite index: a signed 63-bit hash of its id (stable forever)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big") >> 1


def is_search_object(name: str | None) -> bool:
    """Whether a table or column name belongs to the search index (outside ``schema.py``)."""
    return bool(name) and (name in (TSV_COLUMN, f"ix_events_{TSV_COLUMN}")
                           or name.startswith(FTS_TABLE))


def event_document(headline: str | None, place: str | None, event_type: str | None,
                   articles: Iterable[tuple[str | None, str | None, str | None]]) -> str:
    """The text an event is found by.

    Args:
        headline, place, event_type: the event's listing columns.
        articles: (title, outlet, text) of each article that is not a copy, in event order.

    Returns:
        Headline, place, type, every title and outlet, then the texts, cut at
        ``MAX_DOCUMENT_CHARS``.
    """
    articles = list(articles)
    head = [headline, place, event_type]
    head += [part for title, source, _ in articles for part in (title, source)]
    parts, size = [], 0
    for part in head + [text for _, _, text in articles]:
        if not part:
            continue
        if size + len(part) > MAX_DOCUMENT_CHARS:
            parts.append(part[: max(0, MAX_DOCUMENT_CHARS - size)])
            break
        parts.append(part)
        size += len(part) + 1
    return "\n".join(parts)


def _dialect(conn: Connection) -> str:
    return conn.dialect.name


def index_event(conn: Connection, event_id: str, document: str) -> None:
    """Write (or rewrite) one event's document, in the caller's transaction."""
    if _dialect(conn) == "postgresql":
        conn.execute(sa.text(f"UPDATE events SET {TSV_COLUMN} = "
                             "strip(to_tsvector('english', :doc)) WHERE id = :id"),
                     {"doc": document, "id": event_id})
        return
    key = search_key(event_id)
    conn.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :key"), {"key": key})
    conn.execute(sa.text(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (:key, :doc)"),
                 {"key": key, "doc": document})


def unindex_event(conn: Connection, event_id: str) -> None:
    """Remove an event's document (the event is being deleted; PostgreSQL needs nothing)."""
    if _dialect(conn) != "postgresql":
        conn.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :key"),
                     {"key": search_key(event_id)})


def query_words(text: str) -> list[str]:
    """The words of a search, as the index sees them (a trailing ``*`` kept for prefixes).

    Raises:
        ConfigError: more than ``MAX_QUERY_WORDS`` words.
    """
    words = [w for w in WORD.findall(text) if w.rstrip("*")]
    if len(words) > MAX_QUERY_WORDS:
        raise ConfigError(f"A search takes at most {MAX_QUERY_WORDS} words (got {len(words)}).")
    return words


@dataclass(frozen=True)
class TextSearch:
    """A text search as SQL: the WHERE condition on ``events`` (None: the text has no words)
    and, on SQLite, how many events match it (the index counts them for free)."""

    condition: Any = None
    matches: int | None = None


def text_condition(conn: Connection, text: str) -> TextSearch:
    """The text search of ``text`` on this connection's database."""
    from newsfuse.store.schema import events

    words = query_words(text)
    if not words:
        return TextSearch()
    if _dialect(conn) == "postgresql":
        # Words are letters and digits only, so they cannot carry tsquery operators.
        query = " & ".join(w[:-1] + ":*" if w.endswith("*") else w for w in words)
        return TextSearch(sa.text(f"events.{TSV_COLUMN} @@ to_tsquery('english', :fts_query)")
                          .bindparams(fts_query=query))
    # Each word quoted (an FTS5 string), prefixes marked after the quote; space means AND.
    query = " ".join(f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words)
    match = sa.text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=query)
    matches = sa.select(sa.literal_column("rowid")).select_from(sa.table(FTS_TABLE)).where(match)
    found = conn.execute(sa.select(sa.func.count()).select_from(sa.table(FTS_TABLE))
                         .where(match)).scalar_one()
    if found <= FEW_MATCHES:
        # Look the few matches up by key, then sort them.
        return TextSearch(events.c.search_key.in_(matches), found)
    # A common word: walk the events newest first and keep the matches (the unary + keeps
    # SQLite off the key index, which would fetch and sort every match to show 25).
    return TextSearch(sa.literal_column("+events.search_key").in_(matches), found)


def create_index(conn: Connection) -> None:
    """Create the index structures (idempotent): the FTS5 table, or the column and GIN index."""
    if _dialect(conn) == "postgresql":
        for statement in POSTGRES_DDL:
            conn.execute(sa.text(statement))
    else:
        conn.execute(sa.text(SQLITE_DDL))


def rebuild_index(conn: Connection, *, chunk: int = 500, progress=None) -> int:
    """Recompute every event's document (and key) from its stored articles; return how many.

    Reads the events ``chunk`` at a time (by id), so memory stays flat on a big store.
    """
    from newsfuse.store import schema as t

    create_index(conn)
    if _dialect(conn) != "postgresql":
        conn.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))
    total = conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one()
    done = 0
    for rows in _event_chunks(conn, chunk):
        for event_id, document in _documents(conn, rows).items():
            conn.execute(sa.update(t.events).where(t.events.c.id == event_id)
                         .values(search_key=search_key(event_id)))
            index_event(conn, event_id, document)
        done += len(rows)
        if progress:
            progress("reindex", done, total)
    return done


def _event_chunks(conn: Connection, size: int) -> Iterator[list]:
    from newsfuse.store import schema as t

    e = t.events.c
    last = ""
    while True:
        rows = conn.execute(sa.select(e.id, e.headline, e.place, e.event_type)
                            .where(e.id > last).order_by(e.id).limit(size)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _documents(conn: Connection, rows) -> dict[str, str]:
    """The documents of some events, from their articles that are not copies."""
    from newsfuse.store import schema as t

    a = t.articles.c
    members: dict[str, list] = {r.id: [] for r in rows}
    for article in conn.execute(
        sa.select(a.event_id, a.title, a.source, a.data)
        .where(a.event_id.in_(list(members)), a.duplicate_of.is_(None))
        .order_by(a.event_id, a.cluster_seq, a.published, a.id)
    ):
        members[article.event_id].append((article.title, article.source,
                                          (article.data or {}).get("text")))
    return {r.id: event_document(r.headline, r.place, r.event_type, members[r.id]) for r in rows}
