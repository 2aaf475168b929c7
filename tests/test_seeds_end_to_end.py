"""The seed case through the real pipeline (ingest → analyse → extract → cluster → reconcile →
report), two ways: the command a newcomer runs first, ``newsfuse brief ../shared/seeds -f json``
with its default options (clustering with embeddings, batch mode), which must put the five
reports in one event; and the five seed articles given one ``event_id`` (``--group-by
event_id``, embeddings off). Each brief must hold the facts ../shared/DESIGN.md says a correct
result contains, and citations that hold (``newsfuse eval citations``).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.eval.citations import evaluate
from newsfuse.ingest import read_sources
from newsfuse.model import Report
from newsfuse.pipeline import Options, brief_articles
from newsfuse.reconcile.names import fold, lookup_organisation


@pytest.fixture(scope="module")
def cli_report(seeds_dir, tmp_path_factory) -> Report:
    out = tmp_path_factory.mktemp("seeds") / "brief.json"
    result = CliRunner().invoke(app, ["brief", str(seeds_dir), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Report.model_validate(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def grouped_report(seeds_dir) -> Report:
    articles = read_sources([seeds_dir], max_bytes=10_000_000).articles
    assert len(articles) == 5
    for article in articles:
        article.extra["event_id"] = "seed-event"
    return brief_articles(articles, Options(group_by="event_id", embeddings=False, n_process=1))


@pytest.fixture(scope="module", params=["cli_default", "group_by_event_id"])
def seed_report(request) -> Report:
    name = "cli_report" if request.param == "cli_default" else "grouped_report"
    return request.getfixturevalue(name)


@pytest.fixture(scope="module")
def seed_brief(seed_report):
    assert len(seed_report.events) == 1, [e.headline for e in seed_report.events]
    assert len(seed_report.events[0].article_ids) == 5
    return seed_report.events[0]


def _actors(brief) -> list[dict]:
    return brief.facts["actor"].value["actors"]


def _names(actor: dict) -> set[str]:
    return {actor["name"], *actor["aliases"]}


def _cited(brief) -> set[str]:
    """Every mention id any fact cites."""
    return {m.mention_id for f in brief.facts.values() for m in [*f.mentions, *f.conflicting]}


def test_place_is_the_venue_in_krasnogorsk_near_moscow(seed_brief):
    place = seed_brief.facts["place"]
    assert place.value["venue"] == "Crocus City Hall"
    assert place.value["city"] == "Krasnogorsk"
    assert place.value["near"] == "Moscow"
    assert fold(place.value["region"]) in {fold("Moscow region"), fold("Moscow Oblast")}
    assert place.value["country"] == "Russia"
    assert place.status in ("agreed", "single_source") and place.status != "disputed"
    for elsewhere in ("Bryansk", "New York", "United States", "Afghan", "Beslan", "Iran"):
        assert elsewhere not in place.best


def test_date_is_friday_the_22nd(seed_brief):
    time = seed_brief.facts["time"]
    assert time.best == "2024-03-22"
    assert time.status != "disputed"
    assert time.value["time_of_day"] in ("evening", "night")


def test_event_type_is_one_primary_with_secondaries(seed_brief):
    fact = seed_brief.facts["event_type"]
    assert fact.best == "terrorist attack"
    assert {"shooting", "bombing"} <= set(fact.value["secondary"])
    assert fact.status != "disputed"


def test_responsibility_is_one_claimant_with_its_branch(seed_brief):
    fact = seed_brief.facts["responsibility"]
    assert fact.best == "Islamic State" and fact.status != "disputed"
    assert fact.value["stance"] == "claimed" and fact.value["rivals"] == []
    assert lookup_organisation(fact.value["branch"])[0] == lookup_organisation("IS-K")[0]
    assert {"Telegram", "Amaq News Agency"} <= set(fact.value["channels"])
    # US officials' intelligence about IS-K plotting: an attribution by others, not a claim
    attributed = fact.value["attributed"]
    assert attributed and all(lookup_organisation(a["to"])[0] == lookup_organisation("ISIS-K")[0] for a in attributed)
    claims = {m.mention_id for m in fact.mentions}
    assert not claims & {a["mention_id"] for a in attributed}
    stances = {m.id: m.value.stance for m in seed_brief.mentions if m.slot == "responsibility"}
    assert all(stances[i] == "claimed" for i in claims)


def test_vorobyov_and_picnic_are_one_entity_each(seed_brief):
    actors = _actors(seed_brief)
    vorobyov = [a for a in actors if any("Vorobyov" in n for n in _names(a))]
    assert len(vorobyov) == 1
    assert {"Andrei Vorobyov", "Andrey Vorobyov"} <= _names(vorobyov[0])
    assert vorobyov[0]["role"] == "official" and "governor" in vorobyov[0]["title"].lower()
    band = [a for a in actors if _names(a) & {"Picnic", "Piknik"}]
    assert len(band) == 1 and {"Picnic", "Piknik"} <= _names(band[0])
    assert band[0]["type"] != "person"


def test_the_people_with_their_roles(seed_brief):
    by_surname = {a["name"].split()[-1]: a for a in _actors(seed_brief) if a["type"] == "person"}
    assert "Putin" in by_surname and "Vladimir Putin" in _names(by_surname["Putin"])
    assert "Security Council" in by_surname["Patrushev"]["title"]
    assert "Duma" in by_surname["Shaposhnikov"]["title"]
    assert by_surname["Clarke"]["role"] == "expert" and "Soufan Group" in by_surname["Clarke"]["title"]


def test_no_outlets_fragments_or_vehicles_among_actors(seed_brief):
    names = {n for a in _actors(seed_brief) for n in _names(a)}
    for not_actor in ("Reuters", "CNN", "New York Times", "TASS", "RIA Novosti", "Renault", "SWAT",
                      "Washington", "Kremlin", "Path Forward", "Recent Terrorist Assault"):
        assert not any(not_actor.lower() in n.lower() for n in names), not_actor
    assert not any(n.split()[-1].lower() in ("of", "the", "and") for n in names)


def test_background_events_stay_out_of_the_facts(seed_brief):
    background = {m.id for m in seed_brief.mentions if m.scope == "background"}
    assert background, "the seeds recall Beslan, the 2002 siege and the Iran bombings"
    assert not background & _cited(seed_brief)
    names = {n for a in _actors(seed_brief) for n in _names(a)}
    assert not any("Suleimani" in n or "Beslan" in n for n in names)


def test_reconciled_counts(seed_brief):
    facts = seed_brief.facts
    killed = facts["killed"]
    assert (killed.best, killed.low, killed.status) == (143, 143, "updated")
    assert [p.low for p in killed.series] == [40, 61, 62, 143]
    assert facts["injured"].low >= 101
    assert facts["hospitalized"].best == 115
    assert facts["critical"].best == 60
    assert facts["arrested"].best == 11
    assert facts["attackers"].best == 5


def test_counts_hedges_and_subsets(seed_brief):
    by_id = {m.id: m for m in seed_brief.mentions}
    injured = seed_brief.facts["injured"]
    assert injured.status == "agreed" and injured.high is None
    children = [m for m in seed_brief.mentions if m.slot == "hospitalized" and m.value.subset_of]
    assert children and all(m.value.point == 5 for m in children)
    attackers = seed_brief.facts["attackers"]
    assert any(by_id[m.mention_id].hedge for m in attackers.mentions)
    # the background figures (2002 siege: 800 hostages, 170 dead; Beslan: 330; Iran: 103, 211)
    for fact in seed_brief.facts.values():
        if isinstance(fact.best, int):
            assert fact.best not in (170, 330, 800, 103, 211), fact.slot


def test_citations_hold(seed_report):
    scores = evaluate(seed_report)
    assert scores["numbers"].share >= 0.98
    assert scores["content"].share >= 0.95
    assert scores["quotes"].share == 1.0


def test_summary_leads_with_the_latest_toll(seed_brief):
    first = seed_brief.summary[0]
    assert "143" in first.text and "earlier reports" in (first.note or "")
    cite = {s.article_id: s.index for s in seed_brief.sources}
    for s in seed_brief.summary:
        assert s.citations[0] == cite[s.article_id]
    quoted_40 = [s for s in seed_brief.summary if "at least 40" in s.text]
    assert all("superseded" in (s.note or "") for s in quoted_40)
