"""Stage ``analyse``: the one place that runs the NLP models.

``analyse(articles)`` returns one :class:`~newsfuse.model.Analysed` per article, in order:
sentences, entities, the spaCy Doc (in memory) and embeddings of the title and lead. Nothing
downstream loads a model.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from newsfuse.analyse.embeddings import embed
from newsfuse.analyse.nlp import load_pipeline
from newsfuse.model import Analysed, Article, Entity, Span

__all__ = ["analyse", "embed", "lead_text", "load_pipeline"]

#: Below this many articles one process is faster than starting workers.
MULTIPROCESS_MIN_ARTICLES = 200
LEAD_CHARS = 600


def lead_text(article: Article) -> str:
    """Title and the start of the text: what an editor reads to know the event."""
    head = article.text[:LEAD_CHARS]
    return f"{article.title}\n{head}" if article.title else head


def analyse(
    articles: Sequence[Article],
    *,
    n_process: int = 0,
    batch_size: int = 64,
    embeddings: bool = True,
    progress=None,
) -> list[Analysed]:
    """Run the models over ``articles``.

    Args:
        n_process: spaCy worker processes; 0 = one per core when there are many articles.
        batch_size: documents per batch.
        embeddings: also embed title+lead (for clustering and summaries).
        progress: ``progress("analyse", done, total)``.
    """
    if not articles:
        return []
    nlp = load_pipeline()
    if n_process == 0:
        n_process = (os.cpu_count() or 1) if len(articles) >= MULTIPROCESS_MIN_ARTICLES else 1
    results: list[Analysed] = []
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        results.append(
            Analysed(
                article_id=article.id,
                sentences=[Span(start=s.start_char, end=s.end_char, text=s.text) for s in doc.sents],
                entities=[
                    Entity(
                        start=e.start_char,
                        end=e.end_char,
                        text=e.text,
                        label=e.label_,
                        canonical=e.ent_id_ or None,
                    )
                    for e in doc.ents
                ],
                doc=doc,
            )
        )
        if progress:
            progress("analyse", len(results), len(articles))
    if embeddings:
        vectors = embed([lead_text(a) for a in articles], batch_size=batch_size, threads=n_process)
        for result, vector in zip(results, vectors, strict=True):
            result.embedding = vector.tolist()
    return results
