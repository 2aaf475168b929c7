"""Where a local crime story happened when the text names its city only through the police,
a dateline after page furniture, an area of the city, or the headline."""

import pytest

from newsfuse.analyse.nlp import load_pipeline
from newsfuse.extract.place import find_places, title_places


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def cities(nlp, text):
    doc = nlp(text)
    return {p.city: p for p in find_places(list(doc.sents), text) if p.city}


def test_the_city_of_the_police_working_the_case(nlp):
    found = cities(nlp, "Memphis police are investigating a shooting that sent four teenagers to the hospital.")
    assert found["Memphis"].anchored and found["Memphis"].region == "Tennessee"
    found = cities(nlp, "The Las Vegas Metropolitan Police Department responded to reports of gunfire at 1 a.m.")
    assert found["Las Vegas"].anchored


def test_a_county_or_an_abbreviation_is_no_city(nlp):
    found = cities(nlp, "The Cook County Sheriff's Office and BA Police said two men were wounded.")
    assert "Cook" not in found and "Ba" not in found


def test_a_dateline_after_page_furniture(nlp):
    text = "(Station Photo)  INDIANAPOLIS (WXYZ) \u2013 A child shot himself in the hand on Monday afternoon."
    assert cities(nlp, text)["Indianapolis"].anchored


def test_an_area_of_a_city_and_not_a_street(nlp):
    found = cities(nlp, "Four teenagers were shot near Downtown Memphis, Tennessee, on Saturday night.")
    assert "Memphis" in found
    found = cities(nlp, "The shooting happened in the 300 block of North Street in Elgin, Illinois.")
    assert "Street" not in found


@pytest.mark.parametrize(("title", "city"), [
    ("5 shot on Detroit's west side, suspects still at large - Channel 2", "Detroit"),
    ("Elgin shooting leaves 5 injured", "Elgin"),
    ("2-Year-Old Broken Arrow Boy Dies In Accidental Shooting", "Broken Arrow"),
    ("Teen killed in Chicago Heights", "Chicago Heights"),
    ("Teen fatally shot in head in southwest Macon", "Macon"),
])
def test_the_city_a_headline_names(title, city):
    assert [p.city for p in title_places(title)] == [city]


@pytest.mark.parametrize("title", [
    "Man Shot In Mobile Home Fire",   # a mobile home, not Mobile, Alabama
    "Police Search For Suspects After 4 Teens Shot",
    "Teen shot near Jackson Park",
])
def test_capitalised_words_of_a_headline_are_no_city(title):
    assert title_places(title) == []


def test_a_town_too_small_for_the_gazetteer(nlp):
    found = cities(nlp, "A ferry capsized on the lake late on Friday, rescuers in the lakeside town of Port Velda said.")
    assert "Port Velda" in found and found["Port Velda"].geonameid is None


def test_the_home_city_of_a_local_site_is_a_mere_mention():
    (found,) = title_places("Bus shooting suspects indicted - Channel 5 News - Memphis, Tennessee")
    assert (found.city, found.region, found.anchored) == ("Memphis", "Tennessee", False)
