"""``newsfuse eval citations``: the shares on a hand-made brief, and the quality gate on the
bundled examples through the default command (the seeds' gate is in test_seeds_end_to_end.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.errors import InputError
from newsfuse.eval.citations import evaluate
from newsfuse.model import (
    Article,
    Brief,
    CountValue,
    Fact,
    FactMention,
    Mention,
    Report,
    SourceRef,
    Span,
    SummarySentence,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
A = "Floodwater swept through Orlen Vale on Monday, killing 14 people in the lower town."
B = "Floodwater swept through Orlen Vale on Monday, killing 9 people in the lower town."


def _killed(article_id: str, text: str, n: int) -> Mention:
    phrase = f"killing {n} people"
    start = text.index(phrase)
    return Mention(id=f"{article_id}:1", article_id=article_id, slot="killed",
                   value=CountValue(low=n, high=n, point=n),
                   evidence=Span(start=start, end=start + len(phrase), text=phrase))


def _report(citations: list[int], quote_start: int) -> Report:
    mentions = [_killed("a", A, 14), _killed("b", B, 9)]
    quote = FactMention(mention_id="a:1", article_id="a", quote="killing 14 people",
                        start=quote_start, end=quote_start + len("killing 14 people"))
    brief = Brief(
        id="ev-a", article_ids=["a", "b"], mentions=mentions,
        summary=[SummarySentence(text=A, citations=citations, article_id="a", start=0, end=len(A))],
        facts={"killed": Fact(slot="killed", best=14, mentions=[quote])},
        sources=[SourceRef(index=1, article_id="a", group=1), SourceRef(index=2, article_id="b", group=2)],
    )
    return Report(events=[brief], articles=[Article(id="a", text=A), Article(id="b", text=B)])


def test_a_citation_of_an_article_with_another_figure_does_not_hold():
    good_start = A.index("killing 14")
    scores = evaluate(_report([1], good_start))
    assert (scores["numbers"].share, scores["content"].share, scores["quotes"].share) == (1.0, 1.0, 1.0)
    scores = evaluate(_report([1, 2], good_start + 1))
    assert scores["numbers"].share == 0.5  # [2] says 9 were killed
    assert scores["content"].share == 1.0  # ... in the same words
    assert scores["quotes"].share == 0.0  # the quote is not at its offsets


def test_the_command_prints_the_three_shares(tmp_path):
    path = tmp_path / "brief.json"
    path.write_text(_report([1, 2], A.index("killing 14")).model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "citations", str(path), "--json"])
    assert result.exit_code == 0, result.output
    shares = {row["measure"]: row["share"] for row in json.loads(result.output)}
    assert shares == {"numbers": 0.5, "content": 1.0, "quotes": 1.0}
    bad = CliRunner().invoke(app, ["eval", "citations", str(tmp_path / "missing.json")])
    assert isinstance(bad.exception, InputError) and "missing.json" in str(bad.exception)


def test_quality_gate_on_the_examples(tmp_path):
    # measured 1.000 / 1.000 / 1.000 (55, 18 and 118 pairs); floors with margin
    out = tmp_path / "examples.json"
    result = CliRunner().invoke(app, ["brief", str(EXAMPLES), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    scores = evaluate(Report.model_validate_json(out.read_text(encoding="utf-8")))
    assert scores["numbers"].share >= 0.97
    assert scores["content"].share >= 0.93
    assert scores["quotes"].share == 1.0
