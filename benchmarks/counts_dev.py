"""Count accuracy on the development sets from cached parses: re-extract and re-score in seconds.

The spaCy parse dominates the cost of ``newsfuse brief`` (gva-dev: minutes on 2 cores), and
neither extraction nor reconciliation changes it. This script parses each data set once into a
cache of Docs, then re-runs extract (optional) + reconcile + scoring, and prints the figures of
the whole set and of its two halves (crc32 of the event id even / odd: tune on one, check on the
other).

Usage:
    python benchmarks/counts_dev.py [--sets gva-dev gvc-train gvdb-dev] [--cache DIR]
        [--reextract] [--errors N] [--half even|odd]

- ``--cache`` (default ``out/counts-cache``): the parses (``<set>.docs.pkl``) and the
  mentions of the last extraction (``<set>.mentions.pkl``).
- ``--reextract``: run extraction again over the cached parses (after an extract/ change).
- ``--errors N``: print the N worst misses of killed and injured (of ``--half`` when given).

Per event (gva-dev, gvc-train) the figure is the reconciled fact's ``best``, grouped by
``event_id`` as ``newsfuse brief --group-by event_id`` does; per article (gvdb-dev) it is the
extract rule of ``newsfuse eval counts``. The full-set figures equal those commands'.
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
import zlib
from multiprocessing import get_context
from pathlib import Path

from newsfuse.analyse import analyse, load_pipeline
from newsfuse.cluster import group_by_field
from newsfuse.eval import counts as eval_counts
from newsfuse.extract import extract_mentions
from newsfuse.ingest import read_sources
from newsfuse.pipeline import DEFAULT_MAX_BYTES
from newsfuse.reconcile import reconcile_events

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PER_ARTICLE = {"gvdb-dev"}


def parse_cached(name: str, cache: Path):
    """(articles, analysed with Docs) of a data set; parsed once, then read from the cache."""
    file = cache / f"{name}.docs.pkl"
    nlp = load_pipeline()
    if file.is_file():
        articles, analysed, docs = pickle.loads(file.read_bytes())
    else:
        articles = read_sources([DATA / name / "articles.jsonl"],
                                max_bytes=DEFAULT_MAX_BYTES).articles
        analysed = analyse(articles, n_process=0, embeddings=False)
        docs = [a.doc.to_bytes(exclude=["tensor", "user_data"]) for a in analysed]
        for a in analysed:
            a.doc = None
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps((articles, analysed, docs)))
    from spacy.tokens import Doc

    for a, raw in zip(analysed, docs, strict=True):
        a.doc = Doc(nlp.vocab).from_bytes(raw)
    return articles, analysed


_WORK: list = []


def _extract_range(bounds: tuple[int, int]):
    return [extract_mentions(a, an) for a, an in _WORK[bounds[0]:bounds[1]]]


def mentions_cached(name: str, cache: Path, reextract: bool):
    """(articles, article id → mentions), extracting again when asked or not cached."""
    file = cache / f"{name}.mentions.pkl"
    if file.is_file() and not reextract:
        return pickle.loads(file.read_bytes())
    articles, analysed = parse_cached(name, cache)
    _WORK[:] = list(zip(articles, analysed, strict=True))
    step = max(1, len(_WORK) // 16)
    ranges = [(i, i + step) for i in range(0, len(_WORK), step)]
    with get_context("fork").Pool(os.cpu_count() or 1) as pool:
        parts = pool.map(_extract_range, ranges)
    found = {a.id: ms for (a, _), ms in zip(_WORK, [m for p in parts for m in p], strict=True)}
    _WORK.clear()
    file.write_bytes(pickle.dumps((articles, found)))
    return articles, found


def half_of(event_id: str) -> str:
    return "odd" if zlib.crc32(event_id.encode()) % 2 else "even"


def event_report(articles, found) -> dict:
    """A brief-JSON-shaped dict (only what the scorer reads) from reconciled facts."""
    events, _ = group_by_field(articles, [], "event_id")
    out = []
    for event, _, _, facts in reconcile_events(events, articles, found):
        out.append({"id": event.id, "article_ids": event.article_ids,
                    "facts": {s: f.model_dump(mode="json") for s, f in facts.items()
                              if s in ("killed", "injured", "arrested")}})
    return {"events": out}


def score(name: str, articles, found, errors: int, only_half: str | None) -> None:
    article_event, gold = eval_counts.read_gold(DATA / name)
    if name in PER_ARTICLE:
        report_of = lambda keep: eval_counts.score(  # noqa: E731
            {a: ms for a, ms in found.items() if keep(article_event.get(a, a))},
            article_event, gold)
    else:
        brief = event_report(articles, found)
        report_of = lambda keep: eval_counts.score_brief(  # noqa: E731
            {"events": [e for e in brief["events"] if keep(e["id"])]}, article_event, gold)
    rows = []
    for label, keep in (("all", lambda _i: True), ("even", lambda i: half_of(i) == "even"),
                        ("odd", lambda i: half_of(i) == "odd")):
        rep = report_of(keep)
        cells = [f"{f} {s.exact_rate:.1%}" for f, s in rep.scores.items() if s.n]
        n = max(s.n for s in rep.scores.values())
        rows.append(f"  {label:>4} (n={n}): " + ", ".join(cells))
        if errors and label == (only_half or "all"):
            keep_rep = rep
    print(f"{name}:\n" + "\n".join(rows))
    if errors:
        for f in ("killed", "injured"):
            print(f"-- {name} {f} misses ({only_half or 'all'}) --")
            for miss in keep_rep.scores[f].worst(errors):
                print(f"{miss.id}: predicted {miss.predicted}, gold {miss.gold}")
                for q in miss.quotes[:4]:
                    print("     ", q.replace("\n", " ")[:200])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["gva-dev", "gvc-train", "gvdb-dev"])
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "counts-cache")
    parser.add_argument("--reextract", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--half", choices=("even", "odd"), default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    for name in args.sets:
        articles, found = mentions_cached(name, args.cache, args.reextract)
        score(name, articles, found, args.errors, args.half)
    print(f"{time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
