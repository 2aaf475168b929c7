from typer.testing import CliRunner

from newsfuse.cli import app


def test_help_lists_commands():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "brief" in result.output
