"""Whether an article states what a line of the brief says: the same figures and the same content.

A line of the brief (a summary sentence copied from one article, a timeline or revised-figure
line) may cite an article only when that article states its claim:

- **figures**: every number the line states, the cited article states too. A number that an
  extracted count mention reads (slot and interval: "at least 40 killed") must be read by one of
  the cited article's mentions with the same slot and interval; a number no mention reads ("97
  people on board", "two gunmen") must be written in the cited article's text with the same value.
- **content**: the cited article has a sentence that the line copies or paraphrases: the share of
  the line's content words (lower case, stop words out, plural -s folded) that one of its sentences
  holds, at least ``content_threshold`` in ``data/summary.json``. The threshold is fit on the
  development sets by ``benchmarks/citation_alignment_fit.py`` (docs/report.md): the lowest one at
  which at most 1% of lead sentences align with a report of another event of the same set.

The summary (``summary.py``) cites by these rules; ``newsfuse eval citations`` (``eval/citations.py``)
checks any brief by them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsfuse.extract.numbers import find_quantities
from newsfuse.model import Article, Mention

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[0-9]+")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from newsfuse.cluster.features import lexicon

    return frozenset(lexicon()["stopwords"])


def content_words(text: str) -> frozenset[str]:
    """The words that carry a sentence's content: lower case, no stop words, "-s" and "'s" folded
    ("attackers" and "attacker" are one word)."""
    stop = _stopwords()
    out = set()
    for word in _WORD.findall(text.lower()):
        if word.endswith("'s"):
            word = word[:-2]
        if word in stop or len(word) < 3:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def coverage(line: frozenset[str], sentence: frozenset[str]) -> float:
    """The share of the line's content words that the sentence holds."""
    return len(line & sentence) / len(line) if line else 0.0


Figure = tuple[str, int, int | None]  # (slot, low, high) of a count mention


@dataclass
class ArticleClaims:
    """What one article states, prepared once for all the lines that may cite it."""

    article_id: str
    sentences: list[frozenset[str]]
    figures: set[Figure] = field(default_factory=set)
    numbers: set[int] = field(default_factory=set)
    text: str = ""  # title and text, white space collapsed (a line copied whole is found in it)


def _is_count(mention: Mention) -> bool:
    return getattr(mention.value, "kind", None) == "count"


def _figure(mention: Mention) -> Figure:
    return (mention.slot, mention.value.low, mention.value.high)


def article_claims(article: Article, mentions: Iterable[Mention], sentences: Sequence[str]) -> ArticleClaims:
    """An article's sentences (as content words), its count figures and the numbers its text writes."""
    claims = ArticleClaims(article.id, [content_words(s) for s in sentences])
    counts = [m for m in mentions if m.article_id == article.id and _is_count(m)]
    claims.figures = {_figure(m) for m in counts}
    # A figure a mention reads states its number even where the text words it otherwise
    # ("a man was killed": 1).
    claims.numbers = {n for m in counts for n in (m.value.point, m.value.low) if n is not None}
    claims.text = _collapsed(f"{article.title or ''}\n{article.text}")
    for text in (article.title or "", article.text):
        for q in find_quantities(text):
            claims.numbers.update(n for n in (q.point, q.low) if n is not None)
    return claims


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class LineClaim:
    """What one line of the brief states: its figures (read by mentions), its other numbers and
    its content words (and its text, to find a copy)."""

    figures: frozenset[Figure]
    numbers: frozenset[int]
    words: frozenset[str]
    text: str = ""


def sentence_claim(text: str, start: int, mentions: Iterable[Mention], article_id: str) -> LineClaim:
    """The claim of a sentence copied from ``article_id`` at offset ``start`` of its text: the count
    mentions whose evidence lies inside it, and the numbers no such mention reads."""
    end = start + len(text)
    inside = [
        m for m in mentions
        if m.article_id == article_id and _is_count(m) and m.evidence.field == "text"
        and start <= m.evidence.start and m.evidence.end <= end
    ]
    covered = [(m.evidence.start - start, m.evidence.end - start) for m in inside]
    numbers = {
        q.point if q.point is not None else q.low
        for q in find_quantities(text)
        if not any(a <= q.number_start < b for a, b in covered)
    }
    return LineClaim(
        frozenset(_figure(m) for m in inside), frozenset(numbers), content_words(text), _collapsed(text)
    )


def states_figures(claim: LineClaim, article: ArticleClaims) -> bool:
    """Every figure and number of the line is stated by the article (an article that holds the
    line word for word states them all, whatever its number reader makes of the context)."""
    if claim.text and claim.text in article.text:
        return True
    return claim.figures <= article.figures and claim.numbers <= article.numbers


def content_support(claim: LineClaim, article: ArticleClaims) -> float:
    """How well the article's best sentence covers the line's content (0-1); 1 when the article
    holds the line word for word (its own article, a wire copy)."""
    if claim.text and claim.text in article.text:
        return 1.0
    return max((coverage(claim.words, s) for s in article.sentences), default=0.0)


def supports(claim: LineClaim, article: ArticleClaims, threshold: float) -> bool:
    """The article states the line's claim: its figures, and a sentence it copies or paraphrases."""
    return states_figures(claim, article) and content_support(claim, article) >= threshold
