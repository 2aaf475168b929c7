"""The Dask engine on a two-worker LocalCluster gives the events and facts of the local engine.

A small slice of a development set (the first 40 gvc-train rows, as two input files so that two
workers read) keeps it cheap; the models run on the workers, clustering here, briefs on the
workers again.
"""

from __future__ import annotations

import pytest

from newsfuse.analyse import load_pipeline
from newsfuse.engines.distributed import DaskEngine
from newsfuse.pipeline import Options, brief

ROWS = 40


@pytest.fixture(scope="module")
def two_inputs(shared_dir, tmp_path_factory):
    lines = (shared_dir / "data" / "gvc-train" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()[:ROWS]
    folder = tmp_path_factory.mktemp("gvc-slice")
    (folder / "a.jsonl").write_text("\n".join(lines[: ROWS // 2]) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(lines[ROWS // 2 :]) + "\n", encoding="utf-8")
    return [str(folder / "a.jsonl"), str(folder / "b.jsonl")]


def _events(report) -> list[dict]:
    return [event.model_dump(mode="json") for event in report.events]


@pytest.mark.slow
def test_two_dask_workers_give_the_events_and_facts_of_one_process(two_inputs):
    local = brief(two_inputs, Options(n_process=1))
    engine = DaskEngine(workers=2, batch_size=8)
    try:
        options = Options(engine="dask", n_process=2, batch_size=8)
        distributed = brief(two_inputs, options, engine)
        # The models were loaded once in each worker process, not once per task.
        loads = engine.client.run(lambda: load_pipeline.cache_info().misses)
    finally:
        engine.close()
    assert len(loads) == 2 and set(loads.values()) == {1}
    assert [a.model_dump(mode="json") for a in distributed.articles] == [
        a.model_dump(mode="json") for a in local.articles]
    assert len(local.events) >= 10  # the slice holds several events, some of many reports
    assert [e.article_ids for e in distributed.events] == [e.article_ids for e in local.events]
    assert _events(distributed) == _events(local)  # facts, mentions, summaries: all of it
    assert distributed.duplicates == local.duplicates and distributed.rejected == local.rejected
