"""Title figures across an event, one-person wounded counts (my own example texts)."""

import datetime as dt

from newsfuse.model import Article, CountValue, Event, Mention, Span
from newsfuse.reconcile import reconcile_event
from newsfuse.reconcile.titles import split_title_context


def _article(aid, day, title=None):
    return Article(id=aid, title=title, text="x" * 400, source=f"{aid}.example",
                   published=dt.datetime(2016, 5, day, tzinfo=dt.timezone.utc))


def _m(aid, n, slot, low, *, title=False, evidence="x", start=300, confidence=1.0, **kw):
    value = CountValue(low=low, high=low, point=low, **kw)
    if title:
        return Mention(id=f"{aid}:{n}", article_id=aid, slot=slot, value=value,
                       evidence=Span(start=0, end=len(evidence), text=evidence, field="title"),
                       confidence=confidence)
    return Mention(id=f"{aid}:{n}", article_id=aid, slot=slot, value=value,
                   evidence=Span(start=start, end=start + len(evidence), text=evidence),
                   sentence=Span(start=start, end=start + 40, text=evidence), confidence=confidence)


def _facts(articles, mentions):
    event = Event(id="e", article_ids=[a.id for a in articles],
                  source_groups=[[a.id] for a in articles])
    return reconcile_event(event, articles, mentions)


def test_a_title_figure_below_the_texts_is_context_not_a_claim():
    text = _m("a", 1, "killed", 3, evidence="three people were killed")
    same = _m("a", 2, "killed", 3, title=True, evidence="3 dead", confidence=0.8)
    lower = _m("a", 3, "killed", 1, title=True, evidence="Man killed", confidence=0.8)
    claims, context = split_title_context([text, same, lower])
    assert claims == [text] and context == [same, lower]
    # the text says nothing of the dead: the title is the article's claim
    claims, context = split_title_context([lower])
    assert claims == [lower] and context == []


def test_a_title_above_the_events_figure_raises_it():
    # each text tells of one wounded man; one headline counts the four wounded
    arts = [_article("a", 1), _article("b", 1)]
    ms = [_m("a", 1, "injured", 1, evidence="a man was wounded"),
          _m("a", 2, "injured", 4, title=True, evidence="Four wounded", confidence=0.8),
          _m("b", 1, "injured", 1, evidence="one man was wounded")]
    fact = _facts(arts, ms)["injured"]
    assert fact.best == 4 and [m.mention_id for m in fact.mentions] == ["a:2"]


def test_title_people_shot_minus_the_dead_raise_the_injured():
    arts = [_article("a", 1)]
    ms = [_m("a", 1, "killed", 1, evidence="one man died"),
          _m("a", 2, "injured", 1, evidence="one man was wounded"),
          _m("a", 3, "other_count", 3, title=True, evidence="3 shot", confidence=0.8,
             population="shot")]
    assert _facts(arts, ms)["injured"].best == 2


def test_one_wounded_person_is_a_lower_bound_for_another_reports_total():
    # "a woman was wounded" (no number) and, a day later, "three people were wounded"
    arts = [_article("a", 1), _article("b", 2)]
    ms = [_m("a", 1, "injured", 1, evidence="a woman was wounded"),
          _m("b", 1, "injured", 3, evidence="three people were wounded")]
    fact = _facts(arts, ms)["injured"]
    assert fact.best == 3 and fact.status != "disputed"
    # a figure in words stays exact: "one man was wounded" vs "three" is a real revision
    ms = [_m("a", 1, "injured", 1, evidence="one man was wounded"),
          _m("b", 1, "injured", 3, evidence="three people were wounded")]
    assert _facts(arts, ms)["injured"].status == "updated"


def test_the_wounded_who_is_the_dead_is_not_counted_twice():
    # "the boy was critically wounded ... the boy died": one dead, nobody else hurt
    arts = [_article("a", 1)]
    ms = [_m("a", 1, "injured", 1, evidence="The boy was critically wounded", start=100),
          _m("a", 2, "killed", 1, evidence="the boy died", start=200)]
    facts = _facts(arts, ms)
    assert facts["killed"].best == 1 and "injured" not in facts
    # an indefinite "a woman was wounded" is someone else
    ms[0] = _m("a", 1, "injured", 1, evidence="A woman was wounded", start=100)
    assert _facts(arts, ms)["injured"].best == 1
