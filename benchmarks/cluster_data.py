"""Development data for the cluster benchmarks, as the clusterer sees it, cached.

Two views of a gold data set:

- ``load_pipeline(gold_dir)``: exactly what ``newsfuse brief GOLD_DIR/articles.jsonl`` hands the
  clusterer (ingest's cleaned articles with the dates it read, the analyse output, the extracted
  mentions). The real pipeline (``newsfuse.pipeline.brief``) runs and is stopped at the cluster
  call, whose arguments are kept. Gold ``event_id``s are attached in ``Article.extra``.
- ``load_analysed(gold_dir)``: the gold text as given (no ingest), analysed, no mentions.

Both take minutes to compute on two cores, so they are cached under /tmp (never in the
repository), keyed by the data file's content. Run directly to fill the cache::

    PYTHONPATH=src python benchmarks/cluster_data.py ../shared/data/ecbplus ../shared/data/gvc-train
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from pathlib import Path

from newsfuse.eval.cluster import load_gold_articles, load_gold_labels
from newsfuse.model import Analysed, Article, Mention

CACHE_DIR = Path("/tmp/newsfuse-cluster-cache")


def _cache_path(gold_dir: Path, kind: str = "") -> Path:
    key = hashlib.sha1((gold_dir / "articles.jsonl").read_bytes()).hexdigest()[:12]
    return CACHE_DIR / f"{gold_dir.name}{kind}-{key}.pkl"


def load_analysed(gold_dir: Path) -> tuple[list[Article], list[Analysed]]:
    """Articles of ``gold_dir`` (gold text) and their analyse output, from the cache when there."""
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


class _Captured(Exception):
    """Raised from the cluster call to stop the pipeline once its inputs are kept."""


def load_pipeline(
    gold_dir: Path, *, refresh: bool = False
) -> tuple[list[Article], list[Analysed], dict[str, list[Mention]]]:
    """(articles, analysed, mentions) exactly as ``newsfuse brief`` passes them to the clusterer.

    Args:
        gold_dir: a data directory with ``articles.jsonl`` (gold ``event_id`` per article).
        refresh: recompute even when cached (after ingest, analyse or extract changed).

    Returns:
        The ingested articles (gold ``event_id`` in ``extra``), their analyse output and mentions.
    """
    import newsfuse.cluster
    from newsfuse import pipeline

    gold_dir = Path(gold_dir)
    path = _cache_path(gold_dir, "-pipeline")
    if path.is_file() and not refresh:
        with path.open("rb") as fh:
            articles, analysed, mentions = pickle.load(fh)
    else:
        kept = {}

        def capture(articles, analysed, mentions, **_):
            kept.update(articles=list(articles), analysed=list(analysed), mentions=dict(mentions))
            raise _Captured

        real = newsfuse.cluster.cluster_articles
        newsfuse.cluster.cluster_articles = capture
        try:
            pipeline.brief([gold_dir / "articles.jsonl"], pipeline.Options())
        except _Captured:
            pass
        finally:
            newsfuse.cluster.cluster_articles = real
        articles, analysed, mentions = kept["articles"], kept["analysed"], kept["mentions"]
        for item in analysed:
            item.doc = None
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump((articles, analysed, mentions), fh)
    gold = load_gold_labels(gold_dir)
    for article in articles:
        article.extra["event_id"] = gold.get(article.id, f"missing:{article.id}")
    return articles, analysed, mentions


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        start = time.perf_counter()
        arts, _, found = load_pipeline(Path(arg))
        dated = sum(a.published is not None for a in arts)
        print(
            f"{arg}: {len(arts)} articles ({dated} dated, {sum(map(len, found.values()))} mentions) "
            f"through the pipeline in {time.perf_counter() - start:.0f}s"
        )
