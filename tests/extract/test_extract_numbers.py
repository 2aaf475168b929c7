import pytest

from newsfuse.extract.numbers import find_quantities, parse_number_words
from newsfuse.model import Qualifier


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "point"),
    [
        ("at least 40 people", 40, None, Qualifier.AT_LEAST, 40),
        ("more than 100 hurt", 101, None, Qualifier.MORE_THAN, 100),
        ("over 100 hurt", 101, None, Qualifier.MORE_THAN, 100),
        ("nearly 70 people", 0, 69, Qualifier.FEWER_THAN, 70),
        ("about 60 people", 54, 66, Qualifier.ABOUT, 60),
        ("up to 50 people", 0, 50, Qualifier.AT_MOST, 50),
        ("sixty-two lives", 62, 62, Qualifier.EXACT, 62),
        ("eleven men", 11, 11, Qualifier.EXACT, 11),
        ("a dozen men", 12, 12, Qualifier.EXACT, 12),
        ("one hundred and fifteen people", 115, 115, Qualifier.EXACT, 115),
        ("1,200 people", 1200, 1200, Qualifier.EXACT, 1200),
    ],
)
def test_number_phrases_become_intervals(text, low, high, qualifier, point):
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.qualifier, q.point) == (low, high, qualifier, point)
    assert text[q.start : q.end] == q.text


def test_vague_amounts_have_no_point():
    (q,) = find_quantities("dozens of people")
    assert q.qualifier == Qualifier.VAGUE and q.point is None and q.low == 24
    (q,) = find_quantities("hundreds of people")
    assert q.low == 200


@pytest.mark.parametrize("text", ["in 2004", "at 7 p.m.", "a 5-year-old girl", "$1,000", "the 1000 block", "50%"])
def test_years_times_ages_money_are_not_counts(text):
    assert find_quantities(text) == []


def test_number_words():
    assert parse_number_words("sixty-two") == 62
    assert parse_number_words("two thousand and five") == 2005
    assert parse_number_words("people") is None


def test_offsets_are_absolute_within_a_range():
    text = "Intro. Then 40 died."
    (q,) = find_quantities(text, 7, len(text))
    assert text[q.start : q.end] == "40"


def test_a_number_ending_its_sentence_is_a_number():
    from newsfuse.extract.numbers import find_quantities
    assert [q.point for q in find_quantities("The toll rose to 52.")] == [52]
    assert find_quantities("a 5.5 magnitude quake") == []
    assert find_quantities("another man, age 22.") == []
    assert find_quantities("9. Be sure of your target\n10. Always use proper ammunition") == []
