"""Counts (killed, injured, detained, ...): many reported figures -> one Fact.

The steps (docs/reconcile.md has the reasoning and examples):

1. *Eligible* mentions: the slot's count mentions about the main event (background scope never
   counts) that are not a part of this same count ("115 hospitalized, including five children":
   the five have ``subset_of="hospitalized"`` and are never added). A part of *another* count
   ("60 of them critical") is the whole of its own slot.
2. *Claims*: one per article and named source, the article's most informative figure (highest
   lower bound, exact before open-ended, vague only when nothing else).
3. *Order*: by publication day; an undated article is taken to be of the event's first day; on
   one day figures are ordered by size, since same-day reports of a developing toll rise.
4. *Supersession*: a claim is superseded by a later one that revises it (a toll that rose, a
   figure flagged "rose to"/"revised"), or, on the same day, by a higher incompatible toll unless
   the two are held by *different named sources* (then they contradict each other) or the
   higher one is vague ("dozens"). A later repeat of a superseded figure is stale.
5. The non-superseded claims give ``low``/``high`` (their intersection) and the status:
   ``single_source`` (one independent origin), ``disputed`` (no value satisfies all),
   ``updated`` (something was superseded), else ``agreed``.
6. ``best`` by policy: ``latest`` takes the latest figure of the most authoritative source kind,
   clipped into what all sources allow; ``conservative`` (ACLED-like) the lowest figure all
   independent sources support (the lowest side in a dispute).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsfuse.model import (
    Article,
    CountValue,
    Fact,
    FactStatus,
    Mention,
    SeriesPoint,
    Side,
)
from newsfuse.reconcile.confidence import confidence, evidence_weight
from newsfuse.reconcile.names import normalise
from newsfuse.reconcile.params import active_params
from newsfuse.reconcile.sources import SourceGroups, attribution_label, authority, fact_mention

POLICIES = ("latest", "conservative")

_QUALIFIER_WORDS = re.compile(
    r"\b(at least|more than|over|upwards of|nearly|almost|about|around|approximately|roughly|"
    r"some|up to|as many as|fewer than|less than|under|at most)\s+$",
    re.IGNORECASE,
)
_DEFAULT_WORDING = {
    "at_least": "at least {}",
    "more_than": "more than {}",
    "at_most": "up to {}",
    "fewer_than": "fewer than {}",
    "about": "about {}",
}


def slot_settings() -> Mapping:
    """The count slots' settings in force (``params.py``; fitted: ``data/slots.json``; shared
    with casualties.py and chooser.py)."""
    return active_params().slots


def title_pattern(kind: str) -> re.Pattern:
    """A title pattern of ``slots.json``: ``hit`` or ``dead`` (``title_hit_only``), ``roundup``."""
    settings = slot_settings()
    source = settings["roundup_title"] if kind == "roundup" else settings["title_hit_only"][kind]
    return _compiled(source)


@lru_cache(maxsize=16)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.I)


def _rising() -> frozenset[str]:
    return frozenset(slot_settings()["rising"])


@dataclass
class Claim:
    """One article's (and one named source's) figure for a slot."""

    mention: Mention
    value: CountValue
    origin: str
    day: date | None
    order: int
    superseded: bool = False

    @property
    def low(self) -> int:
        return self.value.low

    @property
    def high(self) -> int | None:
        return self.value.high

    @property
    def point(self) -> int:
        return self.value.point if self.value.point is not None else self.value.low

    @property
    def authority(self) -> int:
        return authority(self.mention.attribution.kind)

    @property
    def named(self) -> str | None:
        att = self.mention.attribution
        return normalise(att.source) if att.source and att.kind != "article" else None


def contains(value: CountValue, x: int) -> bool:
    """Whether figure ``x`` is allowed by a reported interval."""
    return value.low <= x and (value.high is None or x <= value.high)


def _compatible(a: CountValue, b: CountValue) -> bool:
    return (a.high is None or b.low <= a.high) and (b.high is None or a.low <= b.high)


def wording(mention: Mention) -> str:
    """The figure as worded ("at least 40", "over 60", "62"), digits for number words."""
    value = mention.value
    point = value.point if value.point is not None else value.low
    if value.qualifier in ("exact", "vague"):
        return str(point) if value.qualifier == "exact" else mention.evidence.text.strip()
    text = mention.evidence.text
    at = re.search(rf"\b{point}\b", text.replace(",", ""))
    if at:
        found = _QUALIFIER_WORDS.search(text.replace(",", "")[: at.start()])
        if found:
            return f"{found.group(1).lower()} {point}"
    return _DEFAULT_WORDING.get(value.qualifier, "{}").format(point)


def article_figure(found: Sequence[Mention]) -> Mention:
    """The mention that stands for one article's figure.

    The exact figure the article repeats most (a revision "rose to" first, then the earliest in
    the text: the lead states the toll, later paragraphs bring details and other incidents);
    with no exact figure, the highest lower bound; vague words only when nothing else.
    """
    precise = [m for m in found if m.value.qualifier != "vague"] or list(found)
    exact = [m for m in precise if m.value.high is not None and m.value.low == m.value.high]
    if not exact:
        return max(precise, key=lambda m: (m.value.low, m.value.high is not None, m.revision))
    tally: dict[int, list[Mention]] = {}
    for m in exact:
        tally.setdefault(m.value.low, []).append(m)
    # Repeats are counted by sentence: "the arrest of two assailants, while two others were
    # detained" names two groups of two once each, not one figure twice.
    best = max(tally.values(), key=lambda ms: (any(m.revision for m in ms), _sentences(ms),
                                                -min(m.evidence.start for m in ms)))
    pick = min(best, key=lambda m: m.evidence.start)
    if pick.value.low == 1:
        # "Two dead, two injured ... Jane Doe, 21, was pronounced dead ... John Roe later died":
        # victims told one by one repeat "one" more often than the lead states the total.
        lead = [m for m in exact if m.value.low > 1 and _in_lead(m)]
        if lead:
            return max(lead, key=lambda m: m.value.low)
    return pick


_ONE = re.compile(r"\b(?:one|1|single|lone)\b(?!-year)", re.I)


def singular(m: Mention) -> bool:
    """A count of one told by a singular phrase ("a man was shot", "he died"), not a number."""
    v = m.value
    return v.low == 1 and v.high == 1 and not _ONE.search(m.evidence.text)


def _in_lead(m: Mention) -> bool:
    return m.evidence.field == "title" or m.evidence.start < slot_settings()["lead_chars"]


def _sentences(mentions: Sequence[Mention]) -> int:
    return len({m.sentence.start if m.sentence else -1 - i for i, m in enumerate(mentions)})


def _claims(mentions: Sequence[Mention], groups: SourceGroups, days: dict) -> list[Claim]:
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    claims = []
    for found in by_article.values():
        pick = article_figure(found)
        value = pick.value
        if pick.slot == "injured" and singular(pick):
            # "a woman was wounded" tells of one of those hurt, not how many were: another
            # report's "three wounded" is a finer answer, not a conflict. (Deaths stay exact:
            # the same for "a man was killed" cost killed accuracy on gva-dev's even half.)
            value = value.model_copy(update={"high": None, "qualifier": "at_least"})
        claims.append(Claim(pick, value, groups.origin(pick), days.get(pick.article_id), 0))
    known = [c.day for c in claims if c.day]
    first = min(known) if known else None
    for c in claims:
        c.day = c.day or first
    claims.sort(key=lambda c: (c.day or date.min, c.point, c.mention.evidence.start))
    for i, c in enumerate(claims):
        c.order = i
    return claims


def _supersede(claims: list[Claim], rising: bool) -> None:
    for i, old in enumerate(claims):
        for new in claims[i + 1 :]:
            if (old.low, old.high) == (new.low, new.high):
                continue
            later = bool(old.day and new.day and new.day > old.day)
            clash = not _compatible(old.value, new.value)
            contradicting = bool(old.named and new.named and old.named != new.named)
            if new.mention.revision and (clash or later):
                old.superseded = True
            elif later and rising and new.point > old.point:
                old.superseded = True
            elif later and not rising and new.authority >= old.authority:
                old.superseded = True
            elif (not later and rising and clash and new.point > old.point and not contradicting
                  and new.value.qualifier != "vague"):
                old.superseded = True
    # A superseded figure does not come back by being repeated later ("the fire that killed
    # five" a week after the toll was revised to seven): repeats of it are stale.
    stale = {(c.low, c.high) for c in claims if c.superseded}
    for c in claims:
        if not c.superseded and (c.low, c.high) in stale and not c.mention.revision:
            if any(not o.superseded and not _compatible(o.value, c.value)
                   and o.day and c.day and o.day < c.day for o in claims):
                c.superseded = True


def _sides(active: list[Claim]) -> list[list[Claim]]:
    sides: list[list[Claim]] = []
    for claim in sorted(active, key=lambda c: (c.low, c.high is None, c.high or 0)):
        if sides:
            lo = max(c.low for c in sides[-1])
            highs = [c.high for c in sides[-1] if c.high is not None]
            hi = min(highs) if highs else None
            if claim.low <= (hi if hi is not None else claim.low) and (
                claim.high is None or lo <= claim.high
            ):
                sides[-1].append(claim)
                continue
        sides.append([claim])
    return sides


def _interval(claims: Sequence[Claim]) -> tuple[int, int | None]:
    lo = max(c.low for c in claims)
    highs = [c.high for c in claims if c.high is not None]
    return lo, (min(highs) if highs else None)


def _pick_latest(claims: Sequence[Claim]) -> Claim:
    return max(claims, key=lambda c: (c.authority, c.day or date.min, c.high is not None, c.order))


def _best(active: list[Claim], sides: list[list[Claim]], compatible: bool, policy: str) -> int:
    if compatible:
        lo, hi = _interval(active)
        if policy == "conservative":
            return lo
        x = max(_pick_latest(active).point, lo)
        return min(x, hi) if hi is not None else x
    side_points = [_interval(side)[0] for side in sides]
    if policy == "conservative":
        return min(side_points)

    def rank(i: int):
        side = sides[i]
        top = _pick_latest(side)
        return (top.authority, len({c.origin for c in side}), top.day or date.min, top.order)

    return side_points[max(range(len(sides)), key=rank)]


def reconcile_count(
    slot: str,
    mentions: Sequence[Mention],
    articles: Sequence[Article],
    groups: SourceGroups,
    *,
    policy: str = "latest",
    who: frozenset[str] | None = None,
) -> Fact | None:
    """One Fact for a count slot, or None when no eligible mention states it.

    Args:
        slot: the count slot ("killed", ...); mentions of other slots are ignored.
        mentions: the event's mentions.
        articles: the event's articles (publication dates order the claims).
        groups: the event's independent-source groups.
        policy: ``latest`` or ``conservative`` (see the module docstring).
        who: only counts of these people (``victims``, ``attackers``, ``all``); None: any.

    Returns:
        The fact with best, low, high, status, series, supporting/conflicting mentions,
        independent sources and confidence.
    """
    eligible = [
        m
        for m in mentions
        if m.slot == slot
        and m.scope == "main"
        and isinstance(m.value, CountValue)
        and m.value.subset_of != slot
        and (who is None or m.value.who in who)
    ]
    if not eligible:
        return None
    days = {a.id: a.published.date() for a in articles if a.published}
    claims = _claims(eligible, groups, days)
    _supersede(claims, slot in _rising())
    active = [c for c in claims if not c.superseded]
    lo, hi = _interval(active)
    compatible = hi is None or lo <= hi
    origins = {c.origin for c in claims}
    sides = _sides(active)
    if len(origins) == 1:
        status = FactStatus.UPDATED if len(active) < len(claims) else FactStatus.SINGLE_SOURCE
    elif not compatible:
        status = FactStatus.DISPUTED
    elif len(active) < len(claims):
        status = FactStatus.UPDATED
    else:
        status = FactStatus.AGREED
    best = _best(active, sides, compatible, policy)
    # "numerous injuries" only: low/high and the wording say it; there is no figure to show.
    vague_only = all(c.value.qualifier == "vague" for c in active)
    if not compatible:
        lo = min(c.low for c in active)
        hi = None if any(c.high is None for c in active) else max(c.high for c in active)

    support: dict[str, float] = {}
    for c in claims:
        if contains(c.value, best):
            m = c.mention
            # the extractor's own certainty: implied ("a fatal shooting"), derived, headline
            weight = evidence_weight(m.attribution.kind, bool(m.hedge), c.value.qualifier == "vague")
            weight *= m.confidence
            support[c.origin] = max(support.get(c.origin, 0.0), weight)
    active_origins = {c.origin for c in active}
    agreement = len(active_origins & support.keys()) / max(len(active_origins), 1)
    status_value = status.value if hasattr(status, "value") else status

    series: list[SeriesPoint] = []
    for c in claims:
        worded = wording(c.mention)
        if series and (series[-1].low, series[-1].high) == (c.low, c.high):
            continue  # the same figure reported again (or worded differently): not a revision
        series.append(
            SeriesPoint(
                published=next(
                    (a.published for a in articles if a.id == c.mention.article_id), None
                ),
                article_id=c.mention.article_id,
                mention_id=c.mention.id,
                value=worded,
                low=c.low,
                high=c.high,
                qualifier=c.value.qualifier,
                attribution=attribution_label(c.mention),
            )
        )
    return Fact(
        slot=slot,
        best=None if vague_only else best,
        low=lo,
        high=hi,
        status=status,
        series=series,
        mentions=[fact_mention(m) for m in eligible if contains(m.value, best)],
        conflicting=[fact_mention(c.mention) for c in active if not contains(c.value, best)],
        sides=[
            Side(
                value=_side_label(side),
                mention_ids=[c.mention.id for c in side],
                sources=sorted({attribution_label(c.mention) or c.origin for c in side}),
            )
            for side in sides
        ]
        if status == FactStatus.DISPUTED
        else [],
        sources=len(support),
        confidence=confidence(support.values(), agreement, status_value, slot),
    )


def _side_label(side: list[Claim]) -> str:
    lo, hi = _interval(side)
    if hi == lo:
        return str(lo)
    if hi is None:
        return f"at least {lo}"
    return f"{lo}-{hi}"
