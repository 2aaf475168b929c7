"""Baselines printed beside newsfuse's figures: what a constant and a keyword regex score.

- *constant*: "1 killed, 0 injured" per article; the most common gold type; no claimant.
- *regex*: killed / injured are the largest number written just before a death or injury word
  ("THREE PEOPLE WERE KILLED", "12 dead"); with no number, 1 when the word occurs, else 0; the type is the one whose keyword comes
  first in the text; the claimant is the capitalised words just before "claimed responsibility".
"""

from __future__ import annotations

import re

from newsfuse.extract.numbers import find_quantities

CONSTANT_COUNTS = {"killed": 1, "injured": 0}

_COUNT_WORDS = {"killed": r"(?:killed|dead|died|murdered|slain)", "injured": r"(?:injured|wounded|hurt)"}
_BETWEEN = r"\s+(?:\w+\s+){0,2}(?:were\s+|was\s+|have\s+been\s+)?"

_REGEX_TYPES = (
    ("kidnapping", r"\b(?:kidnap\w*|abduct\w*|hostages?)\b"),
    ("bombing", r"\b(?:bomb\w*|explo\w+|dynamite)\b"),
    ("arson", r"\b(?:arson|set fire|burn(?:ed|t))\b"),
    ("robbery", r"\b(?:robbery|robbed|stole)\b"),
    ("attack", r"\b(?:attack\w*|kill\w*|murder\w*|shot|assassinat\w*|massacre\w*)\b"),
)
_REGEX_CLAIM = re.compile(
    r"((?:[A-Z][\w-]*\s+){1,6})(?:\([A-Z-]+\)\s+)?(?i:(?:has\s+|have\s+)?(?:claimed|took|assumed)\s+responsibility)")


def regex_counts(text: str) -> dict[str, int]:
    """Killed and injured by the keyword rule of the module docstring."""
    out = {}
    for slot, words in _COUNT_WORDS.items():
        after = re.compile(_BETWEEN + words + r"\b", re.IGNORECASE)
        found = [q.point for q in find_quantities(text) if q.point is not None and after.match(text, q.end)]
        out[slot] = max(found, default=int(bool(re.search(r"\b" + words + r"\b", text, re.IGNORECASE))))
    return out


def regex_type(text: str) -> str | None:
    """The type whose word comes first in the text (a keyword baseline)."""
    first = [(m.start(), label) for label, pat in _REGEX_TYPES
             if (m := re.search(pat, text, re.IGNORECASE))]
    return min(first)[1] if first else None


def regex_claimants(text: str) -> list[str]:
    """The capitalised words just before "claimed responsibility" (a keyword baseline)."""
    return [m.group(1).strip() for m in _REGEX_CLAIM.finditer(text)]
