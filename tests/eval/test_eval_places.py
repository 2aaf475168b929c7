"""newsfuse eval places: city, state and date of each event against gold."""

import json

from newsfuse.eval.places import FIELDS, evaluate, score


def _brief(city, state, date):
    return {"facts": {"place": {"value": {"city": city, "region": state}}, "time": {"best": date}}}


def test_score_counts_matches_and_misses():
    gold = [
        {"event_id": "1", "date": "2015-03-02", "location": {"city": "GARY", "state": "Indiana"}},
        {"event_id": "2", "date": "2015-04-01", "location": {"city": "Dallas", "state": "Texas"}},
        {"event_id": "3", "date": None, "location": {"city": None, "state": "Ohio"}},
    ]
    briefs = {"1": _brief("Gary", "Indiana", "2015-03-02"), "2": _brief("Houston", "Texas", None)}
    s = score(briefs, gold)
    assert (s["city"].n, s["city"].correct) == (2, 1)
    assert (s["state"].n, s["state"].correct, s["state"].predicted) == (3, 2, 2)
    assert (s["date"].n, s["date"].correct) == (2, 1)
    assert s["city"].errors == [("2", "Houston", "Dallas")]


def test_evaluate_reads_a_brief_json(tmp_path):
    (tmp_path / "events.jsonl").write_text(json.dumps(
        {"event_id": "7", "date": "2016-01-02", "location": {"city": "Reno", "state": "Nevada"}}) + "\n")
    out = tmp_path / "brief.json"
    out.write_text(json.dumps({"events": [{"id": "7", **_brief("Reno", "Nevada", "2016-01-02")}]}))
    s = evaluate(out, tmp_path)
    assert all(s[f].accuracy == 1.0 for f in FIELDS if s[f].n)


def test_gva_city_forms_and_short_forms_match():
    gold = [
        {"event_id": "1", "date": None, "location": {"city": "Pittsburgh (Wilkinsburg)", "state": None}},
        {"event_id": "2", "date": None, "location": {"city": "Pittsburgh (Wilkinsburg)", "state": None}},
        {"event_id": "3", "date": None, "location": {"city": "Saint Louis", "state": None}},
        {"event_id": "4", "date": None, "location": {"city": "Wise (county)", "state": None}},
        {"event_id": "5", "date": None, "location": {"city": "Wise (county)", "state": None}},
        {"event_id": "6", "date": None, "location": {"city": "Pittsburgh (Wilkinsburg)", "state": None}},
    ]
    briefs = {
        "1": _brief("Wilkinsburg", None, None),
        "2": _brief("Pittsburgh", None, None),
        "3": _brief("St. Louis", None, None),
        "4": _brief("Wise County", None, None),
        "5": _brief("Wise", None, None),  # a town in that county is not the county
        "6": _brief("Braddock", None, None),
    }
    s = score(briefs, gold)
    assert (s["city"].n, s["city"].correct) == (6, 4)
    assert [e[0] for e in s["city"].errors] == ["5", "6"]


def test_country_and_distance_to_the_gold_city():
    gold = [
        {"event_id": "1", "location": {"city": "Naples", "state": "Florida", "country": "USA"}},
        {"event_id": "2", "location": {"city": "San Vicente", "state": None, "country": "El Salvador"}},
    ]
    naples_italy = {"city": "Naples", "country": "Italy", "country_code": "IT", "latitude": 40.85, "longitude": 14.27}
    san_vicente = {"city": "San Vicente", "country_code": "SV", "latitude": 13.64, "longitude": -88.78}
    briefs = {"1": {"facts": {"place": {"value": naples_italy}}}, "2": {"facts": {"place": {"value": san_vicente}}}}
    s = score(briefs, gold)
    assert (s["country"].n, s["country"].correct, s["country"].wrong) == (2, 1, 0.5)
    assert s["distance"].n == 2 and s["distance"].within == 0.5  # Naples, Italy is 8,000 km off
