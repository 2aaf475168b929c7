"""Clustering metrics against gold ``event_id``s: B-cubed, CEAF-e, ARI, and the TF-IDF baseline.

A clustering is a mapping ``article_id -> cluster label``. Articles in the gold that a system
output lacks count as singletons of their own (:func:`complete_with_singletons`).

- B-cubed (Bagga & Baldwin 1998): per article, precision = |its system cluster ∩ its gold
  cluster| / |its system cluster|, recall the same over the gold cluster; averaged over articles.
- CEAF-e (Luo 2005, entity-based): the best one-to-one alignment of system and gold clusters under
  φ4(K, R) = 2|K∩R| / (|K|+|R|) (scipy's ``linear_sum_assignment``); recall = Σφ4 / |gold
  clusters|, precision = Σφ4 / |system clusters|, the figure reported is their F1.
- ARI: scikit-learn's ``adjusted_rand_score``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from newsfuse.errors import ConfigError, InputError
from newsfuse.model import Article

__all__ = [
    "ClusterScores",
    "baseline_tfidf_agglomerative",
    "bcubed",
    "ceaf_e",
    "complete_with_singletons",
    "load_gold_articles",
    "load_gold_labels",
    "read_system_labels",
    "score_clustering",
]

#: The baseline of issue 4: TF-IDF cosine, average link, cut at this cosine distance (tuned on ECB+).
BASELINE_DISTANCE = 0.825


@dataclass(frozen=True)
class ClusterScores:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    ceaf_e: float
    ari: float
    articles: int
    gold_clusters: int
    system_clusters: int


def _clusters(labels: Mapping[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(system: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``system`` against ``gold`` over gold's items.

    Args:
        system: item -> system cluster label; must cover every item of ``gold``.
        gold: item -> gold cluster label.

    Returns:
        (precision, recall, F1); (0, 0, 0) for an empty gold.
    """
    if not gold:
        return 0.0, 0.0, 0.0
    sys_clusters = _clusters({i: system[i] for i in gold})
    gold_clusters = _clusters(gold)
    p = r = 0.0
    for item in gold:
        own_sys = sys_clusters[system[item]]
        own_gold = gold_clusters[gold[item]]
        common = len(own_sys & own_gold)
        p += common / len(own_sys)
        r += common / len(own_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, _f1(p, r)


def _missing_eval_extra() -> ConfigError:
    # Scoring clusterings is for development; the runtime install leaves scikit-learn out.
    return ConfigError("Scoring a clustering needs scikit-learn and scipy: "
                       "pip install 'newsfuse[eval]'.")


def ceaf_e(system: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Entity-based CEAF (φ4 similarity) precision, recall and F1 over gold's items."""
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        raise _missing_eval_extra() from None

    if not gold:
        return 0.0, 0.0, 0.0
    sys_clusters = list(_clusters({i: system[i] for i in gold}).values())
    gold_clusters = list(_clusters(gold).values())
    item_to_sys = {i: k for k, members in enumerate(sys_clusters) for i in members}
    # φ4 is zero unless the clusters share an item: fill the matrix from the overlaps only.
    sim = np.zeros((len(gold_clusters), len(sys_clusters)))
    for g, members in enumerate(gold_clusters):
        counts: dict[int, int] = defaultdict(int)
        for item in members:
            counts[item_to_sys[item]] += 1
        for k, common in counts.items():
            sim[g, k] = 2 * common / (len(members) + len(sys_clusters[k]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    p, r = total / len(sys_clusters), total / len(gold_clusters)
    return p, r, _f1(p, r)


def complete_with_singletons(system: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, str]:
    """``system`` restricted to gold's items; each item it lacks becomes a singleton cluster."""
    out = {}
    for item in gold:
        out[item] = f"sys:{system[item]}" if item in system else f"singleton:{item}"
    return out


def score_clustering(system: Mapping[str, str], gold: Mapping[str, str]) -> ClusterScores:
    """All metrics at once; missing articles count as singletons."""
    try:
        from sklearn.metrics import adjusted_rand_score
    except ImportError:
        raise _missing_eval_extra() from None

    full = complete_with_singletons(system, gold)
    bp, br, bf = bcubed(full, gold)
    _, _, cf = ceaf_e(full, gold)
    items = list(gold)
    ari = float(adjusted_rand_score([gold[i] for i in items], [full[i] for i in items])) if items else 0.0
    return ClusterScores(
        bcubed_p=bp,
        bcubed_r=br,
        bcubed_f1=bf,
        ceaf_e=cf,
        ari=ari,
        articles=len(items),
        gold_clusters=len(set(gold.values())),
        system_clusters=len(set(full.values())),
    )


# --- reading gold and system output ---------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    if not path.is_file():
        raise InputError(f"{path}: file not found.")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not valid JSON ({exc.msg}).") from exc
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{n}: expected a JSON object per line.")
            yield n, obj


def load_gold_labels(gold_dir: Path) -> dict[str, str]:
    """``article_id -> event_id`` from ``gold_dir/articles.jsonl``."""
    path = Path(gold_dir) / "articles.jsonl"
    labels = {}
    for n, obj in _read_jsonl(path):
        if "id" not in obj or obj.get("event_id") is None:
            raise InputError(f"{path}:{n}: a gold article needs 'id' and 'event_id'.")
        labels[str(obj["id"])] = str(obj["event_id"])
    return labels


def load_gold_articles(gold_dir: Path) -> list[Article]:
    """The articles of ``gold_dir/articles.jsonl`` as :class:`Article`s (gold fields in ``extra``)."""
    path = Path(gold_dir) / "articles.jsonl"
    articles = []
    for n, obj in _read_jsonl(path):
        try:
            published = datetime.fromisoformat(obj["published"]) if obj.get("published") else None
            articles.append(
                Article(
                    id=str(obj["id"]),
                    title=obj.get("title"),
                    text=obj.get("text") or "",
                    source=obj.get("source"),
                    url=obj.get("url"),
                    published=published,
                    extra={k: obj.get(k) for k in ("event_id", "topic")},
                )
            )
        except (KeyError, ValueError) as exc:
            raise InputError(f"{path}:{n}: bad article ({exc}).") from exc
    return articles


def read_system_labels(path: Path) -> dict[str, str]:
    """``article_id -> event_id`` from a brief JSON (``newsfuse brief -f json``) or a JSONL file.

    Accepted: a Report object (``{"events": [{"id", "article_ids"}, ...]}``), a JSON list of such
    events, or JSONL with one ``{"article_id", "event_id"}`` per line.

    Raises:
        InputError: the file is missing or in none of these shapes.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found.")
    text = path.read_text(encoding="utf-8")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        obj = None
    if isinstance(obj, dict) and "events" in obj:
        return _labels_from_events(obj["events"], path)
    if isinstance(obj, list):
        return _labels_from_events(obj, path)
    labels = {}
    for n, row in _read_jsonl(path):
        if "article_id" in row and "event_id" in row:
            labels[str(row["article_id"])] = str(row["event_id"])
        elif "id" in row and "article_ids" in row:
            labels.update(_labels_from_events([row], path))
        else:
            raise InputError(f"{path}:{n}: expected 'article_id' and 'event_id'.")
    return labels


def _labels_from_events(events: Sequence, path: Path) -> dict[str, str]:
    labels = {}
    for event in events:
        if not isinstance(event, dict) or "article_ids" not in event or "id" not in event:
            raise InputError(f"{path}: each event needs 'id' and 'article_ids'.")
        for article_id in event["article_ids"]:
            labels[str(article_id)] = str(event["id"])
    return labels


# --- the baseline ---------------------------------------------------------------------------------


def baseline_tfidf_agglomerative(
    articles: Sequence[Article], distance: float = BASELINE_DISTANCE
) -> dict[str, str]:
    """Issue 4's baseline: TF-IDF cosine, average-link agglomerative clustering cut at ``distance``.

    Returns:
        article_id -> cluster label.
    """
    try:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        raise _missing_eval_extra() from None

    if len(articles) < 2:
        return {a.id: "b0" for a in articles}
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    # Rows are L2-normalised, so cosine distance is 1 - X·Xᵀ; a precomputed matrix avoids
    # densifying the vocabulary (thousands of articles × tens of thousands of words).
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=distance
    )
    labels = model.fit_predict(distances)
    return {a.id: f"b{label}" for a, label in zip(articles, labels, strict=True)}
