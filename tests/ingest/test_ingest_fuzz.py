"""Bounded fuzzing (hypothesis, derandomised so every run tries the same inputs) of the readers,
the cleaner, HTML-to-text, date and number parsing: no exception may escape them; bad input
must come out as a Rejection (or None / an empty result)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.extract.numbers import find_quantities, parse_number_words
from newsfuse.ingest import read_sources
from newsfuse.ingest.clean import normalise, strip_boilerplate
from newsfuse.ingest.html import fragment_to_text, read_html
from newsfuse.ingest.metadata import parse_datetime, split_header
from newsfuse.model import Article, Rejection

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# Text that hits the interesting places: markup, JSON and feed syntax, controls, odd Unicode.
_PIECES = st.sampled_from([
    "<p>", "</p>", "<html>", "<title>", "<body>", "<br/>", "<![CDATA[", "]]>", "<!--", "-->",
    "{", "}", "[", "]", '"text": ', '"title": ', ",", "\n", "\r", "\x0c", "\x1b[31m", "\x00",
    "\u202e", "\ufeff", "&amp;", "&lol;", "---\n", "title: ", "By ", "twenty-one", "1,000",
    "dozens", "12 killed", "WARC/1.0\r\n", "<rss>", "<item>", "é", "\u2028",
])
TEXTISH = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=30).map("".join)
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".warc", ""]


def _read_bytes_as(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return read_sources([path], max_bytes=1_000_000)


@FUZZ
@given(st.one_of(TEXTISH.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)),
       st.sampled_from(SUFFIXES))
def test_readers_turn_any_bytes_into_articles_or_rejections(data, suffix):
    result = _read_bytes_as(data, suffix)
    assert all(isinstance(a, Article) for a in result.articles)
    assert all(isinstance(r, Rejection) for r in result.rejected)
    assert result.articles or result.rejected


@FUZZ
@given(TEXTISH)
def test_the_cleaner_takes_any_text(text):
    cleaned = normalise(text)
    strip_boilerplate(cleaned)
    split_header(cleaned, title_line=True)


@FUZZ
@given(TEXTISH)
def test_html_to_text_takes_any_markup(html):
    assert isinstance(fragment_to_text(html), str)
    read_html(html, "fuzz.html")


@FUZZ
@given(st.one_of(TEXTISH, st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3)))
def test_dates_parse_or_are_none(value):
    parse_datetime(value)


@FUZZ
@given(TEXTISH)
def test_numbers_parse_or_are_none(text):
    parse_number_words(text)
    for quantity in find_quantities(text):
        assert 0 <= quantity.start <= quantity.end <= len(text)
