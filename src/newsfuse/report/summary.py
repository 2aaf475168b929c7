"""The brief's summary: 3-6 article sentences chosen for coverage and non-redundancy.

Maximal marginal relevance over sentence embeddings: each step takes the candidate with the best
``lambda * relevance - (1 - lambda) * (max similarity to the sentences already chosen)``.
Relevance is the cosine to the centroid of the event's candidate sentences, plus a bonus for each
reconciled fact whose evidence lies in the sentence and for an article's lead. Every chosen
sentence cites its own article first, then every other article that states its claim: the same
figures and a sentence it copies or paraphrases (``support.py``). The first sentence states the
latest figure of a revised count. Parameters: ``data/summary.json``.
Embeddings come from ``Analysed.sentence_embeddings`` when the analysis made them (the first
sentences of each article's lead, embedded in the analyse workers, at no cost here); other
candidates are embedded through ``newsfuse.analyse.embed`` only as far as it takes to have
``analysed_enough`` candidates, chosen by a lexical pre-score. Without them, a few lexically
pre-ranked candidates per event are embedded (the model call then dominates this stage's cost).
An event reported by one article only, where there is little redundancy to remove, uses hashed
word vectors instead of the model.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from newsfuse.model import (
    Analysed,
    Article,
    Fact,
    FactStatus,
    Mention,
    SeriesPoint,
    Span,
    SummarySentence,
)
from newsfuse.report.support import ArticleClaims, LineClaim, article_claims, sentence_claim, supports

_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")
_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=1)
def settings() -> dict:
    """Summary parameters (``data/summary.json``)."""
    path = resources.files("newsfuse.report") / "data" / "summary.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Candidate:
    article_id: str
    span: Span
    position: int
    vector: np.ndarray | None = None
    facts: int = 0


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` when the analysis gave none (punctuation and line breaks)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        stripped = raw.strip()
        if stripped:
            start = match.start() + raw.index(stripped)
            spans.append(Span(start=start, end=start + len(stripped), text=stripped))
    return spans


def _usable(text: str) -> bool:
    s = settings()
    if not s["min_chars"] <= len(text) <= s["max_chars"]:
        return False
    lower = text.lower()
    return not any(word in lower for word in s["boilerplate"]) and text[-1] in ".!?\"'\u201d\u2019)"


_STRAY_QUOTE = re.compile(r"^\s*(?:[\"\u201d\u2019']\s+)?")


# A line with no closing punctuation, then a new line that starts a sentence: the parser glued
# a headline or subtitle onto the first sentence of the next paragraph. A blank line always ends
# it; a single line break only after a heading-like line (most words capitalised), since plain
# text may wrap a sentence inside a line ("inspected in\nMarch").
_HEADING_BREAK = re.compile(r"[^.!?:;,\"'\u201d\u2019)\n](\s*\n\s*)(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def _heading_cut(text: str) -> int:
    """Where the sentence proper starts after heading lines glued before it (0: none)."""
    cut = 0
    for match in _HEADING_BREAK.finditer(text):
        line = text[text.rfind("\n", 0, match.start(1)) + 1 : match.start(1)]
        words = line.split()
        title_like = sum(w[:1].isupper() or not w[:1].isalpha() for w in words) >= 0.6 * len(words)
        if match.group(1).count("\n") > 1 or title_like:
            cut = match.end()
    return cut


def _trimmed(span: Span) -> Span:
    """The sentence without the whitespace around it (a paragraph's last sentence ends in its
    line break), without a heading line the parser glued before it ("Unveiling the Horrors of
    ...\n\nThe Islamic State ...") and without a stray closing quote mark before it ('" Mr
    Wierzbicki said ...': the splitter left the previous quote's closing mark)."""
    text = span.text.rstrip()
    cut = _heading_cut(text)
    cut += _STRAY_QUOTE.match(text[cut:]).end()
    if cut == 0 and len(text) == len(span.text):
        return span
    return Span(start=span.start + cut, end=span.start + len(text), text=text[cut:])


def _near_copy(a: set[str], b: set[str]) -> bool:
    """Two sentences that share most of their words ("Governor X told reporters ..." and
    "Regional governor X told reporters ..."), whatever their vectors say."""
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= settings()["near_copy_overlap"]


def candidates(
    articles: Sequence[Article], analysed: dict[str, Analysed], facts: dict[str, Fact]
) -> list[Candidate]:
    """Usable sentences of the event's articles, each marked with the facts it states."""
    evidence: dict[str, list[tuple[int, int, str]]] = {}
    for slot, fact in facts.items():
        for fm in fact.mentions:
            if fm.field != "text":
                continue
            evidence.setdefault(fm.article_id, []).append((fm.start, fm.end, slot))
    found = []
    for article in articles:
        result = analysed.get(article.id)
        spans = result.sentences if result and result.sentences else split_sentences(article.text)
        vectors = result.sentence_embeddings if result and result.sentence_embeddings else None
        kept = 0
        for i, span in enumerate(spans):
            if kept >= settings()["sentences_per_article"]:
                break
            span = _trimmed(span)
            if not _usable(span.text):
                continue
            slots = {s for a, b, s in evidence.get(article.id, []) if span.start <= a and b <= span.end}
            vector = None
            if vectors is not None and i < len(vectors):
                vector = np.asarray(vectors[i], dtype=np.float32)
            found.append(Candidate(article.id, span, kept, vector, len(slots)))
            kept += 1
    return found


def lexical_vectors(texts: Sequence[str], dims: int = 1024) -> np.ndarray:
    """Hashed bag-of-words unit vectors: the stand-in for the sentence model on one article."""
    out = np.zeros((len(texts), dims), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in _WORD.findall(text.lower()):
            out[i, zlib.crc32(word.encode()) % dims] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _lexical_prescore(cands: list[Candidate]) -> list[float]:
    counts: dict[str, int] = {}
    words = [set(_WORD.findall(c.span.text.lower())) for c in cands]
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    scores = []
    for c, ws in zip(cands, words, strict=True):
        shared = sum(counts[w] - 1 for w in ws) / (len(ws) + 5)
        scores.append(shared + 2.0 * c.facts + (1.0 if c.position == 0 else 0.0) - 0.1 * c.position)
    return scores


def select(
    cands: list[Candidate],
    embed: Callable[[list[str]], np.ndarray],
) -> list[Candidate]:
    """Choose summary sentences by MMR.

    Args:
        cands: candidate sentences; those without a vector are embedded with ``embed``.
        embed: ``texts -> (n, d)`` unit vectors (``newsfuse.analyse.embed``).

    Returns:
        The chosen candidates, in the order chosen.
    """
    s = settings()
    if not cands:
        return []
    if len(cands) <= s["min_sentences"] and all(c.vector is None for c in cands):
        return list(cands)  # nothing to choose between: no model call
    n_articles = len({c.article_id for c in cands})
    if n_articles < s["model_min_articles"]:
        # One article: little redundancy to find, so word vectors do and the model is spared
        # (for every candidate: vectors of two kinds cannot be compared).
        for c in cands:
            c.vector = None
        embed = lexical_vectors
    budget = min(s["max_candidates"], s["candidates_per_article"] * n_articles + 2)
    analysed = sum(c.vector is not None for c in cands)
    if analysed and embed is not lexical_vectors:
        # The analysis embedded the leads' first sentences (no cost here): embed only
        # as many others as it takes to have ``analysed_enough`` candidates to choose from.
        budget = max(0, s["analysed_enough"] - analysed)
    missing = [c for c in cands if c.vector is None]
    if len(missing) > budget:
        scores = _lexical_prescore(cands)
        ranked = sorted((i for i, c in enumerate(cands) if c.vector is None), key=lambda i: -scores[i])
        keep = set(ranked[:budget])
        cands = [c for i, c in enumerate(cands) if i in keep or c.vector is not None]
        missing = [c for c in cands if c.vector is None]
    if missing:
        # The model's cost grows with length; a sentence's first words carry most of its sense.
        texts = [c.span.text[: s["embed_chars"]] for c in missing]
        unique = list(dict.fromkeys(texts))  # copies of one story share sentences: embed them once
        vectors = dict(zip(unique, embed(unique), strict=True))
        for c, text in zip(missing, texts, strict=True):
            c.vector = np.asarray(vectors[text], dtype=np.float32)
    matrix = np.stack([c.vector for c in cands])
    centroid = matrix.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    relevance = matrix @ centroid
    relevance += np.array([s["fact_bonus"] * min(c.facts, 3) for c in cands])
    relevance += np.array([s["lead_bonus"] if c.position == 0 else 0.0 for c in cands])
    similarity = matrix @ matrix.T
    articles = len({c.article_id for c in cands})
    k = min(len(cands), max(s["min_sentences"], min(s["max_sentences"], 2 + articles)))
    words = [set(_WORD.findall(c.span.text.lower())) for c in cands]
    chosen: list[int] = []
    while len(chosen) < k:
        best, best_score = -1, -np.inf
        for i in range(len(cands)):
            if i in chosen or any(_near_copy(words[i], words[j]) for j in chosen):
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy >= 0.95:
                continue
            score = s["lambda"] * relevance[i] - (1 - s["lambda"]) * redundancy
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
    return [cands[i] for i in chosen]


def event_claims(
    articles: Sequence[Article], mentions: Sequence[Mention]
) -> dict[str, ArticleClaims]:
    """What each article of the event states (its sentences, figures and numbers), for citing."""
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    return {
        a.id: article_claims(a, by_article.get(a.id, []), [sp.text for sp in split_sentences(a.text)])
        for a in articles
    }


def citing(claim: LineClaim, own: str | None, claims: dict[str, ArticleClaims], cite: dict[str, int]) -> list[int]:
    """The citations of a line: its own article first, then every other article that states its
    claim (``support.supports``), in source order."""
    threshold = settings()["content_threshold"]
    others = sorted(
        cite[a] for a, c in claims.items()
        if a != own and a in cite and supports(claim, c, threshold)
    )
    return ([cite[own]] if own in cite else []) + others


def _current_figures(facts: dict[str, Fact]) -> dict[str, SeriesPoint]:
    """Per count slot whose figure was revised, the latest report's figure (the current state)."""
    out = {}
    for slot, fact in facts.items():
        if fact.status in (FactStatus.UPDATED, "updated") and len(fact.series) > 1:
            out[slot] = fact.series[-1]
    return out


def _note(claim: LineClaim, facts: dict[str, Fact], current: dict[str, SeriesPoint]) -> str | None:
    """"killed: earlier reports: at least 40, over 60" on a line quoting the latest figure;
    "killed: superseded, later reports: at least 143" on one quoting an earlier figure."""
    notes = []
    for slot, low, high in sorted(claim.figures, key=lambda f: (f[0], f[1])):
        latest = current.get(slot)
        if latest is None:
            continue
        if (latest.low, latest.high) == (low, high):
            earlier = list(dict.fromkeys(
                p.value for p in facts[slot].series if (p.low, p.high) != (low, high)
            ))
            if earlier:
                notes.append(f"{slot}: earlier reports: {', '.join(earlier)}")
        elif any((p.low, p.high) == (low, high) for p in facts[slot].series):
            notes.append(f"{slot}: superseded, later reports: {latest.value}")
    return "; ".join(dict.fromkeys(notes)) or None


def _leading(cands: list[Candidate], mentions: Sequence[Mention], current: dict[str, SeriesPoint]) -> Candidate | None:
    """The candidate sentence that states the latest figure of the first revised slot (killed
    before the others), from the report that gave it."""
    by_id = {m.id: m for m in mentions}
    for slot in sorted(current, key=lambda s: (s != "killed", s)):
        m = by_id.get(current[slot].mention_id)
        if m is None or m.evidence.field != "text":
            continue
        for c in cands:
            if c.article_id == m.article_id and c.span.start <= m.evidence.start < c.span.end:
                return c
    return None


def summarise(
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    facts: dict[str, Fact],
    mentions: Sequence[Mention],
    cite: dict[str, int],
    embed: Callable[[list[str]], np.ndarray],
    claims: dict[str, ArticleClaims] | None = None,
) -> list[SummarySentence]:
    """The summary sentences of an event, each citing the articles that state it.

    Args:
        articles: the event's articles.
        analysed: their analyses (sentences and, when present, sentence embeddings are reused).
        facts: the reconciled facts (sentences stating them are preferred).
        mentions: the event's mentions: the figures a sentence states, and who else states them.
        cite: article id -> the number it is cited by.
        embed: the embedding function.
        claims: what each article states (``event_claims``), when the caller has it already.

    Returns:
        3-6 sentences (fewer only when the articles have fewer usable ones). The first states the
        latest figure of a revised count when a usable sentence does; each cites its own article
        first, then every other article with the same figures and a sentence it copies or
        paraphrases (``support.supports``); a figure that was revised is noted as latest or
        superseded.
    """
    by_id = {a.article_id: a for a in analysed}
    cands = candidates(articles, by_id, facts)
    chosen = select(cands, embed)
    # Newest report first: its sentences carry the latest figures ("21 dead"), the first
    # reports' ("at least 12") follow; MMR order among sentences of one time.
    published = {a.id: a.published.timestamp() if a.published else float("-inf") for a in articles}
    chosen.sort(key=lambda c: -published.get(c.article_id, float("-inf")))
    current = _current_figures(facts)
    lead = _leading(cands, mentions, current)
    if lead is not None:
        lead_words = set(_WORD.findall(lead.span.text.lower()))
        rest = [c for c in chosen if c is not lead
                and not _near_copy(lead_words, set(_WORD.findall(c.span.text.lower())))]
        chosen = [lead] + rest[: settings()["max_sentences"] - 1]
    claims = claims if claims is not None else event_claims(articles, mentions)
    out = []
    for cand in chosen:
        claim = sentence_claim(cand.span.text, cand.span.start, mentions, cand.article_id)
        out.append(
            SummarySentence(
                text=cand.span.text,
                citations=citing(claim, cand.article_id, claims, cite),
                article_id=cand.article_id,
                start=cand.span.start,
                end=cand.span.end,
                note=_note(claim, facts, current),
            )
        )
    return out
