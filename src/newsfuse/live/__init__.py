"""The live store: articles ingested as they arrive, each placed in an event, and only the events
they change rebuilt — on the steps of ``newsfuse.pipeline``, persisted by ``newsfuse.store``::

    store = open_store("newsfuse.db")
    summary = ingest_sources(store, ["articles/"], default_stages(), max_bytes=50_000_000)

``ingest`` (batches, each one short transaction), ``recluster`` (every stored article again,
one transaction), ``watch`` (a folder polled), ``placement`` (what ingest and recluster share),
``stages`` (the pipeline steps they call).
"""

from newsfuse.live.ingest import IngestSummary, ingest_articles, ingest_sources
from newsfuse.live.recluster import ReclusterSummary, needs_recluster, recluster
from newsfuse.live.stages import Stages, default_stages

__all__ = ["IngestSummary", "ReclusterSummary", "Stages", "default_stages", "ingest_articles",
           "ingest_sources", "needs_recluster", "recluster"]
