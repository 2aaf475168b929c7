import datetime as dt

import pytest

from newsfuse.extract.time import resolve, time_of_day

PUBLISHED = dt.date(2024, 3, 23)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Friday", dt.date(2024, 3, 22)),
        ("Saturday", dt.date(2024, 3, 23)),
        ("yesterday", dt.date(2024, 3, 22)),
        ("last night", dt.date(2024, 3, 22)),
        ("March 22", dt.date(2024, 3, 22)),
        ("Dec. 30", dt.date(2023, 12, 30)),
        ("Jan. 27, 2015", dt.date(2015, 1, 27)),
        ("2024-03-21", dt.date(2024, 3, 21)),
        ("two days ago", dt.date(2024, 3, 21)),
    ],
)
def test_dates_resolve_against_publication(text, expected):
    assert resolve(text, PUBLISHED)[0] == expected


def test_coarser_expressions():
    assert resolve("in January", PUBLISHED)[1:] == (2024, 1, "month")
    assert resolve("in 2004", PUBLISHED)[1:] == (2004, None, "year")
    assert resolve("on Friday", None) == (None, None, None, "none")


def test_time_of_day():
    assert time_of_day("Friday evening") == "evening"
    assert time_of_day("about 8:20 a.m.") == "8:20 a.m."
    assert time_of_day("Friday") is None
