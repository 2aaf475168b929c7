"""Fit the cluster parameters (src/newsfuse/cluster/params.json) on the development data.

1. Replay each data set in publication order with the gold events as the clustering (teacher
   forcing): for every article, the events the nearest-neighbour index offers are scored pairs,
   labelled 1 for the article's gold event and 0 for the others.
2. Fit one logistic regression on the pairs of all data sets (each set weighted equally).
3. Run the real online clusterer with each threshold of a grid on every set and keep the one
   threshold with the best mean B-cubed F1 (ARI counts on the realistic gva-dev stream).

Usage: PYTHONPATH=src python benchmarks/cluster_fit.py [--write] [DATA_DIR ...]
(analyse output is cached under /tmp by benchmarks/cluster_data.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_analysed  # noqa: E402

from newsfuse.cluster import OnlineClusterer, cluster_articles, load_params, publication_order  # noqa: E402
from newsfuse.cluster.params import PARAMS_PATH  # noqa: E402
from newsfuse.cluster.similarity import FEATURE_NAMES, vetoed  # noqa: E402
from newsfuse.eval.cluster import score_clustering  # noqa: E402

DEFAULT_SETS = ["ecbplus", "gvc-train", "gva-dev"]


def gold_pairs(articles, analysed, params):
    """(X, y, candidate recall) from replaying the gold clustering."""
    by_id = {a.article_id: a for a in analysed}
    clusterer = OnlineClusterer(params)
    gold_key: dict[str, object] = {}
    rows, labels, found, total = [], [], 0, 0
    vetoes = [0, 0]
    for i in publication_order(articles):
        article = articles[i]
        label = article.extra["event_id"]
        feats, weights = clusterer.prepare(article, by_id.get(article.id), None)
        cands = clusterer.candidates(feats)
        target = gold_key.get(label)
        if target is not None and target.key in clusterer._open:
            total += 1
            found += any(c.key == target.key for c in cands)
            if all(c.key != target.key for c in cands):
                cands = [*cands, target]
        for event in cands:
            x = clusterer.features_against(feats, weights, event)
            is_gold = int(target is not None and event.key == target.key)
            vetoes[is_gold] += vetoed(x, params.max_gap_days, params.place_veto)
            if vetoed(x, params.max_gap_days, params.place_veto):
                continue  # never scored at run time
            rows.append(x)
            labels.append(is_gold)
        key = clusterer.place(feats, weights, target)
        gold_key[label] = clusterer._events[key]
    print(f"  vetoed pairs: {vetoes[0]} wrong, {vetoes[1]} right")
    return np.array(rows), np.array(labels), found / max(total, 1)


def evaluate(articles, analysed, params):
    events, _ = cluster_articles(articles, analysed, {}, params=params)
    system = {a: e.id for e in events for a in e.article_ids}
    gold = {a.id: a.extra["event_id"] for a in articles}
    return score_clustering(system, gold)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=DEFAULT_SETS)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--write", action="store_true", help="write params.json")
    parser.add_argument("--C", type=float, default=1.0)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    base = load_params()
    data = {name: load_analysed(Path(args.data) / name) for name in args.sets}
    xs, ys, ws = [], [], []
    for name, (articles, analysed) in data.items():
        x, y, recall = gold_pairs(articles, analysed, base)
        print(f"{name}: {len(y)} pairs, {int(y.sum())} positive, candidate recall {recall:.3f}")
        xs.append(x)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / len(y)))
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    model = LogisticRegression(C=args.C, max_iter=2000).fit(x, y, sample_weight=w * len(y))
    weights = tuple(round(float(v), 4) for v in model.coef_[0])
    for n, v in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {n:22s} {v:+.3f}")
    print(f"  bias {model.intercept_[0]:+.3f}")
    best = None
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        params = dataclasses.replace(base, weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold)
        figures, start = {}, time.perf_counter()
        for name, (articles, analysed) in data.items():
            figures[name] = evaluate(articles, analysed, params)
        line = "  ".join(f"{n} F1 {s.bcubed_f1:.3f} ARI {s.ari:.3f}" for n, s in figures.items())
        objective = np.mean([s.bcubed_f1 for s in figures.values()]) + 0.5 * np.mean([s.ari for s in figures.values()])
        print(f"threshold {threshold:.2f}: {line}  ({time.perf_counter() - start:.0f}s)")
        if best is None or objective > best[0]:
            best = (objective, params, figures)
    _, params, figures = best
    print(f"best threshold {params.threshold}")
    if args.write:
        data_out = json.loads(params.to_json())
        data_out = {
            "_doc": "Fitted by benchmarks/cluster_fit.py on " + ", ".join(args.sets) + "; see docs/cluster.md.",
            **data_out,
            "fit": {n: {"bcubed_f1": round(s.bcubed_f1, 4), "ari": round(s.ari, 4)} for n, s in figures.items()},
        }
        PARAMS_PATH.write_text(json.dumps(data_out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_PATH}")


if __name__ == "__main__":
    main()
