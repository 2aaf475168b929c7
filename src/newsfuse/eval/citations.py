"""Scoring a brief's citations: does each cited article state what the citing line says?

Input is a brief JSON (``newsfuse brief -f json``): its articles (text), and per event the
summary sentences, timeline and revised-figure lines with their citations, the facts with their
quotes, and the mentions. No gold is needed. Three shares, over all events:

- **numbers**: of the (line, cited article) pairs, the share whose every stated number the cited
  article states. For a summary sentence, a figure an extracted count mention reads must be read by
  one of the article's mentions with the same slot and interval, any other number must be written
  in its text; for a timeline or revised-figure line, every number in the line must be written in
  the cited article (``newsfuse.report.support``).
- **content**: of the (summary sentence, cited article) pairs, the share where the cited article
  has a sentence covering at least ``content_threshold`` of the sentence's content words.
- **quotes**: of the facts' quotes (supporting and conflicting mentions), the share found
  verbatim at their offsets in their article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.model import Article, Report
from newsfuse.report.summary import event_claims, settings
from newsfuse.report.support import content_support, sentence_claim, states_figures


@dataclass
class Share:
    name: str
    n: int = 0
    held: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.n += 1
        self.held += ok
        if not ok:
            self.misses.append(what)

    @property
    def share(self) -> float:
        return self.held / self.n if self.n else 1.0

    def as_dict(self) -> dict:
        return {"measure": self.name, "pairs": self.n, "held": self.held, "share": round(self.share, 4)}


def load_report(path: Path) -> Report:
    try:
        return Report.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: not readable ({exc}).") from exc
    except ValueError as exc:
        raise InputError(f"{path}: not a brief JSON (newsfuse brief -f json): {exc}") from exc


def _quote_ok(article: Article | None, quote) -> bool:
    if article is None:
        return False
    text = article.title or "" if quote.field == "title" else article.text
    return text[quote.start : quote.end] == quote.quote


def evaluate(report: Report) -> dict[str, Share]:
    """The three shares (``numbers``, ``content``, ``quotes``) over every event of the report."""
    articles = {a.id: a for a in report.articles}
    threshold = settings()["content_threshold"]
    numbers, content, quotes = Share("numbers"), Share("content"), Share("quotes")
    for brief in report.events:
        members = [articles[a] for a in brief.article_ids if a in articles]
        claims = event_claims(members, brief.mentions)
        by_index = {s.index: s.article_id for s in brief.sources}
        for sentence in brief.summary:
            claim = sentence_claim(sentence.text, sentence.start, brief.mentions, sentence.article_id)
            for n in sentence.citations:
                cited = claims.get(by_index.get(n, ""))
                what = f"{brief.id} [{n}] {sentence.text[:80]}"
                numbers.add(cited is not None and states_figures(claim, cited), what)
                content.add(cited is not None and content_support(claim, cited) >= threshold, what)
        for line in [*brief.timeline, *brief.revisions]:
            claim = sentence_claim(line.what, 0, [], "")
            for n in line.citations:
                cited = claims.get(by_index.get(n, ""))
                what = f"{brief.id} [{n}] {line.what[:80]}"
                numbers.add(cited is not None and states_figures(claim, cited), what)
        for fact in brief.facts.values():
            for quote in [*fact.mentions, *fact.conflicting]:
                quotes.add(_quote_ok(articles.get(quote.article_id), quote), f"{brief.id} {quote.mention_id}")
    return {s.name: s for s in (numbers, content, quotes)}


def format_scores(scores: dict[str, Share], title: str) -> str:
    labels = {
        "numbers": "every number stated by the cited article",
        "content": "content supported by the cited article",
        "quotes": "fact quotes verbatim at their offsets",
    }
    lines = [title]
    for name, s in scores.items():
        lines.append(f"{labels[name]:<42} {s.share:6.3f}  ({s.held} of {s.n})")
    return "\n".join(lines)


def evaluate_file(path: Path) -> dict[str, Share]:
    return evaluate(load_report(path))


def as_json(scores: dict[str, Share]) -> str:
    return json.dumps([s.as_dict() for s in scores.values()], indent=2)
