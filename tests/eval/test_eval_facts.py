"""Scoring type and claimant (tolerant type match, alias word sets) and the baselines."""

from newsfuse.eval.baselines import regex_claimants, regex_counts, regex_type
from newsfuse.eval.facts import claimant_matches, format_facts, score_facts, type_matches
from newsfuse.model import LabelValue, Mention, ResponsibilityValue, Span


def mention(slot, value, n=0):
    return Mention(id=f"a:{n}", article_id="a", slot=slot, value=value, evidence=Span(start=0, end=1, text="x"))


def test_type_match_is_tolerant_within_a_family_only():
    assert type_matches("assassination", "attack") and type_matches("explosion", "bombing")
    assert type_matches("kidnapping", "KIDNAPPING")
    assert not type_matches("bombing", "kidnapping") and not type_matches(None, "attack")


def test_claimant_matches_any_alias_as_word_sets():
    gold = ["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"]
    assert claimant_matches(["FMLN General Command"], gold)
    assert claimant_matches(["Farabundo Marti National Liberation Front"], gold)
    assert not claimant_matches(["Shining Path"], gold) and not claimant_matches([], gold)


def test_baselines_read_the_text():
    assert regex_counts("THREE PEOPLE WERE KILLED AND 12 WOUNDED.") == {"killed": 3, "injured": 12}
    assert regex_counts("A man was killed.")["killed"] == 1
    assert regex_type("A car bomb exploded outside the embassy.") == "bombing"
    assert regex_claimants("THE ELN CLAIMED RESPONSIBILITY FOR THE ATTACK.") == ["THE ELN"]


def test_score_facts_scores_newsfuse_beside_the_baselines():
    mentions = {"a": [mention("event_type", LabelValue(label="bombing")),
                      mention("responsibility", ResponsibilityValue(claimant="ELN", stance="claimed"), 1)]}
    gold = {"a": {"topic": "bombing", "killed": 0, "injured": None, "extra": {"claimed_by": ["ELN"]}}}
    report = score_facts(mentions, {"a": "A bomb exploded; the ELN claimed it."}, gold)
    assert report.rates["newsfuse"]["type"].rate == 1.0 and report.rates["newsfuse"]["claimant"].rate == 1.0
    assert report.rates["constant"]["claimant"].rate == 0.0
    assert report.counts["newsfuse"]["killed"].exact_rate == 1.0
    assert report.counts["constant"]["killed"].exact_rate == 0.0
    assert "claimant" in format_facts(report)
