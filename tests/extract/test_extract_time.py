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


def _occurred(text: str, published: dt.datetime):
    from newsfuse.analyse import analyse
    from newsfuse.extract import extract_mentions
    from newsfuse.model import Article

    article = Article(id="t", text=text, published=published)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return {m.value.date for m in extract_mentions(article, analysed)
            if m.slot == "time" and m.value.role == "occurred" and m.value.date}


def test_page_timestamps_and_the_day_of_a_statement_are_not_the_event_date():
    published = dt.datetime(2014, 3, 12, 13, 0)  # a Wednesday
    text = ("Posted: Wednesday, March 12, 2014 8:04 AM EST Updated: Wednesday, March 12, 2014 5:25 PM EST\n\n"
            "A 2-year-old boy was killed on Tuesday when a handgun went off at a home, police said Wednesday.")
    assert _occurred(text, published) == {dt.date(2014, 3, 11)}


def test_the_day_before_a_time_of_day_belongs_to_it():
    # the tagger reads only "night" as a time in "Wednesday night's fire"; without the day the
    # statement's Friday would be the only date, and the event's
    published = dt.datetime(2025, 11, 21, 9, 0)  # a Friday
    text = ("Workers at the mill had warned managers about blocked exits months before Wednesday "
            "night's fire, which has killed at least six people, union officials said on Friday.")
    assert _occurred(text, published) == {dt.date(2025, 11, 19)}
