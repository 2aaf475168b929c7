"""Write the clusterer's output for development sets as JSONL for `newsfuse eval cluster`.

Uses the cached analyse output (cluster_data.py), so it takes seconds instead of minutes; the
clustering is exactly `newsfuse.cluster.cluster_articles` as the pipeline runs it.

Usage:
    PYTHONPATH=src python benchmarks/cluster_eval.py ecbplus gvc-train gva-dev
    newsfuse eval cluster /tmp/newsfuse-cluster-eval/gva-dev.jsonl ../shared/data/gva-dev
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_analysed  # noqa: E402

from newsfuse.cluster import cluster_articles  # noqa: E402

OUT_DIR = Path("/tmp/newsfuse-cluster-eval")


def main() -> None:
    data = Path("../shared/data")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[1:] or ["ecbplus", "gvc-train", "gva-dev"]:
        articles, analysed = load_analysed(data / name)
        start = time.perf_counter()
        events, duplicates = cluster_articles(articles, analysed, {})
        seconds = time.perf_counter() - start
        out = OUT_DIR / f"{name}.jsonl"
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
