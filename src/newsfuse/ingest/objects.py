"""In-memory inputs: Articles, dicts with article fields, and strings of article text.

``newsfuse.brief`` takes these beside paths, so a caller who already holds articles does not
have to write them to files. Each kind is turned into what a file reader would yield:

- an :class:`~newsfuse.model.Article` is taken as it is (already cleaned);
- a dict is read by the same field names as a JSON record (``fields.json``: the uniform
  ``id, title, text, published, url, source`` fields, news-please's ``maintext``,
  ``date_publish``, ``source_domain``..., and other common names);
- a string is a path when it could be one (see :func:`is_path`), else the text of one article,
  read like a plain-text file (a title line and leading ``date`` lines are parsed).

Anything else raises :class:`~newsfuse.errors.InputTypeError` before anything is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeAlias

from newsfuse.errors import InputTypeError
from newsfuse.ingest.jsonl import map_record
from newsfuse.ingest.language import detect_language, normalise_language
from newsfuse.ingest.record import Item
from newsfuse.ingest.sources import STDIN, format_by_name
from newsfuse.ingest.text import read_text
from newsfuse.model import Article

#: What ``newsfuse.brief`` and ``read_sources`` accept, one per input.
Source: TypeAlias = "str | Path | Article | Mapping[str, Any]"

_GLOB_CHARS = re.compile(r"[*?\[]")
#: A string of this many words or more that names nothing on disk is text, not a mistyped path.
_TEXT_MIN_WORDS = 4


def is_path(source: str | Path) -> bool:
    """Whether a source names files (a path, a glob pattern or ``-``) rather than being text.

    A ``Path`` always is. A string is when it is ``-``, exists, is one line ending in an
    extension newsfuse reads, holds a glob character, or has fewer than four words (a short
    string naming nothing is far likelier a mistyped path, which is then rejected as
    ``not_found``, than an article). Anything else, and every string with a line break, is text.
    """
    if isinstance(source, Path):
        return True
    if "\n" in source.strip():
        return False
    stripped = source.strip()
    if stripped == STDIN or format_by_name(stripped) is not None:
        return True
    try:
        if Path(stripped).expanduser().exists():
            return True
    except OSError:  # a name too long for the file system is text
        return False
    return bool(_GLOB_CHARS.search(stripped)) or len(stripped.split()) < _TEXT_MIN_WORDS


def check_sources(sources: list[Any]) -> None:
    """Raise InputTypeError, naming the input, for anything that is not a Source."""
    for number, source in enumerate(sources, 1):
        if not isinstance(source, (str, Path, Article, Mapping)):
            raise InputTypeError(
                f"input #{number} is a {type(source).__name__} ({_preview(source)}); newsfuse "
                "reads paths (str or Path), Article objects, dicts with article fields "
                "(title, text, published, url, source...) and strings of article text."
            )


def object_item(source: Article | Mapping[str, Any] | str, number: int) -> Item | Article:
    """One in-memory input as a reader's item; ``number`` names it (``<input #3>``)."""
    name = f"<input #{number}>"
    if isinstance(source, Article):
        # Taken as cleaned; only what ingest adds to every article is filled in when missing.
        language = normalise_language(source.language) or detect_language(source.title, source.text)[0]
        return source.model_copy(
            deep=True, update={"input": source.input or name, "language": language}
        )
    if isinstance(source, Mapping):
        return map_record(dict(source), name, "object")
    return read_text(source, name)


def _preview(source: Any) -> str:
    text = repr(source)
    return text if len(text) <= 40 else text[:37] + "..."
