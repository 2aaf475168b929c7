"""Write the clusterer's output for development sets as JSONL for `newsfuse eval cluster`.

By default the clusterer gets exactly what `newsfuse brief SET/articles.jsonl` hands it (ingested
articles, analyse output, extracted mentions), from the cache of cluster_data.py, so it takes
seconds instead of minutes and scores the same as the whole pipeline. ``--raw`` clusters the gold
text as given instead (no ingest, no mentions).

Usage:
    PYTHONPATH=src python benchmarks/cluster_eval.py [--raw] ecbplus gvc-train gva-dev
    newsfuse eval cluster /tmp/newsfuse-cluster-eval/gva-dev.jsonl ../shared/data/gva-dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_analysed, load_pipeline  # noqa: E402

from newsfuse.cluster import cluster_articles  # noqa: E402

OUT_DIR = Path("/tmp/newsfuse-cluster-eval")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["ecbplus", "gvc-train", "gva-dev"])
    parser.add_argument("--raw", action="store_true", help="the gold text as given, no ingest")
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        if args.raw:
            (articles, analysed), mentions = load_analysed(Path(args.data) / name), {}
        else:
            articles, analysed, mentions = load_pipeline(Path(args.data) / name)
        start = time.perf_counter()
        events, duplicates = cluster_articles(articles, analysed, mentions)
        seconds = time.perf_counter() - start
        out = OUT_DIR / f"{name}{'-raw' if args.raw else ''}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for event in events:
                for article_id in event.article_ids:
                    fh.write(json.dumps({"article_id": article_id, "event_id": event.id}) + "\n")
        print(
            f"{name}: {len(articles)} articles -> {len(events)} events, {len(duplicates)} "
            f"near-duplicates in {seconds:.1f}s; wrote {out}"
        )


if __name__ == "__main__":
    main()
