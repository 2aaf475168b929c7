"""Batch mode's last look: two events that are one event are merged.

Online, an article is compared with each open event through the article-against-event score, and
an event that started from a short or oddly worded first report can miss the reports that came
after it; they start an event of their own, and the two halves of one occurrence never meet
again. Once the whole corpus is placed, each event is compared, as a whole, with its nearest
events: its centroid, its words, the people, places, dates, years and figures of all its reports
against theirs. A second logistic model (``merge_weights``, fit by
``benchmarks/cluster_merge_fit.py`` on the same development data as the online score, two-fold
cross-validated) gives the probability that the two are one event; pairs from the most probable
down are merged while they reach ``merge_threshold``.

The cost stays linear in the corpus: ``merge_candidates`` neighbours per event from an
approximate nearest-neighbour index over the event centroids, and a few set look-ups per pair.
The same hard rules as online hold: two events weeks apart, or in different places, with no
person in common, are not merged, and neither are events a user split (corrections).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np
from usearch.index import Index

from newsfuse.cluster.similarity import (
    EventProfile,
    lead_places_conflict,
    pair_features,
    ruled_out,
    score,
)

#: The event-pair features, in the order of the fitted ``merge_weights``.
MERGE_FEATURE_NAMES: tuple[str, ...] = (
    "embedding_cosine",
    "lexical_cosine",
    "person_share_min",
    "person_share_max",
    "person_conflict",
    "place_share_min",
    "place_share_max",
    "lead_place_conflict",
    "other_share_min",
    "other_share_max",
    "day_gap_log",
    "undated_sides",
    "year_match",
    "year_conflict",
    "count_match",
    "count_conflict",
    "smaller_size_log",
    "larger_size_log",
    "join_mean",
    "join_max",
    "embedding_max",
)

#: Articles of the smaller event scored against the larger one for the join features.
JOIN_ARTICLES = 8


def event_profiles(clusterer) -> dict[int, EventProfile]:
    """A fresh profile of every non-empty event from all its placed articles' features (batch
    mode keeps them: ``keep_features``), folded as online: copies and roundups are not."""
    feats_of, info, max_terms = clusterer._feats, clusterer._info, clusterer.params.max_terms
    profiles = {}
    for key, event in clusterer._events.items():
        members = [a for a in event.article_ids if a in feats_of]
        if not members:
            continue
        profile = EventProfile(key=key, id=event.id, seed=event.seed)
        for article_id in members:
            feats, weights = feats_of[article_id]
            profile.touch(feats)
            if info[article_id].folded:
                profile.fold(feats, weights, max_terms)
        if profile.profile_members == 0:  # only copies and roundups: their first one speaks
            profile.fold(*feats_of[members[0]], max_terms)
        profiles[key] = profile
    return profiles


def _share(names, other, idf: Callable[[str], float]) -> float:
    """The rarity-weighted share of ``names`` that ``other`` has too."""
    total = sum(idf(n) for n in names)
    return sum(idf(n) for n in names if n in other) / total if total else 0.0


def _figures_conflict(a: EventProfile, b: EventProfile) -> bool:
    for slot in ("killed", "injured"):
        mine = {n for s, n in a.counts if s == slot}
        theirs = {n for s, n in b.counts if s == slot}
        if mine and theirs and not mine & theirs:
            return True
    return False


def join_scores(
    clusterer, small: EventProfile, large: EventProfile, name_idf: dict[str, dict[str, float]]
) -> tuple[float, float, float]:
    """The online decision taken again with both events complete: the online probability of
    each of the smaller event's first articles against the larger event (mean and best), and
    the best embedding cosine of one's report with the other's. ``name_idf`` caches each
    article's name weights (and so its side of the pair features) across pairs."""
    p = clusterer.params
    probabilities, best_cosine = [], 0.0
    matrix, _ = large.member_index()
    for article_id in small.article_ids[:JOIN_ARTICLES]:
        feats, weights = clusterer._feats[article_id]
        idf = name_idf.get(article_id)
        if idf is None:
            idf = name_idf[article_id] = clusterer.name_idf(feats)
        x = pair_features(feats, weights, large, idf)
        probabilities.append(score(x, p.weights, p.bias))
        if matrix is not None and feats.embedding.size:
            best_cosine = max(best_cosine, float((matrix @ feats.embedding).max()))
    return sum(probabilities) / len(probabilities), max(probabilities), best_cosine


def event_pair_features(
    a: EventProfile, b: EventProfile, idf: Callable[[str], float], joins: tuple[float, float, float]
) -> list[float]:
    """The feature vector (``MERGE_FEATURE_NAMES`` order) of two events (symmetric in a, b) and
    the :func:`join_scores` of the smaller against the larger."""
    ca, cb = a.centroid(), b.centroid()
    emb = float(ca @ cb) if ca is not None and cb is not None else 0.0
    lex = 0.0
    if a.terms_norm and b.terms_norm:
        small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
        lex = sum(w * large[t] for t, w in small.items() if t in large) / (a.terms_norm * b.terms_norm)
    persons = (_share(a.persons, b.persons, idf), _share(b.persons, a.persons, idf))
    places = (_share(a.places, b.places, idf), _share(b.places, a.places, idf))
    others = (_share(a.others, b.others, idf), _share(b.others, a.others, idf))
    lead_conflict = lead_places_conflict(a.lead_places, a.places, b.lead_places, b.places)
    gap = _day_gap(a, b)
    years_shared = any(y in b.years for y in a.years)
    sizes = sorted((len(a.article_ids), len(b.article_ids)))
    return [
        emb,
        lex,
        min(persons),
        max(persons),
        float(bool(a.persons) and bool(b.persons) and persons[0] == 0.0),
        min(places),
        max(places),
        float(lead_conflict),
        min(others),
        max(others),
        math.log1p(gap),
        float(a.first_day is None) + float(b.first_day is None),
        float(years_shared),
        float(bool(a.years) and bool(b.years) and not years_shared),
        float(bool(a.counts & b.counts)),
        float(_figures_conflict(a, b)),
        math.log1p(sizes[0]),
        math.log1p(sizes[1]),
        *joins,
    ]


def _day_gap(a: EventProfile, b: EventProfile) -> int:
    if a.first_day is None or b.first_day is None:
        return 0
    return max(0, a.first_day - b.last_day, b.first_day - a.last_day)


def _ruled_out(a: EventProfile, b: EventProfile, p) -> bool:
    """The online hard rules (``similarity.ruled_out``) for two events, with the narrower place
    rule: no place in common at all, and neither lead's places named in the other. Two pieces
    of one event often differ in the places their leads give; the online rule (leads apart)
    kept them apart here too (ECB+ B-cubed recall 0.927 -> 0.917, gvc-train 0.965 -> 0.958)."""
    apart = lead_places_conflict(a.lead_places, a.places, b.lead_places, b.places) and not any(
        n in b.places for n in a.places
    )
    return ruled_out(
        any(n in b.persons for n in a.persons),
        apart,
        math.log1p(_day_gap(a, b)),
        p.max_gap_days,
        p.place_veto,
    )


def candidate_pairs(profiles: dict[int, EventProfile], neighbours: int) -> list[tuple[int, int]]:
    """Each event with its ``neighbours`` nearest events by centroid (each pair once, smaller
    key first, in a stable order)."""
    keys = [k for k, p in profiles.items() if p.centroid() is not None and p.centroid().size]
    if len(keys) < 2 or neighbours < 1:
        return []
    vectors = np.vstack([profiles[k].centroid() for k in keys]).astype(np.float32)
    index = Index(ndim=vectors.shape[1], metric="cos", dtype="f32")
    index.add(np.asarray(keys, dtype=np.uint64), vectors, threads=1)
    found = index.search(vectors, min(neighbours + 1, len(keys)), threads=1)
    pairs = set()
    for row, key in enumerate(keys):
        for other in found.keys[row][: found.counts[row]]:
            other = int(other)
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return sorted(pairs)


def scored_pairs(clusterer, profiles: dict[int, EventProfile]) -> list[tuple[int, int, list[float]]]:
    """The candidate pairs that survive the hard rules, with their features."""
    p = clusterer.params
    idf = clusterer.entity_idf
    out, name_idf = [], {}
    for a, b in candidate_pairs(profiles, p.merge_candidates):
        small, large = sorted((profiles[a], profiles[b]), key=lambda e: (len(e.article_ids), e.key))
        if not _ruled_out(small, large, p):
            joins = join_scores(clusterer, small, large, name_idf)
            out.append((a, b, event_pair_features(small, large, idf, joins)))
    return out


def merge_events(clusterer) -> list[tuple[str, str]]:
    """Merge the events the event-pair model calls one (batch mode, after recheck.py).

    Args:
        clusterer: an :class:`~newsfuse.cluster.online.OnlineClusterer` that has seen the whole
            corpus and kept its articles' features (``keep_features=True``).

    Returns:
        (kept event id, merged event id) per merge, most probable first. The kept event is the
        one whose first article came first, so every event id still names its first article.
    """
    p = clusterer.params
    if not p.merge_weights:
        return []
    profiles = event_profiles(clusterer)
    ranked = [
        (score(x, p.merge_weights, p.merge_bias), a, b)  # the same logistic as online
        for a, b, x in scored_pairs(clusterer, profiles)
    ]
    first = {k: clusterer._info[e.seed].seq for k, e in clusterer._events.items() if k in profiles}
    merged = []
    allowed = lambda a, b: not _cannot_link(clusterer, a, b)  # noqa: E731
    for keep, gone in plan_merges(ranked, p.merge_threshold, first, allowed):
        clusterer._absorb(keep, gone)  # as a user's merge: profile rebuilt, the other closed
        merged.append((clusterer._events[keep].id, profiles[gone].id))
    return merged


def plan_merges(
    ranked: list[tuple[float, int, int]],
    threshold: float,
    first: dict[int, int],
    allowed: Callable[[int, int], bool] = lambda a, b: True,
) -> Iterator[tuple[int, int]]:
    """The merges, as (kept, merged) event keys in the order to apply them: pairs from the most
    probable down while they reach ``threshold``; a pair already in one event is skipped, and
    the event whose first article came first (``first``: key -> its stream position) is kept.
    A generator: a caller that applies each merge before taking the next lets
    ``allowed(kept, merged)`` see the events as merged so far (user corrections)."""
    parent: dict[int, int] = {}

    def root(key: int) -> int:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for probability, a, b in sorted(ranked, key=lambda t: (-t[0], t[1], t[2])):
        if probability < threshold:
            break
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        keep, gone = sorted((ra, rb), key=lambda k: (first[k], k))
        if not allowed(keep, gone):
            continue
        parent[gone] = keep
        yield keep, gone


def _cannot_link(clusterer, a: int, b: int) -> bool:
    cannot = clusterer._cannot
    if not cannot:
        return False
    theirs = set(clusterer._events[b].article_ids)
    return any(cannot.get(x, set()) & theirs for x in clusterer._events[a].article_ids)

