"""Report tests build on the constructed seed case of tests/reconcile/crocus_case.py."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest

from newsfuse.model import Report
from newsfuse.reconcile import reconcile_event

_HERE = Path(__file__).resolve().parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, _HERE.parent / "reconcile" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


crocus = _load("crocus_case")


def bag_of_words_embed(texts):
    """A deterministic stand-in for the sentence model: hashed bag of words, unit length."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"[a-z]{3,}", text.lower()):
            out[i, hash(word) % 256] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="session")
def bag_embed():
    return bag_of_words_embed


@pytest.fixture(scope="session")
def seed():
    event, articles, mentions = crocus.event(), crocus.articles(), crocus.mentions()
    facts = reconcile_event(event, articles, mentions)
    return event, articles, mentions, facts


@pytest.fixture(scope="session")
def seed_report(seed):
    from newsfuse.report import build_brief

    event, articles, mentions, facts = seed
    brief = build_brief(event, facts, articles, mentions, [], embed=bag_of_words_embed)
    return Report(events=[brief], articles=articles)
