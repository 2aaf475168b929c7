"""A constructed version of the seed case: five reports of one concert-hall attack.

The texts are our own wording; the mentions are what extraction should give for them (offsets
computed from the texts), so reconcile and report can be tested without the models.
"""

from __future__ import annotations

import datetime as dt

from newsfuse.model import (
    ActorValue,
    Article,
    Attribution,
    CountValue,
    Event,
    LabelValue,
    Mention,
    PlaceValue,
    ResponsibilityValue,
    Span,
    TimeValue,
)

DAY = dt.datetime(2024, 3, 23, 9, 0, tzinfo=dt.timezone.utc)

TEXTS = {
    "a0": (
        "Islamic State says it attacked Crocus City Hall",
        "The Islamic State has claimed the attack on Crocus City Hall in Krasnogorsk, near Moscow, "
        "through its Telegram channel, according to Reuters. The attack during a Piknik concert "
        "left at least 40 people dead and over 100 injured. In 2004 the Beslan school siege "
        "killed over 330 people.",
        None,
        "globalwatch.example",
    ),
    "a1": (
        "Toll in Moscow concert attack passes 140",
        "On Friday evening gunmen stormed Crocus City Hall outside Moscow. Islamic State has "
        "claimed the attack, which killed at least 143 people, and the Investigative Committee "
        "warned that the toll is expected to rise. The FSB detained 11 people, four of them "
        "directly involved in the attack.",
        DAY,
        "dailyeast.example",
    ),
    "a2": (
        "Concert hall attack near Moscow",
        "In a statement on its Amaq agency the Islamic State group said it attacked a gathering "
        "in Krasnogorsk. The attack left over 60 dead and more than 100 injured. The band Picnic "
        "was about to play. Governor Andrei Vorobyov set up a task force. In 2002 militants "
        "held 800 hostages at a Moscow theatre and 170 people died.",
        None,
        "northpost.example",
    ),
    "a3": (
        "IS-K claims Moscow attack",
        "The Islamic State Khorasan (IS-K) has claimed the attack. Five attackers reportedly "
        "opened fire at Crocus City Hall. The attack cost sixty-two lives. Russian authorities "
        "said 115 people were taken to hospital, five of them children.",
        None,
        "indiafocal.example",
    ),
    "a4": (
        "Gunmen kill dozens at Moscow concert",
        "The Islamic State claimed the attack on a Moscow concert hall on Friday that killed at "
        "least 40 people and injured more than 100, according to CNN. The claim came through "
        "the Amaq news agency on Telegram. US officials said Islamic State-Khorasan had been "
        "plotting an attack. Governor Andrey Vorobyov said every effort was being made. The "
        "Health Ministry said 115 people, including five children, were in hospital, 60 of them "
        "in critical condition. Bombings in Iran in January killed at least 103 people.",
        DAY,
        "wirewatch.example",
    ),
}


def articles() -> list[Article]:
    """The five reports as Articles."""
    return [
        Article(id=i, title=t, text=text, published=pub, source=src, url=f"https://{src}/{i}")
        for i, (t, text, pub, src) in TEXTS.items()
    ]


_counter: dict[str, int] = {}


def mention(article_id: str, slot: str, phrase: str, value, **kw) -> Mention:
    """A mention whose evidence is ``phrase`` as found in the article's text."""
    text = TEXTS[article_id][1]
    start = text.index(phrase)
    n = _counter[article_id] = _counter.get(article_id, 0) + 1
    return Mention(
        id=f"{article_id}:{n}",
        article_id=article_id,
        slot=slot,
        value=value,
        evidence=Span(start=start, end=start + len(phrase), text=phrase),
        **kw,
    )


def count(low, high=None, qualifier="exact", point=None, **kw) -> CountValue:
    return CountValue(low=low, high=high, qualifier=qualifier,
                      point=point if point is not None else low, **kw)


def exact(n: int, **kw) -> CountValue:
    return count(n, n, "exact", n, **kw)


def said(source: str, kind: str) -> Attribution:
    return Attribution(source=source, kind=kind)


def mentions() -> list[Mention]:
    """What extraction should find in the five reports."""
    _counter.clear()
    claim = "responsibility"
    return [
        mention("a0", claim, "The Islamic State has claimed",
                ResponsibilityValue(claimant="The Islamic State", channel="Telegram")),
        mention("a0", "place", "Crocus City Hall in Krasnogorsk, near Moscow",
                PlaceValue(venue="Crocus City Hall", city="Krasnogorsk", region="Moscow Oblast",
                           country="Russia")),
        mention("a0", "killed", "at least 40 people dead", count(40, None, "at_least")),
        mention("a0", "injured", "over 100 injured", count(101, None, "more_than", 100)),
        mention("a0", "killed", "killed over 330 people", count(331, None, "more_than", 330),
                scope="background", background_event="Beslan school siege 2004"),
        mention("a0", "actor", "Piknik", ActorValue(name="Piknik", type="group", role="other")),
        mention("a1", "time", "On Friday evening",
                TimeValue(date=dt.date(2024, 3, 22), time_of_day="evening")),
        mention("a1", "place", "Crocus City Hall outside Moscow",
                PlaceValue(venue="Crocus City Hall", city="Moscow", relation="outside")),
        mention("a1", claim, "Islamic State has claimed",
                ResponsibilityValue(claimant="Islamic State")),
        mention("a1", "killed", "killed at least 143 people", count(143, None, "at_least"),
                attribution=said("Investigative Committee", "official"),
                hedge="expected to rise"),
        mention("a1", "arrested", "detained 11 people", exact(11),
                attribution=said("FSB", "official")),
        mention("a1", "arrested", "four of them directly involved",
                exact(4, subset_of="arrested", population="directly involved")),
        mention("a2", claim, "the Islamic State group said it attacked",
                ResponsibilityValue(claimant="Islamic State group", channel="Amaq agency")),
        mention("a2", "place", "in Krasnogorsk", PlaceValue(city="Krasnogorsk")),
        mention("a2", "killed", "over 60 dead", count(61, None, "more_than", 60)),
        mention("a2", "injured", "more than 100 injured", count(101, None, "more_than", 100)),
        mention("a2", "actor", "Picnic", ActorValue(name="Picnic", type="group", role="other")),
        mention("a2", "actor", "Governor Andrei Vorobyov",
                ActorValue(name="Andrei Vorobyov", type="person", role="official",
                           title="Governor")),
        mention("a2", "killed", "170 people died", exact(170), scope="background",
                background_event="Moscow theatre siege 2002"),
        mention("a3", claim, "The Islamic State Khorasan (IS-K) has claimed",
                ResponsibilityValue(claimant="IS-K", parent="Islamic State")),
        mention("a3", "attackers", "Five attackers reportedly", exact(5, who="attackers"),
                hedge="reportedly"),
        mention("a3", "killed", "sixty-two lives", exact(62)),
        mention("a3", "hospitalized", "115 people were taken to hospital", exact(115),
                attribution=said("Russian authorities", "official")),
        mention("a3", "hospitalized", "five of them children",
                exact(5, subset_of="hospitalized", population="children")),
        mention("a4", claim, "The Islamic State claimed the attack",
                ResponsibilityValue(claimant="The Islamic State", channel="Amaq news agency")),
        mention("a4", "time", "on Friday", TimeValue(date=dt.date(2024, 3, 22))),
        mention("a4", "event_type", "attack", LabelValue(label="shooting")),
        mention("a4", "killed", "killed at least 40 people", count(40, None, "at_least"),
                attribution=said("CNN", "media")),
        mention("a4", "injured", "injured more than 100", count(101, None, "more_than", 100),
                attribution=said("CNN", "media")),
        mention("a4", claim, "Islamic State-Khorasan had been plotting",
                ResponsibilityValue(claimant="Islamic State-Khorasan", stance="attributed",
                                    by="US officials")),
        mention("a4", "actor", "Governor Andrey Vorobyov",
                ActorValue(name="Andrey Vorobyov", type="person", role="official",
                           title="Governor")),
        mention("a4", "hospitalized", "115 people", exact(115),
                attribution=said("Health Ministry", "ministry")),
        mention("a4", "hospitalized", "including five children",
                exact(5, subset_of="hospitalized", population="children")),
        mention("a4", "critical", "60 of them", exact(60, subset_of="hospitalized")),
        mention("a4", "killed", "killed at least 103 people", count(103, None, "at_least"),
                scope="background", background_event="Iran bombings January 2024"),
    ]


def event() -> Event:
    """The event as clustering would give it (five independent outlets)."""
    ids = ["a1", "a4", "a0", "a2", "a3"]
    return Event(id="crocus", title="Attack at Crocus City Hall", article_ids=ids,
                 source_groups=[[i] for i in ids], independent_sources=5,
                 first_published=DAY, last_published=DAY)
