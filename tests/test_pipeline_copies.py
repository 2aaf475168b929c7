"""Copies are analysed once, but only when title and text are the same (my own example text)."""

from newsfuse.model import Article
from newsfuse.pipeline import Options, brief_articles

_BOILERPLATE = "Watch this report on your mobile device. Sign up for our newsletter today."


def test_one_boilerplate_text_under_two_titles_keeps_each_titles_counts():
    articles = [
        Article(id="a", title="Two men wounded in Anytown shooting", text=_BOILERPLATE,
                source="a.example", extra={"event_id": "e1"}),
        Article(id="b", title="Teen dies after Anytown shooting", text=_BOILERPLATE,
                source="b.example", extra={"event_id": "e2"}),
        Article(id="c", title="Teen dies after Anytown shooting", text=_BOILERPLATE,
                source="c.example", extra={"event_id": "e2"}),
    ]
    report = brief_articles(articles, Options(group_by="event_id", embeddings=False))
    facts = {brief.id: brief.facts for brief in report.events}
    assert facts["e1"]["injured"].best == 2 and "killed" not in facts["e1"]
    assert facts["e2"]["killed"].best == 1
    # the true copy (same title and text) reuses the analysis, under its own ids
    ids = {m.article_id for m in report.events[1].mentions}
    assert ids == {"b", "c"}
