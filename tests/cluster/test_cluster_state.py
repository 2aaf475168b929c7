"""Saving and restoring an online clusterer; forgetting closed events."""

from __future__ import annotations

import dataclasses

import pytest

from newsfuse.cluster import OnlineClusterer, cluster_articles, load_params, load_state, save_state
from newsfuse.errors import ConfigError
from newsfuse.model import Correction


def _partition(events):
    return sorted(sorted(e.article_ids) for e in events)


@pytest.mark.parametrize("cut", [1, 3, 5])
def test_restored_clusterer_goes_on_exactly(stream, analysed_stream, cut):
    whole, whole_dups = cluster_articles(stream, analysed_stream, {})
    first = OnlineClusterer(forget_closed=True)
    for article, an in zip(stream[:cut], analysed_stream[:cut], strict=True):
        first.add(article, an, [])
    restored = load_state(save_state(first))
    for article, an in zip(stream[cut:], analysed_stream[cut:], strict=True):
        restored.add(article, an, [])
    assert _partition(restored.events()) == _partition(whole)
    assert {e.id for e in restored.events()} == {e.id for e in whole}
    assert restored.duplicates == whole_dups
    assert restored.placed("spring-copy") == "ev-spring-1"
    assert restored.duplicate_of("spring-copy").duplicate_of == "spring-1"
    assert set(restored.peers("spring-2")) == {"spring-1", "spring-2", "spring-copy", "spring-3"}


def test_corrections_survive_save_and_restore(stream, analysed_stream):
    clusterer = OnlineClusterer(forget_closed=True)
    for article, an in zip(stream[:4], analysed_stream[:4], strict=True):
        clusterer.add(article, an, [])
    clusterer.apply_correction(Correction(action="split", event_ids=["ev-spring-1"], article_ids=["spring-3"]))
    restored = load_state(save_state(clusterer))
    assert restored.placed("spring-3") == "ev-spring-3"
    for article, an in zip(stream[4:], analysed_stream[4:], strict=True):
        restored.add(article, an, [])
    assert ["spring-3"] in _partition(restored.events())


def test_forgetting_closed_events_bounds_what_is_kept(stream, analysed_stream):
    # A 7-day window and 14 days for follow-ups: the May events close, and are forgotten, before
    # the June ones arrive; the placements of the open events do not change.
    params = dataclasses.replace(load_params(), window_days=7, follow_up_days=14)
    keep, forget = OnlineClusterer(params), OnlineClusterer(params, forget_closed=True)
    for article, an in zip(stream, analysed_stream, strict=True):
        assert keep.add(article, an, []) == forget.add(article, an, [])
    assert forget.placed("spring-1") is None and keep.placed("spring-1") == "ev-spring-1"
    assert forget.duplicates == []
    assert _partition(forget.events()) == [["june-1", "june-2"]]
    assert len(save_state(forget)) < len(save_state(keep))


def test_bad_state_bytes_are_refused():
    with pytest.raises(ConfigError):
        load_state(b"not a state")
