import datetime as dt

import pytest

import crocus_case as case
from newsfuse.model import ActorValue, Event, Mention, Span
from newsfuse.reconcile import reconcile_event
from newsfuse.reconcile.actors import group_actors


@pytest.fixture(scope="module")
def facts():
    return reconcile_event(case.event(), case.articles(), case.mentions())


def test_responsibility_is_one_claimant_with_its_branch(facts):
    fact = facts["responsibility"]
    assert fact.best == "Islamic State" and fact.status == "agreed"
    assert fact.value["branch"] == "Islamic State Khorasan Province"
    assert fact.value["rivals"] == []
    assert {"Telegram", "Amaq News Agency"} <= set(fact.value["channels"])
    # "US officials said IS-K had been plotting" is an attribution, not a claim.
    assert [a["by"] for a in fact.value["attributed"]] == ["US officials"]
    assert all(m.mention_id != "a4:6" for m in fact.mentions)


def test_place_is_the_most_specific_consistent_one(facts):
    place = facts["place"]
    assert place.value["venue"] == "Crocus City Hall" and place.value["city"] == "Krasnogorsk"
    assert place.value["country"] == "Russia" and place.status == "agreed"


def test_time_is_the_event_date(facts):
    assert facts["time"].best == "2024-03-22"
    assert facts["time"].value["time_of_day"] == "evening"


def test_vorobyov_is_one_person_and_the_band_one_band(facts):
    actors = facts["actor"].value["actors"]
    assert len([a for a in actors if "Vorobyov" in a["name"]]) == 1
    band = next(a for a in actors if a["name"] in ("Piknik", "Picnic"))
    assert set(band["aliases"]) | {band["name"]} == {"Piknik", "Picnic"}


def test_ambiguous_surname_stays_apart():
    def actor(i, name):
        return Mention(id=f"x:{i}", article_id="x", slot="actor",
                       value=ActorValue(name=name), evidence=Span(start=0, end=1, text="x"))
    groups = group_actors([actor(1, "John Smith"), actor(2, "Jane Smith"), actor(3, "Smith")])
    assert len(groups) == 3


def test_contradicting_claimants_are_disputed():
    from newsfuse.model import Article, ResponsibilityValue
    arts = [Article(id=i, text="x", source=f"{i}.example") for i in "abcd"]
    ms = [Mention(id=f"{i}:1", article_id=i, slot="responsibility",
                  value=ResponsibilityValue(claimant=c), evidence=Span(start=0, end=1, text="x"))
          for i, c in zip("abcd", ["Hamas", "Hamas", "Hezbollah", "Hizbollah"], strict=True)]
    fact = reconcile_event(Event(id="e", article_ids=list("abcd")), arts, ms)["responsibility"]
    assert fact.status == "disputed" and fact.value["rivals"] == ["Hezbollah"]


def test_dates_disagreeing_one_against_many_stay_agreed():
    from newsfuse.model import Article, TimeValue
    arts = [Article(id=i, text="x", source=f"{i}.example") for i in "abc"]
    days = [dt.date(2020, 1, 2), dt.date(2020, 1, 2), dt.date(2020, 1, 3)]
    ms = [Mention(id=f"{i}:1", article_id=i, slot="time", value=TimeValue(date=d),
                  evidence=Span(start=0, end=1, text="x")) for i, d in zip("abc", days, strict=True)]
    fact = reconcile_event(Event(id="e", article_ids=list("abc")), arts, ms)["time"]
    assert fact.best == "2020-01-02" and fact.status == "agreed" and len(fact.conflicting) == 1


def test_no_report_says_when_so_the_first_report_bounds_it():
    from newsfuse.model import Article, TimeValue
    from newsfuse.report import fact_wording
    arts = [Article(id=i, text="x", source=f"{i}.example") for i in "ab"]
    days = [dt.date(2020, 1, 3), dt.date(2020, 1, 2)]
    ms = [Mention(id=f"{i}:1", article_id=i, slot="time", value=TimeValue(date=d, role="published"),
                  evidence=Span(start=0, end=0, text="")) for i, d in zip("ab", days, strict=True)]
    fact = reconcile_event(Event(id="e", article_ids=list("ab")), arts, ms)["time"]
    assert fact.best == "2020-01-02" and fact.value["basis"] == "first_report"
    assert fact.status == "single_source" and fact.confidence < 0.5
    assert "or earlier" in fact_wording(fact)
    # a date a report does state wins over publication dates
    ms.append(Mention(id="a:2", article_id="a", slot="time", value=TimeValue(date=dt.date(2019, 12, 31), role="occurred"),
                      evidence=Span(start=0, end=1, text="x")))
    fact = reconcile_event(Event(id="e", article_ids=list("ab")), arts, ms)["time"]
    assert fact.best == "2019-12-31" and "basis" not in fact.value
