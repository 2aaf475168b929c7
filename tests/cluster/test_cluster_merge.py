"""Batch mode's last look (merge.py): the pieces of one event are merged, look-alike events in
other places or weeks apart are not, a user's split is never undone, ids name first articles."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsfuse.cluster import OnlineClusterer, cluster_articles, load_params, stream_in_order
from newsfuse.cluster.merge import MERGE_FEATURE_NAMES, merge_events, plan_merges
from newsfuse.errors import ConfigError
from newsfuse.model import Correction


def _in_pieces(stream, analysed_stream, corrections=()):
    """A clusterer that left every article its own event (a threshold no pair reaches while
    streaming), given the fitted parameters for the last look."""
    fitted = load_params()
    apart = dataclasses.replace(fitted, threshold=1.0 - 1e-12)
    clusterer = stream_in_order(OnlineClusterer(apart, corrections, keep_features=True), stream, analysed_stream, {})
    clusterer.params = fitted
    return clusterer


def _partition(clusterer):
    return sorted((e.id, sorted(e.article_ids)) for e in clusterer.events())


def test_pieces_of_one_event_are_merged_and_lookalikes_are_not(stream, analysed_stream):
    clusterer = _in_pieces(stream, analysed_stream)
    assert len(clusterer.events()) == 7  # the wire copy follows its first copy even so
    merged = merge_events(clusterer)
    assert merged, "nothing merged"
    assert _partition(clusterer) == [
        ("ev-fresno-1", ["fresno-1", "fresno-2"]),
        ("ev-june-1", ["june-1", "june-2"]),
        ("ev-spring-1", ["spring-1", "spring-2", "spring-3", "spring-copy"]),
    ]
    # The kept event is the one whose first article came first.
    assert {kept for kept, _ in merged} == {"ev-spring-1", "ev-fresno-1", "ev-june-1"}


def test_a_users_split_is_never_undone(stream, analysed_stream):
    split = Correction(action="split", event_ids=["ev-spring-1"], article_ids=["spring-3"])
    clusterer = _in_pieces(stream, analysed_stream, [split])
    merge_events(clusterer)
    spring = next(e for e in clusterer.events() if "spring-1" in e.article_ids)
    assert "spring-3" not in spring.article_ids
    assert {"spring-1", "spring-2"} <= set(spring.article_ids)


def test_batch_mode_merges_and_the_stream_does_not(stream, analysed_stream):
    apart = dataclasses.replace(load_params(), threshold=1.0 - 1e-12)
    plain, _ = cluster_articles(stream, analysed_stream, {}, params=apart, recheck=False)
    batch, _ = cluster_articles(stream, analysed_stream, {}, params=apart)
    assert len(plain) == 7
    assert len(batch) < len(plain)
    no_model = dataclasses.replace(apart, merge_weights=())
    assert len(cluster_articles(stream, analysed_stream, {}, params=no_model)[0]) == 7


def test_plan_merges_most_probable_first_and_keeps_the_earliest():
    ranked = [(0.7, 1, 2), (0.9, 2, 3), (0.65, 3, 4), (0.2, 4, 5)]
    first = {1: 10, 2: 5, 3: 7, 4: 1, 5: 0}
    # 2+3 (keep 2: first at 5), then 1 into 2, then 3's event (now 2) with 4: 4 came first.
    assert list(plan_merges(ranked, 0.6, first)) == [(2, 3), (2, 1), (4, 2)]
    assert list(plan_merges(ranked, 0.95, first)) == []
    assert list(plan_merges(ranked, 0.6, first, lambda keep, gone: gone != 1)) == [(2, 3), (4, 2)]


def test_merge_parameters_are_checked(tmp_path):
    with pytest.raises(ConfigError, match="merge weights"):
        dataclasses.replace(load_params(), merge_weights=(1.0, 2.0))
    data = json.loads(load_params().to_json())
    assert list(data["merge_weights"]) == list(MERGE_FEATURE_NAMES)
    data["merge_weights"] = [1.0]
    path = tmp_path / "params.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="merge_weights"):
        load_params(path)


def test_a_split_holds_against_a_chain_of_merges():
    # Events 2 and 3 must stay apart: once 2 is merged into 1, event 1 may not take 3.
    ranked = [(0.9, 1, 2), (0.8, 1, 3)]
    first = {1: 0, 2: 1, 3: 2}
    members = {1: {1}, 2: {2}, 3: {3}}

    def allowed(keep, gone):
        return not {2, 3} <= members[keep] | members[gone]

    plan = []
    for keep, gone in plan_merges(ranked, 0.5, first, allowed):
        members[keep] |= members.pop(gone)  # applied before the next decision, as merge_events does
        plan.append((keep, gone))
    assert plan == [(1, 2)]
    assert members == {1: {1, 2}, 3: {3}}
