"""Event type: an open taxonomy from ``data/event_types.json`` (shooting, bombing, explosion,
arson, stabbing, vehicle attack, hostage-taking, earthquake, flood, industrial accident...).

One LabelValue mention per label and article (its first main-event wording); the confidence
grows with how often the article uses the label's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.extract.doctext import doc_text
from newsfuse.extract.lexicon import load


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for all multi-word phrases (longest first) and phrase → label."""
    labels: dict[str, str] = {}
    for label, words in load("event_types")["labels"].items():
        for w in words:
            if " " in w or "-" in w:
                labels.setdefault(w.lower(), label)
    alternation = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(r"\b(?:" + alternation + r")\b", re.IGNORECASE), labels


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    out: dict[str, str] = {}
    for label, words in load("event_types")["labels"].items():
        for w in words:
            if " " not in w and "-" not in w:
                out.setdefault(w, label)
    return out


#: Entities whose words name something, not an event: a film ("Catching Fire"), a company,
#: a person ("Dale Hall"), a law, a building ("Fire Station 9").
_NAME_ENTS = frozenset({"WORK_OF_ART", "ORG", "PERSON", "PRODUCT", "LAW", "FAC", "NORP"})


def _in_a_name(token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTS


#: Words that make "fire" gunfire: "opened fire", "exchanged fire", "came under fire".
_GUNFIRE_WORDS = frozenset({"open", "return", "exchange", "trade", "draw", "hold", "cease", "under"})


#: What is fired when "fire" is gunfire: "fired a shot", "shots were fired", "the gun fired".
_FIRED_THINGS = frozenset({
    "shot", "round", "bullet", "gun", "weapon", "handgun", "rifle", "pistol", "firearm", "gunshot",
    "shotgun", "revolver", "volley", "pellet",
})


def _gunfire(verb) -> bool:
    """Is this verb "fire" gunfire? A gun or a shot is its subject or object, or, with nothing
    else fired, it is fired at or into something ("fired at officers"; not "fired rockets at")."""
    fired = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if any(c.lemma_.lower() in _FIRED_THINGS for c in fired) or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _FIRED_THINGS for c in verb.children
    ):
        return True
    return not fired and any(
        c.dep_ == "prep" and c.lower_ in ("at", "into", "toward", "towards") for c in verb.children
    )


def _a_blaze(token) -> bool:
    """Is this noun "fire" a blaze? Not gunfire ("returned fire"), nor a service or a thing named
    for fires ("the fire department", "police and fire officials", "a fire alarm")."""
    modifier = ("compound", "nmod")
    if token.dep_ in modifier or (token.dep_ == "conj" and token.head.dep_ in modifier):
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return not (
        token.head.lemma_.lower() in _GUNFIRE_WORDS
        or (before is not None and before.lemma_.lower() in _GUNFIRE_WORDS)
    )


def find_event_types(sent) -> list[tuple[str, int, int]]:
    """(label, start, end) for every event-type wording in ``sent`` (a spaCy Span)."""
    text = doc_text(sent.doc)
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    pattern, labels = _phrases()
    for m in pattern.finditer(text, sent.start_char, sent.end_char):
        taken.append((m.start(), m.end()))
        span = sent.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not any(_in_a_name(t) for t in span):
            found.append((labels[m.group(0).lower()], m.start(), m.end()))
    lemmas = _lemmas()
    for token in sent:
        label = lemmas.get(token.lemma_.lower()) or lemmas.get(token.lower_)
        if label and not any(s <= token.idx < e for s, e in taken) and not _in_a_name(token):
            if label == "fire" and token.pos_ in ("VERB", "AUX"):
                # "shots were fired" is a shooting; "the team fired its coach" no event at all
                if _gunfire(token):
                    found.append(("shooting", token.idx, token.idx + len(token.text)))
                continue
            if label in ("storm", "flood") and token.pos_ == "VERB":
                continue  # "gunmen stormed the hall"
            if label == "fire" and not _a_blaze(token):
                continue
            found.append((label, token.idx, token.idx + len(token.text)))
    return sorted(found, key=lambda x: x[1])
