import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import InputError
from newsfuse.eval.counts import article_counts, evaluate
from newsfuse.model import CountValue, Mention, Span


def mention(n, slot, point, *, who="all", scope="main", subset_of=None, qualifier="exact", article="a1"):
    value = CountValue(low=point, high=point, point=point, who=who, subset_of=subset_of, qualifier=qualifier)
    return Mention(id=f"{article}:{n}", article_id=article, slot=slot, value=value,
                   evidence=Span(start=0, end=0, text=""), scope=scope)


def test_article_rule():
    ms = [mention(0, "killed", 3), mention(1, "killed", 2), mention(2, "killed", 9, scope="background"),
          mention(3, "killed", 1, who="attackers"), mention(4, "hospitalized", 5),
          mention(5, "injured", 4, subset_of="injured")]
    counts = article_counts(ms)
    assert counts["victims_killed"] == 3 and counts["killed"] == 4
    # no injured total: the hospitalized not killed are the injured
    assert counts["victims_injured"] == 2
    assert article_counts([])["killed"] == 0


def write_gold(tmp_path, events, articles):
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))


def test_scores_per_event_with_gold_variants(tmp_path):
    suspect_killed = [{"role": "suspect", "status": ["killed"]}]
    events = [
        {"event_id": "e1", "killed": 2, "victims_killed": 1, "injured": 0, "victims_injured": 0, "arrested": None,
         "participants": suspect_killed, "article_ids": ["a1", "a2"]},
        {"event_id": "e2", "killed": None, "injured": 3, "victims_killed": None, "victims_injured": 3,
         "arrested": 1, "participants": [], "article_ids": ["a3"]},
    ]
    write_gold(tmp_path, events, [{"id": a, "event_id": e} for a, e in (("a1", "e1"), ("a2", "e1"), ("a3", "e2"))])
    rows = [
        {"article_id": "a1", "mentions": [mention(0, "killed", 1).model_dump(mode="json"),
                                          mention(1, "killed", 1, who="attackers").model_dump(mode="json")]},
        {"article_id": "a2", "mentions": []},
        {"article_id": "a3", "mentions": [mention(0, "injured", 2, article="a3").model_dump(mode="json")]},
    ]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = evaluate(out, tmp_path)
    assert report.unit == "event" and report.variants
    s = report.scores
    assert (s["killed"].n, s["killed"].exact) == (1, 1)  # 1 victim + 1 attacker = 2
    assert s["victims_killed"].exact == 1
    assert s["injured"].n == 2 and s["injured"].exact == 1 and s["injured"].mae == 0.5
    assert s["arrested"].n == 1 and s["arrested"].within_one == 1

    result = CliRunner().invoke(app, ["eval", "counts", str(out), str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "victims_killed" in result.output and "per event" in result.output


def test_brief_json_scores_the_reconciled_facts(tmp_path):
    suspect_killed = [{"role": "suspect", "status": ["killed"]}]
    write_gold(tmp_path, [
        {"event_id": "e1", "killed": 3, "victims_killed": 2, "injured": 1, "victims_injured": 1,
         "arrested": 0, "participants": suspect_killed, "article_ids": ["a1", "a2"]},
        {"event_id": "e2", "killed": 0, "victims_killed": 0, "injured": 4, "victims_injured": 4,
         "arrested": 1, "participants": [], "article_ids": ["a3"]},
    ], [{"id": "a1", "event_id": "e1"}, {"id": "a2", "event_id": "e1"}, {"id": "a3", "event_id": "e2"}])
    killed = {"slot": "killed", "best": 3, "value": {"victims": 2, "attackers": 1},
              "mentions": [{"mention_id": "a1:0", "article_id": "a1", "quote": "two people were killed",
                            "start": 0, "end": 22}]}
    report_json = {"events": [
        # the mentions say 9 killed; the product's answer is the fact, and that is what is scored
        {"id": "x", "article_ids": ["a1", "a2"], "facts": {"killed": killed},
         "mentions": [mention(0, "killed", 9).model_dump(mode="json")]},
        {"id": "y", "article_ids": ["a3"], "facts": {"injured": {"slot": "injured", "best": 2}}},
    ]}
    out = tmp_path / "brief.json"
    out.write_text(json.dumps(report_json))
    report = evaluate(out, tmp_path)
    s = report.scores
    assert report.unit == "event" and "facts" in report.scored
    assert (s["killed"].n, s["killed"].exact, s["victims_killed"].exact) == (2, 2, 2)
    assert s["injured"].exact == 0 and s["injured"].mae == 1.5  # e1: no fact -> 0; e2: 2 vs 4
    assert s["arrested"].exact == 1
    worst = s["injured"].worst(1)[0]
    assert (worst.id, worst.predicted, worst.gold) == ("e2", 2, 4)

    result = CliRunner().invoke(app, ["eval", "counts", str(out), str(tmp_path), "--errors", "2"])
    assert result.exit_code == 0, result.output
    assert "miss injured e2: predicted 2, gold 4" in result.output
    assert "no evidence" in result.output


def test_bad_inputs_name_the_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        evaluate(tmp_path / "missing.json", tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(InputError, match="bad.json"):
        evaluate(bad, tmp_path)
