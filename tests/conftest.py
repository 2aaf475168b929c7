"""Shared fixtures: where ../shared (the evaluation data and seeds) is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI has it); tests on real data skip clearly without it."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"no shared data at {SHARED} (set NEWSFUSE_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


#: (test id, figure name, value, floor) of every quality gate checked in this session.
_GATE_FIGURES: list[tuple[str, str, float, float]] = []


@pytest.fixture
def gate(request):
    """``gate(scores, floors)``: fail when a figure is under its floor; every figure, its floor
    and its margin are printed at the end of the run (pass or fail), so a drift shows before
    it fails on some machine."""

    def check(scores, floors: dict[str, float]) -> None:
        failed = []
        for name, floor in floors.items():
            value = float(scores[name] if isinstance(scores, dict) else getattr(scores, name))
            _GATE_FIGURES.append((request.node.nodeid, name, value, floor))
            if value < floor:
                failed.append(f"{name} {value:.3f} < {floor}")
        assert not failed, "; ".join(failed)

    return check


def pytest_terminal_summary(terminalreporter):
    if not _GATE_FIGURES:
        return
    terminalreporter.section("quality gates: figure, floor, margin")
    for nodeid, name, value, floor in _GATE_FIGURES:
        terminalreporter.write_line(
            f"{value:7.3f}  floor {floor:<6}  margin {value - floor:+.3f}  {name:<10} {nodeid}"
        )
