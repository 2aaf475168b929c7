"""Does the store's ingest cost grow with the store? The same 1,000 articles into a fresh store
and into a copy of a big one, back to back, in one process; CPU seconds per article.

The big store is one that ``benchmarks/store.py --db PATH`` filled (it is copied, not changed).
Both windows take articles 1,001-2,000 of a fresh copy of gva-dev (after ingesting its first
1,000, so each window extends open events the same way); what differs is only what the store
already holds. Rounds alternate fresh and big to even out the machine's load; ``--profile``
prints the store's functions by cumulative time for each window.

    PYTHONPATH=src python benchmarks/store.py --target 30000 --db /tmp/big.db
    PYTHONPATH=src python benchmarks/store_growth.py /tmp/big.db [--rounds 2] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import store as bench  # noqa: E402  (benchmarks/store.py: data, precomputed analyses, stages)

from newsfuse.live import Stages, default_stages, ingest_articles  # noqa: E402
from newsfuse.store import counts, open_store

SKIP, WINDOW = 1_000, 1_000


def window(db: str, k: int, stages: Stages, analysed: dict, articles, vectors, *,
           skip: int = SKIP, n: int = WINDOW, profile: bool = False) -> tuple[float, int, str]:
    """Ingest copy ``k``'s first ``skip`` articles untimed, then time the next ``n``."""
    items = list(bench.copies(articles, vectors, k))[: skip + n]
    for copy, an in items:
        analysed[copy.id] = an
    with open_store(db) as store:
        with store.read() as conn:
            held = counts(conn)["articles"]
        if skip:
            ingest_articles(store, [c for c, _ in items[:skip]], stages, batch_size=500)
        profiler = cProfile.Profile() if profile else None
        begin = time.process_time()
        if profiler:
            profiler.enable()
        ingest_articles(store, [c for c, _ in items[skip:]], stages, batch_size=500)
        if profiler:
            profiler.disable()
        cpu = time.process_time() - begin
    text = ""
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
            r"newsfuse/(store|cluster/online|report/brief)|sqlite3", 25)
        text = out.getvalue()
    return n / cpu, held, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("big", help="A store filled by benchmarks/store.py (copied, not changed).")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    articles = bench.load_articles()
    vectors = bench.embeddings(articles)
    analysed: dict = {}
    real = default_stages()
    stages = Stages(analyse=lambda batch: [(an, bench.regex_mentions(a, an))
                                          for a, an in ((a, analysed.pop(a.id)) for a in batch)],
                    reconcile=real.reconcile, build_brief=real.build_brief)
    tmp = tempfile.mkdtemp(prefix="newsfuse-growth-")
    big = f"{tmp}/big.db"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(args.big + suffix):
            shutil.copy(args.big + suffix, big + suffix)
    # Warm-up (models, lexicons) on a throwaway store.
    window(f"{tmp}/warm.db", 90, stages, analysed, articles, vectors, skip=0, n=300)
    print(f"same {WINDOW} articles (1,001-2,000 of a copy of gva-dev) per window; "
          f"load {os.getloadavg()[0]:.1f}")
    for r in range(args.rounds):
        for name, db, k in (("fresh", f"{tmp}/fresh{r}.db", 60 + r), ("big", big, 70 + r)):
            rate, held, profile = window(db, k, stages, analysed, articles, vectors,
                                         profile=args.profile)
            print(f"round {r} {name:5}: {rate:6.1f} articles per CPU-second (store held {held} "
                  f"articles; load {os.getloadavg()[0]:.1f})", flush=True)
            if profile:
                print(profile)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
