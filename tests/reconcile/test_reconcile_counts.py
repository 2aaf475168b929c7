import pytest

import crocus_case as case
from newsfuse.errors import ConfigError
from newsfuse.model import Attribution, CountValue, Event, Mention, Span
from newsfuse.reconcile import reconcile_event


@pytest.fixture(scope="module")
def facts():
    return reconcile_event(case.event(), case.articles(), case.mentions())


def test_killed_is_the_updated_toll_with_its_series(facts):
    killed = facts["killed"]
    assert (killed.best, killed.low, killed.high, killed.status) == (143, 143, None, "updated")
    assert [p.value for p in killed.series] == ["at least 40", "over 60", "62", "at least 143"]
    assert [p.low for p in killed.series] == [40, 61, 62, 143]
    assert killed.series[-1].attribution == "Investigative Committee"
    assert 0.5 < killed.confidence <= 1.0


def test_injured_agreed_and_subsets_not_added(facts):
    assert facts["injured"].status == "agreed"
    assert facts["injured"].low == 101 and facts["injured"].high is None
    assert facts["hospitalized"].best == 115  # five children are part of it, never added
    assert facts["critical"].best == 60  # a part of the hospitalised, the whole of its own slot
    assert facts["arrested"].best == 11  # four "directly involved" are part of the 11
    assert facts["attackers"].status == "single_source"


def test_background_numbers_never_enter(facts):
    values = {p.low for f in facts.values() for p in f.series}
    quotes = " ".join(m.quote for f in facts.values() for m in [*f.mentions, *f.conflicting])
    assert not values & {330, 331, 170, 103, 800}
    assert "330" not in quotes and "103" not in quotes and "170" not in quotes


def test_cnn_citations_and_copies_count_once():
    event, articles, mentions = case.event(), case.articles(), case.mentions()
    facts = reconcile_event(event, articles, mentions)
    # a0, a1, a2 and CNN (cited by a4) support 143; a3's exact 62 does not.
    assert facts["killed"].sources == 4
    copied = event.model_copy(update={"duplicates": {"a0": ["a2"]}, "source_groups": []})
    assert reconcile_event(copied, articles, mentions)["killed"].sources == 3


def test_conservative_policy_takes_the_lowest_supported_figure():
    def m(i, low, high, q, who=None, kind="article", day=None):
        return Mention(id=f"{i}:1", article_id=i, slot="killed",
                       value=CountValue(low=low, high=high, qualifier=q, point=low),
                       evidence=Span(start=0, end=1, text="x"),
                       attribution=Attribution(source=who, kind=kind))
    from newsfuse.model import Article
    arts = [Article(id=i, text="x", source=f"{i}.example") for i in "abc"]
    ms = [m("a", 3, 3, "exact", "police", "police"), m("b", 5, 5, "exact", "hospital", "hospital"),
          m("c", 2, None, "at_least")]
    event = Event(id="e", article_ids=list("abc"))
    latest = reconcile_event(event, arts, ms, policy="latest")["killed"]
    conservative = reconcile_event(event, arts, ms, policy="conservative")["killed"]
    assert latest.status == "disputed" and conservative.status == "disputed"
    assert {s.value for s in latest.sides} == {"3", "5"}
    assert conservative.best == 3
    assert (latest.low, latest.high) == (2, None)
    assert latest.conflicting


def test_unknown_policy_is_a_config_error():
    with pytest.raises(ConfigError, match="policy"):
        reconcile_event(case.event(), case.articles(), case.mentions(), policy="largest")


def _article_mentions(figures):
    from newsfuse.reconcile.counts import article_figure
    ms = [Mention(id=f"a:{n}", article_id="a", slot="killed",
                  value=CountValue(low=v, high=v, qualifier="exact", point=v),
                  evidence=Span(start=start, end=start + 5, text="x" * 5),
                  sentence=Span(start=start, end=start + 40, text="y" * 40))
          for n, (v, start) in enumerate(figures)]
    return article_figure(ms).value.low


def test_a_total_in_the_lead_beats_victims_told_one_by_one():
    # "Two dead, two injured ..." then each victim: "Jane Doe was pronounced dead", "John Roe
    # later died", "the man who died": one person per sentence is not a toll of one.
    assert _article_mentions([(2, 10), (1, 400), (1, 600), (1, 900)]) == 2
    # a larger figure far down the text (another incident, a yearly tally) does not
    assert _article_mentions([(1, 10), (1, 300), (5, 1200)]) == 1
