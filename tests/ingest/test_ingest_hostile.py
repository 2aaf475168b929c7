"""Hostile inputs beside good articles: each costs its own rejection (or a recorded cut), never
the run, and the good neighbours load (the corpus is written at test time: hostile.py)."""

from __future__ import annotations

import json

import pytest
from hostile import CASES, GOOD_1, write_case
from typer.testing import CliRunner

from newsfuse.ingest import read_sources
from newsfuse.ingest.limits import MAX_TEXT_CHARS, safe_name
from newsfuse.pipeline import DEFAULT_MAX_BYTES


def _read(folder):
    return read_sources([folder], max_bytes=DEFAULT_MAX_BYTES)


@pytest.mark.parametrize("case_name", sorted(CASES))
def test_a_hostile_input_costs_only_itself(tmp_path, case_name):
    case = CASES[case_name]
    result = _read(write_case(tmp_path, case))
    names = {a.input.removeprefix(f"{tmp_path}/") for a in result.articles}
    assert {"good1.txt", "good2.txt"} <= names
    assert len(result.articles) == 2 + case.articles
    rejected = {r.input.removeprefix(f"{tmp_path}/"): r.reason for r in result.rejected}
    assert set(rejected) == set(case.rejected), rejected
    for name, word in case.rejected.items():
        assert word in rejected[name], rejected[name]
    for article in result.articles:
        assert len(article.text) <= MAX_TEXT_CHARS
        json.dumps(article.model_dump(mode="json"))  # serialisable, whatever the name was


def test_a_long_article_is_cut_with_a_note(tmp_path):
    result = _read(write_case(tmp_path, CASES["text over spaCy's limit"]))
    (long,) = [a for a in result.articles if a.input.endswith("long.txt")]
    assert long.extra["truncated_from_chars"] > 1_000_000
    assert long.original_text is None  # the megabytes are not kept twice
    assert long.text.endswith("time.")  # cut between words, at a sentence here


def test_names_that_are_not_utf8_or_carry_escapes_are_shown_escaped():
    assert safe_name("bad\udcffname.txt") == "bad\\xffname.txt"
    assert safe_name("x\x1b[31m.txt") == "x\\x1b[31m.txt"
    assert safe_name("report\u202etxt.exe") == "report\\u202etxt.exe"


def test_bidi_overrides_are_removed_from_titles_and_text(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({
        "title": "Harbour \u202eclosed\u202c today", "text": GOOD_1 + " \u2066Quiet\u2069 night."}))
    (article,) = _read(tmp_path).articles
    assert article.title == "Harbour closed today"
    assert "\u2066" not in article.text and "Quiet night." in article.text


@pytest.mark.slow
def test_brief_and_ingest_go_on_past_hostile_inputs(tmp_path):
    from newsfuse.cli import app

    folder = tmp_path / "in"
    for name in ("a file name that is not UTF-8", "a deep JSONL line between good lines",
                 "an empty key beside the title", "text over spaCy's limit"):
        write_case(folder, CASES[name])
    runner = CliRunner()
    brief = runner.invoke(app, ["brief", str(folder), "-f", "json", "--no-progress"])
    assert brief.exit_code == 0, brief.output
    report = json.loads(brief.stdout)
    inputs = {a["input"].removeprefix(f"{folder}/") for a in report["articles"]}
    assert {"bad\\xffname.txt", "long.txt", "mixed.jsonl:1", "mixed.jsonl:3"} <= inputs
    assert {r["input"].removeprefix(f"{folder}/") for r in report["rejected"]} == {"mixed.jsonl:2", "key.json"}
    db = str(tmp_path / "news.db")
    for _ in range(2):
        ingest = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-progress"])
        assert ingest.exit_code == 0, ingest.output
        assert "mixed.jsonl:2: is JSON nested more than 64 levels" in ingest.output
    import sqlite3

    assert sqlite3.connect(db).execute("select count(*) from rejections").fetchone() == (2,)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.json").write_text("[" * 100_000)
    # The real entry point: exit codes are mapped in newsfuse.cli.main.
    import subprocess
    import sys

    nothing = subprocess.run(
        [sys.executable, "-c", "from newsfuse.cli import main; main()", "ingest",
         str(tmp_path / "bad"), "--db", db, "--no-progress"], capture_output=True, text=True)
    assert nothing.returncode == 2 and "No article could be read" in nothing.stderr


def test_titles_lose_control_characters_and_bidi_overrides(tmp_path):
    result = _read(write_case(tmp_path, CASES["an ESC and a bidi override in a title"]))
    (article,) = [a for a in result.articles if a.input.endswith("title.json")]
    assert article.title == "Port [2Jreopens yadnom"


def test_links_out_of_the_folder_dangling_links_and_pipes_are_rejections(tmp_path):
    import os

    folder = write_case(tmp_path / "in", CASES["a file name that is not UTF-8"])
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD_1.replace("storm", "secret"), encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "loop1").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop1")
    (folder / "sub").mkdir()
    (folder / "sub" / "inside.txt").symlink_to(folder / "good1.txt")
    os.mkfifo(folder / "pipe.txt")
    result = _read(folder)
    assert {a.input.removeprefix(f"{folder}/") for a in result.articles} == {
        "good1.txt", "good2.txt", "bad\\xffname.txt"}
    reasons = {r.input.removeprefix(f"{folder}/"): r.reason for r in result.rejected}
    assert "not followed" in reasons["secret.txt"]
    assert all("link to nothing" in reasons[n] for n in ("dangling.txt", "loop1", "loop2"))
    assert "not a regular file" in reasons["pipe.txt"]
    followed = read_sources([folder], max_bytes=DEFAULT_MAX_BYTES, follow_links=True)
    assert any(a.input.endswith("secret.txt") for a in followed.articles)


@pytest.mark.parametrize("follow", [False, True])
def test_the_cli_follows_links_out_of_the_folder_only_when_asked(tmp_path, follow):
    from newsfuse.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good1.txt").write_text(GOOD_1, encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(GOOD_1.replace("storm", "gale"), encoding="utf-8")
    (folder / "linked.txt").symlink_to(outside)
    args = ["brief", str(folder), "-f", "json", "--no-progress"]
    result = CliRunner().invoke(app, args + (["--follow-links"] if follow else []))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    read = {a["input"].removeprefix(f"{folder}/") for a in report["articles"]}
    rejected = {r["input"].removeprefix(f"{folder}/") for r in report["rejected"]}
    assert read == ({"good1.txt", "linked.txt"} if follow else {"good1.txt"})
    assert rejected == (set() if follow else {"linked.txt"})


@pytest.mark.parametrize("url", ["http://[::1", "http://example.org:99999/x", "http://exa mple.org/",
                                 "http://\u202eexample.org/"])
def test_a_malformed_url_is_dropped_and_flagged_and_the_article_kept(tmp_path, url):
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "text": GOOD_1, "url": url}))
    (article,) = _read(tmp_path).articles
    assert article.url is None and article.extra["invalid_url"] == url
