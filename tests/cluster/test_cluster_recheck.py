"""Batch mode's second look at small events (recheck.py): an article glued to an event it does
not fit leaves it, right members stay, ids keep naming each event's first article."""

from __future__ import annotations

import dataclasses

import pytest

from newsfuse.cluster import OnlineClusterer, cluster_articles, load_params, publication_order
from newsfuse.cluster.recheck import recheck_small_events
from newsfuse.model import Correction


def _glued(stream, analysed_stream, ids, corrections=()):
    """A clusterer that put ``ids`` into one event: threshold 0 and no vetoes while streaming,
    the fitted parameters for the second look."""
    fitted = load_params()
    glue = dataclasses.replace(fitted, threshold=1e-9, place_veto=False, max_gap_days=1000.0)
    clusterer = OnlineClusterer(glue, corrections, keep_features=True)
    by_id = {a.id: (a, an) for a, an in zip(stream, analysed_stream, strict=True)}
    for article_id in ids:
        clusterer.add(*by_id[article_id], [])
    assert len(clusterer.events()) == 1
    clusterer.params = fitted
    return clusterer


def _partition(clusterer):
    return sorted((e.id, sorted(e.article_ids)) for e in clusterer.events())


@pytest.mark.parametrize(
    "glued",
    [
        ["spring-1", "spring-2", "spring-3", "fresno-1"],  # the look-alike joined last
        ["fresno-1", "spring-1", "spring-2", "spring-3"],  # it started the event: the rest is renamed
    ],
    ids=["lookalike-last", "lookalike-first"],
)
def test_lookalike_leaves_the_event_it_was_glued_to(stream, analysed_stream, glued):
    clusterer = _glued(stream, analysed_stream, glued)
    assert recheck_small_events(clusterer) == ["fresno-1"]
    assert _partition(clusterer) == [
        ("ev-fresno-1", ["fresno-1"]),
        ("ev-spring-1", ["spring-1", "spring-2", "spring-3"]),
    ]


def test_a_users_correction_is_never_undone(stream, analysed_stream):
    merge = Correction(action="merge", event_ids=["ev-spring-1", "ev-fresno-1"])
    clusterer = _glued(stream, analysed_stream, ["spring-1", "spring-2", "fresno-1"], [merge])
    assert recheck_small_events(clusterer) == []


def test_off_or_too_large_events_change_nothing(stream, analysed_stream):
    clusterer = _glued(stream, analysed_stream, ["spring-1", "spring-2", "spring-3", "fresno-1"])
    clusterer.params = dataclasses.replace(clusterer.params, recheck_max_size=3)
    assert recheck_small_events(clusterer) == []
    clusterer.params = dataclasses.replace(clusterer.params, recheck_max_size=0)
    assert recheck_small_events(clusterer) == []


def test_batch_without_recheck_is_exactly_the_stream(stream, analysed_stream):
    params = dataclasses.replace(load_params(), threshold=1e-9, place_veto=False, max_gap_days=1000.0)
    clusterer = OnlineClusterer(params)
    for i in publication_order(stream):
        clusterer.add(stream[i], analysed_stream[i], [])
    plain, _ = cluster_articles(stream, analysed_stream, {}, params=params, recheck=False)
    assert [e.model_dump() for e in plain] == [e.model_dump() for e in clusterer.events()]
    rechecked, _ = cluster_articles(stream, analysed_stream, {}, params=params)
    assert len(rechecked) == len(plain)  # threshold ~0: nothing fails the second look either
