"""``build_brief``: an event and its facts -> the Brief a reader sees.

The Brief holds a headline composed from the facts, the cited summary (``summary``), the fact
table, the disputed slots, the single-source claims, the event timeline, the timeline of
revised figures and the sources numbered for citation and grouped by independence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import numpy as np

from newsfuse.model import (
    COUNT_SLOTS,
    Analysed,
    Article,
    Brief,
    Event,
    Fact,
    FactStatus,
    Mention,
    SourceRef,
    TimelineEntry,
)
from newsfuse.reconcile.sources import source_groups
from newsfuse.report.summary import summarise

#: Count slots named in the headline, with their verb.
HEADLINE_COUNTS = (("killed", "killed"), ("injured", "injured"))
#: Slots never listed as single-source claims (they are lists, not claims).
NOT_CLAIMS = {"actor", "event_type"}


def title_of(article: Article, chars: int = 90) -> str:
    """The article's title; when it has none (a plain-text file), its opening words."""
    if article.title:
        return article.title
    words = " ".join(article.text.split())
    if len(words) <= chars:
        return words or article.id
    return words[:chars].rsplit(" ", 1)[0] + "\u2026"


def fact_label(slot: str) -> str:
    """A fact's name as a reader says it: "shot (fate not said)" for ``other_count:shot``,
    "hostages" for ``other_count:hostages``; count and other slots keep their names."""
    if not slot.startswith("other_count:"):
        return slot
    what = slot.split(":", 1)[1]
    return {"shot": "shot (fate not said)", "things": "other count"}.get(what, what)


def fact_wording(fact: Fact) -> str:
    """A fact's value as a reader says it: "at least 143", "62", "4-6", "Islamic State"."""
    if fact.slot not in COUNT_SLOTS and not fact.slot.startswith("other_count"):
        if fact.best is None:
            return "unknown"
        branch = (fact.value or {}).get("branch") if fact.slot == "responsibility" else None
        if fact.slot == "time" and (fact.value or {}).get("basis") == "first_report":
            return f"{fact.best} or earlier (first report; no report says when)"
        return f"{fact.best} ({branch})" if branch else str(fact.best)
    if fact.best is None:
        return "unknown"
    if fact.low is not None and fact.low == fact.high:
        return str(fact.best)
    if fact.status == FactStatus.DISPUTED or fact.status == "disputed":
        return f"{fact.best} (disputed)"
    for point in reversed(fact.series):
        if point.low == fact.low and point.high == fact.high:
            return point.value
    if fact.high is None:
        return f"at least {fact.low}"
    return f"{fact.low}-{fact.high}"


def headline(event: Event, facts: dict[str, Fact]) -> str | None:
    """"Shooting at Crocus City Hall, Krasnogorsk: at least 143 killed, more than 100 injured"."""
    what = facts.get("event_type")
    place = facts.get("place")
    head = (str(what.best).capitalize() if what and what.best else None)
    if place and place.value:
        where = ", ".join(v for v in (place.value.get("venue"), place.value.get("city")) if v)
        where = where or str(place.best)
        head = f"{head or 'Event'} at {where}"
    head = head or event.title
    stated = [(slot, verb) for slot, verb in HEADLINE_COUNTS if slot in facts and facts[slot].best is not None]
    counts = [f"{fact_wording(facts[slot])} {verb}" for slot, verb in stated if facts[slot].best != 0]
    nobody = [verb for slot, verb in stated if facts[slot].best == 0]
    if nobody:  # "no one killed or injured", not "0 killed, 0 injured"
        counts.append("no one " + " or ".join(nobody))
    if counts:
        return f"{head}: {', '.join(counts)}" if head else ", ".join(counts)
    return head


def _when(value) -> dt.datetime:
    if value is None:
        return dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)


def timelines(
    facts: dict[str, Fact], articles: Sequence[Article], cite: dict[str, int]
) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """The event timeline (what happened, who reported when) and the revised-figure timeline."""
    events: list[TimelineEntry] = []
    time = facts.get("time")
    if time and time.best and (time.value or {}).get("basis") != "first_report":
        what = facts.get("event_type")
        place = facts.get("place")
        text = " ".join(x for x in (
            (str(what.best).capitalize() if what and what.best else "The event"),
            (f"at {place.best}" if place and place.best else None),
            (f"({time.value.get('time_of_day')})" if time.value and time.value.get("time_of_day")
             else None),
        ) if x)
        events.append(TimelineEntry(
            when=dt.date.fromisoformat(str(time.best)), what=text, kind="event",
            citations=sorted({cite[m.article_id] for m in time.mentions if m.article_id in cite}),
        ))
    for article in articles:
        if article.published:
            events.append(TimelineEntry(
                when=article.published, kind="report", citations=[cite[article.id]],
                what=f"{article.source or 'A source'} reports: {title_of(article)}",
            ))
    events.sort(key=lambda e: _when(e.when))
    revisions: list[TimelineEntry] = []
    for slot, fact in facts.items():
        if len(fact.series) < 2:
            continue
        for point in fact.series:
            who = f" ({point.attribution})" if point.attribution else ""
            revisions.append(TimelineEntry(
                when=point.published, kind="revision", what=f"{slot}: {point.value}{who}",
                citations=[cite[point.article_id]] if point.article_id in cite else [],
            ))
    return events, revisions


def build_brief(
    event: Event,
    facts: dict[str, Fact],
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    analysed: Sequence[Analysed],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> Brief:
    """Everything newsfuse says about one event.

    Args:
        event: the event.
        facts: its reconciled facts (``newsfuse.reconcile.reconcile_event``).
        articles: its articles, in the order of ``event.article_ids`` where possible.
        mentions: their mentions (kept in the brief, so every fact can be traced).
        analysed: their analyses (sentences and embeddings for the summary).
        embed: sentence embedding function; ``newsfuse.analyse.embed`` when omitted.

    Returns:
        The Brief.
    """
    if embed is None:
        from newsfuse.analyse import embed as embed  # the only model call: through analyse
    order = {aid: i for i, aid in enumerate(event.article_ids)}
    ordered = sorted(articles, key=lambda a: order.get(a.id, len(order)))
    groups = source_groups(event, ordered)
    sources = [
        SourceRef(index=i + 1, article_id=a.id, title=title_of(a), source=a.source, url=a.url,
                  published=a.published, group=groups.group_of.get(a.id, i + 1))
        for i, a in enumerate(ordered)
    ]
    cite = {s.article_id: s.index for s in sources}
    events, revisions = timelines(facts, ordered, cite)
    single = [
        fm for slot, fact in facts.items()
        if slot not in NOT_CLAIMS and fact.status in (FactStatus.SINGLE_SOURCE, "single_source")
        for fm in fact.mentions[:1]
    ]
    return Brief(
        id=event.id,
        title=event.title,
        headline=headline(event, facts),
        article_ids=[a.id for a in ordered],
        duplicates=event.duplicates,
        independent_sources=groups.count,
        summary=summarise(ordered, analysed, facts, mentions, cite, embed),
        facts=facts,
        disputes=[slot for slot, f in facts.items() if f.status in (FactStatus.DISPUTED, "disputed")],
        single_source=single,
        timeline=events,
        revisions=revisions,
        sources=sources,
        mentions=list(mentions),
    )
