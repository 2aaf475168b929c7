"""Revised tolls, claims of responsibility made in reported speech, and what is no source or no
actor: written examples in the style of wire reports on an attack."""

from newsfuse.analyse import analyse
from newsfuse.extract import extract_mentions
from newsfuse.extract.headline import headline_counts
from newsfuse.model import Article, Qualifier


def mentions_of(text: str, title: str | None = None):
    article = Article(id="t", title=title, text=text)
    (analysed,) = analyse([article], n_process=1, embeddings=False)
    return extract_mentions(article, analysed)


def killed(text: str):
    return [(m.value.point, m.value.qualifier, m.value.subset_of) for m in mentions_of(text)
            if m.slot == "killed" and m.scope == "main"]


def test_toll_phrase_the_tagger_calls_a_time_is_a_count():
    # spaCy tags "more than 15 overnight" as one TIME entity
    found = killed("The death toll rose to more than 15 overnight, according to the provincial health office.")
    assert (15, Qualifier.MORE_THAN, None) in found


def test_a_lone_number_tagged_as_a_date_stays_out():
    found = killed("Police said a man was shot dead in the 1990s.")
    assert all(point != 1990 for point, _, _ in found)


def test_number_of_people_killed_has_risen_to():
    found = killed(
        "The number of people killed in Monday's explosion at the depot has risen to 23, the regional "
        "health office said, after four of the critically injured died in hospital."
    )
    assert (23, Qualifier.EXACT, None) in found
    assert (4, Qualifier.EXACT, "killed") in found  # part of the 23, not a toll of its own


def test_headline_toll_figures():
    assert [(c.slot, c.point, c.qualifier) for c in headline_counts("Depot blast: death toll rises to 23")] == [
        ("killed", 23, Qualifier.EXACT)]
    assert [(c.point, c.qualifier) for c in headline_counts("Quarry collapse death toll reaches at least 12")] == [
        (12, Qualifier.AT_LEAST)]
    assert [c.point for c in headline_counts("Death toll in river town floods climbs to 31 - Daily Example")] == [31]
    assert headline_counts("Death toll of 2011 mine fire remembered") == []


def claims(text: str):
    return [(m.value.claimant, m.value.stance, m.scope) for m in mentions_of(text) if m.slot == "responsibility"]


def test_claim_in_reported_speech():
    found = claims("The Grey Hill Brigade said on Telegram on Monday that its fighters had carried out the attack.")
    assert [(c, s) for c, s, _ in found] == [("The Grey Hill Brigade", "claimed")]
    found = claims("The Grey Hill Brigade, which said in a video that it carried out the bombing, has not commented since.")
    assert [s for _, s, _ in found] == ["claimed"]


def test_no_claim_when_another_doer_or_another_attack_or_nobody():
    assert claims("The Grey Hill Brigade said that police had carried out the raid.") == []
    assert claims("No group has said it carried out the attack.") == []
    assert claims("The Grey Hill Brigade said it was behind that attack, in 2017.") == []


def test_a_number_is_no_source():
    (m,) = [m for m in mentions_of("Governor Lena Ostrova said six people had now been detained, one more than announced "
                                   "in the morning.") if m.slot == "arrested"]
    assert m.attribution.source == "Governor Lena Ostrova"


def test_places_and_lower_case_phrases_are_no_actors():
    names = {m.value.name for m in mentions_of(
        "Mayor Lena Ostrova walked through the rebuilt eastern hall of the market in Qasr Hamun on Friday.") if m.slot == "actor"}
    assert "Lena Ostrova" in names
    assert not names & {"eastern hall", "Qasr Hamun"}


def test_wire_phrasings_of_tolls():
    assert killed("Rescuers pulled 14 bodies from the rubble overnight, bringing the toll to 52.")[-1][:2] == (52, Qualifier.EXACT)
    assert (9, Qualifier.EXACT, None) in killed("Two people died in hospital, raising the number of dead to nine.")
    (m,) = [m for m in mentions_of("Hospital officials put the number of injured at 62.") if m.slot == "injured"]
    assert m.value.point == 62
    # "23 dead and more than 100 wounded": the wounded are not the dead plus a hundred
    (m,) = [m for m in mentions_of("The attack left 23 dead and more than 100 wounded, officials said.") if m.slot == "injured"]
    assert (m.value.point, m.value.qualifier) == (100, Qualifier.MORE_THAN)


def test_a_running_tally_of_a_city_is_no_toll():
    found = killed("The killing brought to 20 the number of people shot dead in the city in a span of 80 hours.")
    assert all(point != 20 for point, _, _ in found)


def test_the_part_in_critical_condition():
    found = {(m.slot, m.value.point) for m in mentions_of("Eleven others were injured, two of them critically.") if m.value.kind == "count"}
    assert ("injured", 11) in found and ("critical", 2) in found and ("critical", 11) not in found
    found = {(m.slot, m.value.point) for m in mentions_of("Three men were shot, one critically.") if m.value.kind == "count"}
    assert ("critical", 1) in found and ("injured", 3) in found
    found = {(m.slot, m.value.point) for m in mentions_of("More than 300 people remain unaccounted for.") if m.value.kind == "count"}
    assert ("missing", 300) in found
