"""Peak memory and time of ingest + analyse on inputs built to exhaust them, one process each.

The corpus (written to a temporary folder, full size):

- ``tags.html``: 28 MB of HTML made of 2,000,000 tiny elements;
- ``front.md``: a 650 KB Markdown file whose front matter never closes;
- ``long.txt``: a 950,000-character article;
- ``bomb.warc.gz``: a 1 MB ``.warc.gz`` whose header line inflates to 1 GiB;
- ``line.jsonl``: a 50 MB JSON line between two good ones;
- ``deep.json``: JSON nested 100,000 levels.

Each is read with ``read_sources`` and what was read is analysed (spaCy + embeddings) in a child
process; the table gives wall time, the child's peak RSS and what came out. Timings on a shared
machine are inflated by its other work.

Usage::

    PYTHONPATH=src python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

PROSE = "The council met on Tuesday and talked about the bridge repairs for a long time. "
GOOD = json.dumps({"title": "Ferry service resumes", "text": "The ferry service resumed on Friday "
                   "after the harbour was cleared of debris, the port authority said."})

CHILD = """
import resource, sys, time
from newsfuse.analyse import analyse
from newsfuse.ingest import read_sources
start = time.perf_counter()
result = read_sources([sys.argv[1]], max_bytes=50 * 1024 * 1024)
analyse(result.articles, n_process=1)
reasons = "; ".join(r.reason[:70] for r in result.rejected)
print(f"{time.perf_counter() - start:.1f}\\t{len(result.articles)}\\t{reasons}")
"""


def build(folder: Path) -> list[Path]:
    (folder / "tags.html").write_bytes(b"<html><body>" + b"<i>ab</i><b>c</b>" * 1_000_000 + b"</body></html>")
    (folder / "front.md").write_text("---\n" + "".join(f"key{i}: value {i}\n" for i in range(40_000)))
    (folder / "long.txt").write_text("Long report\n\n" + PROSE * (950_000 // len(PROSE)))
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = bomb.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ")
    block = b"a" * (1 << 20)
    data += b"".join(bomb.compress(block) for _ in range(1024)) + bomb.flush()
    (folder / "bomb.warc.gz").write_bytes(data)
    (folder / "line.jsonl").write_text(
        GOOD + "\n" + json.dumps({"title": "Long", "text": PROSE * (50_000_000 // len(PROSE))}) + "\n" + GOOD + "\n")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    return sorted(folder.iterdir())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = build(Path(tmp))
        print(f"{'input':<14}{'size':>12}{'seconds':>9}{'peak MB':>9}{'articles':>9}  rejected")
        for path in files:
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
            _, status, usage = os.wait4(child.pid, 0)
            out = child.stdout.read().rstrip("\n").split("\t") if child.stdout else []
            wall = time.perf_counter() - start
            if len(out) < 3 or os.waitstatus_to_exitcode(status) != 0:
                out = ["-", "-", f"FAILED (exit {os.waitstatus_to_exitcode(status)})"]
            print(f"{path.name:<14}{path.stat().st_size:>12,}{wall:>9.1f}{usage.ru_maxrss // 1024:>9}"
                  f"{out[1]:>9}  {out[2]}")


if __name__ == "__main__":
    main()
