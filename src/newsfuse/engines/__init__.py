"""Where the pipeline's work runs: an :class:`Engine` behind the steps of ``newsfuse.pipeline``.

An engine runs the three parallel parts of a run — reading inputs, analysing and extracting
articles, reconciling and reporting events — over partitions; clustering, the one sequential
step, stays with the caller. ``local`` runs on this machine's cores (forked workers that inherit
the loaded models); ``dask`` runs on a Dask cluster (``distributed.py``). Another framework (Ray,
Spark) would be one more class with these three methods.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsfuse.model import Analysed, Article, Brief, IngestResult, Mention

if TYPE_CHECKING:
    from newsfuse.pipeline import EventInput, ExtractFn, Options, ProgressCallback

__all__ = ["Engine", "LocalEngine", "open_engine"]


class Engine(Protocol):
    """What the pipeline asks of an engine. Results come in input order, whatever ran where."""

    #: a link to the engine's own dashboard, when it has one (Dask's), for the CLI to print.
    dashboard_link: str | None

    def read(self, sources: Sequence[str | Path], *, max_bytes: int,
             progress: ProgressCallback | None, follow_links: bool = False) -> IngestResult: ...

    def analyse_extract(self, articles: Sequence[Article], extract: ExtractFn, *,
                        embeddings: bool, batch_size: int, progress: ProgressCallback | None
                        ) -> Iterator[tuple[Analysed, list[Mention]]]: ...

    def brief_events(self, inputs: Sequence[EventInput], *, policy: str,
                     progress: ProgressCallback | None) -> list[Brief]: ...

    def close(self) -> None: ...


class LocalEngine:
    """This machine: ``n_process`` forked model workers (0: one per core for large batches)."""

    dashboard_link = None

    def __init__(self, n_process: int = 0) -> None:
        self.n_process = n_process

    def read(self, sources, *, max_bytes, progress, follow_links=False) -> IngestResult:
        from newsfuse.ingest import read_sources

        return read_sources(list(sources), max_bytes=max_bytes, progress=progress,
                            follow_links=follow_links)

    def analyse_extract(self, articles, extract, *, embeddings, batch_size, progress):
        from newsfuse.analyse import iter_analyse_each

        return iter_analyse_each(articles, extract, n_process=self.n_process,
                                 batch_size=batch_size, embeddings=embeddings, progress=progress)

    def brief_events(self, inputs, *, policy, progress) -> list[Brief]:
        # Reconcile and report run here, one event after another: they cost 9% of a run and
        # forking workers for them would cost more than it saves on one machine.
        return brief_partition(inputs, policy)

    def close(self) -> None:
        pass


def brief_partition(inputs: Sequence[EventInput], policy: str) -> list[Brief]:
    """The briefs of some events (what one worker does with its share)."""
    from newsfuse.pipeline import brief_event

    return [brief_event(event, articles, mentions, analysed, policy)
            for event, articles, mentions, analysed in inputs]


@contextlib.contextmanager
def open_engine(options: Options, engine: Engine | None = None,
                on_open: Callable[[Engine], None] | None = None) -> Iterator[Engine]:
    """``engine`` itself when given (left open), else the one ``options`` names, closed after."""
    if engine is not None:
        yield engine
        return
    if options.engine == "dask":
        from newsfuse.engines.distributed import DaskEngine

        made: Engine = DaskEngine(scheduler=options.scheduler, workers=options.n_process,
                                  batch_size=options.batch_size)
    else:
        made = LocalEngine(options.n_process)
    try:
        if on_open is not None:
            on_open(made)
        yield made
    finally:
        made.close()
