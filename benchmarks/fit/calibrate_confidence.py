"""Fit the Platt parameters of ``Fact.confidence`` and print a reliability table.

The label is whether a reconciled killed/injured ``best`` equals the Gun Violence Archive gold
(``--group-by event_id``: one event per gold incident). Fitted on gvc-train and the half of
gva-dev whose event ids have an even crc32; the reliability table is printed for the other half
(held out), before (raw) and after calibration.

Usage:
    python benchmarks/fit/calibrate_confidence.py [--write] [--cache DIR]

``--write`` stores the fitted ``platt`` parameters in src/newsfuse/reconcile/data/confidence.json.
``--cache DIR`` keeps each data set's articles and mentions in DIR (analyse + extract of gva-dev
takes several minutes on 2 cores), reused on the next run.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import time
import zlib
from pathlib import Path

from newsfuse.analyse import analyse
from newsfuse.cluster import group_by_field
from newsfuse.extract import extract_mentions
from newsfuse.ingest import read_sources
from newsfuse.pipeline import DEFAULT_MAX_BYTES
from newsfuse.reconcile import load_params, reconcile_events
from newsfuse.reconcile.params import ConfidenceParams

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
PARAMS = ROOT / "src" / "newsfuse" / "reconcile" / "data" / "confidence.json"
SLOTS = ("killed", "injured")
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def mentions_of(name: str, cache: Path | None):
    """(articles, article id → mentions) of ../shared/data/<name>, cached when asked."""
    file = cache / f"{name}.pkl" if cache else None
    if file and file.is_file():
        return pickle.loads(file.read_bytes())
    ingested = read_sources([DATA / name / "articles.jsonl"], max_bytes=DEFAULT_MAX_BYTES)
    articles = ingested.articles
    analysed = analyse(articles, n_process=0, embeddings=False)
    found = {a.id: extract_mentions(a, an) for a, an in zip(articles, analysed)}
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps((articles, found)))
    return articles, found


def raw_params():
    """The fitted parameters with the Platt scaling off: facts carry their raw confidence."""
    fitted = load_params()
    raw = ConfidenceParams(**{**fitted.confidence.table, "platt": {"default": (1.0, 0.0)}})
    return fitted.replace(confidence=raw)


def raw_points(name: str, cache: Path | None) -> list[tuple[str, str, float, int]]:
    """(event id, slot, raw confidence, 1 if best == gold) for each killed/injured fact."""
    gold = {e["event_id"]: e for e in map(json.loads, (DATA / name / "events.jsonl").open())}
    articles, found = mentions_of(name, cache)
    events, _ = group_by_field(articles, [], "event_id")
    points = []
    for event, _, _, facts in reconcile_events(events, articles, found, params=raw_params()):
        for slot in SLOTS:
            fact, truth = facts.get(slot), gold.get(event.id, {}).get(slot)
            if fact is None or not isinstance(fact.best, int) or truth is None:
                continue
            points.append((event.id, slot, fact.confidence, int(fact.best == truth)))
    return points


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def fit_platt(points: list[tuple[float, int]], steps: int = 50) -> tuple[float, float]:
    """Logistic regression of the label on logit(raw) by Newton's method: (a, b)."""
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = haa = hab = hbb = 0.0
        for raw, y in points:
            x = _logit(raw)
            p = 1 / (1 + math.exp(-(a * x + b)))
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p)
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return a, b


def platt(raw: float, a: float, b: float) -> float:
    return 1 / (1 + math.exp(-(a * _logit(raw) + b)))


def reliability(points: list[tuple[float, int]]) -> list[str]:
    """Markdown rows: confidence bucket → facts, mean confidence, accuracy."""
    rows = ["| confidence | facts | mean confidence | exact |", "| --- | --- | --- | --- |"]
    for lo, hi in zip(BUCKETS, BUCKETS[1:]):
        inside = [(c, y) for c, y in points if lo <= c < hi]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            acc = sum(y for _, y in inside) / len(inside)
            rows.append(f"| {lo:.2f}-{min(hi, 1.0):.2f} | {len(inside)} | {mean:.3f} | {acc:.1%} |")
    brier = sum((c - y) ** 2 for c, y in points) / len(points)
    ece = sum(abs(sum(c for c, _ in b) - sum(y for _, y in b)) for b in (
        [(c, y) for c, y in points if lo <= c < hi] for lo, hi in zip(BUCKETS, BUCKETS[1:]))) / len(points)
    rows.append(f"\n{len(points)} facts, Brier {brier:.4f}, expected calibration error {ece:.4f}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the fitted parameters")
    parser.add_argument("--cache", type=Path, default=None, help="keep mentions here")
    args = parser.parse_args()
    started = time.perf_counter()
    fit, held_out = [], []
    for name in ("gvc-train", "gva-dev"):
        for event_id, slot, raw, y in raw_points(name, args.cache):
            odd = zlib.crc32(event_id.encode()) % 2 == 1
            (held_out if name == "gva-dev" and odd else fit).append((slot, raw, y))
    fitted = {"default": {"a": 1.0, "b": 0.0}}
    for slot in SLOTS:
        a, b = fit_platt([(raw, y) for s, raw, y in fit if s == slot])
        fitted[slot] = {"a": round(a, 4), "b": round(b, 4)}
        print(f"{slot}: fitted on {sum(s == slot for s, _, _ in fit)} facts "
              f"(gvc-train + gva-dev even crc32): a={a:.4f} b={b:.4f}")
    print("\nheld out (gva-dev odd crc32), killed and injured facts, raw confidence:\n")
    print("\n".join(reliability([(raw, y) for _, raw, y in held_out])))
    print("\nheld out, calibrated:\n")
    calibrated = [(platt(raw, fitted[s]["a"], fitted[s]["b"]), y) for s, raw, y in held_out]
    print("\n".join(reliability(calibrated)))
    if args.write:
        params = json.loads(PARAMS.read_text(encoding="utf-8"))
        params["platt"] = fitted
        PARAMS.write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {PARAMS}")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
