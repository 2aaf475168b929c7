"""In-memory inputs: dicts, Articles and strings of text beside paths (ingest/objects.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import Article, InputTypeError
from newsfuse.ingest import is_path, read_sources

FIRE = ("Two workers were killed and five injured when fire swept through a warehouse in "
        "Tarnow on Tuesday night, the fire service said.")


def read(sources):
    return read_sources(sources, max_bytes=1_000_000)


def test_dict_in_the_uniform_fields():
    result = read([{"id": "w1", "title": "Warehouse fire", "text": FIRE,
                    "published": "2025-03-04", "url": "https://example-news.test/fire"}])
    [article] = result.articles
    assert (article.id, article.title, article.text) == ("w1", "Warehouse fire", FIRE)
    assert article.published.year == 2025 and article.source == "example-news.test"
    assert article.input == "<input #1>" and article.input_format == "object"


def test_dict_in_news_please_fields():
    result = read([{"maintext": FIRE, "title": "Fire", "date_publish": "2025-03-05 08:00:00",
                    "source_domain": "other-news.test", "language": "en"}])
    [article] = result.articles
    assert article.text == FIRE and article.published.day == 5
    assert article.source == "other-news.test" and article.language == "en"


def test_dict_without_text_is_a_rejection_not_an_error():
    result = read([{"title": "only a title"}, {"text": FIRE}])
    assert len(result.articles) == 1
    [rejection] = result.rejected
    assert rejection.input == "<input #1>" and rejection.code == "no_text"


def test_article_objects_are_kept_as_they_are():
    given = Article(id="mine", text=FIRE, title="Fire", source="example-news.test")
    [article] = read([given]).articles
    assert article.id == "mine" and article.text == FIRE and article.input == "<input #1>"
    assert article.language == "en"
    assert given.input is None, "the caller's object is not changed"


def test_a_string_of_text_is_an_article_and_a_short_one_a_path(tmp_path):
    result = read([FIRE, "no-such-file"])
    [article] = result.articles
    assert article.text == FIRE and article.input_format == "text"
    [rejection] = result.rejected
    assert rejection.input == "no-such-file" and rejection.code == "not_found"


@pytest.mark.parametrize("source, expected", [
    ("-", True), ("articles/", True), ("my articles.jsonl", True), ("data/*.json", True),
    ("two words", True), (Path("Three people were killed in a fire"), True),
    ("Three people were killed in a fire", False), ("Fire\nTwo killed.", False),
])
def test_is_path(source, expected):
    assert is_path(source) is expected


def test_an_existing_path_with_many_words_is_a_path(tmp_path):
    folder = tmp_path / "my news from last week"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRE)
    assert is_path(str(folder))
    assert [a.text for a in read([str(folder)]).articles] == [FIRE]


def test_files_and_objects_keep_input_order_and_share_dedup(tmp_path):
    (tmp_path / "a.txt").write_text("Fire in Tarnow\n\n" + FIRE)
    result = read([{"text": "A bus crashed in the Alps on Monday, killing twelve, police said."},
                   tmp_path / "a.txt", {"text": FIRE}])
    assert [a.input for a in result.articles] == ["<input #1>", str(tmp_path / "a.txt")]
    [duplicate] = result.duplicates
    assert duplicate.input == "<input #3>"


@pytest.mark.parametrize("bad", [3, None, b"bytes are not text", ["nested"], object()])
def test_anything_else_is_a_typed_error_naming_the_input(bad):
    with pytest.raises(InputTypeError) as caught:
        read([{"text": FIRE}, bad])
    assert "input #2" in str(caught.value)
    assert isinstance(caught.value, TypeError)


def test_one_source_need_not_be_in_a_list():
    assert len(read({"text": FIRE}).articles) == 1
    assert len(read(FIRE).articles) == 1
