"""Plain text and Markdown: title line, leading metadata lines, byline, front matter."""

from __future__ import annotations

from datetime import datetime

from newsfuse.ingest import read_sources

BODY = (
    "Floodwater reached the first floor of the town hall in Brevanne on Monday, the mayor said.\n\n"
    "More than 40 people were moved to a school gym overnight."
)


def _one(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = read_sources([path], max_bytes=100_000)
    assert not result.rejected, result.rejected
    return result.articles[0]


def test_title_line_and_byline(tmp_path):
    a = _one(tmp_path, "a.txt", "River bursts its banks in Brevanne\nBy Jane Doe, Example Post\n\n" + BODY)
    assert a.title == "River bursts its banks in Brevanne"
    assert a.author == "Jane Doe"
    assert a.text == BODY
    assert a.original_text.startswith("River bursts")
    assert a.input_format == "text"


def test_first_line_with_final_period_is_not_a_title(tmp_path):
    a = _one(tmp_path, "a.txt", BODY)
    assert a.title is None
    assert a.text == BODY
    assert a.original_text is None


def test_leading_date_on_the_same_line_as_the_text(tmp_path):
    a = _one(tmp_path, "a.txt", " date 2024-03-23 " + BODY)
    assert a.published == datetime(2024, 3, 23)
    assert a.text == BODY
    assert "date 2024" not in a.text


def test_leading_key_lines(tmp_path):
    content = "Source: www.Example-Post.com\nPublished: 2024-05-02T10:00:00+02:00\nurl: https://x.example/a\n" + BODY
    a = _one(tmp_path, "a.txt", content)
    assert a.source == "example-post.com"
    assert a.published == datetime(2024, 5, 2, 10, 0)
    assert a.url == "https://x.example/a"
    assert a.text == BODY


def test_a_sentence_starting_with_a_key_word_is_kept(tmp_path):
    text = "Date: unclear, the police said, when the fire started. " + BODY
    a = _one(tmp_path, "a.txt", text)
    assert a.text == text and a.published is None


def test_date_line_under_the_title(tmp_path):
    a = _one(tmp_path, "a.txt", "Flood in Brevanne\nMarch 4, 2024\n" + BODY)
    assert a.published == datetime(2024, 3, 4)
    assert a.text == BODY


def test_markdown_front_matter_heading_and_links(tmp_path):
    md = (
        "---\ntitle: Flood in Brevanne\nauthor: Sam Lee\nsource: brevanne.example\n"
        "published: 2024-03-04\ndesk: regional\n---\n\n# Flood in Brevanne\n\n"
        "The **mayor** spoke at the [town hall](https://x.example/th). ![map](m.png)\n\n" + BODY
    )
    a = _one(tmp_path, "a.md", md)
    assert (a.title, a.author, a.source) == ("Flood in Brevanne", "Sam Lee", "brevanne.example")
    assert a.published == datetime(2024, 3, 4)
    assert a.extra == {"desk": "regional"}
    assert a.text.startswith("The mayor spoke at the town hall.")
    assert "**" not in a.text and "](" not in a.text
