"""What the clusterer reads from one article (places that are not places, datelines, dates
written at the head of an undated text) and the place rule it applies to those places. Every
text here was written for these tests."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from newsfuse.cluster import publication_order
from newsfuse.cluster.features import article_features, gazetteer_places, text_date
from newsfuse.cluster.similarity import FEATURE_NAMES, EventProfile, pair_features
from newsfuse.model import Analysed, Article, Entity


def _features(text, entities, title="Shooting leaves one hurt", published=datetime(2016, 5, 2)):
    article = Article(id="x", title=title, text=text, published=published)
    found = [
        Entity(start=text.index(t), end=text.index(t) + len(t), text=t, label=label)
        for t, label in entities
    ]
    return article_features(article, Analysed(article_id="x", entities=found), None, 0)


def test_a_common_word_tagged_as_a_place_is_not_a_place():
    text = (
        "Police said a man was hurt on Birch Lane in Marlow Heights. The police are asking for "
        "witnesses to come forward."
    )
    feats = _features(text, [("Police", "GPE"), ("Marlow Heights", "GPE")])
    assert "police" not in feats.places and "police" not in feats.lead_places
    assert "marlow heights" in feats.places  # never written in lower case: a name


def test_role_words_are_never_places_even_when_only_capitalised():
    text = "Authorities said two people were hurt in Marlow Heights."
    feats = _features(text, [("Authorities", "GPE")])
    assert "authorities" not in feats.places


def test_oceans_continents_and_world_regions_are_too_broad_to_be_local_places():
    # Two earthquakes a thousand miles apart both lie "near the Indian Ocean".
    text = "A quake shook Marlow Heights, near the Indian Ocean, and was felt across Southeast Asia and Asia."
    feats = _features(
        text,
        [("Marlow Heights", "LOC"), ("the Indian Ocean", "LOC"), ("Southeast Asia", "LOC"), ("Asia", "LOC")],
        title="Quake shakes Marlow Heights",
    )
    broad = {"indian ocean", "southeast asia", "asia"}
    assert "marlow heights" in feats.lead_places
    assert not (feats.places | feats.lead_places) & broad


def test_a_name_with_a_stray_quote_is_the_same_name():
    text = "Dale Ormsby ' was hurt. Later Dale Ormsby spoke to reporters."
    feats = _features(text, [("Dale Ormsby '", "PERSON"), ("Dale Ormsby", "PERSON")])
    assert feats.persons == {"dale ormsby", "ormsby"}


def test_a_capitalised_dateline_is_read_through_the_gazetteer():
    assert "toledo" in gazetteer_places("TOLEDO, Ohio (AP) — A man was hurt on Friday.")
    assert "toledo" in gazetteer_places("Photo: staff  TOLEDO -- A man was hurt on Friday.")
    assert gazetteer_places("UPDATE -- A man was hurt on Friday.") == set()
    # a city after a digit in a handle ("@news13toledo") does not make "toledo" a common word
    feats = _features("Follow @news13toledo for updates. A man was hurt in Toledo.", [], title="Man hurt")
    assert "toledo" in feats.places


def test_an_undated_article_takes_the_date_written_at_its_head():
    def undated(text, title=None):
        return Article(id="u", title=title, text=text)

    posted = undated("Posted: Nov 27, 2005 8:20 AM ET\nA strong quake hit the island.")
    assert text_date(posted) == date(2005, 11, 27)
    updated = undated("21 July 2013 Last updated at 11:11 GMT\nA fire broke out.")
    assert text_date(updated) == date(2013, 7, 21)
    assert text_date(undated("04/28/09 07:35 PM ET\nThe rule was reversed.")) == date(2009, 4, 28)
    assert text_date(undated("The agency said on 2011-08-16 that the cable was cut.")) == date(2011, 8, 16)
    assert text_date(undated("APR 28\nThe rule was reversed.")) is None  # no year: no date
    assert text_date(undated("13/45/2009 is not a date.")) is None
    assert text_date(undated("The mayor 12, 2010 plan")) is None  # a month's name, not its prefix
    late = "x" * 400 + " March 3, 2010"
    assert text_date(undated(late)) is None  # beyond the head
    dated = Article(id="d", text="Posted: Nov 27, 2005", published=datetime(2006, 1, 1))
    assert text_date(dated) is None  # a real publication date wins


def test_text_dates_order_the_stream_and_set_the_day():
    articles = [
        Article(id="a", text="No date anywhere in this one."),
        Article(id="b", text="March 3, 2010\nSecond report.", published=None),
        Article(id="c", text="First report.", published=datetime(2010, 3, 1)),
    ]
    assert [articles[i].id for i in publication_order(articles)] == ["a", "c", "b"]
    feats = article_features(articles[1], None, None, 0)
    assert feats.day == (date(2010, 3, 3) - date(1970, 1, 1)).days
    assert 2010 in feats.years



def test_an_undated_article_takes_only_the_year_of_its_last_update():
    articles = [
        Article(id="u", text="Ten died in the quake.", updated=datetime(2005, 11, 28, 2, 24)),
        Article(id="n", text="Ten died in the quake."),
    ]
    updated = article_features(articles[0], None, None, 0)
    assert updated.years == {2005} and updated.day is None  # no day: the stream keeps its place
    assert [articles[i].id for i in publication_order(articles)] == ["u", "n"]
    assert article_features(articles[1], None, None, 1).years == set()

_EVERY_NAME_ONCE = defaultdict(lambda: 1.0)  # the same rarity weight for every name and word
_FILLER = "Roads were cut and power was out across the valley for most of the day. " * 6


def _quake_event():
    """Two reports of a quake at Velmora Ridge that recall, below their leads, an older disaster
    at Kestrel Cove."""
    event = EventProfile(key=0, id="ev-a", seed="a")
    texts = [
        "A strong earthquake struck Velmora Ridge early on Sunday, flattening homes. " + _FILLER
        + "The region was hit by a tsunami at Kestrel Cove years ago.",
        "Rescuers searched the rubble in Velmora Ridge on Sunday after the quake. " + _FILLER
        + "Kestrel Cove was spared this time.",
    ]
    for text in texts:
        feats = _features(
            text,
            [("Velmora Ridge", "GPE"), ("Kestrel Cove", "GPE")],
            title="Quake hits Velmora Ridge",
            published=None,
        )
        event.fold(feats, {}, 200)
        event.touch(feats)
    return event


def test_an_article_whose_lead_is_elsewhere_cannot_join_an_event_that_only_mentions_its_place():
    event = _quake_event()
    assert set(event.lead_places) == {"velmora ridge"} and "kestrel cove" in event.places
    elsewhere = _features(
        "A powerful earthquake hit Kestrel Cove on Tuesday, killing three people.",
        [("Kestrel Cove", "GPE")],
        title="Quake kills three at Kestrel Cove",
        published=None,
    )
    assert pair_features(elsewhere, {}, event, _EVERY_NAME_ONCE) is not None  # scored: no veto
    assert pair_features(elsewhere, {}, event, _EVERY_NAME_ONCE, veto=(10.0, True)) is None
    # A report that also names the event's place in its lead may still join.
    same = _features(
        "The earthquake that hit Velmora Ridge was felt as far as Kestrel Cove.",
        [("Velmora Ridge", "GPE"), ("Kestrel Cove", "GPE")],
        title="Quake felt at Kestrel Cove",
        published=None,
    )
    assert pair_features(same, {}, event, _EVERY_NAME_ONCE, veto=(10.0, True)) is not None


def test_a_hyphenated_number_is_not_read_as_its_last_word():
    feats = _features("The blast cost sixty-two lives and 1,500 were hurt. Two people died later.", [])
    assert ("killed", 2) in feats.counts  # "Two people died"
    assert ("killed", 62) not in feats.counts and ("injured", 500) not in feats.counts
    assert _features("The blast cost sixty-two lives.", [], title="Blast").counts == set()


def _year_pair(article_text, year_phrase):
    """A report dated 2024 against an undated report naming ``year_phrase``."""
    event = EventProfile(key=0, id="ev-a", seed="a")
    dated = _features("Gunmen attacked the Larkspur concert hall on Friday.", [], published=datetime(2024, 3, 23))
    event.fold(dated, {}, 200)
    event.touch(dated)
    undated = _features(article_text, [(year_phrase, "DATE")], published=None)
    x = pair_features(undated, {}, event, _EVERY_NAME_ONCE)
    return dict(zip(FEATURE_NAMES, x, strict=True))["year_conflict"]


def test_an_older_year_named_below_the_lead_is_history_not_a_conflict():
    history = "Gunmen attacked the Larkspur concert hall. " + _FILLER + "The group first surfaced in 2014."
    assert _year_pair(history, "2014") == 0.0
    # named in the lead, the year dates the report: a conflict
    assert _year_pair("In March 2014 gunmen attacked the Larkspur concert hall.", "March 2014") == 1.0
    # named below the lead but not older than the event's dates: still a conflict
    assert _year_pair("Gunmen attacked the hall. " + _FILLER + "It reopened in 2027.", "2027") == 1.0
