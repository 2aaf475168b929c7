"""Place reconciliation: nested cities, regions that fit, anchored places first."""

from newsfuse.extract.gazetteer import lookup
from newsfuse.model import Article, Event, Mention, PlaceValue, Span
from newsfuse.reconcile import reconcile_event


def _place(article: str, n: int, confidence: float = 0.9, **fields) -> Mention:
    name = fields.get("city") or fields.get("venue") or fields.get("region") or fields.get("country")
    known = lookup(fields["city"]) if fields.get("city") else None
    if known and "country" not in fields:
        fields["country"] = known["country"]
        fields.setdefault("geonameid", known["geonameid"])
        if known["region"]:
            fields.setdefault("region", known["region"])
    return Mention(id=f"{article}:{n}", article_id=article, slot="place", value=PlaceValue(**fields),
                   evidence=Span(start=0, end=len(name), text=name), confidence=confidence)


def _reconcile(mentions):
    ids = sorted({m.article_id for m in mentions})
    articles = [Article(id=i, text="x", source=f"{i}.example") for i in ids]
    return reconcile_event(Event(id="e", article_ids=ids), articles, mentions)["place"]


def test_the_suburb_is_chosen_and_the_big_city_kept_as_near():
    fact = _reconcile([
        _place("a", 1, city="Krasnogorsk", relation="in"),
        _place("a", 2, city="Moscow", relation="near"),
        _place("b", 1, city="Moscow", relation="in"),
        _place("c", 1, city="Moscow"),
        _place("c", 2, venue="Crocus City Hall"),
        _place("d", 1, confidence=0.4, region="Bryansk region", country="Russia"),
        _place("e", 1, confidence=0.4, region="Moscow region", country="Russia"),
        _place("e", 2, confidence=0.4, country="United States"),
    ])
    assert fact.value["city"] == "Krasnogorsk" and fact.value["near"] == "Moscow"
    assert fact.value["region"] == "Moscow region" and fact.value["country"] == "Russia"
    assert fact.value["venue"] == "Crocus City Hall"
    assert fact.status == "agreed"


def test_a_far_away_city_held_by_several_sources_is_a_dispute():
    fact = _reconcile([
        _place("a", 1, city="Dallas"), _place("b", 1, city="Dallas"), _place("c", 1, city="Houston"),
        _place("d", 1, city="Houston"),
    ])
    assert fact.status == "disputed"
    assert fact.value["region"] == "Texas" and fact.value["country"] == "United States"


def test_a_us_state_without_a_city():
    fact = _reconcile([_place("a", 1, region="Ohio", country="United States"),
                       _place("b", 1, region="Franklin County", country=None)])
    assert fact.value["region"] == "Ohio"
