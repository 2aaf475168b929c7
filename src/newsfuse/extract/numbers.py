"""Number phrases with their qualifiers → intervals.

"at least 40" → [40, ∞) at_least, "over 100" → [101, ∞) more_than, "nearly 70" → [0, 69]
fewer_than, "about 60" → [54, 66], "up to 50" → [0, 50], "sixty-two" → 62, "dozens" → vague.
The words and qualifiers live in ``data/numbers.json``; this module only holds the grammar.
Found by a regular expression over the text, so offsets are exact character positions.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsfuse.model import Qualifier

DATA_FILE = Path(__file__).parent / "data" / "numbers.json"


@dataclass(frozen=True)
class Quantity:
    """A number phrase found in a text: character offsets and the interval it means."""

    start: int
    end: int
    text: str
    low: int
    high: int | None
    qualifier: Qualifier
    point: int | None
    #: Where the bare number starts (after the qualifier): the token the parser attaches.
    number_start: int


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _alternation(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    lex = _lexicon()
    word = _alternation([*lex["units"], *lex["tens"]])
    scale = _alternation(lex["scales"])
    # "sixty-two", "one hundred and fifteen", "two thousand"
    words = (
        rf"(?:(?:{word})(?:[\s-]+(?:{word}))?"
        rf"(?:\s+(?:{scale})(?:\s+(?:and\s+)?(?:{word})(?:[\s-]+(?:{word}))?)?)?"
        rf"|a\s+(?:{scale})(?:\s+(?:and\s+)?(?:{word}))?)"
    )
    digits = r"(?<![\d.,$#:/])\d{1,3}(?:,\d{3})+(?![\d,]*\.\d)|(?<![\d.,$#:/])\d+(?![\d:/%]|\.\d|\s*%|,\d)"
    exact = _alternation(lex["exact_words"])
    vague = _alternation(lex["vague"])
    qual = _alternation(lex["qualifiers"])
    number = rf"(?P<digits>{digits})(?:\s+(?P<dscale>million|thousand))?|(?P<words>{words})|(?P<exact>{exact})"
    return re.compile(
        rf"\b(?:(?P<qual>{qual})\s+)?(?:(?P<vague>{vague})|{number})(?![A-Za-z])(?![\w-]*year)(?!-\w)",
        re.IGNORECASE,
    )


def parse_number_words(text: str) -> int | None:
    """Value of an English number in words ("sixty-two" → 62), or None when it is not one."""
    lex = _lexicon()
    total, current = 0, 0
    seen = False
    for part in re.split(r"[\s-]+", text.lower().strip()):
        if part in ("and", ""):
            continue
        if part == "a":
            current = 1
        elif part in lex["units"]:
            current += lex["units"][part]
        elif part in lex["tens"]:
            current += lex["tens"][part]
        elif part in lex["scales"]:
            scale = lex["scales"][part]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        else:
            return None
        seen = True
    return total + current if seen else None


def interval(point: int, qualifier: Qualifier) -> tuple[int, int | None]:
    """The interval a qualified figure allows: (low, high), high None for no upper bound."""
    if qualifier == Qualifier.AT_LEAST:
        return point, None
    if qualifier == Qualifier.MORE_THAN:
        return point + 1, None
    if qualifier == Qualifier.FEWER_THAN:
        return 0, max(point - 1, 0)
    if qualifier == Qualifier.AT_MOST:
        return 0, point
    if qualifier == Qualifier.ABOUT:
        spread = max(1, math.ceil(point * _lexicon()["about_fraction"]))
        return max(point - spread, 0), point + spread
    return point, point


def _value(match: re.Match) -> tuple[int | None, int | None, int | None]:
    """(point, vague low, vague high) of a match."""
    lex = _lexicon()
    if match.group("vague"):
        key = re.sub(r"\s+", " ", match.group("vague").lower())
        low, high = lex["vague"][key]
        return None, low, high
    if match.group("digits"):
        point = int(match.group("digits").replace(",", ""))
        if match.group("dscale"):
            point *= lex["scales"][match.group("dscale").lower()]
        return point, None, None
    if match.group("exact"):
        return lex["exact_words"][re.sub(r"\s+", " ", match.group("exact").lower())], None, None
    return parse_number_words(match.group("words")), None, None


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number phrase in ``text[start:end]``, with absolute offsets.

    Args:
        text: the article text.
        start, end: the part to search (a sentence), as offsets into ``text``.

    Returns:
        Quantities in text order. Years, clock times, money, percentages and ages ("25-year-old")
        are left out; whether a number counts people is decided by the caller.
    """
    end = len(text) if end is None else end
    found: list[Quantity] = []
    for match in _pattern().finditer(text, start, end):
        point, vague_low, vague_high = _value(match)
        if point is None and vague_low is None:
            continue
        if match.group("digits") and _looks_like_non_count(text, match, point):
            continue
        qual_text = (match.group("qual") or "").lower()
        qual_text = re.sub(r"\s+", " ", qual_text)
        if vague_low is not None:
            qualifier, low, high = Qualifier.VAGUE, vague_low, vague_high
            if qual_text and _lexicon()["qualifiers"][qual_text] in ("at_least", "more_than"):
                high = None
        else:
            qualifier = Qualifier(_lexicon()["qualifiers"][qual_text]) if qual_text else Qualifier.EXACT
            low, high = interval(point, qualifier)
        number_start = match.start("vague") if match.group("vague") else match.start(
            "digits" if match.group("digits") else ("words" if match.group("words") else "exact")
        )
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                low=low,
                high=high,
                qualifier=qualifier,
                point=point,
                number_start=number_start,
            )
        )
    return found


_NON_COUNT_AFTER = re.compile(
    r"\s*(?:a\.?m\b|p\.?m\b|o'clock|block\b|percent\b|per\s+cent\b|mph\b|miles?\b|feet\b|foot\b|"
    r"yards?\b|inch|pounds?\b|dollars?\b|cents?\b|mm\b|caliber|calibre|st\b|nd\b|rd\b|th\b|"
    r"years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|seconds?\b|rounds?\b|shots?\b|times\b)",
    re.IGNORECASE,
)


def _looks_like_non_count(text: str, match: re.Match, point: int) -> bool:
    """Years, times, money, addresses, ages, measures: digits that do not count people."""
    before = text[max(0, match.start() - 2) : match.start()]
    if "$" in before or "#" in before:
        return True
    after = text[match.end() : match.end() + 12]
    if _NON_COUNT_AFTER.match(after):
        return True
    if 1900 <= point <= 2100 and "," not in match.group("digits"):
        return True
    if re.search(r"\bage[ds]?\s*$", text[max(0, match.start() - 6) : match.start()], re.IGNORECASE):
        return True  # "another man, age 22," / "aged 19"
    line_start = text.rfind("\n", 0, match.start()) + 1
    if after.startswith(". ") and not text[line_start : match.start()].strip():
        return True  # "10. If your gun fails to fire": a list's numbering
    if match.group("digits") == "911":  # the emergency number: "called 911", "a 911 call"
        return True
    # "John Smith, 25," and "(25)": an age beside a name.
    if re.match(r"\s*[,)]", after) and re.search(r"[,(]\s*$", text[max(0, match.start() - 3) : match.start()]):
        return True
    return False
