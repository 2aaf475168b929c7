"""Quality gate: ingest + analyse + extract + reconcile over gvc-train grouped by event_id must
keep the per-event accuracy floors of reconcile_baseline.json (the figure `newsfuse eval
counts` prints for a `newsfuse brief --group-by event_id -f json` of the same data)."""

import json
from pathlib import Path

import pytest

from newsfuse.analyse import analyse
from newsfuse.cluster import group_by_field
from newsfuse.eval.counts import brief_predictions, read_gold, score_items
from newsfuse.extract import extract_mentions
from newsfuse.ingest import read_sources
from newsfuse.pipeline import DEFAULT_MAX_BYTES
from newsfuse.reconcile import reconcile_events

BASELINE = Path(__file__).with_name("reconcile_baseline.json")
PLACES_BASELINE = Path(__file__).with_name("places_baseline.json")


@pytest.fixture(scope="module")
def gvc_facts(shared_dir):
    data = shared_dir / "data" / "gvc-train"
    articles = read_sources([data / "articles.jsonl"], max_bytes=DEFAULT_MAX_BYTES).articles
    analysed = analyse(articles, embeddings=False)
    mentions = {a.id: extract_mentions(a, an) for a, an in zip(articles, analysed)}
    events, _ = group_by_field(articles, analysed, "event_id")
    briefs = []
    for event, _, _, facts in reconcile_events(events, articles, mentions):
        briefs.append({"id": event.id, "article_ids": event.article_ids,
                       "facts": {k: f.model_dump(mode="json") for k, f in facts.items()}})
    return data, briefs


@pytest.mark.slow
def test_event_counts_keep_their_floors(gvc_facts):
    data, briefs = gvc_facts
    _, gold = read_gold(data)
    report = score_items(brief_predictions({"events": briefs}), gold, "event")
    floors = json.loads(BASELINE.read_text())["gvc-train"]
    assert report.scores["killed"].n == 170
    for field, floor in floors.items():
        assert report.scores[field].exact_rate >= floor, (field, report.scores[field].as_dict())


@pytest.mark.slow
def test_confidence_is_in_range_and_ordered(gvc_facts):
    _, briefs = gvc_facts
    _, gold = read_gold(gvc_facts[0])
    right, wrong = [], []
    for brief in briefs:
        fact = brief["facts"].get("killed")
        if fact and isinstance(fact["best"], int):
            assert 0.0 <= fact["confidence"] <= 1.0
            (right if fact["best"] == gold[brief["id"]]["killed"] else wrong).append(fact["confidence"])
    # calibrated confidence must separate right from wrong figures on average
    assert sum(right) / len(right) > sum(wrong) / len(wrong)


@pytest.mark.slow
def test_event_places_keep_their_floors(gvc_facts):
    from newsfuse.eval.places import read_gold as read_place_gold, score as score_places

    data, briefs = gvc_facts
    scores = score_places({b["id"]: b for b in briefs}, read_place_gold(data))
    floors = json.loads(PLACES_BASELINE.read_text())["gvc-train"]
    for field, floor in floors.items():
        assert scores[field].accuracy >= floor, (field, scores[field].as_dict())
    for brief in briefs:  # every event placed in a country has coordinates
        place = (brief["facts"].get("place") or {}).get("value") or {}
        if place.get("country"):
            assert place.get("latitude") is not None and place.get("country_code"), (brief["id"], place)
