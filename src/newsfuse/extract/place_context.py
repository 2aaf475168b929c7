"""What an article says about where it is: the context :func:`gazetteer.lookup` resolves names in.

- the countries it names, by name, alias or demonym ("El Salvador", "U.S.", "Salvadoran"),
  most named first: a case-insensitive scan of the text for upper-case wire copy, of
  capitalised words otherwise, so it does not wait for the tagger to see them;
- the admin1s it names (US states after a comma, in the dateline, as entities), and the admin1s
  of the counties it names (GeoNames admin2 names: "Chenango County" is in New York only);
- its home country: the dateline's ("SAN SALVADOR, 9 JAN 90 (DPA) --", "AUBURN, Alabama --")
  or the outlet's country-code domain (``.co.uk``, ``.ru``);
- the dateline city's coordinates, so that a reading near it is preferred.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from urllib.parse import urlparse

from newsfuse.extract.gazetteer import PlaceContext, admin1_record, country_name, current_context, lookup, readings
from newsfuse.extract.world import country_pattern, fold, world

#: "SAN SALVADOR, 9 JAN 90 (DPA) --", "LIMA, 12 Feb 1990 --": a dateline with a date after the city.
DATED_DATELINE = re.compile(r"^\W*([A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,3}),\s+\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\b")
#: Country-code domains that are used as generic ones.
#: Country abbreviations that are also English words, unreadable in upper-case text.
_PRONOUNS = frozenset({"us"})
_GENERIC_TLDS = frozenset({"tv", "io", "co", "me", "fm", "ly", "ai", "cc", "ws", "to", "am", "gg", "la", "nu"})

def outlet_country(url: str | None) -> str | None:
    """"https://www.bbc.co.uk/..." → "GB"; None for generic domains (.com, .org)."""
    host = urlparse(url).hostname if url else None
    tld = host.rsplit(".", 1)[-1].lower() if host and "." in host else None
    if not tld or len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    code = "GB" if tld == "uk" else tld.upper()
    return code if code in world().countries else None


def countries_named(text: str, ents_by_sent) -> Counter[str]:
    """How often ``text`` names each country (ISO alpha-2 codes)."""
    upper = is_upper(text)
    names = world().country_names
    counts: Counter[str] = Counter()
    for m in country_pattern().finditer(text):
        written = m.group(1)
        if not upper and not written[:1].isupper():
            continue  # "turkey", "china": words, not the countries, in cased text
        code = names.get(fold(written))
        if code:
            counts[code] += 1
    for ents in ents_by_sent:
        for e in ents:
            if e.label_ in ("GPE", "NORP"):
                written = fold(e.text.removeprefix("the ").removeprefix("The "))
                if upper and written in _PRONOUNS:
                    continue  # "US" in capitals is as often the pronoun
                code = names.get(written)
                if code:
                    counts[code] += 1
    return counts


def _ranked(counts: Counter[str]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    ranked = counts.most_common()
    return tuple(c for c, _ in ranked), tuple(round(n / ranked[0][1], 3) for _, n in ranked)


#: A country named at least this share as often as the most named one is among the article's.
MAIN_SHARE = 0.5
_COUNTY = re.compile(r"\b((?:[A-Z][a-z'.]+[ \t]){1,3})(County|Parish|Borough)\b")


def admin1s_of_counties(text: str) -> tuple[tuple[str, str | None], ...]:
    """(country code, admin1 name) of the counties ``text`` names ("Chenango County" → New York),
    most named first; the admin1 is None where namesakes lie in several ("Lucas County": Ohio,
    Iowa, Texas), the country is given where they all lie in one."""
    w = world()
    counts: Counter[tuple[str, str | None]] = Counter()
    for m in _COUNTY.finditer(text):
        keys = w.admin2_names.get(fold(m.group(0)), ())
        if len({k[0] for k in keys}) != 1:
            continue
        region = w.admin1s.get(keys[0]) if len(keys) == 1 else None
        counts[(keys[0][0], region.name if region else None)] += 1
    return tuple(k for k, _ in counts.most_common())


def has_city_in(text: str, region: dict) -> bool:
    """Does the gazetteer hold a place of the name ending ``text`` in ``region`` (outside the
    US, "City, Region" is only read so where it does: not "San Diego, southern Medellín")?"""
    words = text.split()[-4:]
    return any(any(r[1]["region"] == region["name"] or r[1]["admin1"] == region["name"]
                   for r in readings(" ".join(words[i:]), (region["name"],)) if r[1]["kind"] == "city")
               for i in range(len(words)))


def foreign_small_town(known: dict, population: int) -> bool:
    """A city under ``population`` people in a country the article's context does not name."""
    context = current_context()
    if context is None or known["kind"] != "city" or known["population"] >= population:
        return False
    nearby = {c for c in context.countries if context.share(c) >= MAIN_SHARE} | ({context.home} - {None})
    return bool(nearby) and known["country_code"] not in nearby


def main_country(context: PlaceContext) -> str | None:
    """The country the article is about: the one it names most, when no other comes close."""
    if not context.countries:
        return None
    runner_up = context.weights[1] if len(context.weights) > 1 else 0.0
    return context.countries[0] if runner_up < MAIN_SHARE else None


def county_country(name: str) -> str | None:
    """The country of a county the gazetteer knows ("Lucas County": the US), when every county
    of that name is in one country."""
    keys = world().admin2_names.get(fold(name), ())
    countries = {k[0] for k in keys}
    return country_name(countries.pop()) if len(countries) == 1 else None


#: "IN SAN RAMON", "NEAR USULUTAN": a preposition and up to three words in capitals.
_CAPITALS_PLACE = re.compile(r"\b(?:IN|NEAR|AT|OUTSIDE|FROM)\s+(?:THE\s+(?:TOWN|CITY|VILLAGE|MUNICIPALITY)\s+OF\s+)?"
                             r"([A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+){0,2})")


def is_upper(text: str) -> bool:
    return sum(c.isupper() for c in text) > 0.6 * max(1, sum(c.isalpha() for c in text))


def capitals_places(text: str) -> list[tuple[dict, int, int]]:
    """(city, start, end) after "IN", "NEAR" ... in upper-case wire copy, where the gazetteer has
    a place of that name in a country the article is about (its main countries or its
    dateline's): the tagger, trained on cased text, misses most towns there."""
    context = current_context()
    if context is None or not is_upper(text):
        return []
    nearby = {c for c in context.countries if context.share(c) >= MAIN_SHARE} | ({context.home} - {None})
    found = []
    for m in _CAPITALS_PLACE.finditer(text):
        words = m.group(1).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            known = lookup(name)
            if known and known["kind"] == "city" and known["country_code"] in nearby:
                found.append((known, m.start(1), m.start(1) + len(name)))
                break
    return found


def dated_dateline(text: str, context: PlaceContext | None = None) -> dict | None:
    """The city of a "CITY, 9 JAN 90 (AGENCY) --" dateline, resolved in ``context``."""
    m = DATED_DATELINE.match(text)
    if not m:
        return None
    known = lookup(m.group(1), (), context)
    if not known or known["kind"] != "city":
        return None
    return {**known, "start": m.start(1), "end": m.end(1)}


def article_context(text: str, ents_by_sent, states: tuple[str, ...], url: str | None = None) -> PlaceContext:
    """The context of one article (see the module docstring)."""
    counts = countries_named(text, ents_by_sent)
    for code, admin1 in admin1s_of_counties(text):
        if admin1 is not None and admin1 not in states:
            states = (*states, admin1)
        counts[code] += 1
    us_states = any(admin1_record("US", s) for s in states)
    if us_states:
        counts["US"] += 1
    home = outlet_country(url) or ("US" if us_states else None)
    countries, weights = _ranked(counts)
    context = PlaceContext(countries=countries, admin1s=states, home=home, weights=weights)
    dateline = dated_dateline(text, context)
    if dateline is None:
        return context
    counts[dateline["country_code"]] += 1  # the dateline names its country too
    countries, weights = _ranked(counts)
    return replace(context, countries=countries, weights=weights, home=dateline["country_code"],
                   points=((dateline["lat"], dateline["lon"]),))
