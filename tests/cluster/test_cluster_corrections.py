"""Corrections (merge, split) survive re-clustering of later articles."""

from __future__ import annotations

import pytest

from newsfuse.cluster import OnlineClusterer, apply_corrections, cluster_articles, publication_order
from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.model import Correction, Event


def _event_of(events, article_id):
    return next(e for e in events if article_id in e.article_ids)


def test_merge_survives_reclustering_with_later_articles(stream, analysed_stream):
    early = [i for i in publication_order(stream) if stream[i].id.startswith(("spring", "fresno"))]
    events, _ = cluster_articles([stream[i] for i in early], [analysed_stream[i] for i in early], {})
    spring, fresno = _event_of(events, "spring-1"), _event_of(events, "fresno-1")
    assert spring.id != fresno.id
    merge = Correction(action="merge", event_ids=[spring.id, fresno.id])
    # Re-cluster everything, later articles included, with the correction recorded.
    events, _ = cluster_articles(stream, analysed_stream, {}, corrections=[merge])
    merged = _event_of(events, "spring-1")
    assert merged.id == spring.id
    assert {"spring-1", "spring-2", "spring-3", "fresno-1", "fresno-2"} <= set(merged.article_ids)
    assert "june-1" not in merged.article_ids
    assert merged.independent_sources == len(merged.source_groups)


def test_split_survives_reclustering_and_keeps_articles_apart(stream, analysed_stream):
    events, _ = cluster_articles(stream, analysed_stream, {})
    spring = _event_of(events, "spring-1")
    split = Correction(action="split", event_ids=[spring.id], article_ids=["spring-3"])
    events, _ = cluster_articles(stream, analysed_stream, {}, corrections=[split])
    assert _event_of(events, "spring-3").article_ids == ["spring-3"]
    assert _event_of(events, "spring-3").id == "ev-spring-3"
    assert set(_event_of(events, "spring-1").article_ids) == {"spring-1", "spring-2", "spring-copy"}


def test_live_correction_constrains_articles_still_to_come(stream, analysed_stream):
    clusterer = OnlineClusterer()
    order = publication_order(stream)
    for i in order[:5]:  # the Springfield reports and the first Fresno one
        clusterer.add(stream[i], analysed_stream[i])
    ids = clusterer.assignments()
    clusterer.apply_correction(Correction(action="merge", event_ids=[ids["spring-1"], ids["fresno-1"]]))
    for i in order[5:]:
        clusterer.add(stream[i], analysed_stream[i])
    events = clusterer.events()
    assert _event_of(events, "fresno-2") is _event_of(events, "spring-1")
    assert _event_of(events, "june-1") is not _event_of(events, "spring-1")


def test_apply_corrections_is_idempotent_and_keeps_duplicates():
    events = [
        Event(id="ev-a", article_ids=["a", "a2", "b"], duplicates={"a": ["a2"]},
              source_groups=[["a", "a2"], ["b"]], independent_sources=2),
        Event(id="ev-c", article_ids=["c"], source_groups=[["c"]], independent_sources=1),
    ]
    corrections = [
        Correction(action="split", event_ids=["ev-a"], article_ids=["b"]),
        Correction(action="merge", event_ids=["ev-c", "ev-b"]),
    ]
    once = apply_corrections(events, corrections)
    twice = apply_corrections(once, corrections)
    assert [e.model_dump() for e in once] == [e.model_dump() for e in twice]
    by_id = {e.id: e for e in once}
    assert set(by_id) == {"ev-a", "ev-c"}
    assert by_id["ev-a"].duplicates == {"a": ["a2"]} and by_id["ev-a"].independent_sources == 1
    assert set(by_id["ev-c"].article_ids) == {"c", "b"} and by_id["ev-c"].independent_sources == 2


def test_bad_corrections_are_refused():
    with pytest.raises(ConfigError, match="at least two"):
        apply_corrections([], [Correction(action="merge", event_ids=["ev-a"])])
    with pytest.raises(ConfigError, match="exactly one event"):
        apply_corrections([], [Correction(action="split", event_ids=["ev-a"])])
    with pytest.raises(NotFoundError, match="ev-zzz"):
        apply_corrections([], [Correction(action="merge", event_ids=["ev-zzz", "ev-y"])], strict=True)
