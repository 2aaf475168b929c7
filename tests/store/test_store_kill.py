"""A process killed (SIGKILL, no clean-up of any kind) in the middle of an ingest batch leaves
the store consistent, and the next ingest resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsfuse.live import ingest_articles
from newsfuse.store import EventFilter, counts, get_event, list_events, open_store
from newsfuse.store import schema as t

HERE = Path(__file__).parent

# Ingests the stories two a batch and kills itself while writing the second batch: after its
# first article and its mentions were written, before the events were rebuilt and committed.
KILLER = """
import os, signal, sys
sys.path.insert(0, {here!r})
from stories import load_stories, stories_stages
from newsfuse.live import Stages, ingest_articles
from newsfuse.store import open_store
import newsfuse.live.ingest as ingest

articles, claims = load_stories()
stages = stories_stages(claims)
written = []
real_write = ingest._write_article

def write_then_die(conn, plan, *rest):
    real_write(conn, plan, *rest)
    written.append(plan.article.id)
    if len(written) == 3:
        os.kill(os.getpid(), signal.SIGKILL)

ingest._write_article = write_then_die
with open_store({db!r}) as store:
    ingest_articles(store, articles, stages, batch_size=2)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_batch_leaves_a_consistent_store_that_resumes(tmp_path, stories, stages):
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1] / "src")}
    run = subprocess.run([sys.executable, "-c", KILLER.format(here=str(HERE), db=str(db))],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    with open_store(db) as store:
        with store.read() as conn:
            stored = conn.execute(sa.select(t.articles.c.id, t.articles.c.event_id)).all()
            assert len(stored) == 2  # the first batch, whole; nothing of the second
            for article_id, event_id in stored:
                assert article_id in get_event(conn, event_id)[0].article_ids
            seen = conn.execute(sa.select(t.cluster_state.c.articles)).scalar_one()
            assert seen == 2  # the clusterer's saved state is the committed one
            indexed = conn.execute(sa.text("SELECT count(*) FROM events_fts")).scalar_one()
            assert indexed == counts(conn)["events"]  # the search index moved with the events
            mentions = conn.execute(sa.select(t.mentions.c.article_id)).scalars().all()
            assert set(mentions) <= {article_id for article_id, _ in stored}
        summary = ingest_articles(store, stories[0], stages)
        assert summary.unchanged == 2 and summary.added == 3
        with store.read() as conn:
            assert counts(conn)["articles"] == 5
            assert conn.execute(sa.select(t.cluster_state.c.articles)).scalar_one() == 5
            assert list_events(conn, EventFilter(text="firefighters")).total == 1
