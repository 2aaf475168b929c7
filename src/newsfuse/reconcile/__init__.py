"""Stage ``reconcile``: an Event's Mentions -> one Fact per slot.

``reconcile_event(event, articles, mentions, policy=...)`` returns ``{slot: Fact}`` for every
slot some main-event mention states: the counts (``counts``), place, time and event type
(``categorical``), responsibility and actors (``actors``). Background-scope mentions never enter;
copies of one report count once (``sources``). docs/reconcile.md explains the rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.errors import ConfigError
from newsfuse.model import COUNT_SLOTS, Article, CountValue, Event, Fact, Mention
from newsfuse.reconcile.actors import reconcile_actors, reconcile_responsibility
from newsfuse.reconcile.categorical import reconcile_event_type, reconcile_time
from newsfuse.reconcile.counts import POLICIES, reconcile_count
from newsfuse.reconcile.names import fold, same_name
from newsfuse.reconcile.places import reconcile_place
from newsfuse.reconcile.sources import source_groups

#: Count slots of people hit, where attackers reported apart are added to the victims.
PEOPLE_HIT = ("killed", "injured")
VICTIMS = frozenset({"victims", "all"})
ATTACKERS = frozenset({"attackers"})

__all__ = ["POLICIES", "fold", "reconcile_event", "same_name", "source_groups"]


def reconcile_event(
    event: Event, articles: Sequence[Article], mentions: Sequence[Mention], *, policy: str = "latest"
) -> dict[str, Fact]:
    """Reconcile one event's mentions into facts.

    Args:
        event: the event (its duplicate and source groups decide independence).
        articles: its articles (publication dates order the reports).
        mentions: the mentions of those articles.
        policy: how a count's best value is chosen: ``latest`` (the latest figure from the most
            authoritative source kind) or ``conservative`` (the lowest figure all independent
            sources support).

    Returns:
        Slot name -> Fact, counts first; ``other_count:<what>`` for other counted things.

    Raises:
        ConfigError: for an unknown policy.
    """
    if policy not in POLICIES:
        raise ConfigError(f"best policy must be one of {', '.join(POLICIES)}, got {policy!r}.")
    known = {a.id for a in articles}
    mentions = [m for m in mentions if m.article_id in known]
    groups = source_groups(event, articles)
    facts: dict[str, Fact] = {}
    for slot in COUNT_SLOTS:
        if slot in PEOPLE_HIT:
            fact = _victims_and_attackers(slot, mentions, articles, groups, policy)
        else:
            fact = reconcile_count(slot, mentions, articles, groups, policy=policy)
        if fact:
            facts[slot] = fact
    if "injured" not in facts:
        fact = _injured_from_hospital(facts, mentions, articles, groups, policy)
        if fact:
            facts["injured"] = fact
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


def _victims_and_attackers(slot, mentions, articles, groups, policy) -> Fact | None:
    """Killed/injured count everyone hit, as casualty records do: victims plus attackers reported
    apart ("two victims killed before the gunman shot himself" -> 3). A figure of "people" is
    taken to include the attackers already."""
    people = reconcile_count(slot, mentions, articles, groups, policy=policy, who=VICTIMS)
    attackers = reconcile_count(slot, mentions, articles, groups, policy=policy, who=ATTACKERS)
    if not attackers:
        return people
    if people and not all(_who(m.mention_id, mentions) == "victims" for m in people.mentions):
        # "Four people were found dead, including the shooter": a count of people, not of
        # victims, already holds the attackers (on gvc-train, adding them cost 4.7 points).
        return people
    if not people:
        attackers.value = {"victims": None, "attackers": attackers.best}
        return attackers
    total = people.model_copy(deep=True)
    total.value = {"victims": people.best, "attackers": attackers.best}
    total.best = people.best + attackers.best
    total.low = (people.low or 0) + (attackers.low or 0)
    total.high = None if people.high is None or attackers.high is None else people.high + attackers.high
    total.mentions = [*people.mentions, *attackers.mentions]
    total.conflicting = [*people.conflicting, *attackers.conflicting]
    total.confidence = round(min(people.confidence, attackers.confidence), 4)
    return total


def _who(mention_id: str, mentions: Sequence[Mention]) -> str | None:
    return next((m.value.who for m in mentions if m.id == mention_id), None)


def _injured_from_hospital(facts, mentions, articles, groups, policy) -> Fact | None:
    """No injured figure: those in critical condition, else the hospitalised who did not die."""
    for slot in ("critical", "hospitalized"):
        base = facts.get(slot)
        if base is None or base.best is None:
            continue
        fact = base.model_copy(deep=True)
        fact.slot = "injured"
        died = facts["killed"].best if slot == "hospitalized" and "killed" in facts else 0
        if isinstance(died, int) and died:
            fact.best = max(fact.best - died, 0)
            fact.low = max((fact.low or 0) - died, 0)
            fact.high = None if fact.high is None else max(fact.high - died, 0)
        fact.value = {"derived_from": slot, "minus_killed": died or 0}
        fact.series = []
        return fact
    return None


def _other_counts(mentions: Sequence[Mention]) -> list[str]:
    seen: dict[str, None] = {}
    for m in mentions:
        if m.slot == "other_count" and m.scope == "main" and isinstance(m.value, CountValue):
            seen.setdefault(m.value.population or "things", None)
    return list(seen)
