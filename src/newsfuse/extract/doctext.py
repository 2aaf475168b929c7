"""The text of a spaCy Doc, computed once: ``Doc.text`` joins every token on each call."""

from __future__ import annotations

_KEY = "newsfuse.text"


def doc_text(doc) -> str:
    """``doc.text``, cached in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
