"""Main event or background: which sentences speak of another event than the article's.

Articles recall past events with their own numbers ("In 2002, militants held 800 hostages...").
A sentence is background when it dates itself away from the main event (a year other than the
event's, a month or day well before it), or carries a generic cue ("previously", "years ago",
"so far this year"), or opens with an anaphor ("These bombings...") right after a background
sentence of the same paragraph. The word lists are in ``data/scope.json``; no event names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.lexicon import load
from newsfuse.extract.time import DateMention


@dataclass
class SentenceScope:
    scope: str  # "main" or "background"
    background_event: str | None = None
    reason: str | None = None


@lru_cache(maxsize=1)
def _strong_pattern() -> re.Pattern:
    words = sorted(load("scope")["strong"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def main_event_date(dates_by_sentence: list[list[DateMention]], event_sentences: set[int],
                    published: dt.date | None) -> tuple[dt.date | None, int | None]:
    """(date, year) of the article's main event.

    The first day-level date in a sentence that reports the event (a count or an event word),
    or in the lead, not the day someone spoke of it ("police said Sunday") unless no other day
    is given; else the publication date. The year alone when only a full date's year is known.
    """
    def first_day(sentences, kinds):
        for dates in sentences:
            for d in dates:
                if d.granularity == "day" and d.date is not None and d.kind in kinds:
                    return d.date
        return None

    event_dates = [dates for i, dates in enumerate(dates_by_sentence) if i in event_sentences]
    lead = dates_by_sentence[:3]  # "On Friday evening, a concert venue ..."
    found = (first_day(event_dates, ("event",)) or first_day(lead, ("event",))
             # "claimed the attack on Friday": a statement's day when no other is given
             or first_day(event_dates, ("statement",)))
    if found is not None:
        return found, found.year
    if published is not None:
        return published, published.year
    return None, None


def sentence_scopes(sents, dates_by_sentence: list[list[DateMention]], main_date: dt.date | None,
                    main_year: int | None, text: str, ents_by_sent=None) -> list[SentenceScope]:
    """Scope of each sentence of ``sents`` (spaCy Spans, in order)."""
    lex = load("scope")
    out: list[SentenceScope] = []
    for i, sent in enumerate(sents):
        scope = _dated_scope(dates_by_sentence[i], main_date, main_year, lex)
        if scope is None:
            m = _strong_pattern().search(text, sent.start_char, sent.end_char)
            if m:
                ents = sent.ents if ents_by_sent is None else ents_by_sent[i]
                scope = SentenceScope("background", _label(ents, m.group(0)), f"cue '{m.group(0)}'")
        if scope is None and out and out[-1].scope == "background" and _continues(sent, sents[i - 1], text, lex):
            prev = out[-1]
            scope = SentenceScope("background", prev.background_event, "continues the sentence before")
        out.append(scope or SentenceScope("main"))
    return out


def _dated_scope(dates: list[DateMention], main_date, main_year, lex) -> SentenceScope | None:
    for d in dates:
        if d.granularity == "year" and d.year is not None:
            if main_year is None or d.year < main_year:
                return SentenceScope("background", d.text, f"year {d.year}")
        elif d.granularity == "month" and d.year is not None and main_date is not None:
            months_before = (main_date.year * 12 + main_date.month) - (d.year * 12 + d.month)
            if months_before >= lex["months_before"]:
                return SentenceScope("background", d.text, f"month {d.year}-{d.month:02d}")
        elif d.granularity == "month" and d.year is not None and main_year is not None and d.year < main_year:
            return SentenceScope("background", d.text, f"year {d.year}")
        elif d.granularity == "month" and d.year is not None and main_year is None:
            # As a bare year above: with no date of its own, an article that names a month and
            # year ("since December 2012") is recalling another time, not dating its event.
            return SentenceScope("background", d.text, f"month {d.year}-{d.month:02d}")
        elif d.granularity == "day" and d.date is not None and main_date is not None:
            if (main_date - d.date).days > lex["day_days"]:
                return SentenceScope("background", d.text, f"date {d.date}")
    return None


def _continues(sent, prev, text: str, lex) -> bool:
    """Does ``sent`` go on about the event of ``prev`` ("These bombings...")?"""
    if "\n" in text[prev.end_char : sent.start_char]:
        return False
    first = sent[0].lower_
    if first in lex["carry_openers"]:
        return True
    for token in sent:
        if token.lower_ in ("this", "these", "that", "those") and token.dep_ == "det" and token.head.lower_ in lex["event_nouns"]:
            return True
    return False


def _label(ents, cue: str) -> str:
    places = [e.text for e in ents if e.label_ in ("GPE", "LOC", "FAC")]
    return f"{cue} ({places[0]})" if places else cue


_WORD = re.compile(r"[\w'’-]+")
_CLOSING = tuple(".!?\"”'’):;…")


def teaser_lines(text: str, title: str | None) -> list[tuple[int, int]]:
    """Spans of the lines that read as other stories' headlines: links and teasers left in the
    crawl ("Drug dispute sparked fatal shooting in Brooklyn: cops"). A line of 3 to 16 words
    with no closing punctuation, not the first line (often the article's own headline) and
    not a copy of the title. Their counts are another story's."""
    own = {w.lower() for w in _WORD.findall(title or "")}
    spans, start, first = [], 0, True
    for line in text.split("\n"):
        end = start + len(line)
        words = _WORD.findall(line)
        if words:
            stripped = line.strip()
            if not first and 3 <= len(words) <= 16 and not stripped.endswith(_CLOSING):
                mine = {w.lower() for w in words}
                if not own or len(mine & own) / len(mine | own) < 0.5:
                    spans.append((start, end))
            first = False
        start = end + 1
    return spans
