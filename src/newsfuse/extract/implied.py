"""Counts that the wording implies: "a fatal shooting" (at least one dead), "took his own life"
(the attacker among the dead), "two men were shot, one fatally"."""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.headcount import CountFinding, Headcount, count_phrase, make_finding
from newsfuse.extract.lexicon import load, word_set
from newsfuse.model import Qualifier


def implied_death(token) -> list[CountFinding]:
    """"a fatal shooting", "a homicide", "charged with murder": at least one person died."""
    implied = load("counts")["implied_fatal"]
    lemma = token.lemma_.lower()
    if lemma in implied["heads"] and token.dep_ not in ("compound", "amod") and not any(
        c.lower_ in ("attempted", "attempt") for c in token.children
    ):
        start, end = token.idx, token.idx + len(token.text)
    elif lemma in implied["nouns"] and token.dep_ != "compound":
        mods = [c for c in token.children if c.lower_ in implied["modifiers"]]
        if any(c.lower_ in ("attempted", "attempt", "alleged") for c in token.children):
            return []
        if not mods:
            return []
        start, end = min(mods[0].idx, token.idx), token.idx + len(token.text)
    else:
        return []
    count = Headcount(1, None, Qualifier.AT_LEAST, 1, start, end)
    return [CountFinding("killed", count, start, end, confidence=0.6)]


def fatal_parts(sent, quantities, found: list[CountFinding]) -> list[CountFinding]:
    """", one fatally" / "two of them fatally" after a count of people hit, whatever the parse."""
    out = []
    fatal = word_set("counts", "fatal_modifiers")
    for token in sent:
        nxt = token.nbor(1) if token.i + 1 < sent.end else None
        if token.i in quantities and nxt is not None and nxt.lower_ in fatal and not any(
            f.slot == "killed" and f.start <= token.idx < f.end for f in found
        ):
            c = count_phrase(token, quantities)
            if c is not None:
                out.append(make_finding("killed", c, token, nxt))
    return out


@lru_cache(maxsize=1)
def _suicide_pattern() -> re.Pattern:
    phrases = load("counts")["suicide_phrases"]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def suicides(doc, sent) -> list[CountFinding]:
    """"took his own life", "shot himself": the attacker is among the dead."""
    out = []
    for match in _suicide_pattern().finditer(doc_text(doc), sent.start_char, sent.end_char):
        count = Headcount(1, 1, Qualifier.EXACT, 1, match.start(), match.end(), who="attackers")
        out.append(CountFinding("killed", count, match.start(), match.end(), confidence=0.8))
    return out
