"""``newsfuse brief -f jsonl``: one Brief per line, the same objects as the JSON's events."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.model import Brief

# Our own two short reports of two unrelated events.
CRANE = "Two people were injured when a crane fell onto a bus stop in Brevanne on Monday, police said."
FLOOD = ("Floodwater forced 40 families from their homes in the river town of Osterlay on "
         "Thursday, the mayor said. No one was hurt.")


def test_json_lines_hold_the_briefs_of_the_json(tmp_path):
    (tmp_path / "crane.txt").write_text(CRANE)
    (tmp_path / "flood.txt").write_text(FLOOD)
    as_json = CliRunner().invoke(app, ["brief", str(tmp_path), "-f", "json", "--no-progress"])
    out = tmp_path / "out" / "briefs.jsonl"
    as_lines = CliRunner().invoke(app, ["brief", str(tmp_path), "-f", "jsonl", "-o", str(out),
                                        "--no-progress"])
    assert as_json.exit_code == 0 and as_lines.exit_code == 0, as_lines.stderr
    events = json.loads(as_json.stdout)["events"]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(events) >= 1
    assert [json.loads(line) for line in lines] == events
    assert all(Brief.model_validate_json(line) for line in lines)
    assert "\n " not in as_json.stdout  # compact: no indentation bytes
