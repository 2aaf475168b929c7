"""RSS and Atom feeds from local files (feedparser): each entry an article."""

from __future__ import annotations

import re

import feedparser

from newsfuse.ingest.html import fragment_to_text, looks_like_html
from newsfuse.ingest.metadata import parse_datetime
from newsfuse.ingest.record import Item, RawArticle, reject
from newsfuse.model import RejectionCode


def read_feed(data: bytes, input: str) -> list[Item]:
    """Parse a feed document; each entry with text becomes an article named ``path#n``.

    Entry text is the full content when the feed has it, else the summary, cleaned of HTML.
    The feed's title is the outlet when an entry has no link.

    Returns:
        Articles and rejections (``malformed`` when no feed can be parsed, ``empty`` for a
        feed without entries, ``no_text`` for an entry without text).
    """
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not parsed.entries:
        if parsed.bozo and not version:
            error = parsed.get("bozo_exception")
            return [reject(input, RejectionCode.MALFORMED,
                           f"is not a readable RSS/Atom feed ({error}).")]
        return [reject(input, RejectionCode.EMPTY, "is a feed without entries.")]
    fmt = "atom" if version.startswith("atom") else "rss"
    feed_title = (parsed.feed.get("title") or "").strip() or None
    language = parsed.feed.get("language")
    out: list[Item] = []
    for n, entry in enumerate(parsed.entries, 1):
        name = f"{input}#{n}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry.content), key=len)
        if not html.strip():
            html = entry.get("summary") or entry.get("description") or ""
        text = fragment_to_text(html) if looks_like_html(html) else html
        # Entities the parser refused to expand (billion laughs: "&lol9;") are no text either.
        if not any(ch.isalpha() for ch in _UNEXPANDED_ENTITY.sub("", text)):
            out.append(reject(name, RejectionCode.NO_TEXT,
                              "is a feed entry without content or summary text."))
            continue
        out.append(
            RawArticle(
                text=text,
                input=name,
                input_format=fmt,
                title=(entry.get("title") or "").strip() or None,
                url=entry.get("link") or None,
                site_name=feed_title,
                author=_author(entry.get("author")),
                published=_entry_date(entry, "published") or _entry_date(entry, "created"),
                updated=_entry_date(entry, "updated"),
                language=language,
                extra=_tags(entry),
            )
        )
    return out


_UNEXPANDED_ENTITY = re.compile(r"&[\w.-]+;")
_EMAIL_NAME = re.compile(r"\A\S+@\S+\s*\((.+)\)\Z")


def _author(value: str | None) -> str | None:
    """RSS writes ``email (Name)``; keep the name."""
    if not value or not value.strip():
        return None
    m = _EMAIL_NAME.match(value.strip())
    return m.group(1).strip() if m else value.strip()


def _tags(entry) -> dict:
    # The guid is kept, not used as the id: it is usually a long URL, and ids are cited in briefs.
    extra = {"guid": entry["id"]} if entry.get("id") else {}
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    return {**extra, "tags": tags} if tags else extra


def _entry_date(entry, key: str):
    # The string keeps the publisher's local time; feedparser's *_parsed is converted to UTC.
    # dict.get: FeedParserDict.get maps a missing "updated" to "published" (with a warning).
    parsed = dict.get(entry, f"{key}_parsed")
    return parse_datetime(dict.get(entry, key)) or (parse_datetime(_struct(parsed)) if parsed else None)


def _struct(value):
    from datetime import datetime

    return datetime(*value[:6]) if value else None
