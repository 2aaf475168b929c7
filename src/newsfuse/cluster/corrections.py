"""User corrections to the clustering (merge, split), replayed after every re-clustering.

A :class:`~newsfuse.model.Correction` names events by id. Event ids are ``ev-<first article id>``
(the article that started the event), and online clustering never moves an article once placed,
so an id keeps naming the same event when later articles are clustered. When an id is not found
(for instance after an earlier merge renamed it), it is resolved through that first article.

- ``merge``: ``event_ids`` [A, B, ...] become one event, which keeps the id A.
- ``split``: ``article_ids`` leave ``event_ids[0]`` and form a new event together, with id
  ``ev-<first of them>``; later re-clustering keeps them apart from the event's first article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.model import Correction, Event

EVENT_PREFIX = "ev-"


def event_id_for(seed_article_id: str) -> str:
    """The id of the event started by ``seed_article_id``."""
    return f"{EVENT_PREFIX}{seed_article_id}"


def seed_of(event_id: str) -> str | None:
    """The article that started the event ``event_id``, or None for ids of another shape."""
    return event_id[len(EVENT_PREFIX) :] if event_id.startswith(EVENT_PREFIX) else None


def validate_correction(correction: Correction) -> None:
    """Check a correction's shape.

    Raises:
        ConfigError: a merge with fewer than two events, or a split without exactly one event and
            at least one article.
    """
    if correction.action == "merge" and len(set(correction.event_ids)) < 2:
        raise ConfigError(f"a merge needs at least two different event ids, got {correction.event_ids}.")
    if correction.action == "split" and (len(correction.event_ids) != 1 or not correction.article_ids):
        raise ConfigError(
            "a split needs exactly one event id and at least one article id, got "
            f"events {correction.event_ids} and articles {correction.article_ids}."
        )


def apply_corrections(
    events: Sequence[Event],
    corrections: Sequence[Correction],
    *,
    published: Callable[[str], datetime | None] | None = None,
    strict: bool = False,
) -> list[Event]:
    """Replay ``corrections`` in order on a clustering and return the corrected events.

    Idempotent: replaying a correction that already holds changes nothing. Duplicates and source
    groups follow their articles (a merged event's groups are the union of both events' groups).

    Args:
        events: the clustering (e.g. from :func:`newsfuse.cluster.cluster_articles`).
        corrections: merges and splits, oldest first.
        published: article id -> publication time, to order a new event's articles (optional;
            without it articles keep their order in the input events).
        strict: raise when a correction names an event or article that is not there; otherwise
            such a correction (or that part of it) is skipped.

    Returns:
        New Event objects; the input is not modified.

    Raises:
        ConfigError: a malformed correction.
        NotFoundError: with ``strict``, an unknown event or article.
    """
    state = {e.id: e.model_copy(deep=True) for e in events}
    for correction in corrections:
        validate_correction(correction)
        if correction.action == "merge":
            _merge(state, correction.event_ids, strict)
        else:
            _split(state, correction.event_ids[0], correction.article_ids, strict)
    out = list(state.values())
    for event in out:
        _refresh(event, published)
    return out


def _resolve(state: dict[str, Event], event_id: str, strict: bool) -> str | None:
    if event_id in state:
        return event_id
    seed = seed_of(event_id)
    if seed is not None:
        for key, event in state.items():
            if seed in event.article_ids:
                return key
    if strict:
        raise NotFoundError(f"no event {event_id!r} in the clustering.")
    return None


def _merge(state: dict[str, Event], event_ids: list[str], strict: bool) -> None:
    keys = [k for k in (_resolve(state, e, strict) for e in event_ids) if k is not None]
    keys = list(dict.fromkeys(keys))
    if len(keys) < 2:
        return
    target = state[keys[0]]
    for key in keys[1:]:
        other = state.pop(key)
        target.article_ids.extend(a for a in other.article_ids if a not in target.article_ids)
        for first, copies in other.duplicates.items():
            target.duplicates.setdefault(first, []).extend(copies)
        target.source_groups.extend(other.source_groups)
    if keys[0] != event_ids[0] and event_ids[0] not in state:
        # The merged event takes the first id the user named when it is free.
        state[event_ids[0]] = state.pop(keys[0])
        state[event_ids[0]].id = event_ids[0]


def _split(state: dict[str, Event], event_id: str, article_ids: list[str], strict: bool) -> None:
    key = _resolve(state, event_id, strict)
    if key is None:
        return
    event = state[key]
    moving = [a for a in article_ids if a in event.article_ids]
    if strict and len(moving) < len(article_ids):
        missing = sorted(set(article_ids) - set(moving))
        raise NotFoundError(f"articles {missing} are not in event {event_id!r}.")
    if not moving or len(moving) == len(event.article_ids):
        return
    new_id = event_id_for(moving[0])
    if new_id in state:
        new_id = f"{new_id}-split"
    moved = set(moving)
    event.article_ids = [a for a in event.article_ids if a not in moved]
    new = Event(id=new_id, article_ids=[a for a in moving])
    for first, copies in list(event.duplicates.items()):
        group = [first, *copies]
        inside = [a for a in group if a not in moved]
        outside = [a for a in group if a in moved]
        del event.duplicates[first]
        if len(inside) > 1:
            event.duplicates[inside[0]] = inside[1:]
        if len(outside) > 1:
            new.duplicates[outside[0]] = outside[1:]
    new.source_groups = [[a for a in g if a in moved] for g in event.source_groups]
    event.source_groups = [[a for a in g if a not in moved] for g in event.source_groups]
    state[new_id] = new


def _refresh(event: Event, published: Callable[[str], datetime | None] | None) -> None:
    """Recompute the derived fields after articles moved."""
    if published is not None:
        order = {a: i for i, a in enumerate(event.article_ids)}
        event.article_ids.sort(key=lambda a: (published(a) is None, published(a) or datetime.min, order[a]))
        dates = [d for d in map(published, event.article_ids) if d is not None]
        event.first_published = min(dates) if dates else None
        event.last_published = max(dates) if dates else None
    members = set(event.article_ids)
    groups = [g for g in (list(dict.fromkeys(g)) for g in event.source_groups) if g]
    grouped = {a for g in groups for a in g}
    groups.extend([a] for a in event.article_ids if a not in grouped)
    event.source_groups = [[a for a in g if a in members] for g in groups if set(g) & members]
    event.independent_sources = len(event.source_groups)
    event.duplicates = {k: v for k, v in event.duplicates.items() if v}
