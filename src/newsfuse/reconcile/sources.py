"""Who said what: independent-source groups, origins of a claim, and source authority.

An *independent source* is a group of articles that cannot confirm each other: exact and near
copies (``Event.duplicates``), the groups the clusterer found (``Event.source_groups``), and all
articles of one outlet. A claim's *origin* is its article's group, except when the article
attributes the claim to another outlet ("according to CNN"): then the origin is that outlet, so
two articles repeating CNN's figure count once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsfuse.grouping import connected, outlet_key
from newsfuse.model import Article, Event, FactMention, Mention

_MEDIA_KINDS = {"media", "news_agency"}


@lru_cache(maxsize=1)
def _source_data() -> dict:
    path = resources.files("newsfuse.reconcile") / "data" / "sources.json"
    return json.loads(path.read_text(encoding="utf-8"))


def authority(kind: str) -> int:
    """Rank of a source kind for the ``latest`` policy (officials above media above witnesses)."""
    return _source_data()["authority"].get(kind, 2)


def reliability(kind: str) -> float:
    """Prior chance that one independent source of this kind states the final figure."""
    return _source_data()["reliability"].get(kind, 0.6)


@dataclass(frozen=True)
class SourceGroups:
    """Article id -> independent group number (1-based, in publication order)."""

    group_of: dict[str, int]
    outlet_group: dict[str, int]

    @property
    def count(self) -> int:
        return len(set(self.group_of.values()))

    def origin(self, mention: Mention) -> str:
        """Where a claim comes from: its article's group, or the outlet it cites."""
        att = mention.attribution
        if att.kind in _MEDIA_KINDS and att.source:
            key = outlet_key(att.source)
            if key in self.outlet_group:
                return f"g{self.outlet_group[key]}"
            if key:
                return f"o:{key}"
        return f"g{self.group_of.get(mention.article_id, 0)}"


def source_groups(event: Event, articles: Sequence[Article]) -> SourceGroups:
    """Group an event's articles into independent sources.

    Args:
        event: its ``duplicates`` and ``source_groups`` join copies.
        articles: the event's articles; one outlet's articles form one source.

    Returns:
        The grouping, numbered in the order of ``event.article_ids``.
    """
    ids = list(dict.fromkeys([*event.article_ids, *(a.id for a in articles)]))
    links = [(group[0], other) for group in event.source_groups for other in group[1:]]
    links += [(first, copy) for first, copies in event.duplicates.items() for copy in copies]
    by_outlet: dict[str, str] = {}
    for article in articles:
        key = outlet_key(article.source)
        if key:
            links.append((by_outlet.setdefault(key, article.id), article.id))
    numbers: dict[str, int] = {}
    group_of = {i: numbers.setdefault(first, len(numbers) + 1)
                for i, first in connected(ids, links).items()}
    outlet_group = {key: group_of[first] for key, first in by_outlet.items()}
    return SourceGroups(group_of=group_of, outlet_group=outlet_group)


def attribution_label(mention: Mention) -> str | None:
    """Who said it, for display: the named source, else its kind unless it is the article."""
    att = mention.attribution
    if att.source:
        return att.source
    return None if att.kind == "article" else att.kind


def fact_mention(m: Mention) -> FactMention:
    """A mention as a fact cites it."""
    return FactMention(
        mention_id=m.id,
        article_id=m.article_id,
        quote=m.evidence.text,
        start=m.evidence.start,
        end=m.evidence.end,
        field=m.evidence.field,
        attribution=attribution_label(m),
    )
