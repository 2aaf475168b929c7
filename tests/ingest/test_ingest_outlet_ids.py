"""Outlet names, stable ids, exact duplicates, original text."""

from __future__ import annotations

import json

from newsfuse.ingest import read_sources
from newsfuse.ingest.finish import content_id
from newsfuse.ingest.outlet import host_of, outlet

TEXT = "Two people were injured when a crane fell onto a bus stop in Brevanne on Monday."


def test_outlet_rules():
    assert host_of("https://WWW.Example.COM:8080/a?b") == "example.com"
    assert host_of("http://web.archive.org/web/20160101000000/http://www.wxyz.com/news/1") == "wxyz.com"
    assert host_of("not a url") is None
    assert outlet(given="Reuters", url="https://www.reuters.com/x") == "Reuters"
    assert outlet(given="www.WXYZ.com") == "wxyz.com"
    assert outlet(given={"id": None, "name": "BBC News"}) == "BBC News"
    assert outlet(url="https://www.bbc.co.uk/news", site_name="BBC") == "bbc.co.uk"
    assert outlet(site_name="Valley Times") == "Valley Times"
    assert outlet() is None


def test_folder_name_is_not_an_outlet(tmp_path):
    (tmp_path / "reuters").mkdir()
    (tmp_path / "reuters" / "a.txt").write_text(TEXT)
    assert read_sources([tmp_path], max_bytes=10_000).articles[0].source is None


def test_content_hash_id_is_stable_and_of_the_cleaned_text(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2024-01-02 " + TEXT + "\n\nAdvertisement\n")
    a = read_sources([tmp_path], max_bytes=10_000).articles[0]
    assert a.text == TEXT
    assert a.id == content_id(TEXT) and len(a.id) == 17 and a.id.startswith("a")
    assert a.original_text == " date 2024-01-02 " + TEXT + "\n\nAdvertisement\n"


def test_the_same_text_read_twice_is_reported_and_returned_once(tmp_path):
    (tmp_path / "1.txt").write_text(TEXT)
    (tmp_path / "2.txt").write_text("  " + TEXT + "\n\nShare this\n")  # same once cleaned
    result = read_sources([tmp_path], max_bytes=10_000)
    assert len(result.articles) == 1
    first = result.articles[0].id
    assert [(d.article_id, d.duplicate_of, d.kind) for d in result.duplicates] == [
        (first, first, "exact")
    ]
    assert result.duplicates[0].input == str(tmp_path / "2.txt")


def test_a_copy_under_its_own_id_is_kept_and_reported(tmp_path):
    # A syndicated copy published under another id: it stays an article (it belongs to whatever
    # event its outlet covered) and is reported as a copy of the first.
    (tmp_path / "1.txt").write_text(TEXT)
    (tmp_path / "3.jsonl").write_text(
        json.dumps({"id": "given-1", "text": TEXT}) + "\n" + json.dumps({"id": "given-1", "text": TEXT})
    )
    result = read_sources([tmp_path], max_bytes=10_000)
    first = result.articles[0].id
    assert [a.id for a in result.articles] == [first, "given-1"]
    assert [(d.article_id, d.duplicate_of) for d in result.duplicates] == [
        ("given-1", first), ("given-1", first)
    ]
    assert result.duplicates[0].input == f"{tmp_path / '3.jsonl'}:1"


def test_a_given_id_used_twice_for_different_texts_stays_unique(tmp_path):
    rows = [{"id": "7", "text": TEXT}, {"id": "7", "text": "Other. " + TEXT}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    ids = [a.id for a in read_sources([tmp_path], max_bytes=10_000).articles]
    assert ids == ["7", "7~2"]
