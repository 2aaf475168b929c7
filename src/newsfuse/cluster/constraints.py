"""Corrections inside the online clusterer: merges and splits as must-link / cannot-link
constraints on the articles still to come, and applied live to the events so far.

:class:`CorrectionsMixin` is part of :class:`newsfuse.cluster.online.OnlineClusterer`; it uses the
clusterer's placement records (``_info``), events and index.
"""

from __future__ import annotations

from newsfuse.cluster.corrections import event_id_for, seed_of, validate_correction
from newsfuse.cluster.similarity import EventProfile
from newsfuse.model import Correction


class CorrectionsMixin:
    """Must-link / cannot-link constraints from corrections, and live merges and splits."""

    def _find(self, article_id: str) -> str:
        root = article_id
        while self._must.get(root, root) != root:
            root = self._must[root]
        return root

    def _link(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._must[rb] = ra
            self._must.setdefault(ra, ra)

    def _constrain(self, correction: Correction) -> None:
        validate_correction(correction)
        self.corrections.append(correction)
        if correction.action == "merge":
            seeds = [s for s in map(seed_of, correction.event_ids) if s]
            for other in seeds[1:]:
                self._link(seeds[0], other)
        else:
            seed = seed_of(correction.event_ids[0])
            first = correction.article_ids[0]
            for article_id in correction.article_ids:
                self._link(first, article_id)
                if seed and seed != article_id:
                    self._cannot.setdefault(article_id, set()).add(seed)
                    self._cannot.setdefault(seed, set()).add(article_id)

    def _forced_event(self, article_id: str) -> int | None:
        if article_id not in self._must:
            return None
        root = self._find(article_id)
        for other, info in self._info.items():
            if other in self._must and self._find(other) == root:
                return info.event
        return None

    def _excluded_events(self, article_id: str) -> set[int]:
        return {self._info[o].event for o in self._cannot.get(article_id, ()) if o in self._info}

    def apply_correction(self, correction: Correction) -> None:
        """Apply a merge or split now and keep it as a constraint for the articles still to come.

        Raises:
            ConfigError: a malformed correction.
        """
        self._constrain(correction)
        keys = [self._key_of(e) for e in correction.event_ids]
        if correction.action == "merge":
            keys = list(dict.fromkeys(k for k in keys if k is not None))
            for key in keys[1:]:
                self._absorb(keys[0], key)
        elif keys[0] is not None:
            self._split(keys[0], correction.article_ids)

    def _key_of(self, event_id: str) -> int | None:
        for key, event in self._events.items():
            if event.id == event_id and event.article_ids:
                return key
        seed = seed_of(event_id)
        return self._info[seed].event if seed in self._info else None

    def _absorb(self, target_key: int, other_key: int) -> None:
        target = self._events[target_key]
        for article_id in list(self._events[other_key].article_ids):
            self._move(article_id, target)
        self._events[other_key].article_ids.clear()
        self._close(other_key)
        self._rebuild(target)

    def _split(self, key: int, article_ids: list[str]) -> None:
        event = self._events[key]
        moving = [a for a in article_ids if a in event.article_ids]
        if not moving or len(moving) == len(event.article_ids):
            return
        new_key = self._new_key()
        new = EventProfile(key=new_key, id=event_id_for(moving[0]), seed=moving[0])
        self._events[new_key] = new
        self._open.add(new_key)
        for article_id in moving:
            event.article_ids.remove(article_id)
            self._move(article_id, new)
        self._rebuild(event)
        self._rebuild(new)

    def _move(self, article_id: str, target: EventProfile) -> None:
        if article_id not in target.article_ids:
            target.article_ids.append(article_id)
        self._info[article_id].event = target.key

    def _rebuild(self, event: EventProfile) -> None:
        """Recompute a profile from its members (after a correction moved articles)."""
        fresh = EventProfile(key=event.key, id=event.id, seed=event.seed)
        order = sorted(event.article_ids, key=lambda a: self._info[a].seq)
        for article_id in order:
            if article_id not in self._feats:  # a closed event's article: membership only
                fresh.article_ids.append(article_id)
                continue
            feats, weights = self._feats[article_id]
            fresh.touch(feats)
            if self._info[article_id].folded:
                fresh.fold(feats, weights, self.params.max_terms)
        self._events[event.key] = fresh
        if fresh.article_ids and fresh.key in self._open:
            self._reindex(fresh)
