"""Per-article facts on muc4-dev-articles from cached parses: counts, type, claimant, baselines.

Parses once into ``out/counts-cache/muc4-dev-articles.docs.pkl`` (the parse reads the casing
restored by analyse/, so delete the cache after a change there), then re-extracts (``--reextract``)
and prints what ``newsfuse eval facts`` prints, for the whole set and its two halves (crc32 of the
article id even / odd, as benchmarks/counts_dev.py).

Usage: python benchmarks/muc4_dev.py [--reextract] [--errors N] [--half even|odd]
"""

from __future__ import annotations

import argparse
import time
import zlib

from counts_dev import DATA, ROOT, mentions_cached

from newsfuse.eval.counts import format_misses, score
from newsfuse.eval.counts import read_gold as read_count_gold
from newsfuse.eval.facts import format_facts, read_gold_articles, score_facts

NAME = "muc4-dev-articles"


def half_of(item: str) -> str:
    return "odd" if zlib.crc32(item.encode()) % 2 else "even"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reextract", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--half", choices=("even", "odd"), default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    _, found = mentions_cached(NAME, ROOT / "out" / "counts-cache", args.reextract)
    texts, gold = read_gold_articles(DATA / NAME)
    article_event, events = read_count_gold(DATA / NAME)
    for label in ("all", "even", "odd"):
        part = {a: ms for a, ms in found.items() if label == "all" or half_of(a) == label}
        print(f"-- {NAME} {label} (n={len(part)}) --")
        print(format_facts(score_facts(part, texts, gold), args.errors if label == (args.half or "all") else 0))
        if args.errors and label == (args.half or "all"):
            print(format_misses(score(part, article_event, events), args.errors))
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
