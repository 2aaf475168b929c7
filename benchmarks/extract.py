"""Speed of analyse + extract on ../shared/data/gvc-train (articles/s), using every core.

Usage: python benchmarks/extract.py [DATA_DIR] [--no-embeddings]
Prints the time of each stage and the articles per second of the two together.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from newsfuse.analyse import analyse
from newsfuse.analyse.nlp import load_pipeline
from newsfuse.extract import extract_mentions
from newsfuse.model import Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gvc-train"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    embeddings = "--no-embeddings" not in sys.argv
    data = Path(args[0]) if args else DEFAULT
    with (data / "articles.jsonl").open(encoding="utf-8") as fh:
        articles = [Article(id=r["id"], title=r.get("title"), text=r["text"], published=r.get("published"))
                    for r in map(json.loads, fh)]
    load_pipeline()  # model loading is not what we measure
    cores = os.cpu_count() or 1
    start = time.perf_counter()
    analysed = analyse(articles, n_process=cores, embeddings=embeddings)
    analysed_at = time.perf_counter()
    mentions = sum(len(extract_mentions(a, an)) for a, an in zip(articles, analysed))
    done = time.perf_counter()
    n = len(articles)
    print(f"{n} articles from {data} on {cores} processes (embeddings: {embeddings})")
    print(f"analyse  {analysed_at - start:6.1f} s  {n / (analysed_at - start):6.1f} articles/s")
    print(f"extract  {done - analysed_at:6.1f} s  {n / (done - analysed_at):6.1f} articles/s  ({mentions} mentions)")
    print(f"together {done - start:6.1f} s  {n / (done - start):6.1f} articles/s")


if __name__ == "__main__":
    main()
