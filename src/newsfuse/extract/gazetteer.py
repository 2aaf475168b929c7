"""Toponym resolution: a place name as written → one gazetteer entry, chosen by context.

A name can mean many places ("San Vicente": Argentina, El Salvador, Costa Rica; "Naples":
Italy, Florida; "Moscow": Russia, Idaho). Like the geoparsers Mordecai and CLIFF-CLAVIN,
:func:`lookup` scores every reading by what the article says around it (:class:`PlaceContext`):
the admin1 (US state, department, oblast) named right after it or elsewhere in the article, the
countries the article names, the country of the outlet or dateline, the distance to places
already resolved; population is only the prior that breaks what context leaves open. The
gazetteer itself is :mod:`newsfuse.extract.world`. Shared by extract (normalising what an
article names) and reconcile (checking that places agree).
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from newsfuse.extract.world import Place, fold, world

#: Score of a reading (log10 population for a city) and what each piece of context adds.
COUNTRY_PRIOR, US_STATE_PRIOR, ADMIN1_PRIOR = 8.0, 6.5, 5.5
ALTERNATE_NAME_PENALTY = 1.5
NAMED_ADMIN1_BONUS, ARTICLE_ADMIN1_BONUS, NAMED_COUNTRY_BONUS, HOME_COUNTRY_BONUS = 5.0, 3.0, 3.0, 2.0
NEAR_BONUS, NEAR_KM = 2.0, 300.0
#: A place this small is read only where the article points to its admin1 (or to its country,
#: naming none of that country's admin1s): GeoNames holds a village of that name in most states.
SMALL_PLACE = 5_000


@dataclass(frozen=True)
class PlaceContext:
    """What an article says that narrows down where its places are."""

    countries: tuple[str, ...] = ()  # ISO alpha-2 codes the article names
    admin1s: tuple[str, ...] = ()  # admin1 names (US states, departments) the article names
    home: str | None = None  # the dateline's or outlet's country
    points: tuple[tuple[float, float], ...] = ()  # places already resolved in the article
    weights: tuple[float, ...] = ()  # how often each of ``countries`` is named, as a share of the most named

    def share(self, code: str) -> float:
        """1 for the most named country, less for the others (1 for all when not counted)."""
        if code not in self.countries:
            return 0.0
        i = self.countries.index(code)
        return self.weights[i] if i < len(self.weights) else 1.0


_CURRENT: ContextVar[PlaceContext | None] = ContextVar("place_context", default=None)


@contextmanager
def reading(context: PlaceContext):
    """Resolve every place name looked up inside the block in ``context`` (the article being
    read): the many helpers of extract/place.py then need not pass it down."""
    token = _CURRENT.set(context)
    try:
        yield context
    finally:
        _CURRENT.reset(token)


def current_context() -> PlaceContext | None:
    """The context set by :func:`reading` (None outside it)."""
    return _CURRENT.get()


def country_name(code: str | None) -> str | None:
    """"RU" → "Russia"."""
    entry = world().countries.get(code) if code else None
    return entry.name if entry else None


def country_code(name: str | None) -> str | None:
    """"Russia", "Russian", "U.S." → "RU", "RU", "US" (None when unknown)."""
    return world().country_names.get(_key(name)) if name else None


def _record(place: Place, kind: str) -> dict:
    countries = world().countries
    country = countries[place.country_code].name if place.country_code in countries else None
    region = None
    if kind == "region":
        region = place.name
    elif kind == "city" and place.country_code == "US":
        region = place.admin1
    return {"kind": kind, "name": place.name, "country": country, "region": region,
            "geonameid": place.geonameid, "lat": place.latitude, "lon": place.longitude,
            "population": place.population, "country_code": place.country_code,
            "admin1": place.admin1 if kind != "country" else None,
            "admin1_code": place.admin1_iso if kind != "country" else None,
            "admin2": place.admin2, "precision": "admin1" if kind == "region" else kind}


def _key(name: str) -> str:
    key = fold(name.strip())
    return key[4:] if key.startswith("the ") else key


def _context_bonus(place: Place, context: PlaceContext, states: tuple[str, ...]) -> float:
    bonus = 0.0
    if place.admin1 and place.admin1 in states:
        bonus += NAMED_ADMIN1_BONUS  # "Naples, Fla.", or a state the caller holds the article to
    elif place.admin1 and place.admin1 in context.admin1s:
        bonus += ARTICLE_ADMIN1_BONUS
    if place.country_code in context.countries:
        bonus += NAMED_COUNTRY_BONUS * context.share(place.country_code)
    if context.home and place.country_code == context.home:
        bonus += HOME_COUNTRY_BONUS
    if any(distance_km({"lat": place.latitude, "lon": place.longitude}, {"lat": la, "lon": lo}) <= NEAR_KM
           for la, lo in context.points):
        bonus += NEAR_BONUS
    return bonus


def _pointed_to(place: Place, context: PlaceContext, states: tuple[str, ...]) -> bool:
    if place.admin1 and (place.admin1 in states or place.admin1 in context.admin1s):
        return True
    top = context.home or (context.countries[0] if context.countries else None)
    if place.country_code != top:
        return False
    w = world()
    named = [k for s in (*states, *context.admin1s) for k in w.admin1_names.get(fold(s), ())]
    return all(code != place.country_code for code, _ in named)


def readings(name: str, states: tuple[str, ...] = (), context: PlaceContext | None = None) -> list[tuple[float, dict]]:
    """Every reading of ``name`` with its score, best first."""
    w = world()
    context = context or _CURRENT.get() or PlaceContext()
    key = _key(name)
    if not key:
        return []
    scored: list[tuple[float, dict]] = []
    primary = w.names.get(key, ())
    cities = [(w.places[i], 0.0) for i in primary]
    cities += [(w.places[i], ALTERNATE_NAME_PENALTY) for i in w.alternates.get(key, ()) if i not in primary]
    if key in w.country_names:
        country = w.countries[w.country_names[key]]
        bonus = NAMED_COUNTRY_BONUS * context.share(country.country_code)
        scored.append((COUNTRY_PRIOR + bonus, _record(country, "country")))
    city_admin1s = {(p.country_code, p.admin1_code) for p, _ in cities if fold(p.name) == key}
    abbreviation = w.abbreviations.get(name.strip().lower())
    for admin_key in (abbreviation,) if abbreviation else w.admin1_names.get(key, ()):
        if admin_key in city_admin1s:
            continue  # "San Salvador": the city, not the department named after it
        region = w.admin1s[admin_key]
        # A US state as before; elsewhere the admin1's own size: Belize's Toledo district is
        # no rival to Toledo, Ohio.
        prior = US_STATE_PRIOR if region.country_code == "US" else min(ADMIN1_PRIOR, math.log10(max(region.population, 1)))
        scored.append((prior + _context_bonus(region, context, ()), _record(region, "region")))
    for place, penalty in cities:
        if place.population < SMALL_PLACE and not _pointed_to(place, context, states):
            continue
        prior = math.log10(max(place.population, 1)) - penalty
        scored.append((prior + _context_bonus(place, context, states), _record(place, "city")))
    scored.sort(key=lambda s: -s[0])
    return scored


def lookup(name: str, states: tuple[str, ...] = (), context: PlaceContext | None = None) -> dict | None:
    """The best reading of a name.

    Args:
        name: a country, admin1 (US state, its abbreviation, a department) or city as written,
            in any case ("NAPLES" = "Naples").
        states: admin1 names (US states) the text ties to the name or the article names; a
            city in one of them is preferred to a larger namesake elsewhere.
        context: what else the article says (:class:`PlaceContext`).

    Returns:
        ``{'kind': country|region|city, 'name', 'country', 'region', 'geonameid', 'lat', 'lon',
        'population', 'country_code', 'admin1', 'admin1_code', 'admin2', 'precision'}``
        (``region`` is the US state of a US city), or None when the name is unknown.
    """
    found = readings(name, states, context)
    return found[0][1] if found else None


def city_by_id(geonameid: int | None) -> dict | None:
    """The city record of a geonameid (None for countries, states and unknown ids)."""
    place = world().places.get(geonameid) if geonameid is not None else None
    return _record(place, "city") if place else None


def country_record(code: str | None) -> dict | None:
    """The record of a country by ISO alpha-2 code."""
    place = world().countries.get(code) if code else None
    return _record(place, "country") if place else None


def admin1_record(code: str | None, name: str | None) -> dict | None:
    """The record of an admin1 of country ``code`` by name ("Florida", "Usulután")."""
    if not code or not name:
        return None
    for key in world().admin1_names.get(_key(name), ()):
        if key[0] == code:
            return _record(world().admin1s[key], "region")
    return None


def geo_fields(geonameid: int | None, region: str | None, country: str | None) -> dict:
    """Coordinates and codes of the finest level known: the city of ``geonameid``, else the
    admin1 ``region`` of ``country``, else the country (empty when none is known)."""
    code = country_code(country)
    record = city_by_id(geonameid) or admin1_record(code, region) or country_record(code)
    if record is None:
        return {}
    return {"latitude": round(record["lat"], 5), "longitude": round(record["lon"], 5),
            "precision": record["precision"], "country_code": record["country_code"],
            "admin1": record["admin1"], "admin1_code": record["admin1_code"], "admin2": record["admin2"]}


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two records (``lat``, ``lon``)."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
