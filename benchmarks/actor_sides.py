"""Actors by side on briefs of the development sets: how many, on which side, how many venues.

Reads a brief JSON (``newsfuse brief SET/articles.jsonl --group-by event_id -f json -o b.json``)
and prints, over its events: actors per event, the share on each side (perpetrator, victim,
other; briefs made before sides existed count by their roles), and how many actors are named
like a street or building (``extract.actors.a_facility``). With ``--gold`` on MUC-4, also how
often a gold perpetrator organisation is among the event's actors, and among its perpetrators.

Usage:
    python benchmarks/actor_sides.py b.json [--gold ../shared/data/muc4-dev]
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from newsfuse.extract.actors import a_facility
from newsfuse.reconcile.actors import actor_side
from newsfuse.reconcile.names import same_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path)
    parser.add_argument("--gold", type=Path, help="a MUC-4 set: score perpetrator organisations")
    args = parser.parse_args()
    report = json.loads(args.brief.read_text(encoding="utf-8"))
    sides: collections.Counter = collections.Counter()
    venues = events = 0
    by_event: dict[str, list[dict]] = {}
    for event in report["events"]:
        events += 1
        fact = event["facts"].get("actor")
        actors = fact["value"]["actors"] if fact else []
        by_event[event["id"]] = actors
        for actor in actors:
            sides[actor.get("side") or actor_side(actor.get("role"), actor.get("type", "person"))] += 1
            venues += a_facility(actor["name"])
    total = sum(sides.values())
    print(f"{events} events, {total} actors ({total / max(events, 1):.1f} an event): "
          + ", ".join(f"{s} {n} ({n / max(total, 1):.0%})" for s, n in sides.most_common())
          + f"; named like a street or building: {venues}")
    if args.gold:
        _perpetrators(by_event, args.gold)


def _perpetrators(by_event: dict[str, list[dict]], gold_dir: Path) -> None:
    gold: dict[str, set[str]] = collections.defaultdict(set)
    for line in (gold_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for org in (row.get("extra", {}).get("gold_report", {}).get("perp_orgs") or []):
            gold[str(row["event_id"])].add(org)
    found = among_actors = among_perpetrators = 0
    for event_id, orgs in gold.items():
        actors = by_event.get(event_id, [])
        for org in orgs:
            found += 1
            hits = [a for a in actors if _same(org, a)]
            among_actors += bool(hits)
            among_perpetrators += any(
                (a.get("side") or actor_side(a.get("role"), a.get("type", "person"))) == "perpetrator"
                for a in hits)
    print(f"gold perpetrator organisations: {found}; among the actors {among_actors} "
          f"({among_actors / max(found, 1):.0%}), among the perpetrators {among_perpetrators} "
          f"({among_perpetrators / max(found, 1):.0%})")


def _same(gold_name: str, actor: dict) -> bool:
    names = [actor["name"], *actor.get("aliases", [])]
    low = gold_name.lower()
    return any(same_name(gold_name, n) or low in n.lower() or n.lower() in low for n in names)


if __name__ == "__main__":
    main()
