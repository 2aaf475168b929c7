"""Fit the killed/injured chooser (reconcile/chooser.py) and print its cross-validated accuracy.

For every event of gva-dev and gvc-train (grouped by event_id, from the caches of
``benchmarks/counts_dev.py``) the chooser's candidates and features are recorded; a
conditional logit (softmax over each event's candidates, L2 penalty ``--l2``) is fitted to pick
the GVA gold figure. Killed is fitted first; injured is recorded with that killed model in
place (its candidates depend on the toll). Printed per set: the rules alone, the model fitted
on all events (what ``--write`` stores in ``data/chooser.json``), and the two-fold
cross-validated figure: each half (crc32 of the event id) scored by models fitted on the
other half only; and the ceiling, the share of events whose gold figure is among the
candidates. A slot whose cross-validated gain over the rules is below ``MIN_GAIN`` of its
events (pooled over both sets) is left to the rules: no weights are stored for it.

Usage:
    python benchmarks/fit/fit_count_chooser.py [--l2 3.0] [--cache DIR] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/, for counts_dev

from counts_dev import DATA, half_of, mentions_cached  # noqa: E402
from newsfuse.cluster import group_by_field  # noqa: E402
from newsfuse.reconcile import chooser, load_params, reconcile_events  # noqa: E402
from newsfuse.reconcile.params import ChooserParams  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SETS = ("gva-dev", "gvc-train")
WEIGHTS = ROOT / "src" / "newsfuse" / "reconcile" / "data" / "chooser.json"


def record(data: dict, weights: dict) -> dict:
    """(set, event id, slot) -> (candidates, feature rows), with ``weights`` in place."""
    out: dict = {}
    buffer: list = []
    params = load_params().replace(
        chooser=ChooserParams(features=chooser.FEATURES,
                              weights={s: tuple(w) for s, w in weights.items()}),
        on_candidates=lambda slot, values, rows: buffer.append((slot, values, rows)))
    for name, (articles, found) in data.items():
        events, _ = group_by_field(articles, [], "event_id")
        for event, *_ in reconcile_events(events, articles, found, params=params):
            for slot, values, rows in buffer:
                out[(name, event.id, slot)] = (values, np.array(rows))
            buffer.clear()
    return out


def fit(records: dict, gold: dict, slot: str, keep, l2: float) -> list[float]:
    """Conditional-logit weights for ``slot`` over the records whose event ``keep`` accepts."""
    groups = []
    for (name, eid, s), (values, rows) in records.items():
        g = gold[name].get(eid, {}).get(s)
        if s == slot and keep(eid) and g in values:
            groups.append((rows, values.index(g)))
    dim = len(chooser.FEATURES)

    def loss(w):
        total, grad = l2 * w @ w / 2, l2 * w
        for rows, right in groups:
            z = rows @ w
            z -= z.max()
            p = np.exp(z) / np.exp(z).sum()
            total -= np.log(p[right] + 1e-12)
            grad = grad + rows.T @ p - rows[right]
        return total, grad

    w = minimize(loss, np.zeros(dim), jac=True, method="L-BFGS-B").x
    return [round(float(x), 4) for x in w]


def predict(records: dict, name: str, eid: str, slot: str, weights: list[float] | None):
    found = records.get((name, eid, slot))
    if found is None:
        return 0
    values, rows = found
    rule = values[int(np.argmax(rows[:, 0]))]
    if weights is None:
        return rule
    scores = rows @ np.array(weights)
    i = max(range(len(values)), key=lambda i: (scores[i], values[i] == rule))
    return values[i]


def accuracy(gold: dict, name: str, pick) -> str:
    cells = []
    for slot in ("killed", "injured"):
        ids = [e for e, g in gold[name].items() if g.get(slot) is not None and e in SCORED[name]]
        for label, keep in (("all", None), ("even", "even"), ("odd", "odd")):
            sel = [e for e in ids if keep is None or half_of(e) == keep]
            right = sum(pick(e, slot) == gold[name][e][slot] for e in sel)
            cells.append(f"{slot} {label} {right / len(sel):.1%}")
    return ", ".join(cells)


SCORED: dict = {}
#: The least cross-validated gain (share of events) for which the model replaces the rules.
MIN_GAIN = 0.005


def ceiling(records: dict, gold: dict, name: str) -> str:
    """The share of events whose gold figure is among the chooser's candidates (0 where the
    rules found no figure): the most any choice among them could get right."""
    cells = []
    for slot in ("killed", "injured"):
        ids = [e for e in SCORED[name] if gold[name].get(e, {}).get(slot) is not None]
        hit = sum(gold[name][e][slot] in records.get((name, e, slot), ([0],))[0] for e in ids)
        cells.append(f"{slot} {hit / len(ids):.1%}")
    return ", ".join(cells)


def cv_gain(base: dict, crossed: dict, gold: dict, slot: str, weights: dict) -> bool:
    """Whether the cross-validated model gets at least ``MIN_GAIN`` of the events of ``slot``
    more right than the rules, pooled over the sets (``crossed``: records per half, or one
    dict for all halves). A gain of a few events is noise, not a reason to replace a rule."""
    rules = model = n = 0
    for name in SETS:
        for e in SCORED[name]:
            g = gold[name].get(e, {}).get(slot)
            if g is None:
                continue
            h = {"even": "odd", "odd": "even"}[half_of(e)]
            recs = crossed[h] if h in crossed else crossed
            n += 1
            rules += predict(base, name, e, slot, None) == g
            model += predict(recs, name, e, slot, weights[h]) == g
    print(f"{slot}: rules {rules}, cross-validated model {model} of {n} events right")
    return model - rules >= MIN_GAIN * n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "counts-cache")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    data = {name: mentions_cached(name, args.cache, False) for name in SETS}
    gold = {name: {json.loads(line)["event_id"]: json.loads(line)
                   for line in (DATA / name / "events.jsonl").open()} for name in SETS}
    for name, (articles, _) in data.items():
        SCORED[name] = {a.extra.get("event_id") for a in articles}
    halves = {"all": lambda e: True, "even": lambda e: half_of(e) == "even",
              "odd": lambda e: half_of(e) == "odd"}
    base = record(data, {})
    other = {"even": "odd", "odd": "even"}
    killed = {h: fit(base, gold, "killed", keep, args.l2) for h, keep in halves.items()}
    if not cv_gain(base, base, gold, "killed", killed):
        killed = dict.fromkeys(halves)  # no cross-validated gain: the rules keep killed
    with_killed = {h: record(data, {"killed": killed[h]} if killed[h] else {}) for h in halves}
    injured = {h: fit(with_killed[h], gold, "injured", halves[h], args.l2) for h in halves}
    if not cv_gain(base, with_killed, gold, "injured", injured):
        injured = dict.fromkeys(halves)
    for name in SETS:
        print(f"{name}:")
        print("  ceiling:  ", ceiling(base, gold, name))
        print("  rules:    ", accuracy(gold, name, lambda e, s: predict(base, name, e, s, None)))
        print("  full fit: ", accuracy(gold, name, lambda e, s: predict(
            with_killed["all"], name, e, s, (killed if s == "killed" else injured)["all"])))

        def crossed(e, s):
            h = other[half_of(e)]  # models fitted on the other half only
            return predict(with_killed[h], name, e, s, (killed if s == "killed" else injured)[h])

        print("  cross-val:", accuracy(gold, name, crossed))
    for slot, w in (("killed", killed["all"]), ("injured", injured["all"])):
        if w is None:
            print(slot, "not used: no cross-validated gain over the rules")
            continue
        print(slot, " ".join(f"{f}={x:+.2f}" for f, x in zip(chooser.FEATURES, w, strict=True)))
    if args.write:
        doc = json.loads(WEIGHTS.read_text())
        doc.update(features=list(chooser.FEATURES), l2=args.l2,
                   weights={s: w for s, w in (("killed", killed["all"]),
                                              ("injured", injured["all"])) if w is not None})
        WEIGHTS.write_text(json.dumps(doc, indent=1) + "\n")
        print(f"wrote {WEIGHTS}")
    print(f"{time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
