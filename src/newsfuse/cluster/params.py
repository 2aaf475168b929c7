"""The clusterer's parameters: one set for every corpus, fit on development data (params.json)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsfuse.cluster.merge import MERGE_FEATURE_NAMES
from newsfuse.cluster.similarity import FEATURE_NAMES
from newsfuse.errors import ConfigError

PARAMS_PATH = Path(__file__).parent / "params.json"


@dataclass(frozen=True)
class ClusterParams:
    """See docs/cluster.md for what each one does and how it was fit.

    Args:
        weights: logistic weight per pair feature (``similarity.FEATURE_NAMES``).
        bias: logistic bias.
        threshold: an article joins its best event when the probability reaches this.
        window_days: events whose last article is older than this (in publication days) close.
        max_gap_days: an article further than this from an event's dates joins it only when
            they share a person.
        place_veto: with no person in common, an article whose lead names none of the places
            the event's leads name, and which never names those, cannot join it.
        idle_articles: undated events close after this many later articles.
        candidates: events retrieved from the nearest-neighbour index per article.
        ann_embedding_weight / ann_entity_weight: mix of the index vector's two parts.
        entity_dims: hashed dimensions for entity names in the index vector.
        max_terms: lexical terms kept per event profile.
        dup_threshold / dup_num_perm / dup_shingle / dup_min_words: near-duplicate detection.
        use_mentions: read place, date, type and figures from the extract stage's mentions.
            Refit and cross-validated with them, the clusterer scores the same as without them
            (within the noise of the halves), so they are off.
        follow_up_days: a closed event stays reachable, through the name postings, for an
            article that names one of its people this many days after its last article (0: off).
        recheck_max_size: batch mode only (``cluster_articles``): events of at most this many
            articles are checked again once the corpus is complete, and an article that would not
            join the rest of its event leaves it (``recheck.py``; 0 or 1: off).
        merge_weights / merge_bias / merge_threshold: batch mode only: the event-pair model
            (``merge.MERGE_FEATURE_NAMES``) and the probability at which two events are merged
            once the corpus is placed (``merge.py``; no weights: off).
        merge_candidates: nearest events (by centroid) compared with each event for merging.
    """

    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    window_days: int = 45
    max_gap_days: float = 10.0
    place_veto: bool = True
    idle_articles: int = 20000
    candidates: int = 12
    ann_embedding_weight: float = 1.0
    ann_entity_weight: float = 1.0
    entity_dims: int = 256
    max_terms: int = 200
    dup_threshold: float = 0.8
    dup_num_perm: int = 128
    dup_shingle: int = 5
    dup_min_words: int = 30
    use_mentions: bool = False
    follow_up_days: int = 0
    recheck_max_size: int = 0
    merge_weights: tuple[float, ...] = ()
    merge_bias: float = 0.0
    merge_threshold: float = 0.5
    merge_candidates: int = 10
    feature_names: tuple[str, ...] = field(default=FEATURE_NAMES)

    def __post_init__(self) -> None:
        if tuple(self.feature_names) != FEATURE_NAMES:
            raise ConfigError(
                "cluster parameters were fit for other features "
                f"({list(self.feature_names)}); refit with benchmarks/cluster_fit.py."
            )
        if len(self.weights) != len(FEATURE_NAMES):
            raise ConfigError(
                f"cluster parameters need {len(FEATURE_NAMES)} weights, got {len(self.weights)}."
            )
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"threshold must be in (0, 1), got {self.threshold}.")
        if self.window_days <= 0 or self.candidates <= 0:
            raise ConfigError("window_days and candidates must be positive.")
        if self.merge_weights and len(self.merge_weights) != len(MERGE_FEATURE_NAMES):
            raise ConfigError(
                f"cluster parameters need {len(MERGE_FEATURE_NAMES)} merge weights, got "
                f"{len(self.merge_weights)}; refit with benchmarks/cluster_merge_fit.py."
            )
        if not 0.0 < self.merge_threshold <= 1.0:
            raise ConfigError(f"merge_threshold must be in (0, 1], got {self.merge_threshold}.")
        if self.follow_up_days < 0:
            raise ConfigError(f"follow_up_days must be 0 or more, got {self.follow_up_days}.")

    def to_json(self) -> str:
        data = asdict(self)
        data["weights"] = dict(zip(FEATURE_NAMES, self.weights, strict=True))
        if self.merge_weights:
            data["merge_weights"] = dict(zip(MERGE_FEATURE_NAMES, self.merge_weights, strict=True))
        data.pop("feature_names")
        return json.dumps(data, indent=2) + "\n"


def load_params(path: Path | None = None, *, merge: bool = True) -> ClusterParams:
    """Read parameters from ``path`` (default: the fitted ``params.json`` of this package).

    Args:
        merge: False leaves batch mode's merge model out (unread, so a stale one does not stop
            the online model's refit, benchmarks/cluster_fit.py).

    Raises:
        ConfigError: the file is missing, not JSON, or does not fit the current features.
    """
    path = Path(path) if path else PARAMS_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read cluster parameters {path}: {exc}") from exc
    weights = data.pop("weights", None)
    if not isinstance(weights, dict):
        raise ConfigError(f"{path}: 'weights' must map feature names to numbers.")
    merge_weights = data.pop("merge_weights", None) or {}
    if not merge:
        merge_weights = {}
    if not isinstance(merge_weights, dict):
        raise ConfigError(f"{path}: 'merge_weights' must map merge feature names to numbers.")
    data.pop("_doc", None)
    data.pop("fit", None)
    try:
        return ClusterParams(
            weights=tuple(float(weights[n]) for n in FEATURE_NAMES),
            merge_weights=tuple(float(merge_weights[n]) for n in MERGE_FEATURE_NAMES) if merge_weights else (),
            feature_names=FEATURE_NAMES,
            **data,
        )
    except KeyError as exc:
        raise ConfigError(f"{path}: no weight for feature {exc}; refit the parameters.") from exc
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
