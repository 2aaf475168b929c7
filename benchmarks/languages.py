"""Language detection on the development sets: how many articles would not be read as English.

Every article of these sets is English, so each one flagged otherwise is a mistake. Prints, per
set, the languages detected (None: too short or unsure, read as English), the count flagged
non-English, and the same count without lower-casing (upper-case wire text misleads the model).

Usage:
    python benchmarks/languages.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from newsfuse.ingest import read_sources
from newsfuse.ingest.language import READ_CHARS, _identifier, detect_language

SETS = ("gvdb-dev", "gvc-train", "gva-dev", "ecbplus", "muc4-dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    for name in SETS:
        articles = read_sources([args.data / name / "articles.jsonl"], max_bytes=50_000_000).articles
        started = time.process_time()
        found = [detect_language(a.title, a.text) for a in articles]
        seconds = time.process_time() - started
        codes = collections.Counter(code for code, _ in found)
        flagged = [(a.id, code) for a, (code, _) in zip(articles, found) if code not in (None, "en")]
        cased = sum(
            _identifier().classify(" ".join(p for p in (a.title, a.text[:READ_CHARS]) if p))[0] != "en"
            for a in articles
        )
        print(f"{name}: {len(articles)} articles, detected {dict(codes)}, flagged non-English "
              f"{len(flagged)} (without lower-casing: {cased}); {len(articles) / seconds:.0f} articles/s")
        for article_id, code in flagged[:10]:
            print(f"    {article_id}: {code}")


if __name__ == "__main__":
    main()
