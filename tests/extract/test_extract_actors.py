"""Actors: who they are, with roles and titles; outlets, metonyms and fragments are not actors."""

import pytest

from newsfuse.analyse.nlp import load_pipeline
from newsfuse.extract.actors import find_actors


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _actors(nlp, text):
    doc = nlp(text)
    return {a.name: a for a in find_actors(list(doc.sents))}


def test_officials_and_experts_with_titles(nlp):
    found = _actors(nlp, "Tula regional governor Ivan Petrov said rescue work was under way. "
                         "\"It was planned for months,\" said Maria Lopez, a security analyst at the Northgate "
                         "Institute, a research group based in Ottawa.")
    assert found["Ivan Petrov"].role == "official" and "governor" in found["Ivan Petrov"].title
    assert found["Maria Lopez"].role == "expert"
    assert found["Maria Lopez"].title == "security analyst at the Northgate Institute"


def test_outlets_metonyms_and_modifiers_are_not_actors(nlp):
    found = _actors(nlp, "According to Reuters, the Kremlin said a SWAT team had been sent. "
                         "The attackers fled in a grey Toyota car, CNN reported.")
    assert not {"Reuters", "Kremlin", "SWAT", "Toyota", "CNN"} & set(found)


def test_headings_are_not_actors(nlp):
    found = _actors(nlp, "Shock and the Long Road Ahead\n\nThe city mourned on Sunday.")
    assert not found


def test_a_band_is_an_organisation(nlp):
    found = _actors(nlp, "Fans of the Zvuki band gathered outside the hall.")
    assert found["Zvuki"].type == "organisation"


@pytest.mark.parametrize("name, person, facility", [
    ("Lamar St.", False, True), ("N. 20th St.", False, True), ("Broad Ripple Avenue", False, True),
    ("Kosair Children's Hospital", False, True), ("Key Club", False, True),
    ("Nathan Lane", True, False), ("Key Club", True, False), ("Gary Police Department", False, False),
    ("Hospital", False, False),
])
def test_a_facility_by_its_last_word(name, person, facility):
    from newsfuse.extract.actors import a_facility

    assert a_facility(name, person=person) is facility


def test_streets_and_hospitals_are_the_place_not_actors(nlp):
    found = _actors(nlp, "Two men were shot on Harlow Street near the Dunmore Avenue bridge "
                         "late Friday, police said. Both were taken to Saint Brendan Hospital. "
                         "Officers arrested Marcus Doyle, 24, on Saturday, said Chief Ellen Ward "
                         "of the Harlow Police Department.")
    assert not {"Harlow Street", "Dunmore Avenue", "Saint Brendan Hospital"} & set(found)
    assert "Marcus Doyle" in found and "Harlow Police Department" in found
