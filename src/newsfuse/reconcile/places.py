"""Place: the most specific place the sources are consistent with.

1. Mentions extraction tied to the event (anchored: "the attack on X in Y") are used when any
   exist; places only named in passing ("a car chase in the Bryansk region", "US officials")
   are not where the event happened.
2. Cities nest: a city within ``near_km`` of a larger city the sources name ("Krasnogorsk" and
   "Moscow"), or named as its reference point ("Krasnogorsk, near Moscow"), lies in its area, so
   reports of the larger city support the smaller one. The chosen city is the one with the
   most independent support, the more specific on a tie; the larger one is kept as ``near``.
3. Country and (US) state come from the gazetteer entry of the chosen city, so they cannot
   contradict it; a region named after a city ("the Moscow region") is kept only when that
   city lies within ``region_km`` of the chosen one.
4. Venue: the best supported anchored venue.
5. Coordinates, ISO codes, admin1/admin2: the gazetteer's, of the finest level chosen (a venue
   or street at its city; ``precision`` says which level the point stands for).
Thresholds: ``data/places.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from newsfuse.extract.gazetteer import city_by_id, distance_km, geo_fields, lookup
from newsfuse.model import Fact, Mention, PlaceValue
from newsfuse.reconcile.categorical import vote, voted_confidence, voted_status
from newsfuse.reconcile.sources import fact_mention
from newsfuse.reconcile.names import fold
from newsfuse.reconcile.sources import SourceGroups


@lru_cache(maxsize=1)
def _settings() -> dict:
    return json.loads((resources.files("newsfuse.reconcile") / "data" / "places.json").read_text("utf-8"))


def _is_reference(m: Mention) -> bool:
    return (m.value.relation or "").lower() in _settings()["reference_relations"]


def _city_record(m: Mention) -> dict | None:
    return city_by_id(m.value.geonameid)


def _within(inner: dict | None, outer: dict | None, outer_is_reference: bool) -> bool:
    """Does city ``inner`` lie in the area of city ``outer``?"""
    if inner is None or outer is None:
        return outer_is_reference and outer is not inner
    if inner["geonameid"] == outer["geonameid"]:
        return False
    near = distance_km(inner, outer) <= _settings()["near_km"]
    return near and (outer["population"] > inner["population"] or outer_is_reference)


def _cities(pool: Sequence[Mention], everything: Sequence[Mention], groups: SourceGroups):
    """(key -> (shown name, record, mentions, origins)) of the event's cities, and the keys
    of cities named as reference points."""
    cities: dict[str, tuple[str, dict | None, list[Mention], set[str]]] = {}
    # Ordered (a dict, not a set): the first reference point named is the one kept, whatever
    # the process's string hashing (a set made parallel workers disagree with this process).
    references: dict[str, None] = {}
    for m in everything:
        if m.value.city and _is_reference(m):
            references.setdefault(fold(m.value.city), None)
    for m in pool:
        if not m.value.city or _is_reference(m):
            continue
        key = fold(m.value.city)
        name, record, ms, origins = cities.setdefault(key, (m.value.city, None, [], set()))
        ms.append(m)
        origins.add(groups.origin(m))
    for key, (name, _, ms, origins) in cities.items():
        cities[key] = (name, _agreed_record(ms), ms, origins)
    return cities, references


def _agreed_record(ms: Sequence[Mention]) -> dict | None:
    """The gazetteer reading most of a city's mentions resolved to: "NORWICH –" alone reads as
    England's, "NORWICH, N.Y." in another report settles it (a reading whose mention names the
    state or region wins a tie)."""
    votes: dict[int, list[int]] = {}
    for m in ms:
        if m.value.geonameid is not None:
            tally = votes.setdefault(m.value.geonameid, [0, 0])
            tally[0] += 1
            tally[1] += m.value.region is not None
    if not votes:
        return None
    best = max(votes, key=lambda g: (votes[g][1] > 0, votes[g][0], votes[g][1]))
    return city_by_id(best)


def _choose_city(cities, references):
    """(chosen key, its supporting origins, key of the larger city around it, incompatible keys)."""
    if not cities:
        return None, set(), None, []
    outer_of: dict[str, list[str]] = {}
    for a, (_, ra, _, _) in cities.items():
        outer_of[a] = [b for b, (_, rb, _, _) in cities.items() if b != a and _within(ra, rb, b in references)]
    support = {a: set(cities[a][3]).union(*(cities[b][3] for b in outer_of[a])) for a in cities}

    def size(key: str) -> int:
        record = cities[key][1]
        return record["population"] if record else 0

    def specific(key: str) -> int:  # a hamlet inside a city's area is most often a part of it
        return len(outer_of[key]) if size(key) >= _settings()["specific_population"] else 0

    chosen = max(cities, key=lambda a: (len(support[a]), specific(a), len(cities[a][3]), -size(a)))
    near = max(outer_of[chosen], key=size) if outer_of[chosen] else None
    compatible = {chosen, *outer_of[chosen]}
    rivals = [k for k in cities if k not in compatible and chosen not in outer_of[k]]
    return chosen, support[chosen], near, rivals


def _us_state(ms: Sequence[Mention], groups) -> str | None:
    """The US state most sources place the event in (states of cities included)."""
    def state(m: Mention) -> str | None:
        known = lookup(m.value.region) if m.value.region else None
        return known["region"] if known and known["kind"] == "region" else None

    ranked = vote(ms, state, groups)
    return ranked[0][0] if ranked else None


def _region(chosen_record: dict | None, country: str | None, found: Sequence[Mention], groups) -> str | None:
    """A named region that fits the chosen city, most supported first."""
    def fits(m: Mention) -> bool:
        if country and m.value.country and m.value.country != country:
            return False
        if chosen_record is None:
            return True
        namesake = lookup(" ".join(m.value.region.split()[:-1]) or m.value.region)
        if namesake and namesake["kind"] == "region":  # an admin1: the chosen city's own only
            return namesake["admin1"] in (chosen_record["admin1"], chosen_record["region"])
        if not namesake or namesake["kind"] != "city":
            return namesake is None
        return distance_km(chosen_record, namesake) <= _settings()["region_km"]

    candidates = [m for m in found if m.value.region and not m.value.city and fits(m)]
    ranked = vote(candidates, lambda m: fold(m.value.region), groups)
    return ranked[0][1][0].value.region if ranked else None


def reconcile_place(mentions: Sequence[Mention], groups: SourceGroups) -> Fact | None:
    """The most specific place all sources are consistent with (see the module docstring)."""
    found = [m for m in mentions if m.slot == "place" and m.scope == "main" and isinstance(m.value, PlaceValue)]
    if not found:
        return None
    anchored = [m for m in found if m.confidence >= _settings()["anchored_confidence"]]
    pool = anchored or found
    cities, references = _cities(pool, found, groups)
    if not cities:  # the event's city named only in passing ("police in Gary said")
        cities, references = _cities(found, found, groups)
    chosen, origins, near, rivals = _choose_city(cities, references)
    value: dict = {"venue": None, "city": None, "region": None, "country": None}
    record = None
    if chosen:
        name, record, city_mentions, _ = cities[chosen]
        first = next((m.value for m in city_mentions if record and m.value.geonameid == record["geonameid"]),
                     city_mentions[0].value)
        value.update(city=record["name"] if record else name, region=first.region, country=first.country,
                     geonameid=first.geonameid)
    reference = near or next((k for k in references if k != chosen), None)
    if reference:
        named = [m for m in found if m.value.city and fold(m.value.city) == reference]
        value["near"] = cities[reference][0] if reference in cities else named[0].value.city
        value["relation"] = next((m.value.relation for m in named if _is_reference(m)), "near")
        if record is None:  # no city of its own: regions must fit the reference point
            record = next((r for r in map(_city_record, named) if r), None)
            value["country"] = value["country"] or next((m.value.country for m in named if m.value.country), None)
    if not value["region"] and value["country"] in (None, "United States"):
        value["region"] = _us_state(pool, groups) or _us_state(found, groups)
        value["country"] = "United States" if value["region"] else value["country"]
    if not value["country"]:
        ranked = vote([m for m in pool if m.value.country], lambda m: m.value.country, groups)
        value["country"] = ranked[0][0] if ranked else None
    if not value["region"]:
        value["region"] = _region(record, value["country"], found, groups)
    venues = vote([m for m in pool if m.value.venue], lambda m: fold(m.value.venue), groups)
    if venues:
        value["venue"] = venues[0][1][0].value.venue
    value.update(_coordinates(value))
    consistent = [m for m in found if _consistent(m, value, chosen, cities, rivals)]
    support = [m for m in consistent if m in pool] or consistent
    ranked = [("place", support, {groups.origin(m) for m in support})] + [
        (k, cities[k][2], cities[k][3]) for k in rivals]
    status = voted_status(ranked)
    best = ", ".join(v for v in (value["venue"], value["city"], value.get("near") and f"near {value['near']}",
                                 value["region"], value["country"]) if v)
    return Fact(
        slot="place",
        best=best or None,
        status=status,
        value=value,
        mentions=[fact_mention(m) for m in support],
        conflicting=[fact_mention(m) for k in rivals for m in cities[k][2]],
        sources=len(ranked[0][2]),
        confidence=voted_confidence(ranked, status, groups),
        aliases=sorted({getattr(m.value, f) for m in support for f in ("venue", "city")
                        if getattr(m.value, f)} - {value["venue"], value["city"]}),
    )


_STREET = re.compile(r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|lane|highway|hwy|way|route)\.?$", re.I)


def _coordinates(value: dict) -> dict:
    """Latitude, longitude, precision and codes of the chosen place: a venue or street is
    placed at its city (the finest point the gazetteer has), the precision says which."""
    geo = geo_fields(value.get("geonameid"), value["region"], value["country"])
    if not geo and value.get("near"):
        near = lookup(value["near"])
        geo = geo_fields(near["geonameid"], None, near["country"]) if near and near["kind"] == "city" else {}
    if value["venue"] and geo:
        geo["precision"] = "street" if _STREET.search(value["venue"]) else "venue"
    return geo


def _consistent(m: Mention, value: dict, chosen, cities, rivals) -> bool:
    """Does a mention agree with the chosen place (it may be coarser: Moscow, Russia)?"""
    v = m.value
    if v.country and value["country"] and v.country != value["country"]:
        return False
    if v.city and fold(v.city) in rivals:
        return False
    if v.venue and value["venue"] and fold(v.venue) != fold(value["venue"]):
        return False
    if v.region and value["region"] and fold(v.region) != fold(value["region"]) and not v.city:
        return False
    return bool(v.venue or v.city or v.region or v.country)
