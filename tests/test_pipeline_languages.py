"""A report in a language newsfuse does not read is kept, listed, and joins no event."""

from __future__ import annotations

import json

import pytest

import newsfuse
from newsfuse.report import render

GERMAN = {
    "title": "Busunglück in den Alpen: zwölf Tote",
    "text": "Bei einem Busunglück in den Alpen sind am Montag mindestens zwölf Menschen ums Leben "
            "gekommen, teilte die Polizei mit. Zwanzig weitere wurden verletzt, als der Bus von der "
            "Straße abkam und in eine Schlucht stürzte.",
    "published": "2025-06-02", "source": "beispiel-zeitung.test",
}
ENGLISH = [
    {"title": "Bus crash in the Alps kills twelve",
     "text": "At least twelve people were killed on Monday when a bus left the road in the Alps "
             "and plunged into a ravine, police said. Another 20 were injured.",
     "published": "2025-06-02", "source": "example-news.test"},
    {"title": "Twelve dead as bus plunges into Alpine ravine",
     "text": "A bus plunged into a ravine in the Alps on Monday, killing twelve people and "
             "injuring 20, police said.",
     "published": "2025-06-02", "source": "other-news.test"},
]


@pytest.fixture(scope="module")
def report():
    return newsfuse.brief([GERMAN, *ENGLISH], newsfuse.Options(n_process=1))


def test_the_german_report_is_kept_and_listed(report):
    german = next(a for a in report.articles if a.language == "de")
    [note] = report.unsupported
    assert note.article_id == german.id and note.language == "de"
    assert note.note == "language de: not supported yet"


def test_it_is_not_extracted_nor_clustered_with_the_english_event(report):
    german = report.unsupported[0].article_id
    assert all(german not in event.article_ids for event in report.events)
    assert all(m.article_id != german for event in report.events for m in event.mentions)
    [event] = report.events
    assert len(event.article_ids) == 2 and event.facts["killed"].best == 12


def test_the_note_is_in_every_format(report):
    assert "language de: not supported yet" in render(report, "md")
    assert "language de: not supported yet" in render(report, "html")
    assert json.loads(render(report, "json"))["unsupported"][0]["language"] == "de"


def test_group_by_does_not_put_it_in_an_event():
    rows = [{**GERMAN, "event_id": "e1"}, {**ENGLISH[0], "event_id": "e1"}]
    report = newsfuse.brief(rows, newsfuse.Options(group_by="event_id", n_process=1))
    [event] = report.events
    assert len(event.article_ids) == 1 and len(report.unsupported) == 1


def test_nothing_read_raises_with_the_reasons():
    with pytest.raises(newsfuse.NothingReadError) as caught:
        newsfuse.brief([{"title": "no text here"}])
    assert [r.code for r in caught.value.rejected] == ["no_text"]
    assert "<input #1>" in str(caught.value)


def test_extract_writes_article_mentions_and_notes_the_german_one(tmp_path):
    from typer.testing import CliRunner

    from newsfuse.cli import app
    from newsfuse.model import ArticleMentions

    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [GERMAN, ENGLISH[0]]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    rows = [ArticleMentions.model_validate_json(line) for line in result.stdout.splitlines()]
    german, english = rows
    assert german.language == "de" and german.note == "language de: not supported yet"
    assert german.mentions == []
    assert english.language == "en" and english.note is None
    assert any(m.slot == "killed" for m in english.mentions)
