"""Fit batch mode's event-merge model (``merge_weights``, ``merge_bias``, ``merge_threshold`` in
src/newsfuse/cluster/params.json) on the development data, two-fold cross-validated.

1. Each set is clustered exactly as ``cluster_articles`` does before merging (the online pass with
   the fitted online parameters, then recheck.py), from what ``newsfuse brief`` hands the
   clusterer (cluster_data.py's cache).
2. The candidate event pairs (``merge.scored_pairs``: nearest events by centroid that pass the
   hard rules) are labelled 1 when both events' majority gold event is the same.
3. Halves as in cluster_fit.py (ECB+ by topic parity, the others by a hash of the gold event).
   For each half, a logistic regression on the other half's pairs (each set weighted equally)
   scores its pairs; merges are planned with those held-out probabilities and scored per set.
   The threshold with the best held-out objective (mean B³ F1 + 0.5 × mean ARI, as
   cluster_fit.py) is kept, and the model refit on all pairs.

Usage: PYTHONPATH=src python benchmarks/cluster_merge_fit.py [--write] [--sets ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_pipeline  # noqa: E402
from cluster_fit import DEFAULT_SETS, _half, line, objective  # noqa: E402

from newsfuse.cluster import OnlineClusterer, load_params, stream_in_order  # noqa: E402
from newsfuse.cluster.merge import MERGE_FEATURE_NAMES, event_profiles, plan_merges, scored_pairs  # noqa: E402
from newsfuse.cluster.params import PARAMS_PATH  # noqa: E402
from newsfuse.cluster.recheck import recheck_small_events  # noqa: E402
from newsfuse.eval.cluster import score_clustering  # noqa: E402

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclasses.dataclass
class SetPairs:
    """One set clustered before merging, its candidate pairs and what the fit needs of them."""

    gold: dict[str, str]
    members: dict[int, list[str]]  # event key -> article ids
    first: dict[int, int]  # event key -> stream position of its first article
    pairs: list[tuple[int, int]]
    x: np.ndarray
    y: np.ndarray
    half: np.ndarray


def prepare(name: str, data: Path, params) -> SetPairs:
    articles, analysed, mentions = load_pipeline(data / name)
    clusterer = stream_in_order(OnlineClusterer(params, keep_features=True), articles, analysed, mentions)
    recheck_small_events(clusterer)
    gold = {a.id: a.extra["event_id"] for a in articles}
    topic = {a.id: a.extra.get("topic") for a in articles}
    profiles = event_profiles(clusterer)
    members = {k: list(clusterer._events[k].article_ids) for k in profiles}
    majority = {k: Counter(gold[a] for a in ids).most_common(1)[0][0] for k, ids in members.items()}
    first_article = {k: ids[0] for k, ids in members.items()}
    scored = scored_pairs(clusterer, profiles)
    return SetPairs(
        gold=gold,
        members=members,
        first={k: clusterer._info[clusterer._events[k].seed].seq for k in profiles},
        pairs=[(a, b) for a, b, _ in scored],
        x=np.array([x for _, _, x in scored], dtype=float).reshape(-1, len(MERGE_FEATURE_NAMES)),
        y=np.array([int(majority[a] == majority[b]) for a, b, _ in scored]),
        half=np.array([_half(topic[first_article[a]], majority[a]) for a, _, _ in scored]),
    )


def fit(sets: dict[str, SetPairs], use) -> tuple[np.ndarray, float]:
    """Logistic regression on the pairs ``use(name, set)`` selects, each set weighted equally."""
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for name, s in sets.items():
        mask = use(name, s)
        if mask.sum():
            xs.append(s.x[mask])
            ys.append(s.y[mask])
            ws.append(np.full(int(mask.sum()), 1000.0 / mask.sum()))
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(np.vstack(xs), np.concatenate(ys), sample_weight=np.concatenate(ws))
    return model.coef_[0], float(model.intercept_[0])


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -50, 50)))


def merged_scores(s: SetPairs, prob: np.ndarray, threshold: float):
    ranked = [(float(p), a, b) for p, (a, b) in zip(prob, s.pairs)]
    into = dict.fromkeys(s.members)
    for keep, gone in plan_merges(ranked, threshold, s.first):
        into[gone] = keep
    labels = {}
    for key, ids in s.members.items():
        root = key
        while into[root] is not None:
            root = into[root]
        labels.update((a, str(root)) for a in ids)
    return score_clustering(labels, s.gold)


def rounded(figures) -> dict:
    return {n: {"bcubed_f1": round(s.bcubed_f1, 4), "ari": round(s.ari, 4)} for n, s in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="*", default=DEFAULT_SETS)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--candidates", type=int, default=None, help="merge_candidates (default: params.json's)")
    parser.add_argument("--write", action="store_true", help="write the fit into params.json")
    args = parser.parse_args()
    params = load_params(merge=False)
    if args.candidates:
        params = dataclasses.replace(params, merge_candidates=args.candidates)
    sets = {name: prepare(name, Path(args.data), params) for name in args.sets}
    for name, s in sets.items():
        print(f"{name}: {len(s.members)} events, {len(s.pairs)} candidate pairs, {int(s.y.sum())} of one event")
    held_prob = {name: np.zeros(len(s.y)) for name, s in sets.items()}
    for half in (0, 1):
        weights, bias = fit(sets, lambda _n, s, h=half: s.half != h)
        for name, s in sets.items():
            mask = s.half == half
            held_prob[name][mask] = probabilities(s.x[mask], weights, bias)
    before = {name: merged_scores(s, np.zeros(len(s.y)), 1.0) for name, s in sets.items()}
    print(f"no merging: {line(before)}")
    results = {}
    for threshold in THRESHOLDS:
        results[threshold] = {name: merged_scores(s, held_prob[name], threshold) for name, s in sets.items()}
        figures = results[threshold]
        print(f"held out, threshold {threshold}: {line(figures)}  objective {objective(figures):.4f}")
    best = max(THRESHOLDS, key=lambda t: objective(results[t]))
    weights, bias = fit(sets, lambda _n, s: np.ones(len(s.y), bool))
    in_sample = {name: merged_scores(s, probabilities(s.x, weights, bias), best) for name, s in sets.items()}
    print(f"chosen threshold {best}; refit on all pairs: {line(in_sample)}")
    for name, w in zip(MERGE_FEATURE_NAMES, weights):
        print(f"  {name:20s} {w:+.3f}")
    print(f"  {'bias':20s} {bias:+.3f}")
    if args.write:
        data = json.loads(PARAMS_PATH.read_text(encoding="utf-8"))
        data["merge_weights"] = {n: round(float(w), 4) for n, w in zip(MERGE_FEATURE_NAMES, weights)}
        data["merge_bias"] = round(bias, 4)
        data["merge_threshold"] = best
        data["merge_candidates"] = params.merge_candidates
        data.setdefault("fit", {})["merge"] = {
            "_doc": "benchmarks/cluster_merge_fit.py: before merging, and merged with held-out "
            "probabilities (each half scored by a model fit on the other)",
            "before": rounded(before),
            "held_out": rounded(results[best]),
        }
        PARAMS_PATH.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_PATH}")


if __name__ == "__main__":
    main()
