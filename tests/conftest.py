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
