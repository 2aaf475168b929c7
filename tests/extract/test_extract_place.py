from newsfuse.extract.place import lookup


def test_gazetteer_lookup():
    assert lookup("Krasnogorsk")["country"] == "Russia"
    assert lookup("Moscow")["kind"] == "city"
    assert lookup("Russia")["kind"] == "country"
    assert lookup("U.S.")["name"] == "United States"
    assert lookup("Mo.")["region"] == "Missouri"
    assert lookup("Alabama")["kind"] == "region"
    assert lookup("Milwaukee")["region"] == "Wisconsin"
    assert lookup("Nowhereville Xyz") is None


import pytest

from newsfuse.analyse.nlp import load_pipeline
from newsfuse.extract.place import find_places


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _places(nlp, text):
    doc = nlp(text)
    return {(p.venue or p.city or p.region or p.country): p for p in find_places(list(doc.sents), text)}


def test_event_places_are_anchored_and_passing_mentions_not(nlp):
    text = ("Gunmen attacked the Lotus Arena in Tver on Sunday, killing four people. "
            "Two suspects were later caught after a chase in the Pskov region. "
            "A researcher at a think tank based in Boston said such attacks are rare.")
    found = _places(nlp, text)
    assert found["Tver"].anchored and found["Lotus Arena"].anchored
    assert not found["Pskov region"].anchored
    assert not found["Boston"].anchored


def test_city_with_its_state_and_datelines(nlp):
    found = _places(nlp, "A man was shot and killed Tuesday in Springfield, Ill., police said.")
    assert found["Springfield"].region == "Illinois" and found["Springfield"].anchored
    found = _places(nlp, "DAYTON, Ohio — Two people were wounded in a shooting on Monday.")
    assert found["Dayton"].region == "Ohio" and found["Dayton"].anchored


def test_a_demonym_is_not_a_region_name(nlp):
    found = _places(nlp, "The group is based in the eastern Afghan province of Kunar.")
    assert "Afghan province" not in found


def test_a_town_the_gazetteer_does_not_know(nlp):
    # my own examples; "Dunmarrow" and "Brackwater" are no real places
    found = _places(nlp, "Five workers died when a fire swept through a textile mill in Dunmarrow on Wednesday.")
    assert found["Dunmarrow"].city == "Dunmarrow" and found["Dunmarrow"].geonameid is None
    # where the article names a city the gazetteer knows, an unknown name is most often a part of it
    found = _places(nlp, "Two men were shot in Brackwater late on Friday, Chicago police said.")
    assert "Chicago" in found and "Brackwater" not in found


def test_a_small_namesake_in_a_state_the_article_does_not_name_is_no_place(nlp):
    # my own examples: Lawndale is also a town in California, and the article names only Illinois
    found = _places(nlp, "CHICAGO, Ill. — Two men were shot in Lawndale on Friday night, police said.")
    assert "Chicago" in found and "Lawndale" not in found
    # a large city stays, whatever other state the article names
    found = _places(nlp, "A Texas man was shot in Chicago on Friday, police said.")
    assert "Chicago" in found
