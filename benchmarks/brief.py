"""Time to reconcile and render 1,000 events, and the share of reconcile+report in the pipeline.

1. 1,000 events: real gva-dev article groups (``--group-by event_id``) with constructed mentions
   (each article states the event's killed/injured figure, sometimes as a lower bound, sometimes
   attributed to police, sometimes a stale lower figure, plus a place and a date), reconciled,
   briefed and rendered. The summary embeds its candidates with the real sentence model, as in
   ``newsfuse brief`` (analyse embeds only each article's lead).
2. The whole pipeline on a random sample of gva-dev events (``--sample-events``), step by step
   through ``newsfuse.pipeline`` as ``newsfuse brief`` runs it: read (the sample's JSONL) ->
   analyse+extract (on every core, with embeddings) -> events (``--group-by event_id``:
   clustering is timed by benchmarks/cluster.py) -> reconcile -> report (build_brief, then each
   renderer and the JSON Lines writer, timed apart). Prints each stage's wall and
   CPU seconds and the share of reconcile+report, with the load average (other work on the same
   cores inflates wall times).

    PYTHONPATH=src python benchmarks/brief.py [--events 1000] [--sample-events 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from newsfuse.analyse import load_pipeline
from newsfuse.pipeline import Options, analyse_extract, cluster, event_inputs, read
from newsfuse.model import (
    Article, Attribution, CountValue, Event, Mention, PlaceValue, Report, Span, TimeValue,
)
from newsfuse.reconcile import reconcile_event
from newsfuse.report import build_brief, iter_json_lines, render

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


def cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and of its ended child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def constructed(n_events: int) -> None:
    events = load(n_events)
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
    print(f"1. constructed mentions: events {len(events)}, articles {n_articles}, load {load_text()}")
    print(f"reconcile      {t1 - t0:7.2f} s  ({1000 * (t1 - t0) / len(events):.2f} ms/event)")
    print(f"build_brief    {t2 - t1:7.2f} s  ({1000 * (t2 - t1) / len(events):.2f} ms/event, "
          "the summary's sentence embeddings included)")
    print(f"render md+json {t3 - t2:7.2f} s  html {t4 - t3:.2f} s  (bytes {sizes})")
    print(f"reconcile+report total {t4 - t0:.2f} s")


def whole_pipeline(n_events: int, seed: int) -> None:
    rows: dict[str, list[str]] = {}
    for line in (DATA / "articles.jsonl").open(encoding="utf-8"):
        rows.setdefault(json.loads(line)["event_id"], []).append(line)
    chosen = random.Random(seed).sample(sorted(rows), min(n_events, len(rows)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl"
        path.write_text("".join(line for e in chosen for line in rows[e]), encoding="utf-8")
        load_pipeline()  # model loading is not counted
        times: dict[str, tuple[float, float]] = {}
        before = load_text()

        def stage(name, fn):
            c, w = cpu_seconds(), time.perf_counter()
            out = fn()
            times[name] = (time.perf_counter() - w, cpu_seconds() - c)
            return out

        options = Options(group_by="event_id")
        articles = stage("read (ingest)", lambda: read([path], options).articles)
        analysed, mentions = stage("analyse+extract", lambda: analyse_extract(articles, options))
    events, _ = stage("events (group_by_field)", lambda: cluster(articles, analysed, mentions,
                                                                  options))
    inputs = event_inputs(events, articles, analysed, mentions)
    facts = stage("reconcile", lambda: [
        reconcile_event(e, arts, ms) for e, arts, ms, _ in inputs])
    briefs = stage("report: build_brief", lambda: [
        build_brief(e, f, arts, ms, ans) for (e, arts, ms, ans), f in zip(inputs, facts, strict=True)])
    report = Report(events=briefs, articles=articles)
    for fmt in ("md", "json", "html"):
        stage(f"report: render {fmt}", lambda fmt=fmt: render(report, fmt))
    stage("report: write jsonl", lambda: sum(len(line) for line in iter_json_lines(report)))
    total_wall = sum(w for w, _ in times.values())
    total_cpu = sum(c for _, c in times.values())
    print(f"2. whole pipeline on {len(events)} random gva-dev events ({len(articles)} articles, seed "
          f"{seed}); load average before {before}, after {load_text()}")
    for name, (wall, cpu) in times.items():
        print(f"  {name:28s} wall {wall:7.2f} s ({100 * wall / total_wall:5.1f}%)  "
              f"CPU {cpu:7.2f} s ({100 * cpu / total_cpu:5.1f}%)")
    ours = [v for k, v in times.items() if k.startswith(("reconcile", "report"))]
    print(f"  reconcile+report share of the whole pipeline: wall {100 * sum(w for w, _ in ours) / total_wall:.1f}%"
          f", CPU {100 * sum(c for _, c in ours) / total_cpu:.1f}%  "
          f"({1000 * sum(w for w, _ in ours) / len(events):.1f} ms/event wall)")

def load_text() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000, help="constructed events (0: skip)")
    parser.add_argument("--sample-events", type=int, default=100,
                        help="events for the whole pipeline (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    if args.events:
        constructed(args.events)
    if args.sample_events:
        whole_pipeline(args.sample_events, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
