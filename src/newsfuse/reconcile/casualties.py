"""Killed and injured for one event: everyone hit, and each person counted once.

Two things set these slots apart from the other counts (docs/reconcile.md, "Counts", 8-9):

- *Who is counted.* Casualty records (the Gun Violence Archive) count everyone hit, attackers
  included. Attackers reported apart ("the gunman shot himself") are added to a figure that is
  explicitly of *victims*; a figure of "people" is taken to hold them already.
- *Fate told later.* A victim first reported wounded or in critical condition who dies later is
  one dead, not one dead and one injured. An article that knew of fewer deaths than the event's
  toll reported some of the later dead among its injured: its injured figure is lowered by the
  deaths it did not know of (``later_fates``).

With no injured figure at all, injured comes from those in critical condition, else from the
hospitalised minus the dead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.model import Article, CountValue, Fact, Mention
from newsfuse.reconcile.chooser import choose
from newsfuse.reconcile.counts import (
    article_figure,
    reconcile_count,
    singular,
    slot_settings,
    title_pattern,
)
from newsfuse.reconcile.sources import SourceGroups, fact_mention
from newsfuse.reconcile.titles import title_figures

VICTIMS = frozenset({"victims", "all"})
ATTACKERS = frozenset({"attackers"})
#: Implied deaths ("a fatal shooting": at least one) do not say how many of the hit died.
STATED = 0.8


def reconcile_casualties(
    mentions: Sequence[Mention], articles: Sequence[Article], groups: SourceGroups, policy: str,
    title_context: Sequence[Mention] = (),
) -> dict[str, Fact]:
    """The ``killed`` and ``injured`` facts of one event (either may be absent).

    Args:
        mentions: the event's mentions.
        articles: its articles.
        groups: its independent-source groups.
        policy: the best-value policy (``latest`` or ``conservative``).
        title_context: title figures that are not claims of their article
            (:func:`~newsfuse.reconcile.titles.split_title_context`); with the title claims
            they set a floor (:func:`_title_floor`).

    Returns:
        Slot → Fact for the slots some mention states.
    """
    facts: dict[str, Fact] = {}
    mentions = _deaths_the_title_allows(mentions, articles)
    killed = people_hit("killed", mentions, articles, groups, policy)
    titles = [*mentions, *title_context]
    if killed:
        killed = _title_floor(killed, titles, 0)
    if policy == "latest":  # the learned check is part of the default policy only
        killed = choose("killed", killed, mentions, titles, articles, 0)
    if killed:
        facts["killed"] = killed
    dead = _victims_dead(killed)
    if dead:
        mentions = _anaphoric_hurt_dropped(mentions)
    later = later_fates(mentions, dead) if dead else list(mentions)
    injured = people_hit("injured", later, articles, groups, policy)
    if injured is None:
        small = dead <= slot_settings()["hospital_follows_victims_up_to"]
        died = dead if small else min(dead, _died_in_hospital(mentions))
        injured = _injured_from_hospital(later, articles, groups, policy, died)
    total_dead = killed.best if killed and isinstance(killed.best, int) else 0
    if injured:
        injured = _title_floor(injured, titles, total_dead)
    if policy == "latest":
        injured = choose("injured", injured, later, titles, articles, total_dead)
    if injured:
        facts["injured"] = injured
    return facts


def _title_floor(fact: Fact, mentions: Sequence[Mention], dead: int) -> Fact:
    """A title's figure above the reconciled one raises it: a headline sums up ("Four men
    wounded") what texts tell one victim at a time or leave out (truncated crawls). On
    gva-dev this was right in 36 of 75 events where it applied, the old figure in 15."""
    if not isinstance(fact.best, int):
        return fact
    stated = title_figures(mentions, fact.slot, dead)
    if not stated:
        return fact
    top, mention = max(stated, key=lambda fm: fm[0])
    if top <= fact.best:
        return fact
    raised = fact.model_copy(deep=True)
    raised.best = top
    raised.low = max(raised.low or 0, top)
    if raised.high is not None and raised.high < top:
        raised.high = top
    if isinstance(raised.value, dict) and isinstance(raised.value.get("victims"), int):
        raised.value = {**raised.value, "victims": raised.value["victims"] + top - fact.best}
    raised.conflicting = [*raised.mentions, *raised.conflicting]
    raised.mentions = [fact_mention(mention)]
    return raised


def _deaths_the_title_allows(mentions: Sequence[Mention], articles: Sequence[Article]) -> list[Mention]:
    """The deaths the articles' titles allow. A roundup title ("1 dead, 10 wounded in Chicago
    shootings") counts a city's incidents: none of its article's deaths is the event's. Deaths
    told after the lead of an article whose title speaks of people hit and of no death ("7 shot
    in single incident", "4 wounded in Coney Island shooting") are left out: such texts go on to
    other incidents (this year's killings, an earlier shooting on the block). Deaths in the lead
    still count (``lead_chars``), and so does one told of the title's victim
    (:func:`_told_of_the_victim`)."""
    hit, dead = title_pattern("hit"), title_pattern("dead")
    hit_only = {a.id for a in articles
                if a.title and hit.search(a.title) and not dead.search(a.title)}
    roundups = {a.id for a in articles if a.title and title_pattern("roundup").search(a.title)}
    if roundups:
        mentions = [m for m in mentions if not (m.slot == "killed" and m.article_id in roundups)]
    if not hit_only:
        return list(mentions)
    lead = slot_settings()["lead_chars"]
    return [m for m in mentions
            if not (m.slot == "killed" and m.article_id in hit_only
                    and m.evidence.field != "title" and m.evidence.start >= lead
                    and not _told_of_the_victim(m))]


def _told_of_the_victim(m: Mention) -> bool:
    """"The boy was pronounced dead", "where he later died": a death of one person named by a
    pronoun or a definite noun goes on about the victim of the title, not another incident."""
    return (isinstance(m.value, CountValue) and m.value.low == 1 and m.value.high == 1
            and bool(_ANAPHOR.search(m.evidence.text.strip())))


_ANAPHOR = re.compile(r"^(?:he|she|him|her|the|his|this|that)\b", re.I)


def _anaphoric_hurt_dropped(mentions: Sequence[Mention]) -> list[Mention]:
    """Drop a wounded/critical count of one person named by a pronoun or a definite noun ("he
    was wounded", "the boy was critically hurt") in an article that reports a death: the
    article told of the victim before saying he died."""
    dying = {m.article_id for m in mentions
             if m.slot == "killed" and m.scope == "main" and isinstance(m.value, CountValue)
             and m.value.who in VICTIMS and m.confidence >= STATED and (m.value.point or 0) >= 1}
    return [m for m in mentions
            if not (m.slot in ("injured", "critical") and m.article_id in dying
                    and singular(m) and _ANAPHOR.search(m.evidence.text.strip()))]


def _victims_dead(killed: Fact | None) -> int:
    if killed is None or not isinstance(killed.best, int):
        return 0
    victims = (killed.value or {}).get("victims")
    return victims if isinstance(victims, int) else killed.best


def later_fates(mentions: Sequence[Mention], dead: int) -> list[Mention]:
    """The mentions, with injured/critical figures lowered by the deaths their article missed.

    An article whose own death figure (its stated victims' toll, see
    :func:`~newsfuse.reconcile.counts.article_figure`) is below ``dead`` counted the later dead
    among its wounded: "a boy was critically wounded" on Friday, "the boy died" on Saturday.
    Only exact figures are lowered: "more than 100 injured" while the toll rose from 40 to 143
    says nothing about who among them died (a toll also rises as bodies are found).

    Args:
        mentions: the event's mentions.
        dead: the event's reconciled victims' toll.

    Returns:
        The same mentions, adjusted copies in place of lowered ones.
    """
    killed_by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if (m.slot == "killed" and m.scope == "main" and isinstance(m.value, CountValue)
                and not m.value.subset_of and m.value.who in VICTIMS and m.confidence >= STATED):
            killed_by_article.setdefault(m.article_id, []).append(m)
    known = {a: article_figure(ms).value for a, ms in killed_by_article.items()}
    out = []
    for m in mentions:
        v = m.value
        if (m.slot in ("injured", "critical") and isinstance(v, CountValue) and v.who in VICTIMS
                and v.qualifier == "exact"):
            fig = known.get(m.article_id)
            missed = dead - (fig.point if fig is not None and fig.point is not None else (fig.low if fig else 0))
            if missed > 0:
                m = m.model_copy(update={"value": _lower(v, missed)})
        out.append(m)
    return out


def _lower(v: CountValue, by: int) -> CountValue:
    return v.model_copy(update={
        "low": max(v.low - by, 0),
        "high": None if v.high is None else max(v.high - by, 0),
        "point": None if v.point is None else max(v.point - by, 0),
    })


def people_hit(slot, mentions, articles, groups, policy) -> Fact | None:
    """Killed or injured, attackers reported apart added to an explicit count of victims
    ("two victims killed before the gunman shot himself" -> 3, "killed his son, then himself"
    -> 2). A figure of "people" only is taken to include the attackers already."""
    people = reconcile_count(slot, mentions, articles, groups, policy=policy, who=VICTIMS)
    attackers = reconcile_count(slot, mentions, articles, groups, policy=policy, who=ATTACKERS)
    if not attackers:
        return people
    who = {m.id: m.value.who for m in mentions if isinstance(m.value, CountValue)}
    if people and not any(who.get(m.mention_id) == "victims" for m in people.mentions):
        # "Four people were found dead, including the shooter": a count of people, not of
        # victims, already holds the attackers (on gvc-train, adding them cost 4.7 points).
        # One report of victims among the figure's support is enough ("shot his daughter" beside
        # "a girl died"): on gva-dev killed 90.8% against 90.2% when all must be of victims.
        return people
    if not people or people.best is None or attackers.best is None:
        if people:
            return people
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


_HOSPITAL = re.compile(r"hospital|medical cent|trauma|emergency room|\bER\b|clinic|infirmary", re.I)


def _died_in_hospital(mentions: Sequence[Mention]) -> int:
    """The deaths told in a sentence about a hospital ("taken to a hospital, where he died"):
    those are among the hospitalised. In a small incident reports follow each victim, so the
    hospitalised include the dead; in a mass-casualty one the hospital figure is of survivors
    given by health authorities, and the dead at the scene were never admitted (115 hospitalised
    while the toll was 62 are 115 injured, not 53)."""
    return max((m.value.point or m.value.low for m in mentions
                if m.slot == "killed" and m.scope == "main" and isinstance(m.value, CountValue)
                and m.value.who in VICTIMS and m.sentence and _HOSPITAL.search(m.sentence.text)),
               default=0)


def _injured_from_hospital(mentions, articles, groups, policy, dead: int) -> Fact | None:
    """No injured figure: those in critical condition, else the hospitalised who did not die
    there (``dead``: the deaths told at a hospital)."""
    for slot in ("critical", "hospitalized"):
        base = reconcile_count(slot, mentions, articles, groups, policy=policy)
        if base is None or base.best is None:
            continue
        fact = base.model_copy(deep=True)
        fact.slot = "injured"
        died = dead if slot == "hospitalized" else 0
        if died:
            fact.best = max(fact.best - died, 0)
            fact.low = max((fact.low or 0) - died, 0)
            fact.high = None if fact.high is None else max(fact.high - died, 0)
        fact.value = {"derived_from": slot, "minus_killed": died}
        fact.series = []
        return fact
    return None
