"""Loading the word lists of ``data/*.json`` (cached, read once per process)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed ``data/<name>.json``.

    Raises:
        FileNotFoundError: when the data file is missing from the installation.
    """
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """``data/<name>.json[key]`` as a frozen set of lower-cased words."""
    return frozenset(w.lower() for w in load(name)[key])
