"""``newsfuse brief``: rejections on stderr and in JSON, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app

TEXT = "Two people were injured when a crane fell onto a bus stop in Brevanne on Monday, police said."


def test_nothing_readable_exits_non_zero_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    # The real entry point: exit codes are mapped in newsfuse.cli.main, not inside the app.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    result = subprocess.run(
        [sys.executable, "-c", "from newsfuse.cli import main; main()", "brief", str(tmp_path),
         str(tmp_path / "missing.txt"), "--no-progress"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    for expected in ("rejected", "empty.txt", "image.png", "missing.txt", "No article could be read"):
        assert expected in result.stderr


def test_partial_input_exits_zero_and_json_lists_rejections(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "bad[1].jsonl").write_text("{not json\n")
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--format", "json", "--no-progress"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [a["text"] for a in report["articles"]] == [TEXT]
    assert [(r["input"], r["code"]) for r in report["rejected"]] == [(f"{tmp_path / 'bad[1].jsonl'}:1", "malformed")]
    assert "bad[1].jsonl:1" in result.stderr


def test_many_rejections_are_summed_up_by_kind(tmp_path):
    rows = [json.dumps({"id": f"e{i}", "title": "Empty", "text": ""}) for i in range(14)]
    rows.append(json.dumps({"id": "ok", "title": "Crane", "text": TEXT}))
    (tmp_path / "crawl.jsonl").write_text("\n".join(rows) + "\n")
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--format", "json", "--no-progress"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["rejected"]) == 14  # the JSON keeps every one
    listed = [line for line in result.stderr.splitlines() if "crawl.jsonl:" in line]
    assert len(listed) == 10
    assert "4 more inputs (no_text: 4)" in result.stderr
