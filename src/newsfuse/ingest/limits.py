"""Budgets on what one record may cost, and the error boundary every record is read inside.

A hostile or broken input must cost one rejection, never the run: each input (and each record of
a stream) is read inside :func:`guarded`, and the sizes that make the later stages slow or
crash (spaCy refuses texts over 1,000,000 characters; Python's parser recurses once per JSON
level) are checked here before anything expensive runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from newsfuse.model import Rejection, RejectionCode

#: An article's text is cut (at a paragraph or space) past this many characters and the cut is
#: recorded in ``extra["truncated_from_chars"]``: the longest article of the development sets
#: has 58,308, and spaCy's parse grows by ~3 KB of memory per character.
MAX_TEXT_CHARS = 100_000
#: A raw text is cut at this length before cleaning (cleaning removes little, and its cost grows
#: with the length).
MAX_RAW_CHARS = 4 * MAX_TEXT_CHARS
#: An HTML page with more tags than this is rejected before it is parsed: a news page has a few
#: thousand (extraction costs ~175 µs per element: 2,000,000 tiny ones took over 6 minutes).
MAX_HTML_TAGS = 200_000
#: A WARC header line (or a header block) longer than this is not a WARC header.
MAX_WARC_HEADER_BYTES = 64 * 1024
#: JSON nested deeper than this is rejected: article records are two or three levels deep, and
#: deeper values would make every later recursive step (validation, output) the slow or
#: failing one.
MAX_JSON_DEPTH = 64

T = TypeVar("T")

# C0/C1 controls, DEL and the bidirectional overrides/isolates (which reorder what a terminal or
# page shows: "txt.exe" shown as "exe.txt").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_NAMES = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_name(name: str) -> str:
    """A path as text that prints and serialises anywhere: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) and control characters become ``\\xNN`` escapes."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE_IN_NAMES.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                else f"\\u{ord(m.group()):04x}", name)


def truncate_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` cut at the last paragraph break (else space) before ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in ("\n\n", "\n", " "):
        cut = head.rfind(mark)
        if cut > limit // 2:
            return head[:cut].rstrip()
    return head


def too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when a parsed JSON value nests lists/objects more than ``limit`` levels deep."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in item if isinstance(child, (list, dict)))
    return False


def describe(exc: BaseException) -> str:
    """What went wrong, in a phrase a user can report (no traceback)."""
    if isinstance(exc, RecursionError):
        return "it is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "it needs more memory than this machine has"
    detail = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def guarded(name: str, read: Callable[[], Iterator[T]]) -> Iterator[T | Rejection]:
    """Yield what ``read()`` yields; if it fails, a Rejection of ``name`` instead of the error.

    What was yielded before the failure is kept (a stream's good records stay read).
    """
    try:
        yield from read()
    except Exception as exc:  # noqa: BLE001 - the boundary: any failure of one input is its own
        yield Rejection(input=name, code=RejectionCode.MALFORMED,
                        reason=f"could not be read ({describe(exc)}); the rest of this input was skipped.")


def strip_bidi(text: str) -> str:
    """Remove the bidirectional embedding/override/isolate controls (U+202A-E, U+2066-9): they
    only reorder how text is displayed, and can make a title or text read as something else."""
    return _BIDI.sub("", text) if _BIDI.search(text) else text


