"""The learned killed/injured chooser: candidates, features, the weights file, and how a chosen
figure rewrites a fact (my own example mentions)."""

import datetime as dt

import pytest

from newsfuse.model import Article, CountValue, Fact, FactStatus, Mention, Span
from newsfuse.reconcile import chooser


def _article(aid, day, title="Shooting on Elm Street"):
    return Article(id=aid, title=title, text="x" * 400, source=f"{aid}.example",
                   published=dt.datetime(2017, 3, day, tzinfo=dt.timezone.utc))


def _m(aid, n, slot, low, field="text", start=10, population=None, text="x"):
    return Mention(id=f"{aid}:{n}", article_id=aid, slot=slot,
                   value=CountValue(low=low, high=low, point=low, population=population),
                   evidence=Span(start=start, end=start + len(text), text=text, field=field))


@pytest.fixture
def weights(monkeypatch):
    def use(slot, **named):
        w = [named.get(f, 0.0) for f in chooser.FEATURES]
        monkeypatch.setattr(chooser, "load_weights", lambda: {slot: w})
    return use


def _fact(best):
    return Fact(slot="injured", best=best, low=best, high=best, status=FactStatus.SINGLE_SOURCE)


def test_candidates_are_zero_the_rules_figure_and_every_stated_figure():
    arts = [_article("a", 1), _article("b", 2, title="3 wounded in Elm Street shooting")]
    ms = [_m("a", 1, "injured", 2), _m("b", 1, "injured", 3, field="title", start=0)]
    values, rows = chooser.candidates("injured", 2, ms, ms, arts, 0)
    assert values == [0, 2, 3]
    assert all(len(r) == len(chooser.FEATURES) for r in rows)
    col = {f: i for i, f in enumerate(chooser.FEATURES)}
    assert [r[col["rule"]] for r in rows] == [0.0, 1.0, 0.0]
    assert rows[2][col["titles"]] > 0 and rows[1][col["titles"]] == 0
    assert rows[2][col["latest"]] == 1.0 and rows[1][col["first"]] == 1.0


def test_highest_score_wins_and_widens_the_interval(weights):
    arts = [_article("a", 1), _article("b", 2, title="3 wounded")]
    ms = [_m("a", 1, "injured", 2), _m("b", 1, "injured", 3, field="title", start=0)]
    weights("injured", rule=1.0, titles=5.0)
    fact = chooser.choose("injured", _fact(2), ms, ms, arts, 0)
    assert fact.best == 3 and fact.low == 2 and fact.high == 3
    assert [m.mention_id for m in fact.mentions] == ["b:1"]


def test_ties_keep_the_rules_figure(weights):
    arts = [_article("a", 1)]
    ms = [_m("a", 1, "injured", 2), _m("a", 2, "injured", 4, start=300)]
    weights("injured")  # every candidate scores 0
    assert chooser.choose("injured", _fact(2), ms, ms, arts, 0).best == 2


def test_no_fact_stays_none_unless_a_figure_wins(weights):
    arts = [_article("a", 1, title="2 shot on Elm Street")]
    shot = [_m("a", 1, "other_count", 2, field="title", start=0, population="shot")]
    weights("injured", zero=-1.0, shot_minus_dead=2.0)
    made = chooser.choose("injured", None, shot, shot, arts, 1)
    assert made.best == 1 and made.status == FactStatus.SINGLE_SOURCE and 0 < made.confidence < 1
    weights("injured", zero=1.0)
    assert chooser.choose("injured", None, shot, shot, arts, 1) is None


def test_unfitted_slot_leaves_the_fact_alone(weights):
    weights("killed", zero=5.0)
    fact = _fact(2)
    assert chooser.choose("injured", fact, [], [], [_article("a", 1)], 0) is fact


def test_stored_weights_match_the_features():
    stored = chooser.load_weights()
    assert stored is not None and set(stored) <= set(chooser.SOURCES)
    assert all(len(w) == len(chooser.FEATURES) for w in stored.values())
