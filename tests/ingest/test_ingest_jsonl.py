"""JSON and JSON Lines: the uniform format, other tools' field names, bad lines."""

from __future__ import annotations

import json
from datetime import datetime

from newsfuse.ingest import read_sources

TEXT = "Two people were injured when a crane fell onto a bus stop in Brevanne on Monday."


def _write_jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_uniform_format_keeps_extra_fields(tmp_path):
    row = {"id": "d1", "event_id": "e7", "topic": None, "title": "Crane falls", "text": TEXT,
           "published": "2017-02-03", "url": "http://www.wxyz.com/news/crane", "source": "wxyz.com"}
    path = _write_jsonl(tmp_path / "a.jsonl", [row])
    a = read_sources([path], max_bytes=10_000).articles[0]
    assert (a.id, a.title, a.text, a.source) == ("d1", "Crane falls", TEXT, "wxyz.com")
    assert a.published == datetime(2017, 2, 3)
    assert a.extra == {"event_id": "e7", "topic": None}
    assert a.input == f"{path}:1" and a.input_format == "jsonl"


def test_malformed_lines_are_rejected_and_good_lines_load(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", [
        {"text": "First. " + TEXT}, '{"text": "unterminated', "[1, 2]", {"title": "no text"},
        {"text": ""}, {"text": "Second. " + TEXT},
    ])
    result = read_sources([path], max_bytes=10_000)
    assert [a.input for a in result.articles] == [f"{path}:1", f"{path}:6"]
    assert [(r.input, r.code) for r in result.rejected] == [
        (f"{path}:2", "malformed"), (f"{path}:3", "malformed"), (f"{path}:4", "no_text"),
        (f"{path}:5", "no_text"),
    ]
    assert "line" in result.rejected[0].reason and "not valid JSON" in result.rejected[0].reason
    assert "empty 'text'" in result.rejected[3].reason


def test_bad_utf8_line_and_too_long_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps({"text": TEXT}).encode() + b"\n" + b'{"text": "caf\xe9"}\n'
                     + json.dumps({"text": "x" * 500}).encode() + b"\n")
    result = read_sources([path], max_bytes=300)
    assert len(result.articles) == 1
    assert [(r.input, r.code) for r in result.rejected] == [(f"{path}:2", "encoding"), (f"{path}:3", "too_large")]


def test_news_please_fields(tmp_path):
    record = {"maintext": TEXT, "title": "Crane falls", "date_publish": "2017-02-03 10:11:12",
              "date_modify": "2017-02-04 08:00:00", "source_domain": "wxyz.com",
              "url": "https://wxyz.com/crane", "authors": ["Ann Li", "Bo Ma"], "language": "en",
              "description": "A crane fell.", "image_url": None}
    (tmp_path / "np.json").write_text(json.dumps(record))
    a = read_sources([tmp_path], max_bytes=10_000).articles[0]
    assert a.text == TEXT and a.source == "wxyz.com" and a.author == "Ann Li, Bo Ma"
    assert a.published == datetime(2017, 2, 3, 10, 11, 12) and a.updated == datetime(2017, 2, 4, 8)
    assert a.language == "en" and a.input_format == "json"
    assert a.extra == {"description": "A crane fell.", "image_url": None}


def test_list_under_a_key_and_other_tool_names(tmp_path):
    doc = {"status": "ok", "articles": [
        {"headline": "One", "content": "<p>First paragraph.</p><p>Second &amp; last.</p>",
         "pubDate": "Mon, 06 Feb 2017 10:00:00 +0100", "link": "https://news.example.org/1",
         "source": {"id": None, "name": "Example News"}},
        {"title": "Two", "body": "Body text. " + TEXT, "published_at": 1486375200},
        {"title": "Three", "article": "Article text. " + TEXT, "date": "2017-02-06"},
        "not an object",
    ]}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(doc))
    result = read_sources([path], max_bytes=10_000)
    one, two, three = result.articles
    assert one.text == "First paragraph.\nSecond & last." and one.source == "Example News"
    assert one.published == datetime(2017, 2, 6, 10, 0) and one.input == f"{path}#1"
    assert two.published == datetime(2017, 2, 6, 10, 0) and two.title == "Two"
    assert three.published == datetime(2017, 2, 6)
    assert [(r.input, r.code) for r in result.rejected] == [(f"{path}#4", "malformed")]


def test_plain_list_and_invalid_json(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"text": TEXT}, {"text": "Other. " + TEXT}]))
    (tmp_path / "b.json").write_text('{"text": "oops",}')
    (tmp_path / "c.json").write_text("[]")
    result = read_sources([tmp_path], max_bytes=10_000)
    assert len(result.articles) == 2
    assert [(r.input.rsplit("/", 1)[-1], r.code) for r in result.rejected] == [("b.json", "malformed"), ("c.json", "empty")]
    assert "line 1, column" in result.rejected[0].reason


def test_json_lines_saved_as_json(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": "Two. " + TEXT}) + "\n")
    assert len(read_sources([tmp_path], max_bytes=10_000).articles) == 2


def test_unparsable_date_is_kept_in_extra(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT, "published": "sometime last week"}])
    a = read_sources([path], max_bytes=10_000).articles[0]
    assert a.published is None and a.extra["published"] == "sometime last week"
