"""Quality gate: analyse + extract over all of gvdb-dev must keep the accuracy floors of
eval_baseline.json, and every evidence span must be the article's own text."""

import json
from pathlib import Path

import pytest

from newsfuse.analyse import analyse
from newsfuse.eval.counts import read_gold, score
from newsfuse.extract import extract_mentions
from newsfuse.model import Article

BASELINE = Path(__file__).with_name("eval_baseline.json")


@pytest.fixture(scope="module")
def gvdb(shared_dir):
    data = shared_dir / "data" / "gvdb-dev"
    with (data / "articles.jsonl").open(encoding="utf-8") as fh:
        articles = [Article(id=r["id"], title=r["title"], text=r["text"], published=r["published"])
                    for r in map(json.loads, fh)]
    analysed = analyse(articles, embeddings=False)
    mentions = {a.id: extract_mentions(a, an) for a, an in zip(articles, analysed)}
    return data, articles, mentions


@pytest.mark.slow
def test_counts_keep_their_floors(gvdb):
    data, _, mentions = gvdb
    report = score(mentions, *read_gold(data))
    floors = json.loads(BASELINE.read_text())["gvdb-dev"]
    for field, floor in floors.items():
        assert report.scores[field].exact_rate >= floor, (field, report.scores[field].as_dict())


@pytest.mark.slow
def test_evidence_offsets_on_real_data(gvdb):
    _, articles, mentions = gvdb
    for article in articles:
        ids = [m.id for m in mentions[article.id]]
        assert len(ids) == len(set(ids))
        for m in mentions[article.id]:
            source = article.title if m.evidence.field == "title" else article.text
            assert source[m.evidence.start : m.evidence.end] == m.evidence.text
            if m.evidence.field == "title":  # a headline claim
                assert m.sentence is None
                continue
            assert article.text[m.evidence.start : m.evidence.end] == m.evidence.text
            if m.sentence:
                assert article.text[m.sentence.start : m.sentence.end] == m.sentence.text
                assert m.sentence.start <= m.evidence.start
