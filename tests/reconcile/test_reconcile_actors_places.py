"""A town the tagger took for an organisation is the event's place, not one of its actors."""

from newsfuse.model import ActorValue, Article, Event, Mention, PlaceValue, Span
from newsfuse.reconcile import reconcile_event


def _mention(article, n, slot, value):
    return Mention(id=f"{article}:{n}", article_id=article, slot=slot, value=value,
                   evidence=Span(start=0, end=3, text="abc"))


def test_a_place_of_the_event_is_no_actor():
    ms = [
        _mention("a", 1, "actor", ActorValue(name="Brackwater", type="organisation")),
        _mention("a", 2, "actor", ActorValue(name="Ilse Marrow", type="person", role="official")),
        _mention("b", 1, "place", PlaceValue(city="Brackwater", relation="in")),
        _mention("b", 2, "actor", ActorValue(name="Brackwater Mills", type="organisation")),
        # the place stage took the agency for the scene: it stays an actor
        _mention("b", 3, "place", PlaceValue(venue="Brackwater Police Department")),
        _mention("b", 4, "actor", ActorValue(name="Brackwater Police Department", type="organisation")),
    ]
    arts = [Article(id=i, text="abc", source=f"{i}.example") for i in "ab"]
    fact = reconcile_event(Event(id="e", article_ids=list("ab")), arts, ms)["actor"]
    assert [a["name"] for a in fact.value["actors"]] == [
        "Ilse Marrow", "Brackwater Mills", "Brackwater Police Department"]
