"""The README's Python section runs as written (in the repository root, where examples/ is)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def python_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, re.S)


def test_the_readme_shows_an_in_memory_call():
    [block] = python_blocks()
    assert '"text":' in block and "newsfuse.brief(" in block


@pytest.mark.slow
def test_the_readme_python_snippet_runs(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    [block] = python_blocks()
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    # The headline names the place as the gazetteer spells it ("Tarnów").
    fire = [line for line in printed if "Tarnow" in _unaccented(line)]
    assert fire, printed
    assert fire[0].endswith("2 agreed"), fire[0]
    assert len(printed) >= 4, "the three example events are briefed too"


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
