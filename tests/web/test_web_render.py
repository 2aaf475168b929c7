"""Drawing: highlighted segments, the revised-figure chart, and a full brief on the event page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsfuse.model import (
    Fact,
    FactMention,
    Mention,
    SeriesPoint,
    Side,
    Span,
    SummarySentence,
    TimelineEntry,
    CountValue,
)
from newsfuse.live import Stages, ingest_articles
from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.render import segments, series_chart


def _mention(mid, start, end, text):
    return Mention(id=mid, article_id="a", slot="killed", value=CountValue(low=1, high=1),
                   evidence=Span(start=start, end=end, text=text[start:end]))


def test_segments_cover_the_text_and_mark_overlaps():
    text = "One. Two three four. Five."
    sentences = [Span(start=0, end=4, text="One."), Span(start=5, end=20, text="x"),
                 Span(start=21, end=26, text="Five.")]
    mentions = [_mention("a:1", 5, 14, text), _mention("a:2", 9, 20, text),
                _mention("a:3", 20, 99, text)]  # a stale offset past the end is clipped
    segs = segments(text, mentions, sentences)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.mention_ids) for s in segs if s.mention_ids] == [
        ("Two ", ["a:1"]), ("three", ["a:1", "a:2"]), (" four.", ["a:2"]), (" ", ["a:3"]),
        ("Five.", ["a:3"])]


def test_series_chart_draws_each_report_and_escapes_labels():
    fact = Fact(slot="killed", series=[
        SeriesPoint(article_id="a", mention_id="a:1", value="at least 40", low=40),
        SeriesPoint(article_id="b", mention_id="b:1", value="<script>62</script>", low=62,
                    high=62),
        SeriesPoint(article_id="c", mention_id="c:1", value="143", low=143, high=143)])
    svg = str(series_chart(fact))
    assert svg.startswith("<svg") and svg.count("<circle") == 3
    assert "<script>" not in svg and "&lt;script&gt;62" in svg
    assert 'href="/articles/b#m=b%3A1"' in svg
    assert series_chart(Fact(slot="killed")) is None


def test_event_page_draws_summary_disputes_chart_and_timeline(tmp_path, web_stories, web_stages):
    """A brief with every section (as the real reconcile and report give) renders, escaped."""

    def reconcile(event, articles, mentions):
        facts = web_stages.reconcile(event, articles, mentions)
        killed = [m for m in mentions if m.slot == "killed"]
        fm = [FactMention(mention_id=m.id, article_id=m.article_id, quote=m.evidence.text,
                          start=m.evidence.start, end=m.evidence.end) for m in killed]
        if fm:
            facts["killed"] = Fact(
                slot="killed", best=5, low=5, high=5, status="disputed", confidence=0.7,
                sources=2, mentions=fm[1:], conflicting=fm[:1],
                series=[SeriesPoint(article_id=m.article_id, mention_id=m.id,
                                    value=m.evidence.text, low=m.value.low, high=m.value.high)
                        for m in killed],
                sides=[Side(value="<b>3</b>", mention_ids=[fm[0].mention_id],
                            sources=["<i>courier</i>"]),
                       Side(value="5", mention_ids=[f.mention_id for f in fm[1:]])])
        return facts

    def build_brief(event, facts, articles, mentions, analysed):
        brief = web_stages.build_brief(event, facts, articles, mentions, analysed)
        first = articles[0]
        brief.summary = [SummarySentence(text=first.text[:40], citations=[1],
                                         article_id=first.id, start=0, end=40)]
        brief.disputes = [s for s, f in facts.items() if f.status == "disputed"]
        brief.timeline = [TimelineEntry(what="<script>alert(1)</script> began", citations=[1])]
        return brief

    stages = Stages(analyse=web_stages.analyse, reconcile=reconcile, build_brief=build_brief)
    with open_store(tmp_path / "rich.db") as store:
        ingest_articles(store, web_stories[0], stages)
        client = TestClient(create_app(store, stages=stages))
        fire = client.get("/api/articles/valdane-1").json()["event_id"]
        html = client.get(f"/events/{fire}").text
    assert "<h2>Summary</h2>" in html and 'href="/articles/valdane-1#span=0-40"' in html
    assert "<h2>Disputes</h2>" in html and "&lt;b&gt;3&lt;/b&gt;" in html
    assert "&lt;i&gt;courier&lt;/i&gt;" in html
    assert '<svg class="chart"' in html and html.count("<circle") == 3
    assert "<h2>Timeline</h2>" in html and "&lt;script&gt;alert(1)&lt;/script&gt; began" in html
    assert "<script>alert" not in html
