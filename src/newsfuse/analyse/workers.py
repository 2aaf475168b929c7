"""Where the models run: in this process, or in forked workers that each take chunks of articles.

Workers are forked after the spaCy pipeline is loaded, so they share it instead of loading it
again. Each worker parses its chunk, builds the Analysed results, embeds the leads (one model
thread per worker: two single-threaded workers use two cores better than one two-threaded model
call after the parse) and runs the caller's function on each article while the Doc is at hand.
Only the results travel back; a Doc travels (as bytes, without its tensor) only when the caller
asks to keep it.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsfuse.analyse import embeddings as emb
from newsfuse.analyse.nlp import load_pipeline
from newsfuse.analyse.truecase import restore_case
from newsfuse.ingest.limits import MAX_TEXT_CHARS
from newsfuse.model import Analysed, Article, Entity, Span

#: Below this many articles one process is faster than forking workers.
MULTIPROCESS_MIN_ARTICLES = 64
#: Chunks per worker: enough that one slow chunk does not leave the other cores idle at the end.
CHUNKS_PER_WORKER = 8
LEAD_CHARS = 600

Job = tuple[Callable | None, bool, bool, int]  # fn, embeddings, keep_docs, batch_size
_job: Job | None = None  # set in each worker by _init_worker


def lead_text(article: Article) -> str:
    """Title and the start of the text: what an editor reads to know the event."""
    head = article.text[:LEAD_CHARS]
    return f"{article.title}\n{head}" if article.title else head


def resolve_processes(n_process: int, n_articles: int) -> int:
    """The worker processes to use: ``n_process``, or for 0 one per core when the batch is large."""
    if n_process == 0:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        n_process = (cores or 1) if n_articles >= MULTIPROCESS_MIN_ARTICLES else 1
    return max(1, min(n_process, n_articles))


def iter_run(
    articles: Sequence[Article],
    fn: Callable | None,
    *,
    n_process: int,
    batch_size: int,
    embeddings: bool,
    keep_docs: bool,
    progress=None,
) -> Iterator[tuple[Analysed, Any]]:
    """``(Analysed, fn(article, analysed) or None)`` per article, in order (see ``analyse``), as
    the workers finish their chunks: a caller (the live ingest) writes the first batches while
    the workers parse the rest. Closing the generator early ends the workers."""
    if not articles:
        return
    nlp = load_pipeline()  # before forking: the workers inherit it
    n_process = resolve_processes(n_process, len(articles))
    job: Job = (fn, embeddings, keep_docs, batch_size)
    if n_process == 1:
        done = 0
        for begin in range(0, len(articles), batch_size):
            part = _analyse_chunk(articles[begin : begin + batch_size], job, keep_doc_objects=True)
            done += len(part)
            if progress:
                progress("analyse", done, len(articles))
            yield from part
        return
    # The first article is done here, before forking: the data that extraction loads on first use
    # (lexicons, the gazetteer) are then loaded once and shared, not once per worker.
    yield from _analyse_chunk(articles[:1], job, keep_doc_objects=True)
    done = 1
    rest = articles[1:]
    size = max(1, min(batch_size, math.ceil(len(rest) / (n_process * CHUNKS_PER_WORKER))))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    # Python's advice for fork() without exec(): freeze what exists now (the models, the
    # extraction data loaded by the first article, the input) before forking. No cyclic-GC pass,
    # in the workers or here afterwards, walks those ~400k long-lived objects again: each full
    # pass over them cost 0.2-0.25 s of CPU (three in this process during a 172-article run, one
    # more in the report stage), and the workers' pages stay shared. They live until the process
    # ends anyway; only a reference cycle among them would now never be freed.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process, initializer=_init_worker, initargs=(job,)) as pool:
        for part in pool.imap(_worker_chunk, chunks):
            done += len(part)
            if progress:
                progress("analyse", done, len(articles))
            if keep_docs:
                from spacy.tokens import Doc

                for analysed, _ in part:
                    analysed.doc = Doc(nlp.vocab).from_bytes(analysed.doc)
            yield from part


def _init_worker(job: Job) -> None:
    global _job
    _job = job
    # A model session inherited from the parent may hold threads that did not survive the fork.
    emb._session_and_tokenizer.cache_clear()


def _worker_chunk(articles: Sequence[Article]) -> list[tuple[Analysed, Any]]:
    assert _job is not None
    return _analyse_chunk(articles, _job, keep_doc_objects=False)


def _analyse_chunk(
    articles: Sequence[Article], job: Job, *, keep_doc_objects: bool
) -> list[tuple[Analysed, Any]]:
    fn, embeddings, keep_docs, batch_size = job
    nlp = load_pipeline()
    results = []
    # Ingest cuts texts at MAX_TEXT_CHARS; Articles built by a caller may be longer, and spaCy
    # refuses 1,000,000 characters (E088): the analysis reads their start. Capitals-only (or
    # lower-case-only) text is parsed with its casing restored: same length, so every offset
    # the parse gives points into article.text as it is.
    texts = [restore_case(a.text[:MAX_TEXT_CHARS]) for a in articles]
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=batch_size), strict=True):
        results.append(to_analysed(article, doc))
    if embeddings:
        embed_leads(articles, results)
    out = []
    for article, analysed in zip(articles, results, strict=True):
        found = fn(article, analysed) if fn is not None else None
        doc = analysed.doc
        if not keep_docs:
            analysed.doc = None
        elif not keep_doc_objects:
            analysed.doc = doc.to_bytes(exclude=["tensor", "user_data"])
        out.append((analysed, found))
    return out


def to_analysed(article: Article, doc) -> Analysed:
    """The Analysed of one parsed article (its sentences and entities), holding its Doc."""
    return Analysed(
        article_id=article.id,
        sentences=[Span(start=s.start_char, end=s.end_char, text=s.text) for s in doc.sents],
        entities=[
            Entity(start=e.start_char, end=e.end_char, text=e.text, label=e.label_,
                   canonical=e.ent_id_ or None)
            for e in doc.ents
        ],
        doc=doc,
    )


def embed_leads(articles: Sequence[Article], results: list[Analysed]) -> None:
    """Title+lead vectors (for clustering).

    Sentence vectors for the summary are not made here: embedding the first two sentences of
    every lead cost 22 ms per article and saved the summary 8 ms per event on gva-dev (most events
    have one article, whose summary needs no model), and an event of n articles would pay 2n
    sentences here against at most 6 in the summary. Pooling the lead's own token states over each
    sentence would cost nothing, but the context smears them: a lead's sentences come out
    0.75-0.87 similar to each other where embedded alone they are 0.2-0.5, which breaks the
    summary's redundancy and citation tests.
    """
    vectors = emb.embed([lead_text(a) for a in articles], batch_size=64)
    for analysed, vector in zip(results, vectors, strict=True):
        analysed.embedding = vector.tolist()
