"""The pipeline steps the live store calls, built on ``newsfuse.pipeline`` (one wiring of the
stages for the batch and the live paths); tests and benchmarks swap single steps."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.cluster import ClusterParams
from newsfuse.model import Analysed, Article, Mention
from newsfuse.store.events import BriefFn, ReconcileFn

if TYPE_CHECKING:
    from newsfuse.engines import Engine
    from newsfuse.pipeline import ExtractFn

#: analyse + extract: ``(analysed, mentions)`` per article, in order; may be a lazy iterator.
AnalyseFn = Callable[[Sequence[Article]], Iterable[tuple[Analysed, list[Mention]]]]


@dataclass(frozen=True)
class Stages:
    """The pipeline steps the ingest calls (the real ones by default; see :func:`default_stages`)."""

    analyse: AnalyseFn
    reconcile: ReconcileFn
    build_brief: BriefFn
    #: clustering parameters (None: the fitted ``cluster/params.json``, as ``newsfuse brief``).
    cluster_params: ClusterParams | None = None
    #: where reading and the models run (None: this process and its forked workers).
    engine: Engine | None = None


def default_stages(*, policy: str = "latest", n_process: int = 1, batch_size: int = 64,
                   cluster_params: ClusterParams | None = None, extract: ExtractFn | None = None,
                   engine: Engine | None = None) -> Stages:
    """The real steps of newsfuse with the given options.

    Args:
        policy: how a fact's best value is chosen (``latest`` or ``conservative``).
        n_process: model processes (0: one per core for large batches); ignored with ``engine``.
        batch_size: articles per model batch.
        cluster_params: as for :class:`Stages`.
        extract: the extraction function (default ``newsfuse.extract.extract_mentions``).
        engine: an open engine (e.g. Dask) to read and analyse on.
    """
    from newsfuse.pipeline import Options, iter_analyse_extract
    from newsfuse.reconcile import reconcile_event
    from newsfuse.report import build_brief

    options = Options(n_process=n_process, batch_size=batch_size, embeddings=True)
    return Stages(
        analyse=lambda arts: iter_analyse_extract(arts, options, engine, extract=extract),
        reconcile=lambda event, arts, ms: reconcile_event(event, arts, ms, policy=policy),
        build_brief=build_brief,
        cluster_params=cluster_params,
        engine=engine,
    )
