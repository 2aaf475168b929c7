"""Online event assignment: the interface the store needs from clustering, and a stand-in.

The store assigns each new article to an existing event or a new one, one article at a time, so
that an ingest only touches the events it changes. It asks an :class:`Assigner` two things:

- ``assign(article, analysed, mentions, candidates)``: the id of the candidate event the article
  belongs to, or None for a new event;
- ``update(profile, article, analysed, mentions)``: the event's profile with the article added.

A profile is what an assigner keeps per event (a centroid, counts, opaque JSON features); the
store persists it with the event, so assigning never reloads the models or an event's articles.
Candidates are the events whose publication window (widened by ``assigner.window``) contains the
article's publication time and that started at most ``assigner.horizon`` before it (which keeps
the candidate query a bounded index range however large the store grows), or the most recent
events when the article has no date.

:class:`CentroidAssigner` is the store's stand-in until ``newsfuse.cluster`` provides the real
one: cosine similarity of title+lead embeddings to the event's centroid, inside a time window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import numpy as np

from newsfuse.model import Analysed, Article, Mention


@dataclass
class EventProfile:
    """What an assigner knows about one event."""

    event_id: str
    centroid: np.ndarray | None = None
    size: int = 0
    first_published: datetime | None = None
    last_published: datetime | None = None
    features: dict[str, Any] = field(default_factory=dict)


class Assigner(Protocol):
    window: timedelta
    horizon: timedelta
    max_candidates: int

    def assign(
        self,
        article: Article,
        analysed: Analysed,
        mentions: Sequence[Mention],
        candidates: Sequence[EventProfile],
    ) -> str | None: ...

    def update(
        self,
        profile: EventProfile,
        article: Article,
        analysed: Analysed,
        mentions: Sequence[Mention],
    ) -> EventProfile: ...


@dataclass
class CentroidAssigner:
    """Join the most similar event in the window if its centroid is close enough.

    Args:
        threshold: the least cosine similarity between the article and an event's centroid.
        window: how far before an event's first and after its last article an article may be.
        horizon: how long after an event's first article a new one may still join it.
        max_candidates: the most events compared per article.
    """

    threshold: float = 0.8
    window: timedelta = timedelta(days=4)
    horizon: timedelta = timedelta(days=60)
    max_candidates: int = 500

    def assign(self, article, analysed, mentions, candidates):
        if analysed.embedding is None:
            return None
        vector = np.asarray(analysed.embedding, dtype=np.float32)
        best_id, best_score = None, self.threshold
        for profile in candidates:
            if profile.centroid is None:
                continue
            norm = float(np.linalg.norm(profile.centroid)) or 1.0
            score = float(vector @ profile.centroid) / norm
            if score >= best_score:
                best_id, best_score = profile.event_id, score
        return best_id

    def update(self, profile, article, analysed, mentions):
        if analysed.embedding is not None:
            vector = np.asarray(analysed.embedding, dtype=np.float32)
            if profile.centroid is None:
                profile.centroid = vector.copy()
            else:  # running mean of the members' vectors
                profile.centroid = (profile.centroid * profile.size + vector) / (profile.size + 1)
        profile.size += 1
        return profile
