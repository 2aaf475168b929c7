"""Scoring where and when: the brief's place (country, city, state) and date against gold,
and the distance from its coordinates to the gold city's.

Input is a brief JSON (``newsfuse brief --group-by event_id -f json``): each event's ``place``
fact (``value.city``, ``value.region``) and ``time`` fact (``best``, the date it happened).
Gold is a data directory in the uniform format (``events.jsonl``: ``date``, ``location.city``,
``location.state``). Names compare case-, accent- and punctuation-insensitively ("GARY" =
"Gary"), with short forms spelt out ("St. Louis" = "Saint Louis"); a gold "City (Area)" (GVA's
form for a suburb or a part of a city) is matched by either name, a gold "Name (county)" by
"Name County". An event with no predicted value counts as a miss; gold nulls are left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.extract.gazetteer import country_code, distance_km
from newsfuse.reconcile.names import normalise

FIELDS = ("country", "city", "state", "date")
#: A predicted point this close to the gold city counts as "near" it.
NEAR_KM = 25.0


@dataclass
class FieldScore:
    field: str
    n: int = 0
    correct: int = 0
    predicted: int = 0
    errors: list[tuple[str, str | None, str]] = field(default_factory=list)  # (id, predicted, gold)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def wrong(self) -> float:
        """Share of the events given a value that is not the gold's (not counting no value)."""
        return (self.predicted - self.correct) / self.n if self.n else 0.0

    def as_dict(self) -> dict:
        return {"field": self.field, "n": self.n, "accuracy": round(self.accuracy, 4),
                "predicted": self.predicted, "wrong": round(self.wrong, 4)}


def _read_report(path: Path) -> dict[str, dict]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable brief JSON ({exc}).") from exc
    if not isinstance(report, dict) or "events" not in report:
        raise InputError(f"{path}: not a brief JSON (no 'events'); run newsfuse brief -f json.")
    return {e["id"]: e for e in report["events"]}


def read_gold(gold_dir: Path) -> list[dict]:
    path = gold_dir / "events.jsonl"
    if not path.is_file():
        raise InputError(f"{gold_dir}: no events.jsonl (expected a data directory).")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predicted_fields(brief: dict | None) -> dict[str, str | None]:
    """City, state and date a brief gives (None where it gives none)."""
    facts = (brief or {}).get("facts", {})
    place = (facts.get("place") or {}).get("value") or {}
    time = facts.get("time") or {}
    return {"country": place.get("country_code") or place.get("country"), "city": place.get("city"),
            "state": place.get("region") or place.get("admin1"), "date": time.get("best"),
            "latitude": place.get("latitude"), "longitude": place.get("longitude")}


#: Short forms that name the same place ("St. Louis" = "Saint Louis").
_SHORT_FORMS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
#: GVA's city_or_county: "Pittsburgh (Wilkinsburg)" (a city and the part of it, or the suburb
#: it stands for, where it happened), "Wise (county)" (a county).
_WITH_AREA = re.compile(r"(.+?)\s*\((.+)\)")


def _key(name: str) -> str:
    return " ".join(_SHORT_FORMS.get(w, w) for w in normalise(name).split())


def gold_names(gold: str) -> set[str]:
    """The names (compared as :func:`_key`) that match a gold place: both names of a "City
    (Area)", the county of a "Name (county)", else the name itself."""
    m = _WITH_AREA.fullmatch(gold.strip())
    if m is None:
        return {_key(gold)}
    if normalise(m.group(2)) == "county":
        return {_key(f"{m.group(1)} County")}
    return {_key(m.group(1)), _key(m.group(2))}


def _same(a: str | None, b: str, name: str) -> bool:
    if a is None:
        return False
    if name == "country":
        return (country_code(a) or a) == (country_code(b) or b)
    return _key(a) in gold_names(b)


@dataclass
class DistanceScore:
    """Distance from the predicted point to the gold city's coordinates, where the gold names a
    city the gazetteer knows (resolved in the gold's own state and country)."""

    n: int = 0
    located: int = 0
    distances: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"field": "distance", "n": self.n, "located": self.located,
                "median_km": round(self.median, 1) if self.distances else None,
                "within_km": NEAR_KM, "within": round(self.within, 4)}

    @property
    def median(self) -> float:
        d = sorted(self.distances)
        return d[len(d) // 2] if d else 0.0

    @property
    def within(self) -> float:
        return sum(x <= NEAR_KM for x in self.distances) / self.n if self.n else 0.0


def _gold_point(truth: dict) -> dict | None:
    from newsfuse.extract.gazetteer import PlaceContext, lookup

    city = truth["city"]
    if not city:
        return None
    code = country_code(truth["country"]) if truth["country"] else None
    states = (truth["state"],) if truth["state"] else ()
    name = _WITH_AREA.fullmatch(city.strip())
    known = lookup(name.group(1) if name else city, states, PlaceContext(countries=(code,) if code else ()))
    if not known or known["kind"] != "city" or (code and known["country_code"] != code):
        return None
    return known


def score(briefs: dict[str, dict], gold: list[dict]) -> dict[str, FieldScore]:
    """Per-event scores: events are matched by id (``--group-by event_id`` names them so)."""
    scores: dict = {f: FieldScore(f) for f in FIELDS}
    distance = scores["distance"] = DistanceScore()
    for event in gold:
        location = event.get("location") or {}
        truth = {"country": location.get("country"), "city": location.get("city"),
                 "state": location.get("state"), "date": event.get("date")}
        found = predicted_fields(briefs.get(str(event["event_id"])))
        point = _gold_point(truth)
        if point is not None:
            distance.n += 1
            if found["latitude"] is not None:
                distance.located += 1
                distance.distances.append(distance_km(point, {"lat": found["latitude"], "lon": found["longitude"]}))
        for f in FIELDS:
            if not truth[f]:
                continue
            s = scores[f]
            s.n += 1
            s.predicted += found[f] is not None
            if _same(found[f], truth[f], f):
                s.correct += 1
            else:
                s.errors.append((str(event["event_id"]), found[f], truth[f]))
    return scores


def evaluate(output: Path, gold_dir: Path) -> dict[str, FieldScore]:
    """Score a brief JSON against a data directory.

    Raises:
        InputError: when either input cannot be read.
    """
    return score(_read_report(output), read_gold(gold_dir))


def format_scores(scores: dict[str, FieldScore], title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'field':<7} {'n':>5} {'accuracy':>9} {'predicted':>10} {'wrong':>6}")
    for s in scores.values():
        if isinstance(s, DistanceScore):
            lines.append(f"distance to the gold city ({s.n} gold cities, {s.located} placed): median "
                         f"{s.median:.1f} km, within {NEAR_KM:.0f} km {s.within:.1%}")
            continue
        lines.append(f"{s.field:<7} {s.n:>5} {s.accuracy:>8.1%} {s.predicted:>10} {s.wrong:>6.1%}")
    return "\n".join(lines)
