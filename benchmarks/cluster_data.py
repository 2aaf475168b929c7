"""Development data for the cluster benchmarks: gold articles and their (cached) analyse output.

The analyse output (entities, sentences, embeddings) of a data set takes minutes to compute on
two cores, so it is cached under /tmp (never in the repository), keyed by the data file's
size and mtime. Run directly to fill the cache::

    PYTHONPATH=src python benchmarks/cluster_data.py ../shared/data/ecbplus ../shared/data/gvc-train
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from pathlib import Path

from newsfuse.eval.cluster import load_gold_articles
from newsfuse.model import Analysed, Article

CACHE_DIR = Path("/tmp/newsfuse-cluster-cache")


def _cache_path(gold_dir: Path) -> Path:
    data = gold_dir / "articles.jsonl"
    stat = data.stat()
    key = hashlib.sha1(f"{data.resolve()}:{stat.st_size}:{stat.st_mtime}".encode()).hexdigest()[:12]
    return CACHE_DIR / f"{gold_dir.name}-{key}.pkl"


def load_analysed(gold_dir: Path) -> tuple[list[Article], list[Analysed]]:
    """Articles of ``gold_dir`` and their analyse output, from the cache when there."""
    gold_dir = Path(gold_dir)
    articles = load_gold_articles(gold_dir)
    path = _cache_path(gold_dir)
    if path.is_file():
        with path.open("rb") as fh:
            analysed = pickle.load(fh)
        return articles, analysed
    from newsfuse.analyse import analyse

    analysed = analyse(articles, n_process=1, embeddings=True)
    for item in analysed:
        item.doc = None  # the spaCy Doc is not needed downstream of clustering
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(analysed, fh)
    return articles, analysed


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        start = time.perf_counter()
        arts, _ = load_analysed(Path(arg))
        print(f"{arg}: {len(arts)} articles analysed in {time.perf_counter() - start:.0f}s")
