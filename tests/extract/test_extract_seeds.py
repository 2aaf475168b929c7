"""The five seed articles on one attack: the mentions DESIGN.md lists (docs/design.md, seeds)."""

import datetime as dt
import re

import pytest

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.model import Article


def seed_article(path) -> Article:
    """As ingest gives it: a leading ' date YYYY-MM-DD' line becomes the publication date."""
    text = path.read_text(encoding="utf-8")
    published = None
    m = re.match(r"\s*date (\d{4}-\d\d-\d\d)\s*", text)
    if m:
        published = dt.datetime.fromisoformat(m.group(1))
        text = text[m.end():]
    return Article(id=path.stem, text=text, published=published)


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    articles = [seed_article(p) for p in sorted(seeds_dir.glob("*.txt"))]
    analysed = analyse(articles, n_process=1, embeddings=False)
    return {a.id[:3]: (a, extract_mentions(a, an)) for a, an in zip(articles, analysed)}


def main_counts(seeds, key, slot):
    return [m for m in seeds[key][1] if m.slot == slot and m.scope == "main"]


def test_every_evidence_span_is_the_article_text(seeds):
    for article, mentions in seeds.values():
        for m in mentions:
            assert article.text[m.evidence.start : m.evidence.end] == m.evidence.text
            assert m.id.startswith(article.id + ":")


def test_death_tolls_with_qualifiers_and_attribution(seeds):
    tolls = {key: [(m.value.point, m.value.qualifier) for m in main_counts(seeds, key, "killed")
                   if m.value.subset_of is None and m.confidence == 1]
             for key in seeds}
    assert (40, "at_least") in tolls["000"] and (40, "at_least") in tolls["004"]
    assert (60, "more_than") in tolls["002"]
    assert (62, "exact") in tolls["003"]
    assert (143, "at_least") in tolls["001"]
    cnn = [m for m in main_counts(seeds, "004", "killed") if m.value.point == 40]
    assert cnn[0].attribution.source == "CNN"
    (toll,) = [m for m in main_counts(seeds, "001", "killed") if m.value.point == 143]
    assert toll.attribution.source == "Investigative Committee" and toll.hedge == "expected to rise"


def test_injured_hospitalized_critical(seeds):
    assert {(m.value.low, m.value.qualifier) for m in main_counts(seeds, "000", "injured")} == {(101, "more_than")}
    assert (101, "more_than") in {(m.value.low, m.value.qualifier) for m in main_counts(seeds, "002", "injured")}
    for key in ("003", "004"):
        found = main_counts(seeds, key, "hospitalized")
        assert [m.value.point for m in found if m.value.subset_of is None] == [115]
        (part,) = [m for m in found if m.value.subset_of == "hospitalized"]
        assert part.value.point == 5 and part.value.population == "children"
    (critical,) = main_counts(seeds, "004", "critical")
    assert critical.value.point == 60 and critical.value.subset_of == "hospitalized"


def test_detained_and_attackers(seeds):
    arrested = main_counts(seeds, "001", "arrested")
    assert 11 in [m.value.point for m in arrested if m.value.subset_of is None]
    (four,) = [m for m in arrested if m.value.subset_of == "arrested"]
    assert four.value.point == 4 and "directly involved" in four.value.population
    (attackers,) = main_counts(seeds, "003", "attackers")
    assert attackers.value.point == 5 and attackers.hedge == "reportedly"


def test_background_events_kept_out(seeds):
    background = {m.value.point for key in ("002", "004") for m in seeds[key][1]
                  if m.value.kind == "count" and m.scope == "background"}
    assert {800, 170, 330, 103} <= background
    main = {m.value.point for key in seeds for m in seeds[key][1] if m.value.kind == "count" and m.scope == "main"}
    assert not main & {800, 170, 330, 103, 211}


def test_responsibility_with_channel(seeds):
    claims = [m.value for key in seeds for m in seeds[key][1] if m.slot == "responsibility" and m.scope == "main"]
    claimed = [c for c in claims if c.stance == "claimed"]
    assert {c.canonical for c in claimed} >= {"Islamic State", "Islamic State Khorasan"}
    channels = " ".join(c.channel or "" for c in claimed)
    assert "Telegram" in channels and "Amaq" in channels
    assert all(c.parent == "Islamic State" for c in claimed if c.canonical == "Islamic State Khorasan")
    attributed = [c for c in claims if c.stance == "attributed"]
    assert attributed and all(c.canonical == "Islamic State Khorasan" for c in attributed)


def test_attack_date(seeds):
    for key in ("001", "004"):
        dates = {str(m.value.date) for m in seeds[key][1] if m.slot == "time" and m.value.role == "occurred"}
        assert "2024-03-22" in dates
        published = [m for m in seeds[key][1] if m.slot == "time" and m.value.role == "published"]
        assert str(published[0].value.date) == "2024-03-23"


def test_place(seeds):
    places = [m.value for key in seeds for m in seeds[key][1] if m.slot == "place" and m.scope == "main"]
    assert any(p.venue == "Crocus City Hall" for p in places)
    assert any(p.city == "Krasnogorsk" and p.country == "Russia" for p in places)
    assert any(p.city == "Moscow" and p.relation in ("near", "suburb of", "outskirts of") for p in places)
    assert any(p.region == "Moscow region" for p in places)


def test_officials_with_titles(seeds):
    actors = {m.value.name: m.value for key in seeds for m in seeds[key][1] if m.slot == "actor"}
    assert actors["Andrey Vorobyov"].role == "official" and "governor" in actors["Andrey Vorobyov"].title.lower()
    assert actors["Nikolai Patrushev"].title == "Russian Security Council Secretary"
    assert actors["Colin P Clarke"].role == "expert"
