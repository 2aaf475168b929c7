"""Metadata found in the text itself: front matter, leading ``key value`` lines, title, byline.

Also the field-name mapping (``fields.json``) shared with the JSON reader, and date parsing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from dateutil import parser as dateutil_parser

ARTICLE_FIELDS = ("id", "title", "text", "published", "updated", "url", "source", "author", "language")

#: A title line is at most this long (characters / words).
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30

_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
# " date 2024-03-23 On Friday ..." : a date key, an ISO date, then the text on the same line.
_INLINE_DATE = re.compile(
    r"\A[ \t]*(date|published|updated|pubdate|modified)[ \t]*[:=]?[ \t]*(" + _ISO_DATE + r")(?:[ \t]+|[ \t]*\n|\Z)",
    re.IGNORECASE,
)
_KEY_LINE = re.compile(r"\A[ \t]*([A-Za-z][\w -]{0,24}?)[ \t]*:[ \t]*(\S[^\n]{0,300}?)[ \t]*(?:\n|\Z)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,4000}?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_NAME = r"[A-Z][\w.'’-]*"
_CONNECTOR = r"(?:and|&|de|van|von|der|den|da|la|le|del|du|bin|al|the|of)"
# "By Jane Doe", "BY JANE DOE and JOHN ROE, Associated Press", "By Jane Doe | Reuters Updated: ..."
_BYLINE = re.compile(
    r"\A(?:[Bb]y|BY|[Ww]ritten [Bb]y|WRITTEN BY)[ \t:]+"
    r"(" + _NAME + r"(?:[ \t]+(?:" + _NAME + "|" + _CONNECTOR + r")){0,7})"
    r"(?:[ \t]*(?:,|\||/|–|—|-|\bon\b|\bupdated\b|\bposted\b|\bpublished\b)[^\n]{0,100})?\Z"
)
_HEADING_MARKS = re.compile(r"\A#{1,6}[ \t]+|[ \t]+#+\Z")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE_LINE_PREFIX = re.compile(
    r"\A(?:(published|posted|updated|last updated|modified)(?:[ \t]+on|[ \t]+at)?[ \t]*:?[ \t]*)?(.+)\Z",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def field_names() -> dict[str, list[str]]:
    """``fields.json``: Article field -> accepted input names (normalised), in preference order."""
    raw = json.loads(resources.files("newsfuse.ingest").joinpath("fields.json").read_text("utf-8"))
    return {k: [norm_key(n) for n in v] for k, v in raw.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def key_to_field() -> dict[str, str]:
    """Normalised input name -> Article field (the first field listing it wins)."""
    out: dict[str, str] = {}
    for article_field, names in field_names().items():
        if article_field in ARTICLE_FIELDS:
            for name in names:
                out.setdefault(name, article_field)
    return out


def norm_key(key: str) -> str:
    return re.sub(r"[\s_-]+", "", key.lower())


def parse_datetime(value: Any) -> datetime | None:
    """A publication date from whatever a source gives, or None if it is not a plausible date.

    Accepts datetimes, dates, epoch seconds or milliseconds, ISO 8601 and free forms such as
    RFC 2822 (``Sat, 23 Mar 2024 10:00:00 GMT``) or ``March 23, 2024``. Time zones are dropped
    after keeping the publisher's local wall-clock time, so all datetimes compare with each other
    and the local date (what "on Friday" is resolved against) is preserved.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            result = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        result = _parse_date_string(value.strip())
        if result is None:
            return None
    else:
        return None
    if not 1900 <= result.year <= 2100:
        return None
    return result.replace(tzinfo=None)


def _parse_date_string(text: str) -> datetime | None:
    if not text or len(text) > 80:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    if not any(ch.isdigit() for ch in text):
        return None
    if text.isdigit() and len(text) in (10, 13):  # epoch seconds/millis written as a string
        return parse_datetime(int(text))
    try:
        return dateutil_parser.parse(text, default=datetime(1900, 1, 1), ignoretz=True)
    except (ValueError, OverflowError, TypeError, dateutil_parser.ParserError):
        return None


@dataclass
class Header:
    """What :func:`split_header` found at the start of a text."""

    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def split_header(text: str, *, title_line: bool) -> Header:
    """Take metadata off the start of ``text``.

    In order: a front-matter block (``---`` / ``key: value`` lines / ``---``); leading metadata
    lines (``date 2024-03-23`` with the text going on on the same line, or ``Source: x`` lines
    whose key is a known field); when ``title_line``, a first short line without a final period
    as the title; a byline ("By Jane Doe") and a line that is only a date, among the first lines.

    Args:
        text: normalised text (``\\n`` line breaks, stripped lines).
        title_line: look for a title line (plain-text inputs).

    Returns:
        The rest of the text and the fields found (Article field names; dates parsed).
    """
    head = Header(text=text)
    fm = _FRONT_MATTER.match(head.text)
    if fm:
        for line in fm.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep:
                _store(head, key.strip(), value.strip().strip("'\""), known_only=False)
        head.text = head.text[fm.end():].lstrip()
    _leading_lines(head)
    if title_line:
        _title(head)
    _byline_and_date(head)
    head.text = head.text.strip()
    return head


def _leading_lines(head: Header) -> None:
    while True:
        m = _INLINE_DATE.match(head.text)
        if m:
            _store(head, m.group(1), m.group(2))
            head.text = head.text[m.end():].lstrip(" \t\n")
            continue
        m = _KEY_LINE.match(head.text)
        if m and norm_key(m.group(1)) in key_to_field() and _store(head, m.group(1), m.group(2)):
            head.text = head.text[m.end():].lstrip(" \t\n")
            continue
        return


def _store(head: Header, key: str, value: str, *, known_only: bool = True) -> bool:
    """Record ``key: value``; returns False (and stores nothing) if the value does not fit."""
    target = key_to_field().get(norm_key(key))
    if target is None or target == "text":
        if known_only:
            return False
        head.extra[key] = value
        return True
    if target in ("published", "updated"):
        parsed = parse_datetime(value)
        if parsed is None:
            return False
        head.fields.setdefault(target, parsed)
        return True
    if not value or (target == "url" and not value.startswith(("http://", "https://"))):
        return False
    head.fields.setdefault(target, value)
    return True


def _title(head: Header) -> None:
    first, sep, rest = head.text.partition("\n")
    candidate = _HEADING_MARKS.sub("", first.strip()).strip()
    if (
        sep
        and rest.strip()
        and candidate
        and len(candidate) <= TITLE_MAX_CHARS
        and len(candidate.split()) <= TITLE_MAX_WORDS
        and not candidate.endswith((".", ",", ";", ":"))
        and not _BYLINE.match(candidate)
    ):
        known = head.fields.get("title")
        if known is None or known.casefold() == candidate.casefold():
            head.fields["title"] = candidate
            head.text = rest.lstrip("\n")


def _byline_and_date(head: Header) -> None:
    """Look at the first three lines for a byline and for a line that is only a date."""
    lines = head.text.split("\n")
    drop: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 3:
            break
        stripped = _HEADING_MARKS.sub("", line.strip())
        by = _BYLINE.match(stripped)
        if by and len(by.group(1).split()) <= 8 and "author" not in head.fields:
            head.fields["author"] = by.group(1).strip()
            drop.add(i)
            continue
        if len(stripped) <= 60 and _HAS_YEAR.search(stripped):
            m = _DATE_LINE_PREFIX.match(stripped)
            key = (m.group(1) or "published").lower() if m else "published"
            target = "updated" if key in ("updated", "last updated", "modified") else "published"
            parsed = parse_datetime(m.group(2)) if m else None
            if parsed is not None and target not in head.fields:
                head.fields[target] = parsed
                drop.add(i)
    if drop:
        head.text = "\n".join(line for i, line in enumerate(lines) if i not in drop)
