"""How far newsfuse is from its NLP floor, and how it scales with processes and Dask workers.

Usage: python benchmarks/scale.py [--set gva-dev] [--articles 200] [--rounds 2] [--skip dask,ingest]

Prints, each with the load average beside it (other work on the machine inflates wall times;
figures from a shared machine are upper bounds):

1. floor: ``newsfuse brief SAMPLE -f json --jobs 2`` against the bare pinned spaCy pipeline
   (``spacy.load`` + ``nlp.pipe(texts, n_process=2)``, nothing else) over the same texts, both as
   whole processes (imports and model loads included), alternately, ``--rounds`` times each:
   wall ÷ wall and CPU ÷ CPU (CPU of the process and its children). Target ≤ 1.3.
2. jobs: the same brief with ``--jobs 1`` and ``--jobs 2``, alternately: the speed-up. Target ≥ 1.8.
3. dask: ``brief`` on a LocalCluster of 1 and of 2 workers (each started and warmed first, so
   the worker start-up is not timed): the speed-up (target ≥ 1.7) and each worker's peak
   resident memory.
4. size: bytes per article of the JSON brief (``-f json``) and of the JSON Lines (``-f jsonl``).
5. ingest: ``newsfuse ingest SAMPLE --db (new) --jobs 2`` with the real analysis: articles/s.

The sample is the first ``--articles`` rows of ``../shared/data/SET/articles.jsonl`` with text.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
NEWSFUSE = [sys.executable, "-c", "from newsfuse.cli import main; main()"]

BARE_SPACY = """
import json, sys, spacy
from newsfuse.analyse.nlp import MODEL_NAME
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(MODEL_NAME)
for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=64):
    pass
import multiprocessing
multiprocessing.active_children()  # reaps spaCy's workers, so that their CPU time is counted
"""


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def sample(name: str, n: int, folder: Path) -> Path:
    rows = []
    with (DATA / name / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if (row.get("text") or "").strip():
                rows.append(line if line.endswith("\n") else line + "\n")
            if len(rows) == n:
                break
    path = folder / f"{name}-{n}.jsonl"
    path.write_text("".join(rows), encoding="utf-8")
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s of the process and its children) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    clock = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "HF_HUB_OFFLINE": "1"})
    wall = time.perf_counter() - clock
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def alternate(commands: dict[str, list[str]], rounds: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command, run in turn ``rounds`` times."""
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(timed(command))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for k, v in runs.items()}


def brief_command(path: Path, out: Path, *extra: str) -> list[str]:
    return [*NEWSFUSE, "brief", str(path), "-f", "json", "-o", str(out), "--no-progress", *extra]


def floor_and_jobs(path: Path, folder: Path, rounds: int, n: int) -> None:
    out = folder / "brief.json"
    medians = alternate({
        "spacy": [sys.executable, "-c", BARE_SPACY, str(path), "2"],
        "brief": brief_command(path, out, "--jobs", "2"),
        "brief1": brief_command(path, out, "--jobs", "1"),
    }, rounds)
    (sw, sc), (bw, bc), (b1w, b1c) = medians["spacy"], medians["brief"], medians["brief1"]
    print(f"floor  bare spaCy (2 processes) {sw:6.1f} s wall {sc:6.1f} s CPU; "
          f"brief --jobs 2 {bw:6.1f} s wall {bc:6.1f} s CPU: ratio wall {bw / sw:.2f}, "
          f"CPU {bc / sc:.2f} (target <= 1.3; {n} articles, {rounds} rounds; {load()})")
    print(f"jobs   brief --jobs 1 {b1w:6.1f} s wall {b1c:6.1f} s CPU, --jobs 2 {bw:6.1f} s wall "
          f"{bc:6.1f} s CPU: speed-up {b1w / bw:.2f}x (target >= 1.8; {load()})")


def dask(path: Path, n: int) -> None:
    from newsfuse.engines.distributed import DaskEngine
    from newsfuse.pipeline import Options, brief

    walls, peaks = {}, {}
    for workers in (1, 2):
        engine = DaskEngine(workers=workers)
        try:
            options = Options(engine="dask", n_process=workers)
            brief([str(path)], options, engine)  # warm: extraction data, first batches
            clock = time.perf_counter()
            brief([str(path)], options, engine)
            walls[workers] = time.perf_counter() - clock
            peaks[workers] = engine.client.run(
                lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        finally:
            engine.close()
    memory = ", ".join(f"{mb:.0f} MB" for mb in peaks[2].values())
    print(f"dask   LocalCluster 1 worker {walls[1]:6.1f} s, 2 workers {walls[2]:6.1f} s: "
          f"speed-up {walls[1] / walls[2]:.2f}x (target >= 1.7; {n} articles; {load()}); "
          f"peak memory per worker {memory}")


def sizes(path: Path, folder: Path, n: int) -> None:
    for fmt in ("json", "jsonl"):
        out = folder / f"brief.{fmt}"
        subprocess.run([*NEWSFUSE, "brief", str(path), "-f", fmt, "-o", str(out), "--no-progress"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"size   -f {fmt:5} {out.stat().st_size / n / 1024:6.1f} KB per article ({n} articles)")
        if fmt == "json":  # what -f json wrote before it was compact (indent=2: the same bytes)
            indented = json.dumps(json.loads(out.read_text(encoding="utf-8")), indent=2,
                                  ensure_ascii=False).encode("utf-8")
            print(f"size   -f json as it was, indented {len(indented) / n / 1024:6.1f} KB per article")


def ingest(path: Path, folder: Path, n: int) -> None:
    db = folder / "ingest.db"
    wall, cpu = timed([*NEWSFUSE, "ingest", str(path), "--db", str(db), "--jobs", "2",
                       "--no-progress"])
    print(f"ingest newsfuse ingest --jobs 2, real analysis, new store: {n / wall:5.1f} articles/s "
          f"wall, {n / cpu:5.1f} per CPU-second ({n} articles; {load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="gva-dev")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip", default="", help="comma-separated: floor, dask, size, ingest")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="newsfuse-scale-") as tmp:
        folder = Path(tmp)
        path = sample(args.set, args.articles, folder)
        print(f"{args.articles} {args.set} articles; {load()} before")
        if "floor" not in skip:
            floor_and_jobs(path, folder, args.rounds, args.articles)
        if "dask" not in skip:
            dask(path, args.articles)
        if "size" not in skip:
            sizes(path, folder, args.articles)
        if "ingest" not in skip:
            ingest(path, folder, args.articles)


if __name__ == "__main__":
    main()
