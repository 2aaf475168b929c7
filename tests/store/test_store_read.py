"""Listing events with filters and pagination; export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.live import ingest_articles
from newsfuse.store import EventFilter, get_article, get_event, list_events
from newsfuse.store.export import export_events


@pytest.fixture()
def filled(store, stories, stages):
    ingest_articles(store, stories[0], stages)
    return store


def test_events_newest_first_and_paginated(filled):
    with filled.read() as conn:
        page = list_events(conn)
        assert [e.headline.split()[0] for e in page.events][:1] == ["<script>alert('title')</script>"]
        dates = [e.first_published for e in page.events]
        assert dates == sorted(dates, reverse=True)
        first = list_events(conn, limit=2)
        second = list_events(conn, limit=2, offset=2)
        assert first.total == second.total == 3
        assert {e.id for e in first.events}.isdisjoint({e.id for e in second.events})
        with pytest.raises(ConfigError):
            list_events(conn, limit=0)


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(text="warehouse"), 1),
    (EventFilter(text="harbor fire"), 1),
    (EventFilter(text="nothing-like-this"), 0),
    (EventFilter(text="100%_"), 0),
    (EventFilter(text="walkers crossing"), 1),  # words of the article text, not the title
    (EventFilter(text="Firefighters battled"), 1),  # any article of the event
    (EventFilter(text="footbridge fire"), 0),  # every word must match in one event
    (EventFilter(text="collapsing bridges"), 1),  # English stemming
    (EventFilter(text="HARBOUR"), 1),  # case
    (EventFilter(text="wareh*"), 1),  # a prefix
    (EventFilter(text="wareh"), 0),  # not a prefix without the star
    (EventFilter(text="riverpost"), 1),  # outlet names (tokens of riverpost.example)
    (EventFilter(text="Orrin Rivér"), 1),  # accents folded
    (EventFilter(text='fire" OR "bridge'), 0),  # query syntax is only words: fire AND or AND bridge
    (EventFilter(text="NEAR(fire bridge) -x :y ^z"), 0),
    (EventFilter(text="*** !!"), 3),  # no words: no text filter
    (EventFilter(date_from=date(2024, 6, 1)), 2),
    (EventFilter(date_to=date(2024, 5, 31)), 1),
    (EventFilter(date_from=date(2024, 6, 2), date_to=date(2024, 6, 2)), 1),
    (EventFilter(min_sources=2), 1),
])
def test_filters(filled, flt, expected):
    with filled.read() as conn:
        assert list_events(conn, flt).total == expected


def test_both_query_plans_give_the_same_events(filled, monkeypatch):
    import newsfuse.store.search as search

    queries = ["warehouse", "fire*", "valdane OR", "storm", "nothing", "on"]
    with filled.read() as conn:
        by_key = [[e.id for e in list_events(conn, EventFilter(text=q)).events] for q in queries]
    monkeypatch.setattr(search, "FEW_MATCHES", 0)  # every search walks the events instead
    with filled.read() as conn:
        walked = [[e.id for e in list_events(conn, EventFilter(text=q)).events] for q in queries]
    assert walked == by_key and by_key[-1]


def test_search_follows_updates_and_deletes(filled, stages):
    with filled.read() as conn:
        assert list_events(conn, EventFilter(text="walkers")).total == 1
        bridge = get_article(conn, "orrin-1").article
    # A new version of the article: its old words leave the index, its new ones come in.
    ingest_articles(filled, [bridge.model_copy(update={
        "text": "A wooden footbridge over the Orrin River gave way under joggers on Sunday."})],
        stages)
    with filled.read() as conn:
        assert list_events(conn, EventFilter(text="walkers")).total == 0
        assert list_events(conn, EventFilter(text="joggers")).total == 1


def test_search_index_rebuild_gives_the_same_answers(filled):
    from newsfuse.store.search import rebuild_index

    queries = ["warehouse", "walkers crossing", "storm pellow", "fire*"]
    with filled.read() as conn:
        before = [list_events(conn, EventFilter(text=q)).total for q in queries]
    with filled.write() as conn:
        assert rebuild_index(conn) == 3
    with filled.read() as conn:
        assert [list_events(conn, EventFilter(text=q)).total for q in queries] == before
        with pytest.raises(ConfigError):
            list_events(conn, EventFilter(text=" ".join(["w"] * 21)))


def test_missing_things_raise_not_found(filled):
    with filled.read() as conn:
        with pytest.raises(NotFoundError):
            get_event(conn, "no-such-event")
        with pytest.raises(NotFoundError):
            get_article(conn, "no-such-article")


def test_export_formats(filled):
    with filled.read() as conn:
        data = json.loads("".join(export_events(conn, "json")))
        lines = "".join(export_events(conn, "jsonl")).splitlines()
        rows = list(csv.DictReader(io.StringIO("".join(export_events(conn, "csv")))))
        with pytest.raises(ConfigError):
            list(export_events(conn, "xml"))
    assert len(data["events"]) == len(lines) == len(rows) == 3
    fire = next(r for r in rows if "Valdane" in r["headline"])
    assert fire["killed"] != "" and fire["independent_sources"] == "3"
    assert "northline.example" in fire["outlets"]
    storm = next(r for r in rows if "Pellow" in r["headline"])
    assert storm["source_urls"] == ""  # a javascript: URL is not exported as a source


def test_csv_cells_that_look_like_formulas_are_quoted(store, stages):
    from newsfuse.model import Article

    ingest_articles(store, [Article(id="f", title="=HYPERLINK(\"http://x\")",
                                    text="A kiosk caught fire.")], stages)
    with store.read() as conn:
        rows = list(csv.DictReader(io.StringIO("".join(export_events(conn, "csv")))))
    assert rows[0]["headline"].startswith("'=")


def test_csv_has_acled_columns_and_geojson_one_feature_per_event(filled):
    from newsfuse.store.export import ACLED_COLUMNS

    with filled.read() as conn:
        rows = list(csv.DictReader(io.StringIO("".join(export_events(conn, "csv")))))
        collection = json.loads("".join(export_events(conn, "geojson")))
    assert set(ACLED_COLUMNS) <= set(rows[0])
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(rows) == 3
    by_id = {r["event_id"]: r for r in rows}
    for feature in collection["features"]:
        row = by_id[feature["id"]]
        if feature["geometry"] is None:
            assert row["latitude"] == "" and row["iso"] == ""
            continue
        lon, lat = feature["geometry"]["coordinates"]
        assert (float(row["latitude"]), float(row["longitude"])) == (lat, lon)
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and row["geo_precision"] in ("1", "2", "3")
    for row in rows:  # every event with a known country has coordinates
        assert (row["iso"] == "") == (row["latitude"] == "")
