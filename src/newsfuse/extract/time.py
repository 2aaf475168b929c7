"""Time expressions → dates, resolved against the publication date.

"on Friday" in an article published 2024-03-23 → 2024-03-22 (the latest Friday on or before
publication), "yesterday", "last night", "March 22", "Jan. 27, 2015", "in January", "in 2004";
other wordings fall back to ``dateparser`` with ``RELATIVE_BASE`` = the publication date.
Time of day ("evening", "8:20 a.m.") is kept as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.lexicon import load

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH_RE = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_RE = re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
_MONTH_ONLY_RE = re.compile(r"\b" + _MONTH_RE + r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", re.I)
_ISO_RE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\d$.,])(?P<year>(?:19|20)\d\d)(?!\d)(?!-year)")
_CLOCK_RE = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d\d\b|\bnoon\b|\bmidnight\b", re.I)
_PART_RE = re.compile(r"\b(morning|afternoon|evening|night|overnight|dawn|dusk|midnight|noon)\b", re.I)


@dataclass
class DateMention:
    """A time expression and what it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date | None  # day resolved (None when the day is unknown)
    year: int | None
    month: int | None
    granularity: str  # "day", "month", "year" or "none"
    time_of_day: str | None = None
    #: "event", or "statement": when someone spoke of it ("police said Sunday", "told CNN on
    #: Saturday"), the day of the report rather than of the event.
    kind: str = "event"


def resolve(text: str, published: dt.date | None) -> tuple[dt.date | None, int | None, int | None, str]:
    """(date, year, month, granularity) of one time expression.

    Args:
        text: the expression, e.g. "on Friday", "Jan. 27", "in 2004".
        published: the article's publication date, or None when unknown.
    """
    low = text.lower()
    if published is not None:
        if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", low):
            return published, published.year, published.month, "day"
        if re.search(r"\b(yesterday|last night)\b", low):
            d = published - dt.timedelta(days=1)
            return d, d.year, d.month, "day"
        for i, name in enumerate(WEEKDAYS):
            if re.search(rf"\b{name}\b", low) and not re.search(r"\bnext\b", low):
                d = published - dt.timedelta(days=(published.weekday() - i) % 7)
                return d, d.year, d.month, "day"
    iso = _ISO_RE.search(text)
    if iso:
        d = _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if d:
            return d, d.year, d.month, "day"
    m = _DAY_RE.search(text)
    if m:
        month, day = MONTHS[m.group("month")[:3].lower()], int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        if year is None and published is not None:
            year = published.year
            if _safe_date(year, month, day) and _safe_date(year, month, day) > published + dt.timedelta(days=2):
                year -= 1
        d = _safe_date(year, month, day) if year else None
        return d, year, month, "day" if d else "month"
    m = _MONTH_ONLY_RE.search(text)
    if m and not re.fullmatch(r"may", m.group(0).strip(), re.I):
        month = MONTHS[m.group("month")[:3].lower()]
        year = int(m.group("year")) if m.group("year") else None
        if year is None and published is not None:
            year = published.year if month <= published.month else published.year - 1
        return None, year, month, "month"
    m = _YEAR_RE.search(text)
    if m:
        return None, int(m.group("year")), None, "year"
    if published is not None and re.search(r"\b(ago|last week|this week|earlier)\b", low):
        parsed = _dateparser(text, published)
        if parsed:
            return parsed, parsed.year, parsed.month, "day"
    return None, None, None, "none"


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser(text: str, published: dt.date) -> dt.date | None:
    import dateparser

    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    return parsed.date() if parsed else None


def time_of_day(text: str) -> str | None:
    """"20:00", "8:20 a.m.", "evening"... as written, or None."""
    m = _CLOCK_RE.search(text) or _PART_RE.search(text)
    return m.group(0).lower() if m else None


#: Page furniture before a timestamp: "Posted: Wednesday, March 12, 2014 8:04 AM EST".
_STAMP_BEFORE = re.compile(r"\b(?:posted|updated|published|modified|created|last\s+updated)\b[^\n.]{0,12}$", re.I)


def find_dates(sent, published: dt.date | None, ents=None) -> list[DateMention]:
    """DATE and TIME entities of ``sent`` (a spaCy Span; ``ents``: its entities, when known)
    with what they resolve to; page timestamps ("Posted: ...", "Updated: ...") are left out."""
    out: list[DateMention] = []
    whole = doc_text(sent.doc)
    for ent in sent.ents if ents is None else ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, text = ent.start_char, ent.text
        before = sent.doc[ent.start - 1] if ent.start > sent.start else None
        if before is not None and before.lower_ in WEEKDAYS and ent.label_ == "TIME":
            # "Wednesday night's fire": the tagger leaves the day out of the time
            start, text = before.idx, whole[before.idx : ent.end_char]
        if re.search(r"\d+-year|years? old|\bage\b|aged", text, re.I):
            continue
        if _STAMP_BEFORE.search(whole, max(0, start - 30), start):
            continue
        # "in 2004" / "on Friday": look at the word before for context only
        date, year, month, gran = resolve(text, published)
        out.append(DateMention(start, ent.end_char, text, date, year, month, gran, time_of_day(text),
                               kind="statement" if _said_on(ent.root) else "event"))
    return out


def _said_on(token) -> bool:
    """Is the date that of a statement ("police said Sunday", "told CNN on Saturday",
    "announced on Monday") rather than of the event?"""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "at"):
        head = head.head
    return head.pos_ == "VERB" and head.lemma_.lower() in load("sources")["reporting_verbs"]
