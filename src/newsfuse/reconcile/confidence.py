"""How sure a fact is, as a number in [0, 1] (docs/reconcile.md).

Each independent origin that supports the best value is a piece of evidence with a prior
reliability by its source kind (officials above media above witnesses, ``data/sources.json``),
lowered when hedged ("reportedly", "expected to rise") or vague ("dozens"). Pieces combine as
independent chances (noisy-or), are scaled by the share of non-superseded origins that agree and
by the status, and the result is Platt-scaled with parameters fitted on development data
(``data/confidence.json``, ``benchmarks/fit/calibrate_confidence.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from newsfuse.reconcile.params import active_params
from newsfuse.reconcile.sources import reliability


def params() -> dict:
    """The confidence model's parameters in force (``params.py``; fitted: ``data/confidence.json``)."""
    return active_params().confidence.table


def evidence_weight(kind: str, hedged: bool, vague: bool) -> float:
    """The chance one origin of ``kind`` is right, after hedge and vagueness penalties."""
    p = params()
    weight = reliability(kind)
    if hedged:
        weight *= p["hedge_factor"]
    if vague:
        weight *= p["vague_factor"]
    return weight


def raw_confidence(support: Iterable[float], agreement: float, status: str) -> float:
    """Uncalibrated confidence from per-origin evidence weights.

    Args:
        support: one weight per independent origin supporting the value.
        agreement: supporting origins / non-superseded origins, in [0, 1].
        status: the fact's status.
    """
    p = params()
    miss = 1.0
    for weight in support:
        miss *= 1.0 - min(max(weight, 0.0), 0.999)
    raw = (1.0 - miss) * (max(min(agreement, 1.0), 0.0) ** p["agreement_power"])
    return raw * p["status_factor"].get(status, 0.5)


def calibrate(raw: float, slot: str | None = None) -> float:
    """Platt scaling of a raw confidence with the slot's fitted parameters (``platt[slot]``,
    else ``platt["default"]``, the identity); clipped to [0, 1]."""
    table = params()["platt"]
    p = table.get(slot or "", table["default"])
    raw = min(max(raw, 1e-4), 1 - 1e-4)
    z = p["a"] * math.log(raw / (1 - raw)) + p["b"]
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def confidence(support: Iterable[float], agreement: float, status: str, slot: str | None = None) -> float:
    """Calibrated confidence of a fact; see the module docstring."""
    return calibrate(raw_confidence(support, agreement, status), slot)
