"""Parts of a total that must not be added to it: "115 hospitalized, including five children",
"115 individuals—five of them children"."""

from __future__ import annotations

import re

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.headcount import CountFinding, count_phrase

#: "two of the critically injured", "three of those wounded": people already counted as hurt.
_OF_THE_HURT = re.compile(r"\bof (?:the|those|them|whom)\b.{0,25}?\b(?:injured|wounded|hurt|hospitali[sz]ed)\b", re.I)


def with_subsets(findings: list[CountFinding], sent, quantities) -> list[CountFinding]:
    """Mark "including five children" / "five of them children" parts as subsets, not totals."""
    out = []
    by_span = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    for f in by_span:
        out.append(f)
        head = _number_token(sent, f)
        if head is None:
            continue
        for sub, population in _subset_parts(head, quantities):
            c = count_phrase(sub, quantities)
            if c is None:
                continue
            c.who = f.count.who
            out.append(
                CountFinding(slot=f.slot, count=c, start=c.start, end=max(c.end, sub.idx + len(sub.text)),
                             subset_of=f.slot, population=population, revision=f.revision)
            )
    return _deaths_among_the_hurt(out, doc_text(sent.doc))


def _deaths_among_the_hurt(findings: list[CountFinding], text: str) -> list[CountFinding]:
    """"The toll has risen to 17 after two of the critically injured died": the two are part of
    the 17, not a toll of their own."""
    totals = [f.count.point for f in findings if f.slot == "killed" and f.subset_of is None and f.count.point]
    for f in findings:
        if f.slot != "killed" or f.subset_of is not None or not f.count.point:
            continue
        if max(totals, default=0) > f.count.point and _OF_THE_HURT.search(text, f.count.start, max(f.end, f.count.end)):
            f.subset_of, f.population = "killed", "died of their injuries"
    return findings


def _number_token(sent, finding: CountFinding):
    for token in sent:
        if token.idx >= finding.count.start and token.idx < finding.count.end and token.pos_ in ("NUM",):
            return token.head if token.dep_ in ("nummod",) else token
    return None


def _subset_parts(head, quantities):
    """(token, population) for parts of ``head`` that are subsets of it."""
    children = list(head.children)
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):  # "115 people were hospitalized, including ..."
        children += [c for c in head.head.children if c.dep_ == "prep" and c.i > head.i]
    for child in children:
        if child.dep_ == "prep" and child.lemma_.lower() in ("include", "including", "among"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    population = _population(obj)
                    yield obj, population
        if child.dep_ == "appos":
            for num in child.children:
                if num.i in quantities and any(
                    p.lower_ == "of" and any(g.lower_ in ("them", "whom", "these", "those") for g in p.children)
                    for p in num.children
                ):
                    yield num, child.text.lower()


def _population(token) -> str | None:
    if token.pos_ == "NOUN":
        return token.text.lower()
    words = [t.text for t in token.subtree if t.i > token.i and t.pos_ != "PUNCT"]
    return " ".join(words[:6]) or None
