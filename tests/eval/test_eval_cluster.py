"""Clustering metrics on hand-made cases with known values, and `newsfuse eval cluster`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import InputError
from newsfuse.eval.cluster import (
    baseline_tfidf_agglomerative,
    bcubed,
    ceaf_e,
    load_gold_articles,
    read_system_labels,
    score_clustering,
)

GOLD = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
SYSTEM = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}


def test_bcubed_known_values():
    # a, b: P 2/3 R 1; c: P 1/3 R 1/3; d, e: P 1 R 2/3  ->  P = R = 11/15.
    p, r, f = bcubed(SYSTEM, GOLD)
    assert p == pytest.approx(11 / 15) and r == pytest.approx(11 / 15) and f == pytest.approx(11 / 15)


def test_ceaf_e_known_values():
    # Best alignment {a,b}-{a,b,c} (phi4 0.8) and {c,d,e}-{d,e} (0.8): 1.6 over 2 and 2 clusters.
    p, r, f = ceaf_e(SYSTEM, GOLD)
    assert (p, r, f) == pytest.approx((0.8, 0.8, 0.8))
    # Everything in one system cluster: phi4 of {a..e} with {c,d,e} is 6/8, one system cluster.
    p, r, _ = ceaf_e({k: "all" for k in GOLD}, GOLD)
    assert p == pytest.approx(0.75) and r == pytest.approx(0.375)


def test_ari_and_perfect_and_singleton_cases():
    assert score_clustering(SYSTEM, GOLD).ari == pytest.approx(1 / 6)
    perfect = score_clustering({k: f"s{v}" for k, v in GOLD.items()}, GOLD)
    assert (perfect.bcubed_f1, perfect.ceaf_e, perfect.ari) == pytest.approx((1, 1, 1))
    # Articles the output lacks are singletons: the empty output scores like all-singletons.
    empty = score_clustering({}, GOLD)
    singletons = score_clustering({k: k for k in GOLD}, GOLD)
    assert empty == singletons
    assert empty.bcubed_p == 1.0 and empty.bcubed_r == pytest.approx((0.5 * 2 + 3 * (1 / 3)) / 5)
    assert empty.system_clusters == 5


def _gold_dir(tmp_path):
    texts = {
        "a": ("1", "The dam on the northern river burst after days of heavy rain, flooding two villages."),
        "b": ("1", "Heavy rain burst the dam on the northern river and two villages were flooded."),
        "c": ("2", "A chess prodigy aged twelve won the national championship in the capital."),
        "d": ("2", "The national chess championship was won by a twelve-year-old prodigy."),
    }
    gold = tmp_path / "gold"
    gold.mkdir()
    with (gold / "articles.jsonl").open("w") as fh:
        for article_id, (event, text) in texts.items():
            row = {"id": article_id, "event_id": event, "title": None, "text": text, "published": None}
            fh.write(json.dumps(row) + "\n")
    return gold


def test_read_system_labels_accepts_brief_json_and_jsonl(tmp_path):
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps({"events": [{"id": "e1", "article_ids": ["a", "b"]}]}))
    assert read_system_labels(brief) == {"a": "e1", "b": "e1"}
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"article_id": "a", "event_id": "x"}\n{"article_id": "c", "event_id": "y"}\n')
    assert read_system_labels(rows) == {"a": "x", "c": "y"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": "a"}\n')
    with pytest.raises(InputError, match="bad.jsonl:1"):
        read_system_labels(bad)


def test_baseline_groups_the_obvious_pairs(tmp_path):
    labels = baseline_tfidf_agglomerative(load_gold_articles(_gold_dir(tmp_path)))
    assert labels["a"] == labels["b"] and labels["c"] == labels["d"] and labels["a"] != labels["c"]


def test_cli_prints_scores_and_baseline(tmp_path):
    gold = _gold_dir(tmp_path)
    output = tmp_path / "out.jsonl"
    output.write_text('{"article_id": "a", "event_id": "e1"}\n{"article_id": "b", "event_id": "e1"}\n')
    result = CliRunner().invoke(app, ["eval", "cluster", str(output), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["newsfuse"]["bcubed_p"] == 1.0
    assert figures["newsfuse"]["bcubed_r"] == pytest.approx(0.75)  # c and d missing: singletons
    assert figures["baseline"]["bcubed_f1"] == pytest.approx(1.0)
    text = CliRunner().invoke(app, ["eval", "cluster", str(output), str(gold)])
    assert "2 missing from the output" in text.output and "baseline" in text.output
