"""`newsfuse ingest` clusters exactly as `newsfuse brief --stream` does: in one go, in batches
across processes (the clusterer's state is saved in the store), and merges/splits survive later
ingests.

Real data: gvc-train shootings (look-alike events) with a near-copy we make of one article.
"""

from __future__ import annotations

import json
from collections import Counter

from typer.testing import CliRunner

from newsfuse.cli import app

runner = CliRunner()
N_ARTICLES = 24


def _invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _rows(shared_dir):
    rows = [json.loads(line) for line in
            (shared_dir / "data" / "gvc-train" / "articles.jsonl").read_text().splitlines() if line]
    sizes = Counter(r["event_id"] for r in rows)
    rows = sorted((r for r in rows if sizes[r["event_id"]] >= 2), key=lambda r: (r["published"], r["id"]))
    rows = rows[:N_ARTICLES]
    # A lightly edited republication of the first long article, under another outlet.
    original = next(r for r in rows if len(r["text"].split()) > 120)
    copy = dict(original, id=original["id"] + "-copy", source="republisher.example",
                url="https://republisher.example/story", text=original["text"] + " More to come.")
    rows.append(copy)
    rows.sort(key=lambda r: (r["published"], r["id"]))
    return [{k: r[k] for k in ("id", "title", "text", "published", "url", "source")} for r in rows], copy


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _events(briefs):
    """Event id -> (article ids, duplicates, independent sources)."""
    return {b["id"]: (sorted(b["article_ids"]), {k: sorted(v) for k, v in b["duplicates"].items()},
                      b["independent_sources"]) for b in briefs}


def _stored(db):
    exported = json.loads(_invoke("export", "--db", db, "-f", "json"))
    return _events(exported["events"] if isinstance(exported, dict) else exported)


def test_ingest_in_one_go_and_in_batches_equals_brief(tmp_path, shared_dir):
    rows, copy = _rows(shared_dir)
    everything = _write(tmp_path / "all.jsonl", rows)
    brief = _events(json.loads(_invoke("brief", everything, "--stream", "-f", "json", "--no-progress"))["events"])
    assert len(brief) < len(rows)  # some articles were grouped
    copy_event = next(e for e in brief.values() if copy["id"] in e[0])
    assert copy_event[1] == {copy["id"].removesuffix("-copy"): [copy["id"]]}

    _invoke("ingest", everything, "--db", tmp_path / "one.db", "--no-progress")
    assert _stored(tmp_path / "one.db") == brief

    thirds = [rows[:8], rows[8:17], rows[17:]]  # in publication order; each ingest a new process
    for n, part in enumerate(thirds):
        _invoke("ingest", _write(tmp_path / f"part{n}.jsonl", part), "--db", tmp_path / "b.db",
                "--no-progress")
    assert _stored(tmp_path / "b.db") == brief


def test_merge_and_split_survive_a_later_ingest(tmp_path, shared_dir):
    rows, _ = _rows(shared_dir)
    db = tmp_path / "c.db"
    early, late = rows[:17], rows[17:]
    _invoke("ingest", _write(tmp_path / "early.jsonl", early), "--db", db, "--no-progress")
    events = _stored(db)
    multi = [e for e, (ids, _, _) in events.items() if len(ids) >= 2]
    single = [e for e, (ids, _, _) in events.items() if len(ids) == 1]
    a, b = single[0], single[1]
    assert _invoke("events", "merge", a, b, "--db", db).strip() == a
    split_from = multi[0]
    moved = events[split_from][0][-1]
    new_id = _invoke("events", "split", split_from, moved, "--db", db).strip()
    _invoke("ingest", _write(tmp_path / "late.jsonl", late), "--db", db, "--no-progress")
    after = _stored(db)
    merged = set(events[a][0]) | set(events[b][0])
    assert merged <= set(after[a][0]) and b not in after
    assert moved in after[new_id][0] and moved not in after[split_from][0]
    assert set(events[split_from][0]) - {moved} <= set(after[split_from][0])
    # Every later article went where the clusterer put it: no article lost or duplicated.
    placed = [i for ids, _, _ in after.values() for i in ids]
    assert sorted(placed) == sorted(r["id"] for r in rows)
