"""The options that choose where a run's work runs (``--engine``, ``--workers``, ``--scheduler``),
shared by ``brief`` and ``ingest``, and the engine they open."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import Enum
from typing import Annotated

import typer

from newsfuse.cli.common import stderr
from newsfuse.errors import ConfigError


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[
    EngineName,
    typer.Option("--engine", help="Where the models run: local (this machine's cores, --jobs) "
                 "or dask (a Dask cluster: --workers N local workers, or --scheduler)."),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=0,
                      help="With --engine dask: LocalCluster worker processes (0: one per core).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler",
                 help="With --engine dask: a running scheduler, e.g. tcp://HOST:8786 "
                 "(default: start a LocalCluster)."),
]


def processes(engine: EngineName, jobs: int, workers: int, scheduler: str | None) -> int:
    """The one process count the pipeline's Options carries: --jobs locally, --workers on Dask."""
    if engine == EngineName.local:
        if workers or scheduler:
            raise ConfigError("--workers and --scheduler need --engine dask.")
        return jobs
    if workers and scheduler:
        raise ConfigError("give --workers (a LocalCluster) or --scheduler (a running cluster), "
                          "not both.")
    return workers


@contextlib.contextmanager
def opened_engine(options) -> Iterator:
    """The engine ``options`` names, open for the command; Dask's dashboard link on stderr."""
    from newsfuse.engines import open_engine

    def announce(engine) -> None:
        if engine.dashboard_link:
            stderr.print(f"Dask dashboard: {engine.dashboard_link}", highlight=False)

    with open_engine(options, on_open=announce) as engine:
        yield engine
