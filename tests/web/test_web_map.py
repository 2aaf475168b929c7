"""The map: a bundled world outline in SVG, a marker per event with coordinates, in the browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsfuse.extract.gazetteer import geo_fields, lookup
from newsfuse.model import Article, CountValue, Mention, PlaceValue, Span

from newsfuse.live import default_stages, ingest_articles
from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.map import Marker, country_paths, map_svg, view_box

ARTICLES = [
    ("ostrava-1", "Road bridge collapses in Ostrava", "A road bridge collapsed in Ostrava on Monday, killing four people.",
     "Ostrava", 4),
    ("krasno-1", "Fire at a market in Krasnogorsk", "A fire at a market in Krasnogorsk killed one person on Tuesday.",
     "Krasnogorsk", 1),
]


def _extract(article: Article, analysed) -> list[Mention]:
    _, _, text, city, killed = next(a for a in ARTICLES if a[0] == article.id)
    place = lookup(city)
    start = text.index(city)
    value = PlaceValue(city=place["name"], region=place["region"], country=place["country"],
                       geonameid=place["geonameid"], relation="in",
                       **geo_fields(place["geonameid"], place["region"], place["country"]))
    count = CountValue(low=killed, high=killed, point=killed)
    k = text.index("kill")
    return [Mention(id=f"{article.id}:1", article_id=article.id, slot="place", value=value, confidence=0.9,
                    evidence=Span(start=start, end=start + len(city), text=city)),
            Mention(id=f"{article.id}:2", article_id=article.id, slot="killed", value=count,
                    evidence=Span(start=k, end=k + 7, text=text[k:k + 7]))]


@pytest.fixture()
def map_store(tmp_path):
    stages = default_stages(n_process=1, extract=_extract)
    articles = [Article(id=i, title=t, text=x, source="example.org") for i, t, x, _, _ in ARTICLES]
    with open_store(tmp_path / "map.db") as store:
        ingest_articles(store, articles, stages)
        yield store, stages


def test_outline_is_every_country_and_labels_are_escaped():
    assert len(country_paths()) > 170
    svg = str(map_svg([Marker("e<1>", "<b>Ostrava</b>", 49.8, 18.3, killed=4, event_type="collapse", href="/events/e%3C1%3E")]))
    assert "<b>" not in svg and "&lt;b&gt;Ostrava&lt;/b&gt;" in svg and 'href="/events/e%3C1%3E"' in svg


def test_view_zooms_to_the_markers_region():
    markers = [Marker("a", "a", 49.8, 18.3), Marker("b", "b", 55.8, 37.3)]
    x, y, w, h = view_box(markers)
    assert x < 18.3 < 37.3 < x + w and y < -55.8 < -49.8 < y + h and w < 90  # Central Europe to Moscow
    assert view_box(markers, world=True)[2] == 360.0


def test_events_and_event_pages_draw_markers_linking_to_events(map_store):
    store, stages = map_store
    client = TestClient(create_app(store, stages=stages))
    page = client.get("/").text
    assert '<svg class="map"' in page
    links = re.findall(r'<a href="(/events/[^"]+)"><circle', page)
    assert len(links) == 2
    event = client.get(links[0]).text
    assert '<svg class="map"' in event and "<circle" in event
    assert 'viewBox="-180.00' in client.get("/?map=world").text


@pytest.mark.browser
def test_map_in_the_browser(map_store, browser_page):
    from serving import served

    store, stages = map_store
    app = create_app(store, stages=stages, allowed_hosts=["127.0.0.1", "localhost"])
    with served(app) as base:
        page = browser_page
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/")
        svg = page.locator("svg.map")
        svg.wait_for()
        assert svg.bounding_box()["width"] > 300
        assert page.locator("svg.map circle").count() == 2
        if os.environ.get("NEWSFUSE_SCREENSHOTS"):
            page.screenshot(path=str(Path(__file__).parents[2] / "docs" / "screenshots" / "map.png"), full_page=False)
        page.locator("svg.map a").first.click()
        page.wait_for_url("**/events/**")
        page.locator("svg.map").wait_for()
        assert errors == []
