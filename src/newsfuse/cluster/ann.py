"""The vector an event (or an article) has in the approximate nearest-neighbour index.

The title+lead embedding (or an event's embedding centroid), concatenated with a hashed vector
of its names weighted by rarity, each part scaled by its ``ann_*_weight``.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from functools import lru_cache

import numpy as np

from newsfuse.cluster.features import ArticleFeatures
from newsfuse.cluster.params import ClusterParams

EMBED_DIMS = 384


@lru_cache(maxsize=200_000)
def _name_slot(name: str, dims: int) -> tuple[int, float]:
    """Hashed dimension and sign of a name in the index vector (stable across runs)."""
    h = zlib.crc32(name.encode())
    return h % dims, (1.0 if h & 1 << 31 else -1.0)


def index_vector(
    embedding: np.ndarray | None, names, p: ClusterParams, entity_df: Counter, seen: int
) -> np.ndarray:
    """The index vector of an embedding and names.

    Args:
        embedding: a unit title+lead embedding or an event centroid (None or empty: none).
        names: an article's features (its persons, places and other names) or a name -> count bag.
        p: the parameters (``entity_dims``, ``ann_embedding_weight``, ``ann_entity_weight``).
        entity_df: running document frequency of each name.
        seen: articles seen so far (for the rarity weight).

    Returns:
        A float32 vector of ``EMBED_DIMS + p.entity_dims`` (never all zero).
    """
    vec = np.zeros(EMBED_DIMS + p.entity_dims, dtype=np.float32)
    if embedding is not None and embedding.size == EMBED_DIMS:
        norm = float(np.linalg.norm(embedding))
        if norm:
            vec[:EMBED_DIMS] = embedding / norm * p.ann_embedding_weight
    if isinstance(names, ArticleFeatures):
        bag = dict.fromkeys(names.persons | names.places | names.others, 1)
    else:
        bag = names
    if bag:
        # A few dozen names: plain Python beats numpy's per-call overhead here.
        dims, top, ent = p.entity_dims, seen + 1, {}
        for name, count in bag.items():
            slot, sign = _name_slot(name, dims)
            value = sign * (math.log(top / (entity_df[name] + 1)) + 1.0) * math.sqrt(count)
            ent[slot] = ent.get(slot, 0.0) + value  # entity_idf x sqrt(count), signed
        norm = math.sqrt(sum(v * v for v in ent.values()))
        if norm:
            scale = p.ann_entity_weight / norm
            slots = np.fromiter(ent.keys(), np.intp, len(ent))
            vec[EMBED_DIMS + slots] = np.fromiter(ent.values(), np.float64, len(ent)) * scale
    if not vec.any():
        vec[0] = 1e-6
    return vec

