"""The engine options of ``brief`` and ``ingest`` are checked before anything runs."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import ConfigError
from newsfuse.pipeline import Options


@pytest.mark.parametrize("args", [
    ["--workers", "2"],  # --workers is the LocalCluster's: needs --engine dask
    ["--scheduler", "tcp://127.0.0.1:1"],
    ["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
])
@pytest.mark.parametrize("command", [["brief"], ["ingest", "--db"]])
def test_contradictory_engine_options_are_refused(tmp_path, command, args):
    (tmp_path / "a.txt").write_text("A short report of a fire in Brevanne.")
    if command[0] == "ingest":
        command = [*command, str(tmp_path / "unused.db")]
    result = CliRunner().invoke(app, [*command, str(tmp_path / "a.txt"), *args, "--no-progress"])
    assert isinstance(result.exception, ConfigError), result.output
    assert not (tmp_path / "unused.db").exists()


def test_options_refuse_an_unknown_engine_and_a_scheduler_without_dask():
    with pytest.raises(ConfigError, match="engine"):
        Options(engine="spark")
    with pytest.raises(ConfigError, match="dask"):
        Options(scheduler="tcp://127.0.0.1:8786")
