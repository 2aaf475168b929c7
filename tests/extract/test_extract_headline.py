"""Headline counts (my own example headlines)."""

import pytest

from newsfuse.extract.headline import headline_counts, headline_fallback


@pytest.mark.parametrize("title, expected", [
    ("Three killed, one injured in Anytown shooting", {"killed": 3, "injured": 1}),
    ("Toddler, 2, in critical condition after gunshot - Channel 9", {"critical": 1}),
    ("12-year-old boy injured in accidental shooting", {"injured": 1}),
    ("5 shot outside a party on the east side", {"shot": 5}),
    ("Teen shot, killed near a park", {"shot": 1, "killed": 1}),
    ("Boy shoots himself in the leg", {"shot": 1}),
    ("Man charged with killing neighbor", {"killed": 1}),
    ("Three men shot, a fourth wounded by glass", {"shot": 3, "injured": 1}),
    ("Teens shot at a party", {}),
    # the people counted before an arrest word or a relative pronoun are not those hit
    ("2 held in Anytown shooting that killed 1, wounded 4", {"killed": 1, "injured": 4}),
    ("Three men charged after boy shot", {"shot": 1}),
    ("Teen charged in shooting that injured 16-year-old", {"injured": 1}),
    ("Man arrested after 2 shot in Anytown", {"shot": 2}),
    ("Arrests in Tenderloin shooting", {}),  # "Ten" inside a word is no number
    ("Man fatally shoots 11-year-old daughter", {"killed": 1}),
    ("One of five victims in Anytown shooting dies", {"killed": 1}),
    ("Local boxer Jon Doe dead at 31", {}),  # an age, not a toll
    ("No one hurt in drive-by shooting", {}),
    ("Police seek suspect in attempted robbery", {}),
    (None, {}),
])
def test_headline_counts(title, expected):
    assert {c.slot: c.point for c in headline_counts(title)} == expected


def test_fallback_fills_silent_slots_and_keeps_the_rest_as_context():
    title = "Two dead, four shot in Anytown"
    # the text already states the dead: the people hit come from the title (4 - 2 injured);
    # the title's own toll is kept too (reconcile treats it as context: reconcile/titles.py)
    out = headline_fallback(title, [("killed", None, 2)])
    slots = {(slot, value.point) for slot, value, _, _ in out}
    assert slots == {("other_count", 4), ("injured", 2), ("killed", 2)}
    out = headline_fallback(title, [("killed", None, 2), ("injured", None, 1)])
    assert {(slot, value.point) for slot, value, _, _ in out} == {("killed", 2), ("other_count", 4)}


def test_fallback_adds_a_larger_headline_figure():
    # a truncated text tells of one wounded officer; the title counts all four
    out = headline_fallback("Shots fired at a party, four wounded", [("injured", None, 1)])
    assert [(slot, value.point) for slot, value, _, _ in out] == [("injured", 4)]
    # a lone person word is returned as the title's figure, not above the text's
    out = headline_fallback("Teen wounded at a party", [("injured", None, 1)])
    assert [(slot, value.point) for slot, value, _, _ in out] == [("injured", 1)]
    assert headline_fallback("Two dead in Anytown", [("killed", None, 1)])[0][1].point == 2


@pytest.mark.parametrize("title, implied", [
    ("Family mourns the death of a teenage son in Anytown", True),
    ("Local man, John Roe, dies in hunting accident - Channel 5", True),
    ("Vigil held for shooting victim", True),
    ("No one killed in Anytown shooting", False),  # negated
    ("Man charged with attempted murder", False),  # attempted: nobody died
    ("Two wounded outside a bar", False),
])
def test_title_death_without_a_count_implies_one_dead(title, implied):
    out = [(slot, value) for slot, value, _, confidence in headline_fallback(title, [])
           if slot == "killed" and confidence < 0.8]
    assert bool(out) == implied
    if implied:
        assert out[0][1].low == 1 and out[0][1].high is None


@pytest.mark.parametrize(
    ("title", "slot", "expected"),
    [
        ("Father, daughter found dead in Elmwood home", "killed", 2),
        ("Toddler, grandmother wounded in drive-by", "injured", 2),
        ("Man, 25, shot dead on Elm Street", "killed", 1),
        ("Police: man killed on Elm Street", "killed", 1),
    ],
)
def test_people_listed_before_the_trigger_add_up(title, slot, expected):
    found = {c.slot: c.point for c in headline_counts(title)}
    assert found.get(slot) == expected, found
