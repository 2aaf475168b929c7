"""The hand-labelled status set (status_cases.json) as Events, Articles and Mentions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from newsfuse.model import Article, Attribution, CountValue, Event, Mention, Span

CASES = Path(__file__).with_name("status_cases.json")


def load_cases() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))["cases"]


def build(case: dict) -> tuple[Event, list[Article], list[Mention]]:
    """One case as the inputs of ``reconcile_event``."""
    articles, mentions = [], []
    for r in case["reports"]:
        published = (dt.datetime.fromisoformat(r["day"]).replace(tzinfo=dt.timezone.utc)
                     if r.get("day") else None)
        articles.append(Article(id=r["id"], text=r["text"], source=r["outlet"], published=published))
        low, high, qualifier, point = r["value"]
        said = r.get("said")
        mentions.append(Mention(
            id=f"{r['id']}:1", article_id=r["id"], slot=case["slot"],
            value=CountValue(low=low, high=high, qualifier=qualifier, point=point),
            evidence=Span(start=0, end=len(r["text"]), text=r["text"]),
            attribution=Attribution(source=said[0], kind=said[1]) if said else Attribution(),
            revision=bool(r.get("revision")),
        ))
    ids = [a.id for a in articles]
    event = Event(id=case["name"], article_ids=ids, duplicates=case.get("duplicates", {}),
                  source_groups=case.get("groups", []))
    return event, articles, mentions


def accuracy() -> tuple[float, dict[str, tuple[int, int]], list[tuple[str, str, str]]]:
    """Status accuracy on the set: overall, per expected status (right, total), and the misses."""
    from newsfuse.reconcile import reconcile_event

    per: dict[str, list[int]] = {}
    misses = []
    for case in load_cases():
        event, articles, mentions = build(case)
        got = reconcile_event(event, articles, mentions)[case["slot"]].status
        right = per.setdefault(case["expected"], [0, 0])
        right[1] += 1
        if got == case["expected"]:
            right[0] += 1
        else:
            misses.append((case["name"], case["expected"], got))
    total = sum(t for _, t in per.values())
    return sum(r for r, _ in per.values()) / total, {k: tuple(v) for k, v in per.items()}, misses
