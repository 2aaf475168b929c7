"""Speed of analyse + extract on ../shared/data/gvc-train (articles/s), using every core.

Usage: PYTHONPATH=src python benchmarks/extract.py [DATA_DIR] [--no-embeddings] [--processes N]
    [--breakdown N]

Runs ``analyse_each(articles, extract_mentions)`` as the pipeline does (extraction inside the
analyse workers) and prints its wall time and articles/s, the CPU seconds it used (parent and
workers), the load average of the machine before and after (other work on the same cores slows
the wall time, not the CPU time), and what the run would take on free cores (CPU time / cores).
Then, in one process on the first N articles (default 100, 0 = skip), the CPU time per article of
each part: spaCy parse, building the results, extraction, embedding of the leads. With
``--compare-graphs``, also how close the int8 rewrite's lead vectors are to the installed graph's
(cosine over every article's title+lead) and the CPU ms per lead of each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from newsfuse.analyse import analyse_each, embed, lead_text
from newsfuse.analyse import embeddings as emb
from newsfuse.analyse.nlp import load_pipeline
from newsfuse.analyse.workers import to_analysed
from newsfuse.extract import extract_mentions
from newsfuse.model import Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gvc-train"


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its ended child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def load_text() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def breakdown(articles: list[Article], embeddings: bool) -> None:
    """CPU ms per article of each part, in this process."""
    nlp = load_pipeline()
    t0 = time.process_time()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=64))
    t1 = time.process_time()
    results = [to_analysed(a, doc) for a, doc in zip(articles, docs, strict=True)]
    t2 = time.process_time()
    for article, analysed in zip(articles, results, strict=True):
        extract_mentions(article, analysed)
    t3 = time.process_time()
    if embeddings:
        embed([lead_text(a) for a in articles])
    t4 = time.process_time()
    n = len(articles)
    print(f"breakdown, one process, first {n} articles "
          f"({sum(len(a.text) for a in articles) / n:.0f} characters each), CPU ms per article:")
    parts = {"spaCy parse": t1 - t0, "results (sentences, entities)": t2 - t1,
             "extract": t3 - t2, "embeddings: title + lead": t4 - t3}
    total = sum(parts.values())
    for name, seconds in parts.items():
        print(f"  {name:34s} {1000 * seconds / n:6.1f} ms  {100 * seconds / total:5.1f}%")
    print(f"  {'total':34s} {1000 * total / n:6.1f} ms  -> {n / total:.1f} articles/s per free core")


def compare_graphs(articles: list[Article]) -> None:
    """Cosine of the int8 rewrite's lead vectors to the installed graph's, and the CPU of each."""
    texts = [lead_text(a) for a in articles]
    vectors, ms = {}, {}
    for graph in ("installed", "int8"):
        embed(texts[:2], graph=graph)  # session start is not measured
        t0 = time.process_time()
        vectors[graph] = embed(texts, graph=graph)
        ms[graph] = 1000 * (time.process_time() - t0) / len(texts)
    cosine = (vectors["installed"] * vectors["int8"]).sum(axis=1)
    print(f"lead vectors, int8 rewrite vs installed graph, {len(texts)} leads: cosine min "
          f"{cosine.min():.4f} mean {cosine.mean():.4f}; CPU ms per lead: installed "
          f"{ms['installed']:.1f}, int8 {ms['int8']:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--processes", type=int, default=0, help="0: one per core")
    parser.add_argument("--breakdown", type=int, default=100, help="articles (0: skip)")
    parser.add_argument("--compare-graphs", action="store_true",
                        help="int8 rewrite against the installed graph (cosine, CPU)")
    args = parser.parse_args()
    embeddings = not args.no_embeddings
    with (args.data / "articles.jsonl").open(encoding="utf-8") as fh:
        articles = [Article(id=r["id"], title=r.get("title"), text=r["text"], published=r.get("published"))
                    for r in map(json.loads, fh)]
    load_pipeline()  # model loading is not what we measure
    cores = len(os.sched_getaffinity(0))
    processes = args.processes or cores
    n = len(articles)
    graph = emb.model_source()
    print(f"{n} articles ({sum(len(a.text) for a in articles)} characters) from {args.data}, "
          f"{processes} processes on {cores} cores, embeddings: {embeddings} "
          f"({'int8 rewrite' if isinstance(graph, bytes) else 'installed graph'})")
    print(f"load average before (1, 5, 15 min): {load_text()}")
    cpu0 = cpu_seconds()
    start = time.perf_counter()
    done = analyse_each(articles, extract_mentions, n_process=processes, embeddings=embeddings)
    wall = time.perf_counter() - start
    cpu1 = cpu_seconds()
    mentions = sum(len(found) for _, found in done)
    own, workers = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
    print(f"load average after:                 {load_text()}")
    print(f"analyse+extract {wall:6.1f} s wall  {n / wall:6.1f} articles/s  ({mentions} mentions)")
    print(f"CPU {own + workers:.1f} s (parent {own:.1f} s, workers {workers:.1f} s) "
          f"-> {n / ((own + workers) / processes):.1f} articles/s on {processes} free cores")
    if args.breakdown:
        breakdown(articles[: args.breakdown], embeddings)
    if args.compare_graphs:
        compare_graphs(articles)


if __name__ == "__main__":
    main()
