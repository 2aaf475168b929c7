"""Stage ``reconcile``: an Event's Mentions -> one Fact per slot.

``reconcile_event(event, articles, mentions, policy=...)`` returns ``{slot: Fact}`` for every
slot some main-event mention states: the counts (``counts``), place, time and event type
(``categorical``), responsibility and actors (``actors``). Background-scope mentions never enter;
copies of one report count once (``sources``). The fitted numbers (chooser weights, confidence
calibration, slot settings) are one validated :class:`ReconcileParams` (``params``), which a
call may replace. docs/reconcile.md explains the rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from newsfuse.errors import ConfigError
from newsfuse.model import COUNT_SLOTS, Article, CountValue, Event, Fact, Mention
from newsfuse.reconcile.casualties import reconcile_casualties
from newsfuse.reconcile.actors import reconcile_actors, reconcile_responsibility
from newsfuse.reconcile.categorical import reconcile_event_type, reconcile_time
from newsfuse.reconcile.counts import POLICIES, reconcile_count
from newsfuse.reconcile.names import fold, same_name
from newsfuse.reconcile.params import ReconcileParams, load_params, using_params
from newsfuse.reconcile.places import reconcile_place
from newsfuse.reconcile.sources import source_groups
from newsfuse.reconcile.titles import split_title_context

#: Count slots of people hit: attackers added, each person counted once (``casualties``).
PEOPLE_HIT = ("killed", "injured")

__all__ = ["POLICIES", "ReconcileParams", "fold", "load_params", "reconcile_event",
           "reconcile_events", "same_name", "source_groups"]


def reconcile_event(
    event: Event, articles: Sequence[Article], mentions: Sequence[Mention], *, policy: str = "latest",
    params: ReconcileParams | None = None,
) -> dict[str, Fact]:
    """Reconcile one event's mentions into facts.

    Args:
        event: the event (its duplicate and source groups decide independence).
        articles: its articles (publication dates order the reports).
        mentions: the mentions of those articles.
        policy: how a count's best value is chosen: ``latest`` (the latest figure from the most
            authoritative source kind) or ``conservative`` (the lowest figure all independent
            sources support).
        params: the fitted numbers to use (``params.py``; None: the shipped ones).

    Returns:
        Slot name -> Fact, counts first; ``other_count:<what>`` for other counted things.

    Raises:
        ConfigError: for an unknown policy.
    """
    if policy not in POLICIES:
        raise ConfigError(f"best policy must be one of {', '.join(POLICIES)}, got {policy!r}.")
    with using_params(params):
        return _reconcile_event(event, articles, mentions, policy)


def _reconcile_event(event: Event, articles: Sequence[Article], mentions: Sequence[Mention],
                     policy: str) -> dict[str, Fact]:
    known = {a.id for a in articles}
    mentions = [m for m in mentions if m.article_id in known]
    groups = source_groups(event, articles)
    facts: dict[str, Fact] = {}
    mentions, title_context = split_title_context(mentions)
    casualties = reconcile_casualties(mentions, articles, groups, policy, title_context)
    for slot in COUNT_SLOTS:
        fact = casualties.get(slot) if slot in PEOPLE_HIT else reconcile_count(
            slot, mentions, articles, groups, policy=policy)
        if fact:
            facts[slot] = fact
    for what in _other_counts(mentions):
        picked = [
            m for m in mentions
            if m.slot == "other_count" and (m.value.population or "things") == what
        ]
        fact = reconcile_count("other_count", picked, articles, groups, policy=policy)
        if fact:
            fact.slot = f"other_count:{what}"
            facts[fact.slot] = fact
    for name, build in (
        ("place", reconcile_place),
        ("time", reconcile_time),
        ("event_type", reconcile_event_type),
        ("responsibility", reconcile_responsibility),
        ("actor", reconcile_actors),
    ):
        fact = build(mentions, groups)
        if fact:
            facts[name] = fact
    return facts


def reconcile_events(
    events: Sequence[Event],
    articles: Sequence[Article],
    mentions: Mapping[str, Sequence[Mention]],
    *,
    policy: str = "latest",
    params: ReconcileParams | None = None,
) -> Iterator[tuple[Event, list[Article], list[Mention], dict[str, Fact]]]:
    """Reconcile each event of a batch, the way ``newsfuse brief`` does.

    Args:
        events: the events (their ``article_ids`` name articles of ``articles``).
        articles: every article of the batch.
        mentions: article id -> that article's mentions.
        policy, params: see :func:`reconcile_event`.

    Yields:
        ``(event, its articles, their mentions, facts)`` in the order of ``events``.
    """
    by_id = {a.id: a for a in articles}
    for event in events:
        event_articles = [by_id[i] for i in event.article_ids]
        event_mentions = [m for i in event.article_ids for m in mentions.get(i, [])]
        facts = reconcile_event(event, event_articles, event_mentions, policy=policy, params=params)
        yield event, event_articles, event_mentions, facts


def _other_counts(mentions: Sequence[Mention]) -> list[str]:
    seen: dict[str, None] = {}
    for m in mentions:
        if m.slot == "other_count" and m.scope == "main" and isinstance(m.value, CountValue):
            seen.setdefault(m.value.population or "things", None)
    return list(seen)
