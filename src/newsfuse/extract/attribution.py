"""Who says a claim: "according to CNN", "the Health Ministry said", "RIA Novosti reported",
"warnings from the Investigative Committee"; and how sure they are ("reportedly").

Sentence-level: every reporting construction in the sentence is found, and a claim takes the one
nearest to its evidence. The kind of source (police, ministry, news agency...) comes from the
word lists in ``data/sources.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.lexicon import load
from newsfuse.model import Attribution, SourceKind, Span

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that"}


def source_kind(text: str) -> SourceKind:
    """The kind of source a name or description is ("Russian Health Ministry" → ministry)."""
    lowered = f" {re.sub(r'[^a-z0-9-]+', ' ', text.lower())} "
    for kind, words in load("sources")["kinds"]:
        for word in words:
            if f" {word} " in lowered:
                return SourceKind(kind)
    return SourceKind.OTHER


def _name_span(head) -> tuple[int, int]:
    """The name part of a source phrase: from its left edge to its head, without the article."""
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1]]
    while tokens and tokens[0].dep_ in ("det", "punct", "poss") and tokens[0].lower_ in ("the", "a", "an", "'s", ","):
        tokens.pop(0)
    # keep a following name in apposition-free form: "Colin P Clarke" stays whole
    if not tokens:
        tokens = [head]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def sentence_attributions(sent) -> list[Attribution]:
    """Every attribution made in ``sent`` (a spaCy Span), in text order."""
    lex = load("sources")
    verbs = set(lex["reporting_verbs"])
    nouns = set(lex["source_nouns"])
    found: list[tuple[int, object]] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    found.extend((o.i, o) for o in to.children if o.dep_ == "pobj")
        elif token.lower_ == "citing" or (token.lower_ == "per" and token.dep_ == "prep"):
            found.extend((o.i, o) for o in token.children if o.dep_ in ("dobj", "pobj"))
        elif token.pos_ == "VERB" and lemma in verbs:
            subs = [c for c in token.children if c.dep_ in ("nsubj",)]
            if lemma in ("report", "state", "claim", "estimate", "cite", "quote", "describe", "release") or any(
                c.dep_ == "ccomp" for c in token.children
            ) or token.dep_ in ("ROOT", "parataxis", "conj", "advcl", "ccomp"):
                found.extend((s.i, s) for s in subs)
            for agent in (c for c in token.children if c.dep_ == "agent"):
                found.extend((o.i, o) for o in agent.children if o.dep_ == "pobj")
        elif token.pos_ == "NOUN" and token.lower_ in nouns:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                    found.extend((o.i, o) for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN" or o.ent_type_ in ("ORG", "GPE", "NORP"))
            found.extend((c.i, c) for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN")
    out = []
    for _, head in sorted(found, key=lambda x: x[0]):
        if head.lower_ in _PRONOUNS or head.like_num or head.pos_ == "NUM":
            continue  # "five were detained, one more than announced": a number is no source
        start, end = _name_span(head)
        text = doc_text(sent.doc)[start:end]
        full = doc_text(sent.doc)[head.left_edge.idx : head.right_edge.idx + len(head.right_edge.text)]
        out.append(Attribution(source=text, kind=source_kind(full), span=Span(start=start, end=end, text=text)))
    return out


def nearest_attribution(attributions: list[Attribution], start: int, end: int) -> Attribution:
    """The attribution closest to the evidence ``[start, end)``; the article itself if none."""
    if not attributions:
        return Attribution()
    return min(attributions, key=lambda a: _distance(a.span, start, end))


def _distance(span: Span | None, start: int, end: int) -> int:
    if span is None:
        return 10**9
    if span.end <= start:
        return start - span.end
    if span.start >= end:
        return span.start - end
    return 0


@lru_cache(maxsize=1)
def _hedge_pattern() -> re.Pattern:
    words = sorted(load("sources")["hedges"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def sentence_hedges(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Hedging words in ``text[start:end]`` as (start, end, phrase)."""
    return [(m.start(), m.end(), m.group(0).lower()) for m in _hedge_pattern().finditer(text, start, end)]


def nearest_hedge(hedges: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The hedge nearest to the evidence, if the sentence has one."""
    if not hedges:
        return None
    return min(hedges, key=lambda h: _distance(Span(start=h[0], end=h[1], text=h[2]), start, end))[2]
