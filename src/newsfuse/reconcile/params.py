"""The fitted and tuned numbers of reconcile in one validated object, like ``ClusterParams``.

Three data files hold them: ``data/chooser.json`` (the count chooser's weights, fitted by
``benchmarks/fit/fit_count_chooser.py``), ``data/confidence.json`` (the confidence model and
its Platt scaling, ``benchmarks/fit/calibrate_confidence.py``) and ``data/slots.json`` (the
count slots' settings). :func:`load_params` reads and checks them (a bad value is a
ConfigError naming the file and key). ``reconcile_event(..., params=...)`` and
``reconcile_events(..., params=...)`` take another set; the stages read the set in force
through :func:`active_params` (the fitted one unless a call passed its own), so a fit script
injects its trial weights and its ``on_candidates`` hook instead of patching module globals.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsfuse.errors import ConfigError

DATA_DIR = Path(__file__).parent / "data"
#: Keys ``slots.json`` must have (counts.py, casualties.py and chooser.py read them).
SLOT_KEYS = ("rising", "either", "hospital_follows_victims_up_to", "lead_chars", "title_hit_only",
             "roundup_title")
STATUSES = ("agreed", "updated", "single_source", "disputed", "unknown")

#: on_candidates(slot, candidate figures, feature rows): the chooser calls it for every event.
CandidateHook = Callable[[str, list[int], list[list[float]]], None]


@dataclass(frozen=True)
class ChooserParams:
    """The count chooser's linear model: ``weights[slot]`` in the order of ``features``."""

    features: tuple[str, ...] = ()
    weights: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for slot, row in self.weights.items():
            if len(row) != len(self.features) or not all(math.isfinite(w) for w in row):
                raise ConfigError(f"chooser weights for {slot!r}: {len(row)} finite numbers needed, "
                                  f"one per feature ({len(self.features)}).")
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))

    def weights_for(self, features: tuple[str, ...]) -> dict[str, list[float]] | None:
        """The weights when they were fitted on ``features`` (the code's), else None: a file
        fitted on another feature list is stale and the rules' figures stand."""
        if tuple(self.features) != tuple(features) or not self.weights:
            return None
        return {slot: list(row) for slot, row in self.weights.items()}


@dataclass(frozen=True)
class ConfidenceParams:
    """The confidence model (docs/reconcile.md): penalties, status factors, Platt scaling."""

    hedge_factor: float = 0.8
    vague_factor: float = 0.6
    agreement_power: float = 1.0
    status_factor: Mapping[str, float] = field(default_factory=lambda: {s: 1.0 for s in STATUSES})
    #: slot (or "default") -> (a, b) of sigmoid(a * logit(raw) + b)
    platt: Mapping[str, tuple[float, float]] = field(default_factory=lambda: {"default": (1.0, 0.0)})

    def __post_init__(self) -> None:
        for name in ("hedge_factor", "vague_factor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"confidence {name} must be in [0, 1], got {getattr(self, name)}.")
        if self.agreement_power < 0:
            raise ConfigError(f"confidence agreement_power must be >= 0, got {self.agreement_power}.")
        if any(not 0.0 <= v <= 1.0 for v in self.status_factor.values()):
            raise ConfigError("confidence status_factor values must be in [0, 1].")
        if "default" not in self.platt:
            raise ConfigError('confidence platt needs a "default" entry (a=1, b=0 is the identity).')
        object.__setattr__(self, "status_factor", MappingProxyType(dict(self.status_factor)))
        object.__setattr__(self, "platt", MappingProxyType(
            {k: (float(a), float(b)) for k, (a, b) in self.platt.items()}))

    @cached_property
    def table(self) -> dict[str, Any]:
        """The shape of ``confidence.json`` (what confidence.py reads), built once."""
        return {"hedge_factor": self.hedge_factor, "vague_factor": self.vague_factor,
                "agreement_power": self.agreement_power, "status_factor": dict(self.status_factor),
                "platt": {k: {"a": a, "b": b} for k, (a, b) in self.platt.items()}}


@dataclass(frozen=True)
class ReconcileParams:
    """Everything reconcile was fitted or tuned with. See the module docstring.

    Args:
        chooser: the count chooser's weights.
        confidence: the confidence model.
        slots: the count slots' settings (``slots.json``; keys :data:`SLOT_KEYS`).
        on_candidates: called by the chooser with each event's candidates and feature rows
            (fit scripts record them); None in normal runs.
    """

    chooser: ChooserParams = field(default_factory=ChooserParams)
    confidence: ConfidenceParams = field(default_factory=ConfidenceParams)
    slots: Mapping[str, Any] = field(default_factory=dict)
    on_candidates: CandidateHook | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        missing = [k for k in SLOT_KEYS if k not in self.slots]
        if missing:
            raise ConfigError(f"slot settings lack {', '.join(missing)} (see data/slots.json).")
        object.__setattr__(self, "slots", MappingProxyType(dict(self.slots)))

    def replace(self, **changes: Any) -> ReconcileParams:
        """A copy with some fields changed (``params.replace(on_candidates=hook)``)."""
        return replace(self, **changes)


def load_params(folder: Path | None = None) -> ReconcileParams:
    """Read and check ``chooser.json``, ``confidence.json`` and ``slots.json`` from ``folder``
    (default: the fitted ones shipped in ``reconcile/data``).

    Raises:
        ConfigError: a file is missing, is not JSON, or holds a value out of range.
    """
    if folder is None:
        return _fitted()
    return _read(Path(folder))


@lru_cache(maxsize=1)
def _fitted() -> ReconcileParams:
    return _read(DATA_DIR)


def _read(folder: Path) -> ReconcileParams:
    chooser, confidence, slots = (_json(folder / f"{n}.json") for n in ("chooser", "confidence", "slots"))
    try:
        return ReconcileParams(
            chooser=ChooserParams(
                features=tuple(chooser.get("features", ())),
                weights={s: tuple(float(w) for w in row) for s, row in (chooser.get("weights") or {}).items()},
            ),
            confidence=ConfidenceParams(
                hedge_factor=float(confidence["hedge_factor"]),
                vague_factor=float(confidence["vague_factor"]),
                agreement_power=float(confidence["agreement_power"]),
                status_factor={k: float(v) for k, v in confidence["status_factor"].items()},
                platt={k: (v["a"], v["b"]) for k, v in confidence["platt"].items()},
            ),
            slots={k: v for k, v in slots.items() if not k.startswith("_")},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"reconcile parameters in {folder}: missing or bad value ({exc}).") from None


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"reconcile parameters: cannot read {path} ({exc.strerror or exc}).") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"reconcile parameters: {path} is not valid JSON ({exc.msg}).") from None


_ACTIVE: contextvars.ContextVar[ReconcileParams | None] = contextvars.ContextVar(
    "newsfuse_reconcile_params", default=None)


def active_params() -> ReconcileParams:
    """The set in force: the one a reconcile call was given, else the fitted one."""
    return _ACTIVE.get() or _fitted()


@contextlib.contextmanager
def using_params(params: ReconcileParams | None) -> Iterator[ReconcileParams]:
    """Make ``params`` the set in force inside the block (None: keep the current one)."""
    if params is None:
        yield active_params()
        return
    token = _ACTIVE.set(params)
    try:
        yield params
    finally:
        _ACTIVE.reset(token)
