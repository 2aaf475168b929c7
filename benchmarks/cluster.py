"""Clustering at scale: replay 100,000 articles and print throughput, latency and peak memory.

The stream repeats gvc-train and gva-dev (analyse output precomputed, cached under /tmp by
cluster_data.py) with perturbations so that repeats are new articles, not copies: each repeat
gets new ids, its publication dates shifted by 7 days per repeat, a random 60% of each text's
sentences, and a little noise on the embedding. Articles are generated on the fly in publication
order, so the stream itself does not fill memory.

Usage: PYTHONPATH=src python benchmarks/cluster.py [--articles 100000]
Prints articles/s, mean per-article latency over the articles just before 1k, 10k and 100k,
and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_analysed  # noqa: E402

from newsfuse.cluster import OnlineClusterer  # noqa: E402
from newsfuse.model import Analysed, Article  # noqa: E402

SHIFT_DAYS = 7
KEEP_SENTENCES = 0.6
CHECKPOINTS = (1_000, 10_000, 100_000)
WINDOW = 1_000  # latency is averaged over this many articles before each checkpoint


def perturbed(article: Article, analysed: Analysed, repeat: int) -> tuple[Article, Analysed]:
    if repeat == 0:
        return article, analysed
    rng = random.Random(f"{article.id}:{repeat}")
    lines = article.text.split("\n")
    kept = [line for line in lines if rng.random() < KEEP_SENTENCES] or lines[:1]
    text = "\n".join(kept)
    vec = np.asarray(analysed.embedding, dtype=np.float32)
    vec = vec + np.random.default_rng(rng.randrange(2**32)).normal(0, 0.02, vec.shape).astype(np.float32)
    vec /= np.linalg.norm(vec)
    new_id = f"{article.id}-r{repeat}"
    return (
        article.model_copy(update={
            "id": new_id, "text": text, "published": article.published + timedelta(days=SHIFT_DAYS * repeat)
        }),
        Analysed(article_id=new_id, entities=analysed.entities, embedding=vec.tolist()),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    pool: list[tuple[Article, Analysed]] = []
    for name in ("gvc-train", "gva-dev"):
        articles, analysed = load_analysed(Path(args.data) / name)
        pool.extend((a, an) for a, an in zip(articles, analysed, strict=True) if a.published)
    repeats = -(-args.articles // len(pool))
    order = sorted(
        ((a.published + timedelta(days=SHIFT_DAYS * r), r, i) for r in range(repeats) for i, (a, _) in enumerate(pool))
    )[: args.articles]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stream: {len(order)} articles ({len(pool)} dev articles x {repeats} perturbed repeats)")
    # Warm up the lazy loads (gazetteer, word lists, compiled patterns) outside the timings.
    warm = OnlineClusterer()
    for article, analysed in pool[:50]:
        warm.add(article.model_copy(update={"id": "warm-" + article.id}), analysed)
    clusterer = OnlineClusterer()
    latencies = np.zeros(len(order))
    cpu = 0.0
    start = time.perf_counter()
    for n, (_, repeat, i) in enumerate(order):
        article, analysed = perturbed(*pool[i], repeat)
        t, c = time.perf_counter(), time.process_time()
        clusterer.add(article, analysed)
        latencies[n] = time.perf_counter() - t
        cpu += time.process_time() - c
        if n + 1 in CHECKPOINTS:
            window = latencies[max(0, n + 1 - WINDOW) : n + 1]
            print(
                f"{n + 1:>7} articles: {1000 * window.mean():.2f} ms/article mean, "
                f"median {1000 * np.median(window):.2f} ms, p95 {1000 * np.percentile(window, 95):.2f} ms, "
                f"{len(clusterer._open)} open events, {(n + 1) / latencies[: n + 1].sum():.0f} articles/s so far"
            )
    clustering = latencies.sum()
    events = clusterer.events()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"clustering alone: {len(order) / clustering:.0f} articles/s wall ({clustering:.1f} s), "
          f"{len(order) / cpu:.0f} articles/s of CPU time ({cpu:.1f} s on one core; the wall figure "
          f"is lower when other processes share the cores); with stream generation "
          f"{time.perf_counter() - start:.1f} s")
    print(f"events: {len(events)}, near-duplicates: {len(clusterer.duplicates)}")
    print(f"peak memory (max RSS): {peak:.0f} MiB (data loaded before clustering: {rss_before:.0f} MiB)")
    lat = {c: None for c in CHECKPOINTS}
    for c in CHECKPOINTS:
        if c <= len(order):
            lat[c] = latencies[c - WINDOW : c].mean()
    if lat[CHECKPOINTS[0]] and lat[CHECKPOINTS[-1]]:
        print(f"latency ratio 100k / 1k: {lat[CHECKPOINTS[-1]] / lat[CHECKPOINTS[0]]:.2f}")


if __name__ == "__main__":
    main()
