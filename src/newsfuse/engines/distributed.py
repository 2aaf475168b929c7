"""The Dask engine: reading, the models and the per-event steps run on a Dask cluster.

A ``LocalCluster`` (one single-threaded worker process per core, or ``workers``) when no
scheduler address is given; else the workers of a running ``dask scheduler`` (docs/scale.md,
``deploy/compose.yaml``). What runs where:

- read and clean: one task per input file (the paths must be visible to the workers, e.g. a
  shared volume; stdin is read here); ids and exact dedup stay here, in input order;
- analyse + extract: partitions of articles; each worker process loads the models ONCE (the
  :class:`LoadModels` plugin at start, then the per-process caches of ``load_pipeline`` and the
  embedding session), never per task; Docs stay on the worker, only results come back;
- clustering: not here — it is the one sequential step (the pipeline runs it on the client);
- reconcile + report: partitions of events, each event briefed whole on one worker.

Results come back in input order, so a run gives the same events and facts as the local engine.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from newsfuse.errors import ConfigError
from newsfuse.model import Analysed, Article, Brief, IngestResult, Mention

#: Partitions per worker: enough that one slow partition does not leave the others idle at the end.
PARTITIONS_PER_WORKER = 4


class LoadModels(WorkerPlugin):
    """Loads the spaCy pipeline and the embedding model when a worker starts (once per process)."""

    name = "newsfuse-models"

    def setup(self, worker) -> None:
        from newsfuse.analyse import embed, load_pipeline

        load_pipeline()
        embed(["warm-up"])


class DaskEngine:
    """An :class:`~newsfuse.engines.Engine` on Dask.

    Args:
        scheduler: ``tcp://host:8786`` of a running scheduler; None starts a LocalCluster.
        workers: LocalCluster worker processes (0: one per core); ignored with a scheduler.
        batch_size: the largest partition of articles (the model batch).
    """

    def __init__(self, scheduler: str | None = None, workers: int = 0, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self.cluster: LocalCluster | None = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
                self.cluster = LocalCluster(
                    n_workers=workers or cores or 1, threads_per_worker=1, processes=True,
                    # no memory limit of Dask's own: the machine's memory bounds the workers, and
                    # a paused worker would stall the run.
                    memory_limit=0, silence_logs=logging.ERROR, dashboard_address=":0")
                self.client = Client(self.cluster)
        except OSError as exc:
            raise ConfigError(f"Cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        self.client.register_plugin(LoadModels())
        self.dashboard_link: str | None = self.client.dashboard_link

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info()["workers"]))

    def read(self, sources, *, max_bytes, progress, follow_links=False) -> IngestResult:
        from newsfuse.ingest import read_finished, read_sources

        def on_workers(inputs, limit) -> Iterator[list]:
            futures = self.client.map(read_finished, inputs, max_bytes=limit, pure=False)
            return _in_order(futures, lambda part: None)

        return read_sources(list(sources), max_bytes=max_bytes, progress=progress,
                            read_inputs=on_workers, follow_links=follow_links)

    def analyse_extract(self, articles: Sequence[Article], extract, *, embeddings: bool,
                        batch_size: int, progress) -> Iterator[tuple[Analysed, list[Mention]]]:
        from newsfuse.analyse import analyse_each

        if not articles:
            return
        size = max(1, min(batch_size, math.ceil(len(articles) / (self.workers * PARTITIONS_PER_WORKER))))
        parts = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        data = self.client.scatter(parts)
        futures = self.client.map(analyse_each, data, fn=extract, n_process=1,
                                  batch_size=batch_size, embeddings=embeddings, pure=False)
        done = [0]

        def tick(part) -> None:
            done[0] += len(part)
            if progress:
                progress("analyse", done[0], len(articles))

        for part in _in_order(futures, tick):
            yield from part

    def brief_events(self, inputs, *, policy: str, progress) -> list[Brief]:
        from newsfuse.engines import brief_partition

        if not inputs:
            return []
        parts = _balanced(list(inputs), self.workers * PARTITIONS_PER_WORKER)
        data = self.client.scatter(parts)
        futures = self.client.map(brief_partition, data, policy=policy, pure=False)
        done = [0]

        def tick(part) -> None:
            done[0] += len(part)
            if progress:
                progress("brief", done[0], len(inputs))

        return [brief for part in _in_order(futures, tick) for brief in part]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _in_order(futures: list, on_done: Callable[[Any], None]) -> Iterator[Any]:
    """Each future's result in the order of ``futures``, as soon as it and those before it are
    done; ``on_done(result)`` as each one finishes (any order). Closing early cancels the rest."""
    index = {f.key: i for i, f in enumerate(futures)}
    ready: dict[int, Any] = {}
    following = 0
    try:
        for future in as_completed(futures):
            ready[index[future.key]] = result = future.result()
            on_done(result)
            while following in ready:
                yield ready.pop(following)
                futures[following] = None  # its result may leave the worker's memory
                following += 1
    finally:
        for future in futures:
            if future is not None:
                future.cancel()


def _balanced(inputs: list, parts: int) -> list[list]:
    """Consecutive runs of events with about the same number of articles each (an event's cost
    grows with its articles), in order."""
    total = sum(len(item[1]) for item in inputs) or 1
    share = max(1, math.ceil(total / max(1, parts)))
    out: list[list] = [[]]
    held = 0
    for item in inputs:
        if held >= share:
            out.append([])
            held = 0
        out[-1].append(item)
        held += len(item[1])
    return out
