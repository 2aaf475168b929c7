"""How many people a noun phrase names: "40 people" → 40, "a man, two women and a child" → 4,
"Jassely Lupoe" → 1, "no one" → 0, "children" → unknown.

Works on the spaCy dependency parse; the numbers themselves come from :mod:`numbers`, mapped to
tokens by the caller (``quantities``: token index → Quantity).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.lexicon import load, word_set
from newsfuse.extract.numbers import Quantity, interval
from newsfuse.model import Qualifier

#: Dependency labels under which a noun carries its number.
_NUMBER_DEPS = {"nummod", "quantmod", "amod", "npadvmod", "compound", "det", "advmod"}


@dataclass
class Headcount:
    """A number of people, as an interval, with the tokens that state it."""

    low: int
    high: int | None
    qualifier: Qualifier
    point: int | None
    start: int  # character offsets of the words that state the count
    end: int
    who: str = "all"
    population: str | None = None
    #: "another man", "three others", "a second": people beyond those counted before.
    additive: bool = False


@dataclass
class CountFinding:
    """One count claim found in a sentence, before it becomes a Mention."""

    slot: str
    count: Headcount
    start: int
    end: int
    revision: bool = False
    subset_of: str | None = None
    population: str | None = None
    confidence: float = 1.0



def make_finding(slot: str, count: Headcount, *tokens, **kw) -> CountFinding:
    """A finding whose evidence covers the count and the given tokens."""
    starts = [count.start] + [t.idx for t in tokens]
    ends = [count.end] + [t.idx + len(t.text) for t in tokens]
    return CountFinding(slot=slot, count=count, start=min(starts), end=max(ends), **kw)


def _from_quantity(q: Quantity) -> Headcount:
    return Headcount(q.low, q.high, q.qualifier, q.point, q.start, q.end)


def _one(token) -> Headcount:
    start = token.left_edge.idx if token.left_edge.i >= token.i - 3 else token.idx
    return Headcount(1, 1, Qualifier.EXACT, 1, start, token.idx + len(token.text))


def _zero(start: int, end: int) -> Headcount:
    return Headcount(0, 0, Qualifier.EXACT, 0, start, end)


def who_of(token) -> str:
    """'attackers' for gunmen, shooters..., 'victims' for victims, else 'all'."""
    lemma = token.lemma_.lower()
    if lemma in word_set("counts", "perpetrators") or token.text.lower() in word_set("counts", "perpetrators"):
        return "attackers"
    if lemma in ("victim", "bystander", "hostage"):
        return "victims"
    return "all"


_ORDINALS = {"second", "third", "fourth", "fifth", "sixth"}


def _is_additive(token) -> bool:
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    mods = {c.lower_ for c in token.children if c.dep_ in ("amod", "nummod")}
    if "another" in dets:
        return True
    # singular only: "two others were injured" usually restates people counted before
    if token.lower_ in _ORDINALS or (mods & (_ORDINALS | {"other"}) and token.tag_ == "NN"):
        return "the" not in dets and not any(c.dep_ == "poss" for c in token.children)
    return False


def count_single(token, quantities: dict[int, Quantity]) -> Headcount | None:
    """The count of one conjunct (no conj children followed)."""
    found = _count_single(token, quantities)
    if found is not None and _is_additive(token):
        found.additive = True
    return found


def _count_single(token, quantities: dict[int, Quantity]) -> Headcount | None:
    lower = token.text.lower()
    no = [c for c in token.children if c.dep_ == "det" and c.lower_ == "no"]
    if no:  # "no one", "no injuries"
        return _zero(no[0].idx, token.idx + len(token.text))
    if token.i in quantities:
        q = quantities[token.i]
        # "none" is in the number words as 0; "one" alone is 1.
        return _from_quantity(q)
    if lower in word_set("counts", "zero_words") or lower in ("nobody", "none"):
        return _zero(token.idx, token.idx + len(token.text))
    for child in token.children:
        if child.i in quantities and child.dep_ in _NUMBER_DEPS | {"prep"}:
            if token.pos_ == "NOUN" and not is_person(token) and not _counts_people(token):
                return None  # "three firearms were recovered", "27 shell casings"
            found = _from_quantity(quantities[child.i])
            found.end = max(found.end, token.idx + len(token.text))
            return found
        if child.dep_ == "det" and child.lower_ in ("no",):
            return _zero(child.idx, token.idx + len(token.text))
        # "dozens of people": the number word heads the phrase
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i in quantities:
        return _from_quantity(quantities[token.head.head.i])
    if token.lemma_.lower() in ("total", "number", "toll"):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return count_single(obj, quantities)
    total = number_of(token, quantities)  # "the number of people killed rose to 17"
    if total is not None:
        return total
    if lower in load("counts")["person_pronouns"]:
        return _one(token)
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        if token.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "TIME"):
            return None
        if token.like_url or _dateline(token):
            return None  # "CHICAGO — Four men were wounded": the dateline is no fifth person
        return _one(token)
    if token.tag_ == "NN" and is_person(token):
        return _one(token)
    if token.lower_ in _ORDINALS and any(c.lower_ == "a" for c in token.children):
        return _one(token)  # "one died and a second was injured"
    if token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children):
        if token.lemma_.lower() not in word_set("counts", "non_person"):
            return _one(token)
    if token.lower_ == "old" and any(c.lower_ == "year" for c in token.children):
        return _one(token)  # "a 5-year-old was shot"
    return None


def number_of(token, quantities: dict[int, Quantity]) -> Headcount | None:
    """The figure of "the number (total) of <token>": "the number of people killed rose to 17",
    "raising the number of dead to nine"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ("number", "total"):
        return stated_total(token.head.head, quantities)
    return None


def stated_total(total, quantities: dict[int, Quantity]) -> Headcount | None:
    """The figure a "number of ..." phrase is said to be: "has risen to 17", "stands at 17",
    "is 17", "raising the number of dead to nine"."""
    verb = total.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lex = load("counts")
    if not ((total.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in lex["toll_verbs"])
            or (total.dep_ == "dobj" and verb.lemma_.lower() in lex["toll_object_verbs"]
                and verb.lemma_.lower() not in lex["tally_verbs"])):
        return None  # "raising the number of dead to nine", "put the number of injured at 62"
    for child in verb.children:
        if child.i in quantities and child.dep_ in ("attr", "dobj", "npadvmod", "acomp"):
            return _from_quantity(quantities[child.i])
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            for obj in child.children:
                if obj.i in quantities:
                    return _from_quantity(quantities[obj.i])
    return None


_DASHES = {"—", "–", "--", "-", "---"}


def _dateline(token) -> bool:
    """A dateline the parser took for a subject: "CHICAGO — Four men were wounded", "ANYTOWN
    (WXYZ)\n\nJo Doe, 11, died", "MILFORD Twp., Pa. (CBS) — A toddler is dead": a name (not a
    person the model knows) opening its line or in capitals, whose phrase ends in a dash, a
    parenthesised call sign or the line's end; or the call sign itself."""
    doc = token.doc
    if 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")":
        return True
    if token.ent_type_ == "PERSON":
        return False
    left, right = token.left_edge.i, token.right_edge.i
    before = doc[left - 1] if left > 0 else None
    opens_line = before is None or before.is_space or "\n" in before.text_with_ws
    after = doc[right + 1] if right + 1 < len(doc) else None
    marker = any(t.text in _DASHES or t.text == "(" for t in doc[token.i + 1:right + 1]) or (
        after is not None and (after.text in _DASHES or (after.is_space and "\n" in after.text)))
    return (opens_line or token.is_upper) and marker


def _counts_people(token) -> bool:
    """Nouns that count people though they are not people: "deaths", "injuries", "lives"."""
    lex = load("counts")
    lemma = token.lemma_.lower()
    if lemma in lex["nouns"] or lemma in ("total", "number", "toll", "dozen", "hundred", "score"):
        return True
    lower = token.lower_
    return token.tag_ == "NNS" and lemma not in word_set("counts", "non_person") and lower.endswith(
        tuple(lex["person_suffixes"])) and len(lower) > 5


def is_person(token) -> bool:
    """Does this noun name people ("man", "victim", "5-year-old", a PERSON entity)?"""
    if token.ent_type_ == "PERSON":
        return True
    lemma = token.lemma_.lower()
    if lemma in word_set("counts", "persons") or token.lower_ in word_set("counts", "persons"):
        return True
    if lemma in word_set("counts", "attackers"):
        return True
    # "a 25-year-old man", "the 19-year-old"
    return any(c.lower_ == "old" or (c.dep_ in ("amod", "compound") and "year-old" in c.text.lower()) for c in token.children)


def count_phrase(token, quantities: dict[int, Quantity]) -> Headcount | None:
    """The count of the phrase headed by ``token``, adding up coordinated parts.

    Returns None when any part cannot be counted ("children", "the victims").
    """
    parts = [token, *_conjuncts(token)]
    counts = [count_single(p, quantities) for p in parts]
    if any(c is None for c in counts):
        return None if counts[0] is None or len(parts) > 1 else counts[0]
    total = counts[0]
    if len(counts) > 1:
        low = sum(c.low for c in counts)
        highs = [c.high for c in counts]
        high = None if any(h is None for h in highs) else sum(highs)
        exact = all(c.qualifier == Qualifier.EXACT for c in counts)
        point = sum(c.point for c in counts) if all(c.point is not None for c in counts) else None
        total = Headcount(
            low,
            high,
            Qualifier.EXACT if exact else Qualifier.AT_LEAST,
            point,
            min(c.start for c in counts),
            max(c.end for c in counts),
        )
        if not exact and point is not None:
            total.low, total.high = interval(point, Qualifier.AT_LEAST)
    total.who = who_of(token)
    total.additive = counts[0].additive
    return total


def _is_trigger(token) -> bool:
    lex = load("counts")
    lemma = token.lemma_.lower()
    return lemma in lex["verbs"] or lemma in lex["adjectives"] or token.lower_ in lex["adjectives"] or lemma in lex["nouns"]


def _conjuncts(token) -> list:
    """Tokens coordinated with ``token`` ("a man, two women and a child").

    A conjunct with its own count word ("40 people dead and over 100 injured") is another claim.
    """
    found = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    doc = token.doc
    coordinated = [token, *stack]
    if not any(c.dep_ in ("cc", "preconj") for t in coordinated for c in t.children) and not any(
        c.dep_ == "conj" and any(g.dep_ == "cc" for g in c.children) for t in stack for c in t.children
    ):
        return []  # no "and": a misparsed apposition ("Hawkins Sr., a 42-year-old"), not a list
    while stack:
        t = stack.pop(0)
        lo, hi = sorted((token.i, t.i))
        if any(_is_trigger(x) for x in doc[lo + 1 : hi]) or any(_is_trigger(c) for c in t.children):
            continue
        if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and t.lemma_.lower() not in _event_nouns():
            found.append(t)  # not "the slaying of X and another robbery": an event is nobody
            stack.extend(c for c in t.children if c.dep_ == "conj")
    return found


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    """Single words that name events (data/event_types.json, the implied-death nouns)."""
    words = {w for ws in load("event_types")["labels"].values() for w in ws if " " not in w}
    return frozenset(words | set(load("counts")["implied_fatal"]["nouns"]))


def subjects(verb) -> list:
    """The (passive) subjects of ``verb``, all of them ("A man, two women ... were killed").

    A relative pronoun stands for the noun its clause hangs on ("Jon Boring, who was shot").
    """
    subs = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and not _across_paragraph(c, verb)]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        subs = [verb.head if s.lower_ in ("who", "that", "which", "whom") else s for s in subs]
    if not subs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return subjects(verb.head)
    if not subs and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return [_relative_head(verb.head)]
    if not subs and verb.dep_ in ("xcomp", "oprd", "acomp", "ccomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        objs = [c for c in verb.head.children if c.dep_ in ("dobj",)]
        if len(objs) == 1 and _is_trigger(objs[0]):
            # "left 23 dead and more than 100 wounded": the wounded are the part just before
            # their verb, not the dead
            parts = [c for c in objs[0].children if c.dep_ == "conj" and c.i < verb.i]
            if parts:
                return [max(parts, key=lambda c: c.i)]
        return objs or subjects(verb.head)
    return subs


def _across_paragraph(a, b) -> bool:
    """A line break between two tokens: page furniture ("MORE MEDIA - clip") the parser hung on
    the next paragraph's verb is not its subject."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[lo:hi])


def _relative_head(noun):
    return noun


def objects(verb) -> list:
    """Direct objects of ``verb`` (shared with a coordinated verb when it has none). Of two
    objects, only those naming people ("killed a 14-year-old player an accident": a misparse
    of "calling ... an accident")."""
    objs = [c for c in verb.children if c.dep_ in ("dobj",)]
    if not objs and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        objs = [c for c in verb.head.children if c.dep_ == "dobj"]
    if len(objs) > 1:
        # "shooting her older brother" parsed as two objects: "her" is his possessive
        objs = [o for o in objs if not (o.lower_ in ("her", "his", "their")
                                        and any(p.i > o.i for p in objs))]
        objs = [o for o in objs if o.pos_ in ("PROPN", "PRON", "NUM") or is_person(o)] or objs
    return objs


def nearest_counted_noun(verb, quantities: dict[int, Quantity]):
    """A counted noun just before ``verb`` when the parse gave it no subject ("According to the
    ministry, a total of 115 people ... have been admitted")."""
    first = verb.i
    while first > 0 and first > verb.i - 14 and not verb.doc[first].is_sent_start:
        first -= 1
    for token in reversed(verb.doc[first : verb.i]):
        if any(a.lemma_.lower() in ("include", "including", "among") for a in token.ancestors if a.i < token.i):
            continue  # the part of a total, not the total
        if token.i in quantities and token.dep_ != "nummod":
            return token
        if token.pos_ in ("NOUN", "PROPN") and any(c.i in quantities and c.dep_ == "nummod" for c in token.children):
            return token
    return None
