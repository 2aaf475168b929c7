"""Stage ``report``: Event + Facts → Brief, and the renderers. (issue 5)"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Analysed, Article, Brief, Event, Fact, Mention, Report, SourceRef

__all__ = ["build_brief", "render"]


def build_brief(
    event: Event,
    facts: dict[str, Fact],
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    analysed: Sequence[Analysed],
) -> Brief:
    return Brief(
        id=event.id,
        title=event.title,
        headline=event.title,
        article_ids=event.article_ids,
        duplicates=event.duplicates,
        independent_sources=event.independent_sources,
        facts=facts,
        mentions=list(mentions),
        sources=[
            SourceRef(index=i + 1, article_id=a.id, title=a.title, source=a.source, url=a.url,
                      published=a.published, group=i + 1)
            for i, a in enumerate(articles)
        ],
    )


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=2)
    lines = []
    for b in report.events:
        lines.append(f"# {b.headline or b.id}")
        for slot, fact in b.facts.items():
            if fact.best is not None:
                lines.append(f"- {slot}: {fact.best}")
    return "\n".join(lines) + "\n"
