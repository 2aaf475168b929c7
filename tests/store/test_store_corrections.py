"""Merge and split: applied, recorded, and kept by later ingests."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.live import ingest_articles
from newsfuse.store import (
    get_article,
    get_event,
    list_corrections,
    merge_events,
    resolve_event_id,
    split_event,
)
from newsfuse.store import schema as t


def _event_of(store, article_id):
    with store.read() as conn:
        return get_article(conn, article_id).event_id


def _fns(stages):
    return {"reconcile": stages.reconcile, "build_brief": stages.build_brief}


def test_merge_moves_articles_aliases_the_old_id_and_is_recorded(store, stories, stages):
    ingest_articles(store, stories[0], stages)
    fire, bridge = _event_of(store, "valdane-1"), _event_of(store, "orrin-1")
    kept = merge_events(store, [fire, bridge], **_fns(stages))
    assert kept == fire
    with store.read() as conn:
        event, brief = get_event(conn, bridge)  # the old id answers with the merged event
        assert event.id == fire and "orrin-1" in event.article_ids
        assert resolve_event_id(conn, bridge) == fire
        assert conn.execute(sa.select(t.events.c.id).where(t.events.c.id == bridge)).first() is None
        injured = brief.facts["injured"]  # the merged article's claim enters the rebuilt brief
        assert {m.mention_id for m in [*injured.mentions, *injured.conflicting]} >= {"orrin-1:1"}
        [correction] = list_corrections(conn)
    assert correction.action == "merge" and correction.event_ids == [fire, bridge]
    assert "orrin-1" in correction.article_ids


def test_split_pins_articles_and_survives_later_ingests(store, stories, stages):
    articles, _ = stories
    ingest_articles(store, articles, stages)
    fire = _event_of(store, "valdane-1")
    new_id = split_event(store, fire, ["valdane-3"], **_fns(stages))
    assert _event_of(store, "valdane-3") == new_id != fire
    # Re-ingesting, and an updated version of the split-out article, keep the split.
    ingest_articles(store, articles, stages)
    v3 = next(a for a in articles if a.id == "valdane-3")
    ingest_articles(store, [v3.model_copy(update={"text": v3.text + "\nRoads nearby reopened."})],
                    stages)
    assert _event_of(store, "valdane-3") == new_id
    assert _event_of(store, "valdane-1") == fire
    with store.read() as conn:
        assert get_article(conn, "valdane-3").pinned
        assert [c.action for c in list_corrections(conn)] == ["split"]


def test_bad_corrections_are_refused(store, stories, stages):
    ingest_articles(store, stories[0], stages)
    fire = _event_of(store, "valdane-1")
    with pytest.raises(ConfigError):
        merge_events(store, [fire, fire], **_fns(stages))
    with pytest.raises(NotFoundError):
        merge_events(store, [fire, "nope"], **_fns(stages))
    with pytest.raises(NotFoundError):
        split_event(store, fire, ["orrin-1"], **_fns(stages))
    with pytest.raises(ConfigError):
        split_event(store, fire, ["valdane-1", "valdane-2", "valdane-3"], **_fns(stages))
    with store.read() as conn:
        assert list_corrections(conn) == []
