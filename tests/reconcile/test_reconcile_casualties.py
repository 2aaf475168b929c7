"""Killed/injured across an event: wounded who died later counted once, hospital figures,
vague-only counts, repeats tallied by sentence (my own example texts)."""

import datetime as dt

from newsfuse.model import Article, CountValue, Event, Mention, Span
from newsfuse.reconcile import reconcile_event


def _article(aid, day, text="x" * 200):
    return Article(id=aid, text=text, source=f"{aid}.example",
                   published=dt.datetime(2016, 5, day, tzinfo=dt.timezone.utc))


def _m(aid, n, slot, low, high=..., qualifier="exact", sentence=(0, 10), text="", **kw):
    high = low if high is ... else high
    point = None if qualifier == "vague" else low
    return Mention(id=f"{aid}:{n}", article_id=aid, slot=slot,
                   value=CountValue(low=low, high=high, qualifier=qualifier, point=point, **kw),
                   evidence=Span(start=sentence[0], end=sentence[0] + 1, text="x"),
                   sentence=Span(start=sentence[0], end=sentence[1], text=text or "x" * (sentence[1] - sentence[0])))


def _facts(articles, mentions):
    event = Event(id="e", article_ids=[a.id for a in articles], source_groups=[[a.id] for a in articles])
    return reconcile_event(event, articles, mentions)


def test_wounded_reported_first_who_died_later_is_one_dead():
    arts = [_article("a", 1), _article("b", 2)]
    ms = [_m("a", 1, "injured", 1), _m("a", 2, "critical", 1), _m("b", 1, "killed", 1)]
    facts = _facts(arts, ms)
    assert facts["killed"].best == 1 and facts["injured"].best == 0


def test_other_wounded_stay_when_the_article_knew_the_toll():
    arts = [_article("a", 1), _article("b", 2)]
    ms = [_m("a", 1, "killed", 1), _m("a", 2, "injured", 2), _m("b", 1, "killed", 1)]
    assert _facts(arts, ms)["injured"].best == 2


def test_open_figures_are_not_lowered_by_a_rising_toll():
    arts = [_article("a", 1), _article("b", 2)]
    ms = [_m("a", 1, "killed", 40, None, "at_least"), _m("a", 2, "injured", 101, None, "more_than"),
          _m("b", 1, "killed", 143, None, "at_least")]
    assert _facts(arts, ms)["injured"].low == 101


def test_hospitalised_minus_dead_only_when_they_died_there_in_a_large_event():
    arts = [_article("a", 1)]
    big = [_m("a", 1, "killed", 62), _m("a", 2, "hospitalized", 115, sentence=(20, 40))]
    assert _facts(arts, big)["injured"].best == 115
    small = [_m("a", 1, "killed", 1), _m("a", 2, "hospitalized", 2, sentence=(20, 40))]
    assert _facts(arts, small)["injured"].best == 1


def test_vague_only_count_has_no_figure_but_keeps_its_bounds():
    fact = _facts([_article("a", 1)], [_m("a", 1, "injured", 3, None, "vague")])["injured"]
    assert fact.best is None and fact.low == 3


def test_a_figure_twice_in_one_sentence_is_not_a_repeat():
    # "detaining 11 people ... the arrest of two suspects, while two others were detained"
    arts = [_article("a", 1)]
    ms = [_m("a", 1, "arrested", 11, sentence=(0, 10)), _m("a", 2, "arrested", 2, sentence=(20, 60)),
          _m("a", 3, "arrested", 2, sentence=(20, 60))]
    assert _facts(arts, ms)["arrested"].best == 11


def test_deaths_far_into_an_article_titled_with_people_hit_are_other_incidents():
    # "4 wounded in Anytown party shooting", then a paragraph on this year's killings
    hit = _article("a", 1, text="x" * 2000).model_copy(update={"title": "4 wounded in Anytown party shooting"})
    ms = [_m("a", 1, "injured", 4), _m("a", 2, "killed", 1, sentence=(900, 960))]
    facts = _facts([hit], ms)
    assert "killed" not in facts and facts["injured"].best == 4
    # a death in the lead still counts, and a title that speaks of a death keeps them all
    assert _facts([hit], [_m("a", 1, "killed", 1, sentence=(40, 90))])["killed"].best == 1
    fatal = hit.model_copy(update={"title": "Man wounded in Anytown shooting dies"})
    assert _facts([fatal], ms)["killed"].best == 1


def test_attacker_adds_to_victims_when_some_report_counts_victims():
    # "killed his daughter" (victims) in one article, "a girl died" (people) in another, and the
    # father's suicide told apart: two dead, not one
    arts = [_article("a", 1), _article("b", 1)]
    ms = [_m("a", 1, "killed", 1, who="victims"), _m("a", 2, "killed", 1, who="attackers"),
          _m("b", 1, "killed", 1)]
    assert _facts(arts, ms)["killed"].best == 2


def test_attacker_not_added_to_a_count_of_people():
    arts = [_article("a", 1)]
    ms = [_m("a", 1, "killed", 4), _m("a", 2, "killed", 1, who="attackers")]
    assert _facts(arts, ms)["killed"].best == 4


def test_deaths_of_a_roundup_are_not_the_events():
    # "2 dead, 9 wounded in Anytown shootings": the city's toll over many incidents
    roundup = _article("a", 1).model_copy(update={"title": "2 dead, 9 wounded in Anytown shootings"})
    ms = [_m("a", 1, "killed", 2), _m("a", 2, "injured", 9)]
    assert "killed" not in _facts([roundup], ms)
    one = roundup.model_copy(update={"title": "2 dead, 9 wounded in Anytown shooting"})
    assert _facts([one], ms)["killed"].best == 2


def test_a_death_told_of_the_victim_of_a_hit_title_counts():
    # "Boy shot on Elm Street" ... "The boy was pronounced dead at the hospital."
    hit = _article("a", 1, text="x" * 2000).model_copy(update={"title": "Boy shot on Elm Street"})
    told = _m("a", 1, "killed", 1, sentence=(900, 960))
    told = told.model_copy(update={"evidence": Span(start=900, end=927, text="The boy was pronounced dead")})
    assert _facts([hit], [told])["killed"].best == 1
    # nor is a memorial in the title a death of this event
    vigil = hit.model_copy(update={"title": "Girl shot during memorial for shooting victim"})
    other = _m("a", 1, "killed", 1, sentence=(900, 960))
    assert "killed" not in _facts([vigil], [other])
