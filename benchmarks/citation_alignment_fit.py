"""Fit the content threshold of a citation (``content_threshold`` in report/data/summary.json).

A summary sentence may cite another article only when one of that article's sentences covers
enough of its content words (``newsfuse.report.support.content_support``). The lines scored are
the first usable sentences of each development article (what the summary picks from); the
articles they are scored against are reports of *another* gold event of the same set (for ECB+,
the look-alike event of the same topic when there is one): none of those states the line's
claim, so any alignment there is a false citation. The threshold is the lowest at which at most
1% of those pairs align, chosen on one half of the gold events (by a hash) and scored on the
other; the share of same-event pairs that align is printed beside it (not all of those
paraphrase each other, so it is a lower bound on what the rule lets through).

Usage:
    PYTHONPATH=src python benchmarks/citation_alignment_fit.py [ecbplus gvc-train gva-dev muc4-dev]
"""

from __future__ import annotations

import json
import random
import sys
import zlib
from collections import defaultdict
from pathlib import Path

from newsfuse.model import Article
from newsfuse.report.summary import _usable, split_sentences
from newsfuse.report.support import LineClaim, article_claims, content_support, content_words

LINES_PER_ARTICLE = 3
PAIRS_PER_LINE = 3
FALSE_RATE = 0.01
GRID = [round(0.05 * i, 2) for i in range(1, 20)]


def _pairs(path: Path, rng: random.Random) -> list[tuple[int, bool, float]]:
    """(half, same event, content support) for sampled (line, article) pairs of one set."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("text")]
    by_event, topic_events = defaultdict(list), defaultdict(set)
    for r in rows:
        by_event[r["event_id"]].append(r)
        topic_events[r.get("topic")].add(r["event_id"])
    claims = {}

    def claims_of(r):
        if r["id"] not in claims:
            article = Article(id=r["id"], title=r.get("title"), text=r["text"])
            claims[r["id"]] = article_claims(article, [], [s.text for s in split_sentences(r["text"])])
        return claims[r["id"]]

    events = sorted(by_event)
    out = []
    for r in rows:
        half = zlib.crc32(str(r["event_id"]).encode()) % 2
        lines = [s.text for s in split_sentences(r["text"]) if _usable(s.text)][:LINES_PER_ARTICLE]
        same = [o for o in by_event[r["event_id"]] if o["id"] != r["id"]]
        look_alike = sorted(topic_events[r.get("topic")] - {r["event_id"]}) if r.get("topic") else []
        pool = look_alike or events
        for text in lines:
            claim = LineClaim(frozenset(), frozenset(), content_words(text))
            for o in rng.sample(same, min(PAIRS_PER_LINE, len(same))):
                out.append((half, True, content_support(claim, claims_of(o))))
            for _ in range(PAIRS_PER_LINE):
                other = rng.choice([e for e in rng.sample(pool, min(4, len(pool))) if e != r["event_id"]] or [None])
                if other is None:
                    continue
                out.append((half, False, content_support(claim, claims_of(rng.choice(by_event[other])))))
    return out


def _rate(pairs, threshold, same) -> float:
    chosen = [s for _, sm, s in pairs if sm == same]
    return sum(s >= threshold for s in chosen) / len(chosen) if chosen else float("nan")


def main() -> None:
    sets = sys.argv[1:] or ["ecbplus", "gvc-train", "gva-dev", "muc4-dev"]
    rng = random.Random(0)
    pairs = {name: _pairs(Path("../shared/data") / name / "articles.jsonl", rng) for name in sets}
    for fit_half in (0, 1):
        train = [p for ps in pairs.values() for p in ps if p[0] == fit_half]
        threshold = next(t for t in GRID if all(
            _rate([p for p in ps if p[0] == fit_half], t, False) <= FALSE_RATE for ps in pairs.values()
        ))
        print(f"fit on half {fit_half}: threshold {threshold} "
              f"(other-event pairs aligned {_rate(train, threshold, False):.3f} in that half)")
        for name, ps in pairs.items():
            held = [p for p in ps if p[0] != fit_half]
            print(f"  held-out half of {name}: other-event pairs aligned {_rate(held, threshold, False):.3f}, "
                  f"same-event pairs {_rate(held, threshold, True):.3f} ({len(held)} pairs)")
    every = [p for ps in pairs.values() for p in ps]
    threshold = next(t for t in GRID if all(_rate(ps, t, False) <= FALSE_RATE for ps in pairs.values()))
    print(f"all pairs: threshold {threshold} (other-event {_rate(every, threshold, False):.3f}, "
          f"same-event {_rate(every, threshold, True):.3f})")


if __name__ == "__main__":
    main()
