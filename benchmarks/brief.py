"""Time to reconcile and render 1,000 events, against the cost of the rest of the pipeline.

Events are real gva-dev article groups (``--group-by event_id``) with constructed mentions:
each article states the event's killed/injured figure, sometimes as a lower bound, sometimes
attributed to police, sometimes a stale lower figure, plus a place and a date. The summary uses
the real sentence model (``newsfuse.analyse.embed``), as ``newsfuse brief`` does. The reference
is ``analyse`` (spaCy + lead embeddings) on a sample of the same articles, extrapolated.

    PYTHONPATH=src python benchmarks/brief.py [--events 1000] [--sample 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

from newsfuse.analyse import analyse
from newsfuse.model import (
    Article, Attribution, CountValue, Event, Mention, PlaceValue, Report, Span, TimeValue,
)
from newsfuse.reconcile import reconcile_event
from newsfuse.report import build_brief, render

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gva-dev"


def load(n_events: int) -> list[tuple[Event, list[Article], list[Mention]]]:
    articles: dict[str, list[Article]] = {}
    for line in (DATA / "articles.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        pub = dt.datetime.fromisoformat(row["published"]).replace(tzinfo=dt.timezone.utc) \
            if row.get("published") else None
        articles.setdefault(row["event_id"], []).append(Article(
            id=row["id"], title=row["title"], text=row["text"] or " ", source=row["source"],
            url=row["url"], published=pub))
    gold = {}
    for line in (DATA / "events.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        gold[row["event_id"]] = row
    rng = random.Random(7)
    out = []
    for event_id in list(articles)[:n_events]:
        arts = articles[event_id]
        g = gold[event_id]
        mentions = []
        for a in arts:
            first = re.match(r"[^.\n]{10,300}[.\n]?", a.text)
            span = Span(start=0, end=len(first.group(0)) if first else len(a.text),
                        text=first.group(0) if first else a.text)
            for k, slot in enumerate(("killed", "injured")):
                n = g[slot] or 0
                if rng.random() < 0.15 and n > 1:
                    n -= 1  # an early or stale figure
                lower = rng.random() < 0.2
                mentions.append(Mention(
                    id=f"{a.id}:{k}", article_id=a.id, slot=slot, evidence=span, sentence=span,
                    value=CountValue(low=n, high=None if lower else n, point=n,
                                     qualifier="at_least" if lower else "exact"),
                    attribution=Attribution(source="police", kind="police")
                    if rng.random() < 0.5 else Attribution()))
            loc = g["location"]
            mentions.append(Mention(id=f"{a.id}:p", article_id=a.id, slot="place", evidence=span,
                                    value=PlaceValue(city=loc["city"], region=loc["state"],
                                                     country="USA")))
            if g["date"]:
                mentions.append(Mention(id=f"{a.id}:t", article_id=a.id, slot="time",
                                        evidence=span,
                                        value=TimeValue(date=dt.date.fromisoformat(g["date"]))))
        ids = [a.id for a in arts]
        out.append((Event(id=event_id, article_ids=ids, source_groups=[[i] for i in ids]),
                    arts, mentions))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=40, help="articles to time analyse on")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    events = load(args.events)
    n_articles = sum(len(a) for _, a, _ in events)
    build_brief(*events[0][:1], reconcile_event(*events[0]), events[0][1], events[0][2], [])

    t0 = time.perf_counter()
    facts = [reconcile_event(e, a, m) for e, a, m in events]
    t1 = time.perf_counter()
    briefs = [build_brief(e, f, a, m, []) for (e, a, m), f in zip(events, facts, strict=True)]
    t2 = time.perf_counter()
    report = Report(events=briefs, articles=[x for _, a, _ in events for x in a])
    sizes = {fmt: len(render(report, fmt)) for fmt in ("md", "json")}
    t3 = time.perf_counter()
    sizes["html"] = len(render(report, "html"))
    t4 = time.perf_counter()

    sample = [a for _, arts, _ in events for a in arts][: args.sample]
    analyse(sample[:2])
    s0 = time.perf_counter()
    analyse(sample, n_process=1)
    per_article = (time.perf_counter() - s0) / len(sample)
    pipeline_rest = per_article * n_articles
    ours = t4 - t0
    print(f"events {len(events)}, articles {n_articles}")
    print(f"reconcile      {t1 - t0:7.2f} s  ({1000 * (t1 - t0) / len(events):.2f} ms/event)")
    print(f"build_brief    {t2 - t1:7.2f} s  ({1000 * (t2 - t1) / len(events):.2f} ms/event, "
          "summary embeddings included)")
    print(f"render md+json {t3 - t2:7.2f} s  html {t4 - t3:.2f} s  (bytes {sizes})")
    print(f"reconcile+report total {ours:.2f} s")
    print(f"analyse alone (spaCy + lead embeddings): {per_article * 1000:.1f} ms/article "
          f"-> {pipeline_rest:.1f} s for these articles")
    print(f"reconcile+report share of (analyse + reconcile + report): "
          f"{100 * ours / (ours + pipeline_rest):.1f}%  (extraction and clustering not counted: "
          "the true share is lower)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
