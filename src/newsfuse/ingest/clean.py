"""Text cleaning: mojibake, whitespace, and boilerplate around the article body.

The rules are data (``boilerplate.json``), generic to web news pages; this module only applies
them. Cleaning removes whole lines (paragraphs) and never edits inside a paragraph beyond
mojibake and whitespace repair, so what is left is the article's own wording.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import ftfy

# Kept apart from the boilerplate data: these are character classes, not phrases.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_MANY_BLANKS = re.compile(r"\n{3,}")
#: A run of this many printable ASCII characters without a space is no word of any language
#: (base64 blobs, tracking strings, junk): it goes, so that it is not read as a 3 MB "word".
#: Scripts written without spaces (Chinese, Japanese, Thai) are not ASCII and are untouched.
_NOT_A_WORD = re.compile(r"[!-~]{1000,}")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)

#: Paragraphs at the end examined for boilerplate blocks (a related-links list is rarely longer).
TAIL_WINDOW = 40
#: A trailing block after a heading is cut only if its lines are at most this long (links, not prose).
BLOCK_LINE_MAX = 220


class _Rules:
    """The compiled patterns of boilerplate.json."""

    def __init__(self, data: dict) -> None:
        def whole(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
            return re.compile("(?:" + "|".join(patterns) + r")\Z", flags)

        self.tail_line = whole(data["tail_lines"])
        self.heading = whole(data["tail_headings"])
        self.bio = whole(data["bio_cased"], 0)
        self.bio_cues = tuple(cue.lower() for cue in data["bio_cues"])
        self.cutoff = tuple(p.lower() for p in data["cutoff_phrases"])
        self.anywhere = re.compile(
            r"^[ \t]*(?:" + "|".join(data["anywhere_lines"]) + r")[ \t]*(?:\n|\Z)",
            re.IGNORECASE | re.MULTILINE,
        )


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Load and compile ``boilerplate.json`` once."""
    text = resources.files("newsfuse.ingest").joinpath("boilerplate.json").read_text("utf-8")
    return _Rules(json.loads(text))


def normalise(text: str) -> str:
    """Repair mojibake (ftfy, skipped for pure ASCII) and normalise whitespace.

    Line breaks become ``\\n``; runs of spaces/tabs/no-break spaces become one space; invisible
    and control characters go, and so do runs of 1,000+ ASCII characters without a space (no
    word is that long); lines are stripped; more than one blank line becomes one.
    """
    if not text.isascii():
        text = ftfy.fix_text(text, _FTFY)
        text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _NOT_A_WORD.sub("", text)
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_BLANKS.sub("\n\n", text).strip()


def strip_boilerplate(text: str) -> str:
    """Remove boilerplate lines anywhere (link teasers, "Advertisement") and trailing boilerplate.

    Trailing boilerplate: author bios, "Related Articles"/"Read more" link blocks, comment
    prompts, share/copyright/subscription lines, and a cut-off last fragment of one of those
    (a final "Leav").
    """
    text = rules().anywhere.sub("", text)
    return _MANY_BLANKS.sub("\n\n", strip_tail(text)).strip()


def strip_tail(text: str) -> str:
    """Drop trailing boilerplate paragraphs (see :func:`strip_boilerplate`)."""
    lines = text.rstrip().split("\n")
    r = rules()
    end = len(lines)  # lines[:end] is kept
    first = True
    while end > 0:
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        if end == 0:
            break
        line = lines[end - 1].strip()
        if first and _is_cutoff(line, r):
            end -= 1
        elif r.tail_line.match(line) or r.heading.match(line):
            end -= 1
        elif _is_bio(line, r):
            end -= 1
            end = _drop_name_line(lines, end, line)
        else:
            cut = _link_block_start(lines, end, r)
            if cut is None:
                break
            end = cut
        first = False
    return "\n".join(lines[:end])


def _is_cutoff(line: str, r: _Rules) -> bool:
    """A last line that is only the start of a known boilerplate phrase: a truncated crawl."""
    low = line.lower()
    return len(low) >= 3 and any(p.startswith(low) and p != low for p in r.cutoff)


def _is_bio(line: str, r: _Rules) -> bool:
    if len(line) > 900 or not r.bio.match(line):
        return False
    low = line.lower()
    return low.startswith("about the") or any(cue in low for cue in r.bio_cues)


_NAME_LINE = re.compile(r"(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,4}")


def _drop_name_line(lines: list[str], end: int, bio: str) -> int:
    """Also drop the bare name line that often heads a bio ("Alok Verma" above "Alok Verma is…")."""
    k = end
    while k > 0 and not lines[k - 1].strip():
        k -= 1
    if k == 0:
        return end
    name = lines[k - 1].strip()
    if _NAME_LINE.fullmatch(name) and bio.startswith(name.split()[0]):
        return k - 1
    return end


def _link_block_start(lines: list[str], end: int, r: _Rules) -> int | None:
    """Where a trailing block headed by "Related Articles"/"Read more"/... starts, if there is one.

    The block counts only when every line after the heading is short (headlines and links, not
    prose) and the heading sits in the second half of the text, so a real article is never cut
    at a "Read more" in its middle.
    """
    start = max(0, end - TAIL_WINDOW)
    total = sum(len(line) for line in lines[:end])
    for i in range(end - 1, start - 1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if r.heading.match(line):
            before = sum(len(x) for x in lines[:i])
            return i if before >= total / 2 else None
        if len(line) > BLOCK_LINE_MAX or (line.endswith(".") and len(line) > 100):
            return None
    return None


def clean_text(text: str) -> str:
    """:func:`normalise` then :func:`strip_boilerplate`."""
    return strip_boilerplate(normalise(text))
