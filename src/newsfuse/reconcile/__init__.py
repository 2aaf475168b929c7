"""Stage ``reconcile``: an Event's Mentions → one Fact per slot. (issue 5)"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import COUNT_SLOTS, Article, Event, Fact, FactMention, Mention

__all__ = ["reconcile_event"]


def reconcile_event(
    event: Event, articles: Sequence[Article], mentions: Sequence[Mention], *, policy: str = "latest"
) -> dict[str, Fact]:
    """Simplest honest rule until reconciliation lands: the largest main-event figure."""
    facts: dict[str, Fact] = {}
    for slot in COUNT_SLOTS:
        found = [m for m in mentions if m.slot == slot and m.scope == "main"]
        fact = Fact(slot=slot)
        if found:
            top = max(found, key=lambda m: m.value.low)
            fact.best, fact.low, fact.high = top.value.low, top.value.low, top.value.high
            fact.mentions = [
                FactMention(mention_id=m.id, article_id=m.article_id, quote=m.evidence.text,
                            start=m.evidence.start, end=m.evidence.end) for m in found
            ]
        facts[slot] = fact
    return facts
