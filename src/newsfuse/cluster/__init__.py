"""Stage ``cluster``: near-duplicates, syndication and online event clustering (issue 4).

Public API::

    cluster_articles(articles, analysed, mentions_by_article_id, *, progress, corrections, params, recheck)
        -> (events, duplicates)      # batch: the stream in publication order, recheck.py, merge.py
    OnlineClusterer(params=None, corrections=())       # streaming: .add(article, analysed, mentions)
    apply_corrections(events, corrections, *, published=None, strict=False) -> events
    group_by_field(articles, analysed, field)          # events from an input field instead
    load_params(path=None) -> ClusterParams            # the fitted parameters (params.json)
    wire_source(title, text) -> agency key or None     # the source-independence key
    save_state(clusterer) -> bytes / load_state(bytes, params) -> OnlineClusterer

See docs/cluster.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from newsfuse.cluster.corrections import apply_corrections, event_id_for, seed_of
from newsfuse.cluster.dedup import NearDuplicateIndex, wire_source
from newsfuse.cluster.features import text_date
from newsfuse.cluster.merge import merge_events
from newsfuse.cluster.online import OnlineClusterer
from newsfuse.cluster.params import ClusterParams, load_params
from newsfuse.cluster.recheck import recheck_small_events
from newsfuse.cluster.sources import ArticleInfo, build_event
from newsfuse.cluster.state import load_state, save_state
from newsfuse.model import Analysed, Article, Correction, Duplicate, Event, Mention

__all__ = [
    "ClusterParams",
    "NearDuplicateIndex",
    "OnlineClusterer",
    "apply_corrections",
    "cluster_articles",
    "event_id_for",
    "group_by_field",
    "load_params",
    "load_state",
    "make_event",
    "publication_order",
    "save_state",
    "seed_of",
    "stream_in_order",
    "wire_source",
]


def _published_key(article: Article):
    return (article.published is None, article.published.isoformat() if article.published else "")


def make_event(event_id: str, articles: Sequence[Article]) -> Event:
    """An Event holding exactly ``articles``, ordered by publication, its independent sources
    grouped by the clusterer's rule (one outlet, one wire service)."""
    ordered = sorted(articles, key=_published_key)
    info = {
        a.id: ArticleInfo(event=0, seq=i, title=a.title, published=a.published, source=a.source,
                          wire=wire_source(a.title, a.text), duplicate_of=None, folded=False)
        for i, a in enumerate(ordered)
    }
    return build_event(event_id, [a.id for a in ordered], info)


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


def publication_order(articles: Sequence[Article]) -> list[int]:
    """Indices of ``articles`` in the order the stream sees them: undated articles first (in
    input order), then by publication time (naive times read as UTC), ties in input order.

    Undated articles go first because they cannot close an event by time: the events they start
    stay open for every dated report after them, whereas placed last they would meet only the
    events still open at the end of the corpus.
    """

    def key(i: int):
        published = articles[i].published
        if published is None:
            written = text_date(articles[i])
            if written is None:
                return (0, 0.0, i)
            published = datetime(written.year, written.month, written.day)
        if published.tzinfo is None:
            published = published.replace(tzinfo=timezone.utc)
        return (1, published.timestamp(), i)

    return sorted(range(len(articles)), key=key)


def stream_in_order(
    clusterer: OnlineClusterer,
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    mentions: dict[str, list[Mention]],
    *,
    progress=None,
) -> OnlineClusterer:
    """Add ``articles`` to ``clusterer`` in :func:`publication_order` (the stream of a batch)
    and return it. ``analysed`` aligns with nothing in particular: it is looked up by id."""
    by_id = {a.article_id: a for a in analysed}
    order = publication_order(articles)
    for done, i in enumerate(order, 1):
        article = articles[i]
        clusterer.add(article, by_id.get(article.id), mentions.get(article.id))
        if progress:
            progress("cluster", done, len(order))
    return clusterer


def cluster_articles(
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    mentions: dict[str, list[Mention]],
    *,
    progress=None,
    corrections: Sequence[Correction] = (),
    params: ClusterParams | None = None,
    recheck: bool = True,
) -> tuple[list[Event], list[Duplicate]]:
    """Cluster a whole corpus: the stream of its articles in publication order, then a second
    look at the small events (``recheck.py``) and a last look that merges the events the
    event-pair model calls one (``merge.py``); both off with ``recheck=False``, and then exactly
    the streamed result.

    Args:
        articles: the articles (any order).
        analysed: their analyse output, aligned with ``articles`` (or empty: text features only).
        mentions: article id -> extracted mentions (may be empty).
        progress: ``progress("cluster", done, total)``.
        corrections: merges/splits to keep (see :func:`apply_corrections`).
        params: parameters (default: the fitted ``params.json``).
        recheck: move articles that fail the leave-one-out check out of small events
            (:func:`~newsfuse.cluster.recheck.recheck_small_events`), then merge events
            (:func:`~newsfuse.cluster.merge.merge_events`); False gives exactly what an
            :class:`OnlineClusterer` fed the same stream gives.

    Returns:
        (events ordered by first article, near-duplicates found).
    """
    clusterer = OnlineClusterer(params, corrections, keep_features=recheck)
    stream_in_order(clusterer, articles, analysed, mentions, progress=progress)
    if recheck:
        recheck_small_events(clusterer)
        merge_events(clusterer)
    return clusterer.events(), clusterer.duplicates
