"""Ingest speed on ../shared/data: articles/s for reading+cleaning and for cleaning alone.

Runs in one process on one core (ingest is single-threaded). Also prints how much text the
cleaner removes, so a rule that starts eating article paragraphs shows up as a jump.

Usage: python benchmarks/ingest.py [DATA_DIR]   (default: ../shared/data beside the checkout)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsfuse.ingest import read_sources
from newsfuse.ingest.clean import normalise, strip_boilerplate
from newsfuse.ingest.metadata import split_header

TARGET = 500  # articles/s on one core: ingest must never be the bottleneck


def main() -> int:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    files = sorted(data.glob("*/articles.jsonl"))
    if not files:
        print(f"no */articles.jsonl under {data}", file=sys.stderr)
        return 1
    print(f"{'file':<28}{'lines':>7}{'articles':>9}{'dup':>5}{'rej':>5}"
          f"{'ingest/s':>10}{'clean/s':>9}{'removed':>9}")
    total_lines = total_articles = 0
    total_ingest = total_clean = 0.0
    for path in files:
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        start = time.process_time()
        result = read_sources([path], max_bytes=1 << 30)
        ingest_s = time.process_time() - start
        start = time.process_time()
        before = after = 0
        for text in texts:
            norm = normalise(text)
            cleaned = strip_boilerplate(split_header(norm, title_line=False).text)
            before += len(norm)
            after += len(cleaned)
        clean_s = time.process_time() - start
        name = f"{path.parent.name}/{path.name}"
        print(f"{name:<28}{len(texts):>7}{len(result.articles):>9}{len(result.duplicates):>5}"
              f"{len(result.rejected):>5}{len(texts) / ingest_s:>10.0f}{len(texts) / clean_s:>9.0f}"
              f"{100 * (before - after) / max(1, before):>8.2f}%")
        total_lines += len(texts)
        total_articles += len(result.articles)
        total_ingest += ingest_s
        total_clean += clean_s
    rate = total_lines / total_ingest
    print(f"{'all':<28}{total_lines:>7}{total_articles:>9}{'':>10}"
          f"{rate:>10.0f}{total_lines / total_clean:>9.0f}")
    print(f"ingest (read + clean + ids + dedup): {rate:.0f} articles/s of CPU time on one core "
          f"(target > {TARGET}): {'OK' if rate > TARGET else 'BELOW TARGET'}")
    return 0 if rate > TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
