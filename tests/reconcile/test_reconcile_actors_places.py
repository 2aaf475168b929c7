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


def test_actors_are_listed_by_side_like_acled():
    from newsfuse.reconcile.actors import actor_side

    ms = [
        _mention("a", 1, "actor", ActorValue(name="Ilse Marrow", type="person", role="official")),
        _mention("a", 2, "actor", ActorValue(name="Tom Reyes", type="person", role="victim")),
        _mention("a", 3, "actor", ActorValue(name="Dale Quint", type="person", role="suspect")),
        _mention("b", 1, "actor", ActorValue(name="Northern Front", type="group")),
        _mention("b", 2, "actor", ActorValue(name="Ana Ruiz", type="person")),
        _mention("b", 3, "actor", ActorValue(name="Reyes", type="person", role="victim")),
    ]
    arts = [Article(id=i, text="abc", source=f"{i}.example") for i in "ab"]
    fact = reconcile_event(Event(id="e", article_ids=list("ab")), arts, ms)["actor"]
    assert fact.value["perpetrators"] == ["Dale Quint", "Northern Front"]
    assert fact.value["victims"] == ["Tom Reyes"]
    assert fact.value["others"] == ["Ilse Marrow", "Ana Ruiz"]
    assert fact.best == "Dale Quint; Northern Front; Tom Reyes; Ilse Marrow; Ana Ruiz"
    assert [a["side"] for a in fact.value["actors"]] == [
        "perpetrator", "perpetrator", "victim", "other", "other"]
    assert actor_side("perpetrator", "person") == "perpetrator"
    assert actor_side(None, "organisation") == "other"
    assert actor_side("victim", "group") == "victim"
