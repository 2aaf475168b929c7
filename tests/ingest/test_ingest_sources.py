"""Inputs: folders, globs, stdin, missing paths, unsupported extensions, format sniffing."""

from __future__ import annotations

import io
import sys

from newsfuse.ingest import read_sources
from newsfuse.ingest.sources import expand, format_by_name, sniff

BODY = "A storm flooded the lower town on Monday night. Two people were rescued from a roof.\n"


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report. " + BODY)
    (tmp_path / "one.txt").write_text("First report. " + BODY)
    (tmp_path / ".hidden.txt").write_text("Hidden. " + BODY)
    (tmp_path / "README.md").write_text("# About this folder\nNot an article.\n")
    result = read_sources([tmp_path], max_bytes=10_000)
    assert [a.input for a in result.articles] == [str(tmp_path / "b" / "two.txt"), str(tmp_path / "one.txt")]
    assert result.rejected == []


def test_glob_pattern_and_pattern_without_match(tmp_path):
    (tmp_path / "x1.txt").write_text("X one. " + BODY)
    (tmp_path / "x2.txt").write_text("X two. " + BODY)
    (tmp_path / "y.txt").write_text("Y. " + BODY)
    result = read_sources([str(tmp_path / "x*.txt"), str(tmp_path / "z*.txt")], max_bytes=10_000)
    assert len(result.articles) == 2
    assert [(r.code, r.input) for r in result.rejected] == [("not_found", str(tmp_path / "z*.txt"))]
    assert "matches no file" in result.rejected[0].reason


def test_missing_path_is_a_rejection_not_a_crash(tmp_path):
    (tmp_path / "ok.txt").write_text(BODY)
    result = read_sources([tmp_path / "nope.txt", tmp_path / "ok.txt"], max_bytes=10_000)
    assert len(result.articles) == 1
    assert result.rejected[0].code == "not_found"
    assert result.rejected[0].input == str(tmp_path / "nope.txt")


def test_same_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    inputs, rejected = expand([tmp_path / "a.txt", tmp_path, str(tmp_path / "*.txt")])
    assert len(inputs) == 1 and not rejected


def test_unsupported_extension(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "sheet.csv").write_text("a,b\n1,2\n")
    result = read_sources([tmp_path], max_bytes=10_000)
    assert not result.articles
    assert {r.code for r in result.rejected} == {"unsupported"}
    assert all(".pdf" in r.reason or ".csv" in r.reason for r in result.rejected)


def test_stdin_is_sniffed(monkeypatch):
    data = b'{"title": "From a pipe", "text": "' + BODY.strip().encode() + b'"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_sources(["-"], max_bytes=10_000)
    assert [a.title for a in result.articles] == ["From a pipe"]
    assert result.articles[0].input == "-"


def test_stdin_json_lines(monkeypatch):
    line = b'{"text": "%s"}\n' 
    data = (line % b"One. Storm.") + b"{broken\n" + (line % b"Two. Flood.")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_sources(["-"], max_bytes=10_000)
    assert [a.input for a in result.articles] == ["-:1", "-:3"]
    assert [r.input for r in result.rejected] == ["-:2"]


def test_stdin_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode() * 10)))
    result = read_sources(["-"], max_bytes=100)
    assert [r.code for r in result.rejected] == ["too_large"]


def test_text_extension_holding_html_is_read_as_html(tmp_path):
    page = "<!DOCTYPE html><html><head><title>Storm</title></head><body><p>" + BODY * 3 + "</p></body></html>"
    (tmp_path / "saved.txt").write_text(page)
    result = read_sources([tmp_path], max_bytes=10_000)
    assert result.articles[0].input_format == "html"
    assert "<p>" not in result.articles[0].text


def test_file_without_extension_is_sniffed(tmp_path):
    (tmp_path / "article").write_text(BODY)
    (tmp_path / "data").write_text('[{"text": "Jsonish. ' + BODY.strip() + '"}]')
    result = read_sources([tmp_path], max_bytes=10_000)
    assert sorted(a.input_format for a in result.articles) == ["json", "text"]


def test_format_helpers():
    assert format_by_name("x.warc.gz") == "warc"
    assert format_by_name("X.JSONL") == "jsonl"
    assert format_by_name("x.pdf") is None
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff(b"<html><body>") == "html"
    assert sniff(b'{"a": 1}\n{"a": 2}\n') == "jsonl"
    assert sniff(b"Plain words.") is None


def test_progress_is_reported_per_input(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Report {i}. " + BODY)
    calls = []
    read_sources([tmp_path], max_bytes=10_000, progress=lambda *a: calls.append(a))
    assert calls == [("ingest", 1, 3), ("ingest", 2, 3), ("ingest", 3, 3)]
