"""Stage ``analyse``: the one place that runs the NLP models.

``analyse(articles)`` returns one :class:`~newsfuse.model.Analysed` per article, in order:
sentences, entities, the spaCy Doc (in memory) and the embedding of the title and lead. Nothing
downstream loads a model. ``analyse_each(articles, fn)`` also runs ``fn(article, analysed)`` (extraction) in the
process that holds the Doc, so that Docs never cross processes when workers run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from newsfuse.analyse.embeddings import embed
from newsfuse.analyse.nlp import load_pipeline
from newsfuse.analyse.workers import (
    LEAD_CHARS,
    MULTIPROCESS_MIN_ARTICLES,
    iter_run,
    lead_text,
)
from newsfuse.model import Analysed, Article

__all__ = [
    "LEAD_CHARS",
    "MULTIPROCESS_MIN_ARTICLES",
    "analyse",
    "analyse_each",
    "embed",
    "iter_analyse_each",
    "lead_text",
    "load_pipeline",
]

T = TypeVar("T")


def analyse(
    articles: Sequence[Article],
    *,
    n_process: int = 0,
    batch_size: int = 64,
    embeddings: bool = True,
    progress=None,
) -> list[Analysed]:
    """Run the models over ``articles``; each result keeps its spaCy Doc in ``doc``.

    Args:
        articles: the articles, in the order the results are wanted.
        n_process: worker processes; 0 = one per core when there are many articles.
        batch_size: documents per spaCy batch.
        embeddings: also embed title+lead (for clustering).
        progress: ``progress("analyse", done, total)``.

    Returns:
        One Analysed per article, in order.

    Raises:
        ModelError: when a model is not installed.
    """
    results = iter_run(articles, None, n_process=n_process, batch_size=batch_size,
                       embeddings=embeddings, keep_docs=True, progress=progress)
    return [analysed for analysed, _ in results]


def analyse_each(
    articles: Sequence[Article],
    fn: Callable[[Article, Analysed], T],
    *,
    n_process: int = 0,
    batch_size: int = 64,
    embeddings: bool = True,
    progress=None,
) -> list[tuple[Analysed, T]]:
    """Analyse ``articles`` and call ``fn(article, analysed)`` where the Doc was made.

    With worker processes, the Docs stay in the workers (sending them back costs more than the
    parse of small articles): the results carry ``doc=None`` and what ``fn`` returned, which must
    be picklable. Without workers the Doc is dropped too, so that both behave alike.

    Args:
        articles: the articles, in the order the results are wanted.
        fn: run once per article on its Analysed (with the Doc), e.g. ``extract_mentions``.
        n_process: worker processes; 0 = one per core when there are many articles.
        batch_size: documents per spaCy batch.
        embeddings: as for :func:`analyse`.
        progress: ``progress("analyse", done, total)``.

    Returns:
        ``(analysed, fn(article, analysed))`` per article, in order; ``analysed.doc`` is None.

    Raises:
        ModelError: when a model is not installed; whatever ``fn`` raises.
    """
    return list(iter_analyse_each(articles, fn, n_process=n_process, batch_size=batch_size,
                                  embeddings=embeddings, progress=progress))


def iter_analyse_each(
    articles: Sequence[Article],
    fn: Callable[[Article, Analysed], T],
    *,
    n_process: int = 0,
    batch_size: int = 64,
    embeddings: bool = True,
    progress=None,
) -> Iterator[tuple[Analysed, T]]:
    """:func:`analyse_each` as a generator: results in order, as soon as their chunk is done (the
    workers go on with the next chunks while the caller uses them)."""
    return iter_run(articles, fn, n_process=n_process, batch_size=batch_size,
                    embeddings=embeddings, keep_docs=False, progress=progress)
