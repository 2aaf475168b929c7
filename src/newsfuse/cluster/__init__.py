"""Stage ``cluster``: near-duplicates and events. (issue 4)"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Analysed, Article, Duplicate, Event, Mention

__all__ = ["cluster_articles", "group_by_field"]


def _published_key(article: Article):
    return (article.published is None, article.published.isoformat() if article.published else "")


def make_event(event_id: str, articles: Sequence[Article]) -> Event:
    ordered = sorted(articles, key=_published_key)
    dates = [a.published for a in ordered if a.published]
    return Event(
        id=event_id,
        title=next((a.title for a in ordered if a.title), None),
        article_ids=[a.id for a in ordered],
        source_groups=[[a.id] for a in ordered],
        independent_sources=len(ordered),
        first_published=min(dates) if dates else None,
        last_published=max(dates) if dates else None,
    )


def group_by_field(
    articles: Sequence[Article], analysed: Sequence[Analysed], field: str
) -> tuple[list[Event], list[Duplicate]]:
    """Events taken from an input field (``--group-by event_id``) instead of clustering."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        value = getattr(article, field, None) if field in Article.model_fields else None
        if value is None:
            value = article.extra.get(field)
        key = str(value) if value is not None else f"article:{article.id}"
        groups.setdefault(key, []).append(article)
    return [make_event(key, members) for key, members in groups.items()], []


def cluster_articles(
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    mentions: dict[str, list[Mention]],
    *,
    progress=None,
) -> tuple[list[Event], list[Duplicate]]:
    """Placeholder until online clustering lands: one event per article."""
    return [make_event(f"e{i + 1}", [a]) for i, a in enumerate(articles)], []
