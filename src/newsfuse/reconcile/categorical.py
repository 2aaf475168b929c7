"""Place, time and event type: values voted on by independent sources.

A value's support is the set of independent origins stating it (copies count once). The best
value is the one with most support (then most authoritative, then first reported). A fact is
``single_source`` when one origin states the slot at all, ``disputed`` when a different value is
held by at least half as many origins as the best one (and by two or more), else ``agreed``.
Places (hierarchical: "Moscow" does not contradict "Krasnogorsk, near Moscow") are in
``places``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsfuse.model import Fact, FactStatus, Mention, TimeValue
from newsfuse.reconcile.confidence import confidence, evidence_weight
from newsfuse.reconcile.sources import SourceGroups, authority, fact_mention



def vote(
    mentions: Sequence[Mention], key: Callable[[Mention], str | None], groups: SourceGroups
) -> list[tuple[str, list[Mention], set[str]]]:
    """Values of ``key`` with their mentions and origins, best supported first."""
    table: dict[str, tuple[list[Mention], set[str]]] = {}
    for m in mentions:
        k = key(m)
        if k:
            entry = table.setdefault(k, ([], set()))
            entry[0].append(m)
            entry[1].add(groups.origin(m))
    ranked = sorted(
        table.items(),
        key=lambda kv: (
            -len(kv[1][1]),
            -max(authority(m.attribution.kind) for m in kv[1][0]),
            min(mentions.index(m) for m in kv[1][0]),
        ),
    )
    return [(k, ms, origins) for k, (ms, origins) in ranked]


def voted_status(ranked: list[tuple[str, list[Mention], set[str]]]) -> FactStatus:
    """Status of a voted slot (see the module docstring)."""
    everyone = set().union(*(origins for _, _, origins in ranked)) if ranked else set()
    if len(everyone) <= 1:
        return FactStatus.SINGLE_SOURCE
    best = len(ranked[0][2])
    for _, _, origins in ranked[1:]:
        rival = len(origins - ranked[0][2])
        if rival >= 2 and rival * 2 >= best:
            return FactStatus.DISPUTED
    return FactStatus.AGREED


def voted_confidence(
    ranked: list[tuple[str, list[Mention], set[str]]], status: FactStatus, groups: SourceGroups
) -> float:
    """Confidence of a voted value: noisy-or over its origins, scaled by its share of support."""
    if not ranked:
        return 0.0
    _, ms, origins = ranked[0]
    weights: dict[str, float] = {}
    for m in ms:
        o = groups.origin(m)
        w = evidence_weight(m.attribution.kind, bool(m.hedge), False)
        weights[o] = max(weights.get(o, 0.0), w)
    everyone = set().union(*(o for _, _, o in ranked))
    value = status.value if hasattr(status, "value") else status
    return confidence(weights.values(), len(origins) / max(len(everyone), 1), value)


def _main(mentions: Sequence[Mention], slot: str) -> list[Mention]:
    return [m for m in mentions if m.slot == slot and m.scope == "main"]


def reconcile_time(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """The date the event happened, voted; time of day from the mentions of that date."""
    found = [
        m for m in _main(mentions, "time")
        if isinstance(m.value, TimeValue) and m.value.role == "occurred" and m.value.date
    ]
    if not found:
        return _first_report_date(mentions, groups)
    ranked = vote(found, lambda m: m.value.date.isoformat(), groups)
    best, ms, origins = ranked[0]
    status = voted_status(ranked)
    times = [m.value.time_of_day for m in ms if m.value.time_of_day]
    return Fact(
        slot="time",
        best=best,
        status=status,
        value={"date": best, "time_of_day": max(dict.fromkeys(times), key=times.count) if times else None},
        mentions=[fact_mention(m) for m in ms],
        conflicting=[fact_mention(m) for _, others, _ in ranked[1:] for m in others],
        sources=len(origins),
        confidence=voted_confidence(ranked, status, groups),
    )


#: The event type must come from at least one in this many of the event's independent sources:
#: one of ten reports of a film deal saying "begins shooting in August" types nothing.
MIN_TYPE_SHARE = 5


def reconcile_event_type(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """The event type most sources give, ties broken by ``primary_order`` of
    extract/data/event_types.json (:func:`~newsfuse.extract.event_type.primary_label`); the
    others are secondary types, not conflicts. ``value.standard``: the primary type's place in
    the standard typology (ACLED / EM-DAT-like scheme, type, sub-type, display name)."""
    from newsfuse.extract.event_type import primary_label, standard_type

    found = _main(mentions, "event_type")
    ranked = vote(found, lambda m: getattr(m.value, "label", "").lower() or None, groups)
    if not ranked:
        return None
    primary, secondary = primary_label({label: len(origins) for label, _, origins in ranked})
    position = {label: i for i, label in enumerate([primary, *secondary])}
    ranked.sort(key=lambda r: position[r[0]])
    sources = len(set(groups.group_of.values()))
    if len(ranked[0][2]) * MIN_TYPE_SHARE < sources:
        return None  # a word here and there ("pot shots", "begins shooting in August"): no event type
    status = FactStatus.SINGLE_SOURCE if voted_status(ranked) == FactStatus.SINGLE_SOURCE else (
        FactStatus.AGREED)
    return Fact(
        slot="event_type",
        best=ranked[0][0],
        status=status,
        value={"labels": {label: len(origins) for label, _, origins in ranked},
               "secondary": [label for label, _, _ in ranked[1:]],
               "standard": standard_type(ranked[0][0])},
        mentions=[fact_mention(m) for m in ranked[0][1]],
        sources=len(ranked[0][2]),
        confidence=voted_confidence(ranked, status, groups),
        aliases=[label for label, _, _ in ranked[1:]],
    )


#: Confidence of a date known only from the first report: most incidents are reported on their
#: day, many the day after (gva-dev: 63 of 154 such events on the day, 43 one day later).
FIRST_REPORT_CONFIDENCE = 0.35


def _first_report_date(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """When no report says when it happened: the date of the first report, as an upper bound
    (``value.basis`` = ``first_report``), so a reader sees at least when it was known."""
    published = [
        m for m in mentions
        if m.slot == "time" and isinstance(m.value, TimeValue) and m.value.role == "published" and m.value.date
    ]
    if not published:
        return None
    first = min(m.value.date for m in published)
    ms = [m for m in published if m.value.date == first]
    return Fact(
        slot="time",
        best=first.isoformat(),
        status=FactStatus.SINGLE_SOURCE,
        value={"date": first.isoformat(), "time_of_day": None, "basis": "first_report"},
        mentions=[fact_mention(m) for m in ms],
        sources=len({groups.origin(m) for m in ms}),
        confidence=FIRST_REPORT_CONFIDENCE,
    )
