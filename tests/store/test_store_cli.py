"""The store commands end to end through the CLI: ingest, events, show, export, merge, split."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsfuse.cli import app

runner = CliRunner()


def _invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_round_trip(tmp_path, stories):
    articles, _ = stories
    folder = tmp_path / "in"
    folder.mkdir()
    for article in articles:
        if article.id in ("valdane-1", "orrin-1"):
            (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "cli.db"
    _invoke("ingest", folder, "--db", db, "--no-progress")
    listing = json.loads(_invoke("events", "--db", db, "--json"))
    assert listing["total"] == 2
    first, second = (e["id"] for e in listing["events"])
    assert json.loads(_invoke("show", first, "--db", db, "-f", "json"))["events"][0]["id"] == first
    assert _invoke("show", first, "--db", db, "-f", "md").strip()
    assert len(_invoke("export", "--db", db, "-f", "csv").splitlines()) == 3
    assert len(_invoke("export", "--db", db, "-f", "jsonl").splitlines()) == 2
    assert _invoke("events", "--db", db, "merge", first, second).strip() == first
    merged = json.loads(_invoke("events", "--db", db, "--json"))
    assert merged["total"] == 1 and merged["events"][0]["articles"] == 2
    article = json.loads(_invoke("show", first, "--db", db, "-f", "json"))["events"][0][
        "article_ids"][0]
    new_id = _invoke("events", "split", first, article, "--db", db).strip()
    assert json.loads(_invoke("events", "--db", db, "--json"))["total"] == 2
    assert new_id in _invoke("events", "--db", db)
    # Ingesting again changes nothing.
    _invoke("ingest", folder, "--db", db, "--no-progress")
    assert json.loads(_invoke("events", "--db", db, "--json"))["total"] == 2


def test_cli_errors_name_the_input(tmp_path):
    result = runner.invoke(app, ["show", "nope", "--db", str(tmp_path / "e.db")])
    assert result.exit_code != 0
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "e.db"), "--from", "yesterday"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "e.db"), "--host", "0.0.0.0"])
    assert result.exit_code != 0
