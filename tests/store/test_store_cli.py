"""The store commands end to end through the CLI: ingest, events, show, export, merge, split."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import NotFoundError

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


def _filled_db(tmp_path, stories):
    articles, _ = stories
    folder = tmp_path / "in"
    folder.mkdir()
    for article in articles:
        if article.id in ("valdane-1", "valdane-2", "orrin-1"):
            (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    db = tmp_path / "cli.db"
    _invoke("ingest", folder, "--db", db, "--no-progress")
    return db


def test_reading_commands_on_a_missing_store_fail_clearly_and_create_nothing(tmp_path):
    db = tmp_path / "typo.db"
    for args in (["show", "e1"], ["events"], ["export", "-f", "csv"], ["events", "merge", "a", "b"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code != 0, args
        assert isinstance(result.exception, NotFoundError), args
        assert "No store at" in str(result.exception) and "newsfuse ingest" in str(result.exception)
        assert not db.exists(), f"{args} created an empty store"


def test_events_table_has_a_header(tmp_path, stories):
    db = _filled_db(tmp_path, stories)
    lines = _invoke("events", "--db", db).splitlines()
    assert lines[0].split()[:6] == ["EVENT", "DATE", "SOURCES", "PLACE", "KILLED", "INJURED"]
    assert len(lines) == 3
    # Columns line up: every row's headline starts where the header's does.
    start = lines[0].index("HEADLINE")
    assert all(line[start - 2:start] == "  " for line in lines[1:])


def test_dash_output_is_stdout(tmp_path, stories, monkeypatch):
    db = _filled_db(tmp_path, stories)
    monkeypatch.chdir(tmp_path)
    listing = json.loads(_invoke("events", "--db", db, "--json"))
    first = listing["events"][0]["id"]
    assert json.loads(_invoke("show", first, "--db", db, "-f", "json", "-o", "-"))["events"]
    assert _invoke("export", "--db", db, "-f", "csv", "-o", "-").startswith("event_id,")
    assert not (tmp_path / "-").exists()


def test_export_filters(tmp_path, stories):
    db = _filled_db(tmp_path, stories)
    events = json.loads(_invoke("events", "--db", db, "--json"))["events"]
    killed = {e["id"]: e["killed"] for e in events}
    assert any(k for k in killed.values()) and len(killed) == 2

    def exported(*flags):
        return {json.loads(line)["id"] for line in _invoke("export", "--db", db, "-f", "jsonl", *flags).splitlines()}

    assert exported() == set(killed)
    top = max(k or 0 for k in killed.values())
    assert exported("--min-killed", top) == {i for i, k in killed.items() if k is not None and k >= top}
    assert exported("--from", "2999-01-01") == set()
    dated = {e["id"] for e in events if e["event_date"] or e["first_published"]}
    assert exported("--to", "2999-01-01") == dated, "an undated event is in no date range"
    assert exported("--place", "no such place anywhere") == set()
    one = events[0]
    if one["place"]:
        assert one["id"] in exported("--place", one["place"][:5])
    if one["event_type"]:
        assert exported("--type", one["event_type"]) == {e["id"] for e in events if e["event_type"] == one["event_type"]}


def test_export_parquet(tmp_path, stories):
    pq = pytest.importorskip("pyarrow.parquet")
    db = _filled_db(tmp_path, stories)
    out = tmp_path / "events.parquet"
    _invoke("export", "--db", db, "-f", "parquet", "-o", out)
    table = pq.read_table(out)
    csv_rows = _invoke("export", "--db", db, "-f", "csv").splitlines()
    assert table.num_rows == len(csv_rows) - 1
    assert table.column_names == csv_rows[0].split(",")
    assert str(table.schema.field("killed").type) == "int64"
    assert str(table.schema.field("event_date").type) == "date32[day]"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet"])
    assert result.exit_code != 0 and "-o FILE" in str(result.exception)


def test_ingest_lists_a_report_in_another_language_and_clusters_only_english(tmp_path, stories):
    articles, _ = stories
    folder = tmp_path / "in"
    folder.mkdir()
    english = next(a for a in articles if a.id == "valdane-1")
    (folder / "valdane-1.txt").write_text(english.text, encoding="utf-8")
    (folder / "unfall.txt").write_text(
        "Busunglück in den Alpen\n\nBei einem Busunglück in den Alpen sind am Montag mindestens "
        "zwölf Menschen ums Leben gekommen, teilte die Polizei mit. Zwanzig weitere wurden "
        "verletzt, als der Bus von der Straße abkam und in eine Schlucht stürzte.\n",
        encoding="utf-8")
    db = tmp_path / "lang.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "unfall.txt" in result.output and "language de: not supported yet" in result.output
    listing = json.loads(_invoke("events", "--db", db, "--json"))
    assert listing["total"] == 1
