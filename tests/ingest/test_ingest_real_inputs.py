"""The seed articles, a real data file, and the bundled examples."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from newsfuse.ingest import read_sources
from newsfuse.ingest.clean import normalise

REPO = Path(__file__).resolve().parents[2]
BIO_SEED = "003_f1890b32fd708bef.txt"
# The seed's trailing lines that are page furniture, not article text.
BIO_SEED_TAIL = ["Alok Verma", "Alok Verma is an accomplished", "Related Articles", "Leave a Reply",
                 "Your email address will not be published", "Back to top button"]


def _paragraphs(text: str) -> list[str]:
    return [p for p in normalise(text).split("\n") if p.strip()]


def test_seed_date_lines_become_published(seeds_dir):
    result = read_sources([seeds_dir], max_bytes=1_000_000)
    assert len(result.articles) == 5 and not result.rejected and not result.duplicates
    dated = [a for a in result.articles if a.published is not None]
    assert sorted(Path(a.input).name[:3] for a in dated) == ["001", "004"]
    for a in dated:
        assert a.published == datetime(2024, 3, 23)
        assert not a.text.lstrip().lower().startswith("date")
        assert a.original_text.startswith(" date 2024-03-23 ")


def test_seed_bio_tail_is_removed_and_no_body_is_lost(seeds_dir):
    for article in read_sources([seeds_dir], max_bytes=1_000_000).articles:
        original = (seeds_dir / Path(article.input).name).read_text(encoding="utf-8")
        body = _paragraphs(original)
        if body[0].startswith("date "):
            body[0] = body[0].split(" ", 2)[2]
        if article.title:
            assert body.pop(0) == article.title
        if Path(article.input).name == BIO_SEED:
            tail, body = body[-len(BIO_SEED_TAIL):], body[:-len(BIO_SEED_TAIL)]
            assert all(t.startswith(p) for t, p in zip(tail, BIO_SEED_TAIL, strict=True))
            for line in BIO_SEED_TAIL:
                assert line not in article.text
        assert _paragraphs(article.text) == body, article.input


def test_cut_off_crawl_of_the_bio_seed(seeds_dir, tmp_path):
    text = (seeds_dir / BIO_SEED).read_text(encoding="utf-8")
    cut = text[: text.index("Leave a Reply") + 4]  # the crawl stopped inside "Leave a Reply"
    assert cut.endswith("Leav")
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    a = read_sources([tmp_path], max_bytes=1_000_000).articles[0]
    assert a.text.endswith("The European Union, France, Spain, and Italy also condemned it.")


def test_gvc_train_every_line_loads(shared_dir):
    path = shared_dir / "data" / "gvc-train" / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    result = read_sources([path], max_bytes=50_000_000)
    assert not result.rejected
    # Every row has its own id: copies are reported but stay articles of their own event.
    assert len(result.articles) == len(rows) and result.duplicates
    assert {a.id for a in result.articles} == {r["id"] for r in rows}
    by_id = {r["id"]: r for r in rows}
    for a in result.articles:
        assert a.extra["event_id"] == by_id[a.id]["event_id"]
        assert a.source == by_id[a.id]["source"]
        assert a.title == " ".join((by_id[a.id]["title"] or "").split()) or a.title is None


def test_examples_read_without_rejection():
    result = read_sources([REPO / "examples"], max_bytes=10_000_000)
    assert not result.rejected and not result.duplicates
    assert len(result.articles) >= 12
    assert {a.input_format for a in result.articles} >= {"text", "html", "json", "jsonl", "rss"}
    for a in result.articles:
        assert a.published is not None and a.source, a.input
        assert 150 <= len(a.text.split()) <= 400, a.input
        assert "Related Articles" not in a.text and "Leave a" not in a.text, a.input
