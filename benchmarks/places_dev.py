"""Place and date accuracy per event on the development sets, from counts_dev.py's cache.

The same scoring as ``newsfuse brief SET --group-by event_id -f json -o b.json && newsfuse eval
places b.json SET`` (city, US state, date of each event), without parsing again: the parses and
mentions cached by ``benchmarks/counts_dev.py`` are reconciled and scored in seconds.

Usage:
    python benchmarks/places_dev.py [--sets gvc-train gva-dev] [--cache DIR] [--reextract] [--errors N]

``--reextract`` runs extraction again over the cached parses (after an extract/ change) and
stores the mentions in the cache, as counts_dev.py does; ``--errors N`` prints N city misses.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from counts_dev import DATA, ROOT, half_of, mentions_cached  # noqa: E402

from newsfuse.cluster import group_by_field  # noqa: E402
from newsfuse.eval import places as eval_places  # noqa: E402
from newsfuse.reconcile import reconcile_events  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["gvc-train", "gva-dev"])
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "counts-cache")
    parser.add_argument("--reextract", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--field", default="city", help="whose misses --errors lists")
    args = parser.parse_args()
    for name in args.sets:
        articles, found = mentions_cached(name, args.cache, args.reextract)
        events, _ = group_by_field(articles, [], "event_id")
        briefs = {
            event.id: {"facts": {s: f.model_dump(mode="json") for s, f in facts.items() if s in ("place", "time")}}
            for event, _, _, facts in reconcile_events(events, articles, found)
        }
        gold = eval_places.read_gold(DATA / name)
        scores = eval_places.score(briefs, gold)
        print(eval_places.format_scores(scores, title=f"{name} ({len(briefs)} events):"))
        for half in ("even", "odd"):
            part = [g for g in gold if half_of(str(g["event_id"])) == half]
            cells = ", ".join(f"{f} {s.accuracy:.1%}" for f, s in eval_places.score(briefs, part).items()
                              if f != "distance" and s.n)
            print(f"  {half} half ({len(part)} events): {cells}")
        if args.errors:
            misses = scores[args.field].errors
            print(f"{args.field} misses: {dict(Counter('none' if p is None else 'other city' for _, p, _ in misses))}")
            for event_id, predicted, gold in misses[: args.errors]:
                print(f"  {event_id}: predicted {predicted}, gold {gold}")


if __name__ == "__main__":
    main()
