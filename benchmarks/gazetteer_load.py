"""Load time and memory of the world gazetteer (extract/world.py), cold (built from the installed
packages) and warm (read from its pickle cache), and the speed of a lookup.

Usage: python benchmarks/gazetteer_load.py   (builds into a temporary cache; leaves yours alone)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

_CHILD = """
import resource, time
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
from newsfuse.extract.world import world
w = world()
took = time.perf_counter() - t
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
from newsfuse.extract.gazetteer import lookup
t = time.perf_counter()
for _ in range(2000):
    lookup("Springfield")
per = (time.perf_counter() - t) / 2000 * 1e6
print(f"{len(w.places):,} places, {len(w.admin1s):,} admin1s, {len(w.countries)} countries: "
      f"{took:.1f} s, +{grown:.0f} MiB resident; a lookup {per:.0f} us")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NEWSFUSE_CACHE": cache}
        for label in ("cold (build + cache)", "warm (from the cache)"):
            out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, check=True)
            print(f"{label}: {out.stdout.strip()}")


if __name__ == "__main__":
    main()
