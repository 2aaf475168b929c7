"""Test stories for the store and the web: our own short articles with their claims written out.

Each line of data/stories.jsonl is an article and the claims it makes, as phrases of its text.
``stories_extract`` turns those into Mentions with exact offsets: the store and web tests check
storage, assignment and display, and need known mentions whatever the extract stage finds.
Everything else (analyse, online assignment, reconcile, report) is the real code.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.model import Analysed, Article, Attribution, CountValue, Mention, Span
from newsfuse.live import Stages, default_stages

DATA = Path(__file__).parent / "data" / "stories.jsonl"


def load_stories() -> tuple[list[Article], dict[str, list[dict]]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return ([Article(**r["article"]) for r in rows], {r["article"]["id"]: r["claims"] for r in rows})


def stories_extract(claims: dict[str, list[dict]]):
    """An extract function that returns the written-out claims of the story articles."""

    def extract(article: Article, analysed: Analysed) -> list[Mention]:
        found = []
        for n, claim in enumerate(claims.get(article.id, []), 1):
            start = article.text.find(claim["phrase"])
            if start < 0:  # an updated text without the phrase: no claim
                continue
            end = start + len(claim["phrase"])
            sentence = next((s for s in analysed.sentences if s.start <= start < s.end), None)
            found.append(Mention(
                id=f"{article.id}:{n}", article_id=article.id, slot=claim["slot"],
                value=CountValue(low=claim["low"], high=claim["high"], point=claim["low"],
                                 qualifier=claim.get("qualifier", "exact")),
                evidence=Span(start=start, end=end, text=claim["phrase"]),
                sentence=sentence,
                attribution=Attribution(source=claim.get("source"),
                                        kind="official" if claim.get("source") else "article"),
                revision=claim.get("revision", False),
            ))
        return found

    return extract


def stories_stages(claims: dict[str, list[dict]]) -> Stages:
    return default_stages(n_process=1, extract=stories_extract(claims))


def failing_on(stages: Stages, article: int, error: Exception) -> Stages:
    """``stages`` whose analyse raises ``error`` when asked for its ``article``-th result
    (1-based, counted over the whole ingest), to test what a crash or a locked store in the
    middle of an ingest leaves behind."""
    calls = {"n": 0}

    def analyse(batch):
        for result in stages.analyse(batch):
            calls["n"] += 1
            if calls["n"] == article:
                raise error
            yield result

    return Stages(analyse=analyse, reconcile=stages.reconcile, build_brief=stages.build_brief)
