"""Event type: a typology from ``data/event_types.json`` (shooting, bombing, kidnapping,
assassination, massacre, armed clash, air strike, protest, earthquake, flood, bridge collapse,
plane crash...), each label placed in a standard scheme (ACLED event type and sub-event type for
political violence, an EM-DAT-like group and type for disasters and accidents): :func:`standard_type`.

One LabelValue mention per label and article (its first main-event wording); the confidence
grows with how often the article uses the label's words. :func:`primary_label` picks the primary
type among the labels an article or event states (the rest are secondary).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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


#: What crashed or collapsed, by the noun that names it: the mode of a transport accident, a
#: bridge apart from a building (a bridge collapse is no industrial accident).
_CRASHED = {"plane": "plane crash", "aircraft": "plane crash", "airplane": "plane crash",
            "jet": "plane crash", "airliner": "plane crash", "helicopter": "plane crash",
            "train": "rail accident", "tram": "rail accident", "bus": "road crash", "car": "road crash",
            "truck": "road crash", "lorry": "road crash", "vehicle": "road crash", "van": "road crash",
            "minibus": "road crash", "motorcycle": "road crash", "boat": "shipwreck", "ferry": "shipwreck",
            "ship": "shipwreck", "vessel": "shipwreck"}
_COLLAPSED = {"bridge": "bridge collapse", "overpass": "bridge collapse", "viaduct": "bridge collapse",
              "footbridge": "bridge collapse", "mine": "industrial accident", "tunnel": "industrial accident",
              "dam": "flood"}


def _what_did(token) -> str | None:
    """The noun a crash or collapse is of: its subject ("the bus crashed"), the noun it modifies
    or is compounded with ("a plane crash", "the bridge collapse"), or its "of" object."""
    near = [c for c in token.children if c.dep_ in ("nsubj", "compound", "nsubjpass")]
    near += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if token.dep_ in ("compound", "amod", "acl", "relcl"):
        near.append(token.head)
    return next((t.lemma_.lower() for t in near if t.lemma_.lower() in _CRASHED or t.lemma_.lower() in _COLLAPSED), None)


def _set_alight(token) -> bool:
    """"Rebels burned three buses": an agent burning a thing (arson), not "burn injuries"."""
    return token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "nsubj" for c in token.children)


#: Entity kinds of a doer: people, their groups and organisations.
_DOER_ENTS = frozenset({"PERSON", "NORP", "ORG"})


def _is_doer(token) -> bool:
    """A person or a group of people (an agent who can kill on purpose)."""
    if token.ent_type_ in _DOER_ENTS or token.lower_ in ("they", "he", "she"):
        return True
    lex = load("counts")
    lemma = token.lemma_.lower()
    if lemma in load("event_types")["doers"] or token.lower_.rstrip("s") in load("event_types")["doers"]:
        return True
    return lemma in lex["attackers"] or lemma in lex["perpetrators"] or lemma in lex["persons"] or (
        token.pos_ == "NOUN" and any(lemma.endswith(s) for s in ("ist", "ists", "er", "ers", "ian", "ians"))
        and lemma not in _lemmas())


def _killed_on_purpose(token) -> bool:
    """"Guerrillas killed the mayor", "he was murdered by gunmen": a killing verb whose doer is
    a person or group (a murder), not "the crash killed three"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or load("counts")["verbs"].get(lemma) != "killed" or lemma in load("counts")["subject_verbs"]:
        return False
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    return any(_is_doer(d) for d in doers)


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
        if label == "murder" and token.lemma_.lower() == "kill":
            label = None  # "killing 14 passengers": a killing is a murder only with a doer (below)
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
            if label == "building collapse":
                label = _COLLAPSED.get(_what_did(token) or "", label)
            found.append((label, token.idx, token.idx + len(token.text)))
        elif token.lemma_.lower() in ("crash", "sink") and not any(s <= token.idx < e for s, e in taken):
            mode = _CRASHED.get(_what_did(token) or "")
            if mode:
                found.append((mode, token.idx, token.idx + len(token.text)))
        elif token.lemma_.lower() == "burn" and _set_alight(token) and not _in_a_name(token):
            found.append(("arson", token.idx, token.idx + len(token.text)))
        elif not label and _killed_on_purpose(token):
            found.append(("murder", token.idx, token.idx + len(token.text)))
    return sorted(found, key=lambda x: x[1])


def standard_type(label: str) -> dict | None:
    """A label's place in the standard typology (``data/event_types.json`` ``standard``):
    scheme (ACLED, EM-DAT, newsfuse), type, sub_type and the display name."""
    return load("event_types")["standard"].get(label)


def primary_label(support: Mapping[str, int]) -> tuple[str | None, list[str]]:
    """(primary type, secondary types) of an article or event from each label's support (the
    sources, or mentions, stating it): the most supported, ties by ``primary_order``.

    Characterisations ("terrorist attack", "attack") and manners (labels with half the best
    support; consequences such as an explosion left out): when manners of two or more ACLED
    sub-types other than the characterisation's own are stated and a characterisation is among
    the best supported by more than one source, the most specific characterisation stands for
    them (the Crocus attack, with gunmen, arson and explosions, is a terrorist attack; within one
    report the manners are ranked by ``primary_order``); a characterisation ranked first
    otherwise yields to the one manner of another sub-type (a terrorist attack in which a bomb
    went off is a bombing), else to the best manner of its own (an attack by gunmen is a shooting).
    """
    if not support:
        return None, []
    data = load("event_types")
    order = {label: i for i, label in enumerate(data["primary_order"])}
    ranked = sorted(support, key=lambda lab: (-support[lab], order.get(lab, len(order))))
    primary, top = ranked[0], support[ranked[0]]
    named = [lab for lab in ranked if lab in data["characterisations"] and 2 * support[lab] >= top]
    if not named or all(support[lab] < top for lab in named):
        return primary, ranked[1:]
    specific = min(named, key=lambda lab: order.get(lab, len(order)))
    manners = [lab for lab in ranked if 2 * support[lab] >= top
               and lab not in data["characterisations"] and lab not in data["consequences"]]
    kinds = {(standard_type(lab) or {}).get("sub_type") for lab in manners}
    if len(kinds) >= 2 and (primary in data["characterisations"] or support[specific] > 1):
        primary = specific  # manners of several kinds: the characterisation stands for them
    elif primary in data["characterisations"]:
        primary = manners[0] if manners else specific
    return primary, [lab for lab in ranked if lab != primary]
