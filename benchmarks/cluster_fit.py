"""Fit the cluster parameters (src/newsfuse/cluster/params.json) on the development data, with
two-fold cross-validation so the figures reported are on articles the fit did not see.

The data is exactly what ``newsfuse brief`` hands the clusterer (ingested articles with their
dates, analyse output, extracted mentions; cached by cluster_data.py). Per configuration
(``use_mentions`` × ``max_gap_days`` × ``window_days`` × ``recheck_max_size``):

1. Replay each set in publication order with the gold events as the clustering (teacher
   forcing): for every article, the open events the index offers (and its gold event) that
   survive the vetoes are pairs, labelled 1 for its gold event and 0 otherwise.
2. Every set is split in two halves: ECB+ by topic parity (a topic's two look-alike events stay
   together), the GVA/GVC sets by a hash of the gold event id. For each fold, one logistic
   regression on the pairs of the training half of all sets (each set weighted equally); the
   threshold is chosen on the training half's articles (the real clusterer over the whole
   stream, as ``cluster_articles`` runs it: the online pass, then batch mode's second look at
   small events, recheck.py; scored on that half); the figures of the other half are the
   held-out figures.
3. The final parameters (without batch mode's merge model, which benchmarks/cluster_merge_fit.py
   fits next on this output): the configuration with the best held-out objective (mean B³ F1 + 0.5 ×
   mean ARI over the sets), refit on all pairs, its threshold chosen on all articles.

Features are memoised per article, so one clustering run of all sets costs a few seconds.

``--online-rounds N`` adds, N times, the pairs the clusterer itself scores when run with the
weights fit so far (its own events, labelled by their majority gold event) to the gold-replay
pairs and refits; off by default (it scored lower held out, docs/cluster.md).

Usage: PYTHONPATH=src python benchmarks/cluster_fit.py [--write] [--sets ecbplus gvc-train gva-dev]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_pipeline  # noqa: E402

import newsfuse.cluster.online as online  # noqa: E402
from newsfuse.cluster import OnlineClusterer, cluster_articles, load_params, publication_order, stream_in_order  # noqa: E402
from newsfuse.cluster.params import PARAMS_PATH  # noqa: E402
from newsfuse.cluster.similarity import FEATURE_NAMES  # noqa: E402
from newsfuse.eval.cluster import score_clustering  # noqa: E402

DEFAULT_SETS = ["ecbplus", "gvc-train", "gva-dev"]
THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


def memoise_features() -> None:
    """Compute each article's features once per process (they depend only on the article)."""
    real = online.article_features
    memo: dict = {}

    def cached(article, analysed, mentions, seq):
        key = (id(article), mentions is None)
        if key not in memo:
            memo[key] = (article, real(article, analysed, mentions, seq))
        feats = copy.copy(memo[key][1])
        feats.seq = seq
        return feats

    online.article_features = cached


def half_of(article) -> int:
    """The cross-validation half of an article (see the module docstring)."""
    return _half(article.extra.get("topic"), article.extra["event_id"])


def _half(topic, event_id) -> int:
    key = topic if topic not in (None, "") else event_id
    return zlib.crc32(str(key).encode()) % 2


def load_set(gold_dir: Path):
    """(articles, analysed, mentions, {gold article id: (gold event, half)}) of one set."""
    articles, analysed, mentions = load_pipeline(gold_dir)
    gold, topics = {}, {}
    with (gold_dir / "articles.jsonl").open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            gold[str(row["id"])] = (str(row["event_id"]), _half(row.get("topic"), row["event_id"]))
            topics[str(row["id"])] = row.get("topic")
    for article in articles:
        article.extra["topic"] = topics.get(article.id)
    return articles, analysed, mentions, gold


def gold_pairs(articles, analysed, mentions, params):
    """(X, y, half of each pair's article, candidate recall) from replaying the gold clustering."""
    by_id = {a.article_id: a for a in analysed}
    clusterer = OnlineClusterer(params)
    gold_key: dict[str, object] = {}
    rows, labels, halves, found, total = [], [], [], 0, 0
    for i in publication_order(articles):
        article = articles[i]
        label = article.extra["event_id"]
        feats, weights = clusterer.prepare(article, by_id.get(article.id), mentions.get(article.id))
        cands = clusterer.candidates(feats)
        target = gold_key.get(label)
        if target is not None and target.key in clusterer._open:
            total += 1
            found += any(c.key == target.key for c in cands)
            if all(c.key != target.key for c in cands):
                cands = [*cands, target]
        for event in cands:
            x = clusterer.features_against(feats, weights, event)
            if x is None:
                continue  # ruled out by a hard rule: never scored at run time
            rows.append(x)
            labels.append(int(target is not None and event.key == target.key))
            halves.append(half_of(article))
        gold_key[label] = clusterer._events[clusterer.place(feats, weights, target)]
    return np.array(rows), np.array(labels), np.array(halves), found / max(total, 1)


class _RecordingClusterer(OnlineClusterer):
    """The real stream, recording every pair it scores (its own events, not the gold ones)."""

    def __init__(self, params, gold_of):
        super().__init__(params, keep_features=True)
        self.gold_of, self.rows, self.labels, self.halves = gold_of, [], [], []

    def choose(self, feats, weights, excluded=frozenset()):
        p = self.params
        mine = self.gold_of[feats.article_id]
        idf = self.name_idf(feats)
        for event in self.candidates(feats):
            x = online.pair_features(feats, weights, event, idf, veto=(p.max_gap_days, p.place_veto))
            if x is None:
                continue
            golds = Counter(self.gold_of[a] for a in event.article_ids)
            self.rows.append(x)
            self.labels.append(int(golds.most_common(1)[0][0] == mine[0]))
            self.halves.append(mine[1])
        return super().choose(feats, weights, excluded)


def online_pairs(articles, analysed, mentions, params):
    """(X, y, halves) of the pairs the clusterer itself scores when run with ``params``: each
    candidate labelled 1 when most of its articles belong to the article's gold event. Unlike
    the gold replay, these events can be widened by a wrong article, as they are at run time."""
    gold_of = {a.id: (a.extra["event_id"], half_of(a)) for a in articles}
    clusterer = stream_in_order(_RecordingClusterer(params, gold_of), articles, analysed, mentions)
    return np.array(clusterer.rows), np.array(clusterer.labels), np.array(clusterer.halves)


def with_online_pairs(data, pairs, params, keep, C, rounds):
    """Weights refit ``rounds`` times on the gold-replay pairs plus the pairs of the clusterer's
    own run with the previous weights (``keep``: the halves fit on)."""
    weights, bias = fit_weights(pairs, keep, C)
    for _ in range(rounds):
        current = dataclasses.replace(params, weights=weights, bias=bias)
        extra = [online_pairs(a, an, m, current) for a, an, m, _ in data.values()]
        merged = [
            (np.vstack([x, ex]), np.concatenate([y, ey]), np.concatenate([h, eh]))
            for (x, y, h), (ex, ey, eh) in zip(pairs, extra, strict=True)
        ]
        weights, bias = fit_weights(merged, keep, C)
    return weights, bias


def fit_weights(pairs, keep, C):
    """Logistic regression on the pairs whose half is in ``keep``, each set weighted equally."""
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for x, y, halves in pairs:
        mask = np.isin(halves, list(keep))
        xs.append(x[mask])
        ys.append(y[mask])
        ws.append(np.full(int(mask.sum()), 1.0 / max(int(mask.sum()), 1)))
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    model = LogisticRegression(C=C, max_iter=3000).fit(x, y, sample_weight=w * len(y))
    return tuple(round(float(v), 4) for v in model.coef_[0]), round(float(model.intercept_[0]), 4)


def run_all(data, params):
    """Per set: gold article id -> (system label, gold label, half); articles the pipeline
    dropped (ingest's rejections and exact copies) are singletons, as ``newsfuse eval`` counts them."""
    out = {}
    for name, (articles, analysed, mentions, gold) in data.items():
        events, _ = cluster_articles(articles, analysed, mentions, params=params)
        system = {a: e.id for e in events for a in e.article_ids}
        out[name] = {a: (system.get(a, "missing:" + a), g, h) for a, (g, h) in gold.items()}
    return out


def scores(result, keep):
    """Per set: ClusterScores over the articles whose half is in ``keep``."""
    out = {}
    for name, labels in result.items():
        chosen = {a: v for a, v in labels.items() if v[2] in keep}
        out[name] = score_clustering({a: v[0] for a, v in chosen.items()}, {a: v[1] for a, v in chosen.items()})
    return out


def objective(figures) -> float:
    return float(np.mean([s.bcubed_f1 for s in figures.values()]) + 0.5 * np.mean([s.ari for s in figures.values()]))


def line(figures) -> str:
    return "  ".join(f"{n} F1 {s.bcubed_f1:.3f} ARI {s.ari:.3f}" for n, s in figures.items())


def tune_threshold(data, params, keep):
    """(best params, its figures on ``keep``, all runs) over THRESHOLDS."""
    best = None
    for threshold in THRESHOLDS:
        trial = dataclasses.replace(params, threshold=threshold)
        result = run_all(data, trial)
        figures = scores(result, keep)
        if best is None or objective(figures) > objective(best[1]):
            best = (trial, figures, result)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="*", default=DEFAULT_SETS)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--write", action="store_true", help="write params.json")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--mentions", default="0,1", help="use_mentions values to try")
    parser.add_argument("--gaps", default="10", help="max_gap_days values to try")
    parser.add_argument("--windows", default="45,90", help="window_days values to try")
    parser.add_argument("--recheck-sizes", default="5", help="recheck_max_size values to try (0: off)")
    parser.add_argument("--online-rounds", type=int, default=0,
                        help="refits on the gold-replay pairs plus the pairs of the clusterer's own run")
    args = parser.parse_args()
    memoise_features()
    start = time.perf_counter()
    data = {name: load_set(Path(args.data) / name) for name in args.sets}
    base = load_params(merge=False)  # batch mode's merge model is fit after this, on its output
    configs = [
        dataclasses.replace(
            base, use_mentions=bool(int(m)), max_gap_days=float(g), window_days=int(d), recheck_max_size=int(r)
        )
        for m in args.mentions.split(",")
        for g in args.gaps.split(",")
        for d in args.windows.split(",")
        for r in args.recheck_sizes.split(",")
    ]
    best = None
    for config in configs:
        print(f"== use_mentions={config.use_mentions} max_gap_days={config.max_gap_days} "
              f"window_days={config.window_days} recheck_max_size={config.recheck_max_size}")
        pairs = []
        for name, (articles, analysed, mentions, _) in data.items():
            x, y, halves, recall = gold_pairs(articles, analysed, mentions, config)
            print(f"  {name}: {len(y)} pairs, {int(y.sum())} positive, candidate recall {recall:.3f}")
            pairs.append((x, y, halves))
        held_out = {}
        for fold in (0, 1):
            weights, bias = with_online_pairs(data, pairs, config, {1 - fold}, args.C, args.online_rounds)
            params = dataclasses.replace(config, weights=weights, bias=bias)
            tuned, train_figures, result = tune_threshold(data, params, {1 - fold})
            held_out[fold] = scores(result, {fold})
            print(f"  fit on half {1 - fold}: threshold {tuned.threshold}; half {1 - fold} "
                  f"{line(train_figures)}\n    held-out half {fold}: {line(held_out[fold])}")
        mean_held_out = float(np.mean([objective(f) for f in held_out.values()]))
        print(f"  held-out objective {mean_held_out:.4f} ({time.perf_counter() - start:.0f}s)")
        if best is None or mean_held_out > best[0]:
            best = (mean_held_out, config, pairs, held_out)
    _, config, pairs, held_out = best
    weights, bias = with_online_pairs(data, pairs, config, {0, 1}, args.C, args.online_rounds)
    params, figures, _ = tune_threshold(data, dataclasses.replace(config, weights=weights, bias=bias), {0, 1})
    print(f"final: use_mentions={params.use_mentions} max_gap_days={params.max_gap_days} "
          f"window_days={params.window_days} recheck_max_size={params.recheck_max_size} "
          f"threshold {params.threshold}\n  all articles: {line(figures)}")
    for n, v in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {n:22s} {v:+.3f}")
    print(f"  bias {bias:+.3f}   ({time.perf_counter() - start:.0f}s in all)")
    if args.write:
        out = json.loads(params.to_json())
        rounded = lambda s: {"bcubed_f1": round(s.bcubed_f1, 4), "ari": round(s.ari, 4)}  # noqa: E731
        out = {
            "_doc": "Fitted by benchmarks/cluster_fit.py on " + ", ".join(args.sets)
            + " as the pipeline sees them; see docs/cluster.md.",
            **out,
            "fit": {
                "_doc": "B-cubed F1 and ARI: 'all' with these parameters on all articles; "
                "'held_out_half_N' with parameters fit on the other half only",
                "all": {n: rounded(s) for n, s in figures.items()},
                **{f"held_out_half_{k}": {n: rounded(s) for n, s in f.items()} for k, f in held_out.items()},
            },
        }
        PARAMS_PATH.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_PATH} (without a merge model: refit it with benchmarks/cluster_merge_fit.py --write)")


if __name__ == "__main__":
    main()
