"""Independent sources of an event: copies and wire stories count once.

Articles of one event fall into the same source group when one is a near-duplicate of the other,
when both credit the same wire service (``dedup.wire_source``), or when both come from the same
outlet (``grouping.outlet_key``, the key reconcile uses too). ``Event.independent_sources`` is
the number of groups.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from newsfuse.grouping import connected, outlet_key
from newsfuse.model import Event


@dataclass
class ArticleInfo:
    """What the event output needs to know about one placed article."""

    event: int
    seq: int
    title: str | None
    published: datetime | None
    source: str | None
    wire: str | None
    duplicate_of: str | None
    folded: bool


def build_event(event_id: str, ids: Sequence[str], info: Mapping[str, ArticleInfo]) -> Event:
    """The Event for ``ids`` (in publication order) with duplicates and source groups.

    Args:
        event_id: the event's id.
        ids: its article ids, in the order they were placed.
        info: article id -> :class:`ArticleInfo`.
    """
    members = set(ids)
    links: list[tuple[str, str]] = []
    duplicates: dict[str, list[str]] = {}
    first_with_key: dict[str, str] = {}
    for a in ids:
        item = info[a]
        if item.duplicate_of in members:
            duplicates.setdefault(item.duplicate_of, []).append(a)
            links.append((item.duplicate_of, a))
        outlet = outlet_key(item.source)
        keys = (f"wire:{item.wire}" if item.wire else None, f"outlet:{outlet}" if outlet else None)
        for key in filter(None, keys):
            links.append((first_with_key.setdefault(key, a), a))
    groups: dict[str, list[str]] = {}
    for a, first in connected(ids, links).items():
        groups.setdefault(first, []).append(a)
    dates = [info[a].published for a in ids if info[a].published]
    return Event(
        id=event_id,
        title=next((info[a].title for a in ids if info[a].title), None),
        article_ids=list(ids),
        duplicates=duplicates,
        source_groups=list(groups.values()),
        independent_sources=len(groups),
        first_published=min(dates, key=_as_utc) if dates else None,
        last_published=max(dates, key=_as_utc) if dates else None,
    )


def _as_utc(value: datetime) -> datetime:
    """Naive times read as UTC, so naive and aware publication times compare."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
