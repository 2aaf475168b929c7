"""Briefs of development sets from the cluster cache, for ``newsfuse eval citations``.

What ``newsfuse brief SET/articles.jsonl -f json`` writes, without running ingest, analyse and
extract again: the cached (articles, analysis, mentions) of ``cluster_data.py``, then the
default clustering, reconcile and report. Minutes instead of the whole pipeline's tens of
minutes; the same briefs (the cache is the pipeline's own input to the clusterer).

Usage:
    PYTHONPATH=src python benchmarks/citations_dev.py ecbplus gvc-train gva-dev muc4-dev
    newsfuse eval citations /tmp/newsfuse-citations/gva-dev.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cluster_data import load_pipeline  # noqa: E402

from newsfuse.cluster import cluster_articles  # noqa: E402
from newsfuse.model import Report  # noqa: E402
from newsfuse.reconcile import reconcile_events  # noqa: E402
from newsfuse.report import build_brief  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["ecbplus", "gvc-train", "gva-dev", "muc4-dev"])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default="/tmp/newsfuse-citations")
    args = parser.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        start = time.perf_counter()
        articles, analysed, mentions = load_pipeline(Path(args.data) / name)
        events, duplicates = cluster_articles(articles, analysed, mentions)
        by_id = {a.article_id: a for a in analysed}
        briefs = [
            build_brief(event, facts, event_articles, event_mentions,
                        [by_id[i] for i in event.article_ids if i in by_id])
            for event, event_articles, event_mentions, facts
            in reconcile_events(events, articles, mentions)
        ]
        report = Report(events=briefs, articles=list(articles), duplicates=duplicates)
        path = out_dir / f"{name}.json"
        path.write_text(report.model_dump_json(), encoding="utf-8")
        print(f"{name}: {len(briefs)} events in {time.perf_counter() - start:.0f}s; wrote {path}")


if __name__ == "__main__":
    main()
