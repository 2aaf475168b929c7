"""Counts on small written examples (the model is run through analyse, as in the pipeline)."""

import datetime as dt

import pytest

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.model import Article


def mentions_of(text: str, published: dt.datetime | None = None):
    article = Article(id="t", text=text, published=published)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return extract_mentions(article, analysed)


def counts(text: str, slot: str, **kw):
    return [m for m in mentions_of(text, **kw) if m.slot == slot and m.value.kind == "count"]


def points(text: str, slot: str, main_only: bool = True):
    return [m.value.point for m in counts(text, slot) if m.scope == "main" or not main_only]


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        ("A man, two women and a child were killed in the blast.", "killed", 4),
        ("A man was killed on the bridge.", "killed", 1),
        ("The gunman killed three people before fleeing.", "killed", 3),
        ("The fire left 12 people dead and 30 injured.", "killed", 12),
        ("The fire left 12 people dead and 30 injured.", "injured", 30),
        ("The storm claimed the lives of 9 villagers.", "killed", 9),
        ("Police arrested two men late on Sunday.", "arrested", 2),
        ("Rescuers evacuated about 300 residents.", "evacuated", 300),
        ("Two of the victims remain in critical condition.", "critical", 2),
    ],
)
def test_slot_and_figure(text, slot, expected):
    assert expected in points(text, slot)


def test_negation_is_zero():
    assert points("No one was hurt in the crash.", "injured") == [0]
    assert points("The driver was not injured.", "injured") == [0]


def test_qualifier_kept():
    (m,) = counts("The blast killed at least 40 people.", "killed")
    assert (m.value.low, m.value.high, m.value.qualifier) == (40, None, "at_least")
    assert m.evidence.text == "killed at least 40 people"


def test_victims_and_attackers():
    found = counts("Four people died, including the gunman. The gunman later took his own life.", "killed")
    assert any(m.value.point == 4 for m in found)
    assert any(m.value.who == "attackers" for m in found)


def test_subset_is_marked_not_added():
    found = counts("In all, 115 people were hospitalized, including five children.", "hospitalized")
    total = [m for m in found if m.value.subset_of is None]
    part = [m for m in found if m.value.subset_of == "hospitalized"]
    assert [m.value.point for m in total] == [115]
    assert [m.value.point for m in part] == [5] and part[0].value.population == "children"


def test_of_these_sentence_is_a_subset():
    found = mentions_of("A total of 80 people were taken to hospital. Of these, 20 are in critical condition.")
    critical = [m for m in found if m.slot == "critical"]
    assert critical[0].value.point == 20 and critical[0].value.subset_of == "hospitalized"


def test_revision_and_hedge():
    (m,) = counts("The death toll rose to 62, and it is expected to rise.", "killed")
    assert m.value.point == 62 and m.revision and m.hedge == "expected to rise"


def test_shot_minus_killed_gives_injured():
    found = mentions_of("Two men were shot on Main Street, one fatally.")
    assert [m.value.point for m in found if m.slot == "killed"] == [1]
    injured = [m for m in found if m.slot == "injured"]
    assert [m.value.point for m in injured] == [1] and injured[0].confidence < 1


def test_background_year_is_kept_out_of_the_main_event():
    text = ("A gunman killed five people at a mall on Friday. "
            "In 2009, a similar attack in another city left 13 dead.")
    found = counts(text, "killed", published=dt.datetime(2024, 5, 4))
    assert {(m.value.point, m.scope) for m in found} >= {(5, "main"), (13, "background")}


def test_month_and_year_make_background_in_an_undated_article():
    # No publication date and no dated event sentence: a month with its year is another time.
    text = ("A girl, 6, was killed when a gun went off inside a parked van on Monday. "
            "Since the school shooting of March 2016, at least 300 children have been killed "
            "by guns in the state, a study found.")
    found = counts(text, "killed")
    assert {(m.value.point, m.scope) for m in found} >= {(1, "main"), (300, "background")}
    assert 300 not in points(text, "killed")


def test_attribution_kinds():
    (m,) = counts("At least 12 people died, the Health Ministry said.", "killed")
    assert m.attribution.source == "Health Ministry" and m.attribution.kind == "ministry"
    (m,) = counts("According to police, three people were wounded.", "injured")
    assert m.attribution.kind == "police"


def test_time_resolved_against_publication():
    found = mentions_of("Gunmen opened fire at a concert on Friday evening, killing 9.",
                        published=dt.datetime(2024, 3, 23))
    times = [m.value for m in found if m.slot == "time"]
    assert any(t.role == "published" and str(t.date) == "2024-03-23" for t in times)
    assert any(t.role == "occurred" and str(t.date) == "2024-03-22" for t in times)


def test_analysed_must_match_article():
    from newsfuse.errors import InputError
    from newsfuse.model import Analysed

    with pytest.raises(InputError, match="no spaCy Doc"):
        extract_mentions(Article(id="x", text="Hello."), Analysed(article_id="x"))


def test_a_participle_describing_a_thing_counts_nobody():
    text = ("The harbour master, whose office licensed the vessel for 120 passengers, said the "
            "recovered passenger list accounted for all 97 people on board.")
    assert points(text, "injured") == []


@pytest.mark.parametrize("text", [
    "Skip Ad\n\nANYTOWN — Four men were wounded in a shooting on Thursday, police said.",
    "http://news.example/12345\n\n— Four people were injured early Sunday in a shooting.",
])
def test_a_dateline_is_not_one_more_person(text):
    assert points(text, "injured") == [4]


@pytest.mark.parametrize("text", [
    "ANYTOWN (WXYZ)\n\nJo Doe, 11, died at the hospital on Sunday.",
    "SMALLTON Twp., Pa. (KXYZ) — A toddler is dead after a shooting.",
])
def test_a_dateline_with_a_call_sign_is_no_death(text):
    assert points(text, "killed") == [1]


def test_a_name_between_dashes_is_still_a_person():
    assert 1 in points("Jo Doe was shot on Friday. Jane Roe — a neighbour — was also wounded.", "injured")
    assert points("Jo Doe (right) was killed on Friday.", "killed") == [1]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # whom a person killed are his victims: an attacker reported apart adds to them
        ("A 41-year-old man shot his daughter to death before turning the gun on himself.", "victims"),
        ("Deputies said the man killed his neighbour during an argument.", "victims"),
        # an event counts everyone it killed; police kill suspects, not victims
        ("The shooting killed two people outside the bar.", "all"),
        ("An officer shot and killed the man after he opened fire.", "all"),
        # the killer counted among them already
        ("The student killed four classmates and himself.", "all"),
    ],
)
def test_whom_someone_killed_are_victims(text, who):
    found = [m for m in counts(text, "killed") if m.value.who != "attackers"]
    assert found and {m.value.who for m in found} == {who}, [(m.evidence.text, m.value.who) for m in found]


def test_other_stories_headlines_in_the_text_are_background():
    article = Article(
        id="t", title="Two hurt in Elm Street shooting",
        text=("Two men were hurt in a shooting on Elm Street on Friday, police said.\n\n"
              "Man killed in Oak Street shooting\n\n"
              "Both men are expected to recover."))
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    found = [m for m in extract_mentions(article, analysed) if m.slot == "killed"]
    assert found and all(m.scope == "background" for m in found)


def test_separate_incidents_are_background():
    found = counts("Two teenagers have died in separate shootings this weekend.", "killed")
    assert found and all(m.scope == "background" for m in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "her" parsed as a second object, "an accident" as another: one person each time
        ("A teen accused of fatally shooting her older brother was back in court Thursday.", 1),
        ("The sheriff is calling a shooting that killed a 14-year-old player an accident.", 1),
        # page furniture on the line above is not a subject of the next paragraph's verb
        ("MORE MEDIA STATION - clip\n\nThree people are dead after a shooting at a farm.", 3),
    ],
)
def test_misparsed_extra_people_are_not_counted(text, expected):
    assert points(text, "killed") == [expected]
