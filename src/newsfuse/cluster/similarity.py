"""How well an article fits an open event: pair features and the fitted logistic score.

The weights come from ``params.json`` (fit by ``benchmarks/cluster_fit.py`` on ECB+, gvc-train and
gva-dev; see docs/cluster.md). Each feature is cheap: a few set and dictionary look-ups against
the event's running profile, so scoring does not depend on how many events exist.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from newsfuse.cluster.features import ArticleFeatures

#: The pair features, in the order of the fitted weights.
FEATURE_NAMES: tuple[str, ...] = (
    "embedding_cosine",
    "lexical_cosine",
    "embedding_max",
    "lexical_max",
    "title_overlap",
    "embedding_x_lexical",
    "person_overlap",
    "has_persons",
    "person_conflict",
    "place_overlap",
    "lead_place_conflict",
    "other_overlap",
    "day_gap_log",
    "no_dates",
    "age_match",
    "age_conflict",
    "year_match",
    "year_conflict",
    "type_conflict",
    "count_match",
    "count_conflict",
    "event_day_conflict",
    "event_size_log",
)


#: A year this much older than the event's own dates, named outside a report's lead, is history.
HISTORY_YEARS = 1

#: Member articles kept per event for the best-match features (bounded, so cost stays flat).
MAX_MEMBERS = 8


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum([w * b[t] for t, w in a.items() if t in b])


@dataclass
class EventProfile:
    """The running summary of an event's articles that new articles are compared with."""

    key: int
    id: str
    seed: str
    article_ids: list[str] = field(default_factory=list)
    embedding_sum: np.ndarray | None = None
    terms: dict[str, float] = field(default_factory=dict)
    persons: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    lead_places: Counter = field(default_factory=Counter)
    others: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    own_years: Counter = field(default_factory=Counter)  # the years that date its reports
    ages: set = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    counts: set = field(default_factory=set)
    event_days: set = field(default_factory=set)
    first_day: int | None = None
    last_day: int | None = None
    last_seq: int = 0
    profile_members: int = 0  # articles folded into the profile (roundups are not)
    members: list = field(default_factory=list)  # (embedding, term weights) of the first few
    terms_norm: float = 0.0
    title_terms: Counter = field(default_factory=Counter)
    _centroid: np.ndarray | None = None

    def centroid(self) -> np.ndarray | None:
        if self.embedding_sum is None:
            return None
        if self._centroid is None:
            norm = float(np.linalg.norm(self.embedding_sum))
            self._centroid = self.embedding_sum / norm if norm else np.zeros_like(self.embedding_sum)
        return self._centroid

    def member_index(self) -> tuple[np.ndarray | None, dict[str, list[tuple[int, float]]]]:
        """The first members' embeddings as one matrix and their terms as postings (term ->
        [(member, weight)]), so an article is compared with all of them in one pass. Derived
        from ``members`` and rebuilt only when a member is added (at most MAX_MEMBERS times)."""
        cached = self.__dict__.get("_member_index")
        count = len(self.members)
        if cached is not None and cached[0] == count:
            return cached[1], cached[2]
        # Members are only ever appended: extend the postings with the new ones (same order
        # as a full rebuild) instead of rebuilding them.
        start, postings = (cached[0], cached[2]) if cached is not None and cached[0] < count else (0, {})
        for i in range(start, count):
            for term, w in self.members[i][1].items():
                posting = postings.get(term)
                if posting is None:
                    postings[term] = [(i, w)]
                else:
                    posting.append((i, w))
        vectors = [e for e, _ in self.members if e.size]
        matrix = np.vstack(vectors) if vectors else None
        self.__dict__["_member_index"] = (count, matrix, postings)
        return matrix, postings

    def __getstate__(self) -> dict:
        # The member index is derived data: saved states stay small and load in any version.
        return {k: v for k, v in self.__dict__.items() if k != "_member_index"}

    def fold(self, feats: ArticleFeatures, weights: dict[str, float], max_terms: int) -> None:
        """Add an article's features to the profile."""
        self.profile_members += 1
        if len(self.members) < MAX_MEMBERS:
            self.members.append((feats.embedding, weights))
        if feats.embedding.size:
            if self.embedding_sum is None:
                self.embedding_sum = feats.embedding.astype(np.float32).copy()
            else:
                self.embedding_sum += feats.embedding
        for term, w in weights.items():
            self.terms[term] = self.terms.get(term, 0.0) + w
        if len(self.terms) > max_terms:
            # Highest weights first, ties in insertion order (itemgetter: no Python call per term).
            kept = sorted(self.terms.items(), key=itemgetter(1), reverse=True)[:max_terms]
            self.terms = dict(kept)
        self.terms_norm = math.sqrt(sum([v * v for v in self.terms.values()]))
        self._centroid = None
        self.title_terms.update(feats.title_terms)
        self.persons.update(feats.persons)
        self.places.update(feats.places)
        self.lead_places.update(feats.lead_places)
        self.others.update(feats.others)
        self.years.update(feats.years)
        self.own_years.update(feats.years if feats.own_years is None else feats.own_years)
        self.ages.update(feats.ages)
        self.types.update(feats.types)
        self.counts.update(feats.counts)
        self.event_days.update(feats.event_days)

    def touch(self, feats: ArticleFeatures) -> None:
        """Record an article's membership, dates and position in the stream."""
        self.article_ids.append(feats.article_id)
        self.last_seq = feats.seq
        if feats.day is not None:
            self.first_day = feats.day if self.first_day is None else min(self.first_day, feats.day)
            self.last_day = feats.day if self.last_day is None else max(self.last_day, feats.day)


def _overlap(weighted: tuple[list[tuple[str, float]], float], bag) -> float:
    items, total = weighted
    return sum([w for name, w in items if name in bag]) / total if total else 0.0


def _article_side(feats: ArticleFeatures, idf: dict[str, float]) -> tuple:
    """What pair_features needs from the article alone, computed once per article (and idf):
    its names and title words with their rarity weights and totals, its figures per slot."""
    cached = feats.__dict__.get("_side")
    if cached is not None and cached[0] is idf:
        return cached[1]

    def weighted(items):
        pairs = [(i, idf[i]) for i in items]
        return pairs, sum(w for _, w in pairs)

    side = (
        weighted(feats.persons),
        weighted(feats.places),
        weighted(feats.others),
        weighted(feats.title_terms),
        {slot: {n for s, n in feats.counts if s == slot} for slot in ("killed", "injured")},
    )
    feats.__dict__["_side"] = (idf, side)
    return side


def pair_features(
    feats: ArticleFeatures,
    term_weights: dict[str, float],
    event: EventProfile,
    entity_idf: dict[str, float],
    veto: tuple[float, bool] | None = None,
) -> list[float] | None:
    """The feature vector (``FEATURE_NAMES`` order) of an article against an event.

    Args:
        entity_idf: the rarity weight of each of the article's names.
        veto: (max_gap_days, place_veto): return None as soon as a hard rule (:func:`ruled_out`)
            rules the pair out.
    """
    # The features the vetoes read come first, so a vetoed pair costs only these.
    persons, places, others, title_words, counts_by_slot = _article_side(feats, entity_idf)
    person = _overlap(persons, event.persons)
    place = _overlap(places, event.places)
    lead_conflict = float(lead_places_conflict(feats.lead_places, feats.places, event.lead_places, event.places))
    if feats.day is not None and event.first_day is not None:
        gap = max(0, event.first_day - feats.day, feats.day - event.last_day)
        day_gap, no_dates = math.log1p(gap), 0.0
    else:
        day_gap, no_dates = 0.0, 1.0
    if veto is not None and ruled_out(
        person, leads_apart(feats.lead_places, feats.places, event.lead_places), day_gap, *veto
    ):
        return None
    centroid = event.centroid()
    emb = float(feats.embedding @ centroid) if centroid is not None and feats.embedding.size else 0.0
    lex = _dot(term_weights, event.terms) / event.terms_norm if event.terms_norm else 0.0
    matrix, postings = event.member_index()
    emb_max = float((matrix @ feats.embedding).max()) if matrix is not None and feats.embedding.size else 0.0
    lex_members = [0.0] * len(event.members)
    for term, w in term_weights.items():
        for i, mw in postings.get(term, ()):
            lex_members[i] += w * mw
    lex_max = max(lex_members, default=0.0)
    title = _overlap(title_words, event.title_terms)
    person_conflict = float(bool(feats.persons) and bool(event.persons) and person == 0.0)
    other = _overlap(others, event.others)
    age_match = float(bool(feats.ages & event.ages))
    age_conflict = float(bool(feats.ages) and bool(event.ages) and not feats.ages & event.ages)
    years_shared = any(y in event.years for y in feats.years)
    year_conflict = float(not years_shared and _years_apart(feats, event))
    type_conflict = float(
        bool(feats.types) and bool(event.types) and not any(t in event.types for t in feats.types)
    )
    count_match = float(bool(feats.counts & event.counts))
    count_conflict = 0.0
    for slot, mine in counts_by_slot.items():
        if mine and not any((slot, n) in event.counts for n in mine):
            if any(s == slot for s, _ in event.counts):
                count_conflict = 1.0
    day_conflict = float(
        bool(feats.event_days)
        and bool(event.event_days)
        and min(abs(a - b) for a in feats.event_days for b in event.event_days) > 2
    )
    return [
        emb,
        lex,
        emb_max,
        lex_max,
        title,
        emb * lex,
        person,
        float(bool(feats.persons)),
        person_conflict,
        place,
        lead_conflict,
        other,
        day_gap,
        no_dates,
        age_match,
        age_conflict,
        float(years_shared),
        year_conflict,
        type_conflict,
        count_match,
        count_conflict,
        day_conflict,
        math.log1p(len(event.article_ids)),
    ]


def _years_apart(feats: ArticleFeatures, event: EventProfile) -> bool:
    """Whether the article's years can conflict with the event's (none shared is checked by the
    caller). A year an article names further down (not in its lead, not its publication year)
    that is older than the year the event's reports date themselves is history the report
    recalls ("the group first surfaced in 2014" in a 2024 report), not its date."""
    years = feats.years
    own = feats.own_years
    event_own = event.__dict__.get("own_years")  # profiles saved before it: none
    if own is not None and event_own:
        newest = max(event_own)
        years = own | {y for y in years if y >= newest - HISTORY_YEARS}
    return bool(years) and bool(event.years)


def lead_places_conflict(lead_a, places_a, lead_b, places_b) -> bool:
    """Two leads that name places, none of one's named anywhere in the other: different places
    (an article against an event, or two events)."""
    return (
        bool(lead_a)
        and bool(lead_b)
        and not any(p in places_b for p in lead_a)
        and not any(p in places_a for p in lead_b)
    )


def leads_apart(lead_a, places_a, lead_b) -> bool:
    """An article's lead and an event's leads name places, none of them the same, and the
    article (``places_a``) never names the event's lead places: different places, even when the
    event's reports name the article's place further down (a Papua earthquake story that
    recalls the Aceh tsunami). :func:`lead_places_conflict` with the event's leads standing
    for all its places, so that conflict implies this (leads are among places)."""
    return lead_places_conflict(lead_a, places_a, lead_b, lead_b)


def ruled_out(person, apart, day_gap, max_gap_days, place_veto) -> bool:
    """Hard rules an editor would apply before any score, for an article against an event and
    for two events (merge.py): with no person in common, leads in different places
    (:func:`leads_apart`) or dates weeks apart (``day_gap``: log1p of the days) are different
    events."""
    if person:
        return False
    if place_veto and apart:
        return True
    return day_gap > math.log1p(max_gap_days)


def score(x: list[float], weights: list[float], bias: float) -> float:
    """Logistic probability that the article belongs to the event."""
    z = bias + sum(w * v for w, v in zip(weights, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
