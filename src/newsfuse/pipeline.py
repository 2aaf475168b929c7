"""The one place that wires the stages: read → analyse+extract → cluster → reconcile → report.

Each step is a function over the model types, and every caller (``newsfuse brief``, ``newsfuse
extract``, the live store's ingest in ``newsfuse.live``, tests, benchmarks) runs these instead of
calling the stages itself. ``brief(sources, options)`` runs them all and returns a
:class:`~newsfuse.model.Report`. Where a step's work runs (this process, forked workers, a Dask
cluster) is the engine's business (``newsfuse.engines``); the steps and their results are the
same whichever engine runs them. Each stage is a package of its own; this module never does a
stage's work itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsfuse.errors import ConfigError, NothingReadError
from newsfuse.model import (
    Analysed,
    Article,
    Brief,
    Duplicate,
    Event,
    IngestResult,
    Mention,
    Report,
    Unsupported,
)

if TYPE_CHECKING:
    from newsfuse.engines import Engine
    # ingest loads its readers' libraries; the pipeline imports stages lazily
    from newsfuse.ingest.objects import Source

#: progress(stage, done, total): called by long stages; the CLI draws it as a bar.
ProgressCallback = Callable[[str, int, int], None]
#: extract(article, analysed) -> its mentions; runs where the article's Doc is.
ExtractFn = Callable[[Article, Analysed], list[Mention]]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Options:
    """Everything a run can be told. Resolved once at the edge (CLI or caller), passed down.

    Args:
        group_by: take the event grouping from this input field (e.g. ``event_id``) instead of
            clustering.
        stream: cluster as a stream only (what ``newsfuse ingest`` does), without batch mode's
            second look at small events and merging of events (``cluster_articles(recheck=False)``).
        max_bytes: inputs larger than this are rejected, not read.
        follow_links: follow symbolic links that lead out of an input folder (by default they
            are rejections: a ``passwd.txt -> /etc/passwd`` would put that file in the brief).
        n_process: processes for the NLP models; 0 means one per core when the batch is large.
            With the Dask engine and no scheduler: the LocalCluster's workers (0: one per core).
        batch_size: articles per model batch.
        embeddings: compute sentence embeddings (clustering and summaries use them).
        best_policy: ``latest`` (latest figure from the most authoritative source kind) or
            ``conservative`` (the lowest figure all independent sources support).
        engine: where the work runs: ``local`` (this machine's processes) or ``dask``.
        scheduler: with ``engine="dask"``, the address of a running scheduler
            (``tcp://host:8786``); None starts a LocalCluster.
        progress: called as ``progress(stage, done, total)``; never prints by itself.
    """

    group_by: str | None = None
    stream: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_links: bool = False
    n_process: int = 0
    batch_size: int = 64
    embeddings: bool = True
    best_policy: Literal["latest", "conservative"] = "latest"
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    progress: ProgressCallback | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}.")
        if self.n_process < 0:
            raise ConfigError(f"n_process must be 0 (one per core) or more, got {self.n_process}.")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, got {self.batch_size}.")
        if self.best_policy not in ("latest", "conservative"):
            raise ConfigError(
                f"best_policy must be 'latest' or 'conservative', got {self.best_policy!r}."
            )
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, got {self.engine!r}.")
        if self.scheduler and self.engine != "dask":
            raise ConfigError("a scheduler address needs the dask engine (--engine dask).")


def brief(sources: Iterable[Source] | Source, options: Options | None = None,
          engine: Engine | None = None) -> Report:
    """Read ``sources`` and return one brief per event.

    >>> report = newsfuse.brief([{"title": "...", "text": "..."}, "examples/"])  # doctest: +SKIP

    Args:
        sources: one source or several, in any mix: files, directories (read recursively),
            glob patterns, ``-`` for stdin, :class:`~newsfuse.model.Article` objects, dicts
            with article fields (``title``, ``text``, ``published``, ``url``, ``source``, or
            news-please's ``maintext``, ``date_publish``...), and strings of article text (a
            string is a path when it could be one: ``newsfuse.ingest.is_path``).
        options: see :class:`Options`; defaults when omitted.
        engine: an open engine to run on; one is opened from ``options`` (and closed) if omitted.

    Returns:
        A Report: the events with their briefs, every article read, every rejected input.

    Raises:
        InputTypeError: a source of another type (before anything is read).
        NothingReadError: when nothing at all could be read (its ``rejected`` says why).
    """
    from newsfuse.engines import open_engine

    options = options or Options()
    with open_engine(options, engine) as running:
        ingested = read(sources, options, running)
        if not ingested.articles:
            raise _nothing_read(ingested)
        report = brief_articles(ingested.articles, options, running)
    report.rejected = ingested.rejected
    report.duplicates = ingested.duplicates + report.duplicates
    return report


def _nothing_read(ingested: IngestResult) -> NothingReadError:
    reasons = "; ".join(f"{r.input} {r.reason}" for r in ingested.rejected[:3])
    more = len(ingested.rejected) - 3
    return NothingReadError(
        f"No article could be read ({len(ingested.rejected)} input(s) rejected"
        + (f": {reasons}" if reasons else "") + (f"; and {more} more" if more > 0 else "") + ").",
        ingested.rejected,
    )


def brief_articles(articles: Sequence[Article], options: Options | None = None,
                   engine: Engine | None = None) -> Report:
    """The pipeline after ingest, for callers that already hold cleaned Articles.

    Unlike :func:`brief`, the articles are taken as they are: no cleaning, no dedup of exact
    copies by text (copies under their own ids are analysed once and count as copies), and an
    empty list gives an empty Report. An article whose ``language`` newsfuse does not read
    (ingest detects it; None is read as English) is kept in ``articles`` and listed in
    ``unsupported``, and goes no further: it is not extracted and joins no event.
    """
    from newsfuse.engines import open_engine

    options = options or Options()
    kept = list(articles)
    unsupported = unsupported_articles(kept)
    if unsupported:
        skipped = {u.article_id for u in unsupported}
        articles = [a for a in kept if a.id not in skipped]
    with open_engine(options, engine) as running:
        analysed, mentions = analyse_extract(articles, options, running)
        events, duplicates = cluster(articles, analysed, mentions, options)
        briefs = brief_events(events, articles, analysed, mentions, options, running)
    return Report(
        generated=datetime.now(timezone.utc),
        events=briefs,
        articles=kept,
        duplicates=duplicates,
        unsupported=unsupported,
    )


def unsupported_articles(articles: Sequence[Article]) -> list[Unsupported]:
    """The articles in a language newsfuse does not read yet, each with its note."""
    from newsfuse.ingest.language import is_supported, unsupported_note

    return [
        Unsupported(article_id=a.id, input=a.input, language=a.language,
                    note=unsupported_note(a.language))
        for a in articles
        if not is_supported(a.language)
    ]


def read(sources: Iterable[Source] | Source, options: Options | None = None,
         engine: Engine | None = None) -> IngestResult:
    """Step 1, ingest only: the articles, rejections and exact duplicates of ``sources``.

    Takes the same sources as :func:`brief` (``options.max_bytes`` and ``options.progress``
    apply); bad content becomes a Rejection, never an exception.

    Raises:
        InputTypeError: a source of another type (before anything is read).
    """
    from collections.abc import Mapping

    options = options or Options()
    if isinstance(sources, (str, Path, Article, Mapping)):
        sources = [sources]
    if engine is not None:
        return engine.read(list(sources), max_bytes=options.max_bytes, progress=options.progress,
                           follow_links=options.follow_links)
    from newsfuse.ingest import read_sources

    return read_sources(list(sources), max_bytes=options.max_bytes, progress=options.progress,
                        follow_links=options.follow_links)


def analyse_extract(articles: Sequence[Article], options: Options, engine: Engine | None = None,
                    *, extract: ExtractFn | None = None
                    ) -> tuple[list[Analysed], dict[str, list[Mention]]]:
    """Step 2: run the models and extract every article's mentions.

    Exact copies under their own ids (syndicated stories) are analysed once; the copies reuse the
    first copy's analysis and mentions, re-addressed to their own article id. A copy is the same
    title and text: extraction reads the title too (headline counts), and truncated crawls share
    one boilerplate text under different titles.

    Returns:
        One Analysed per article (in order, without its Doc) and article id -> its mentions.
    """
    first_copy: dict[tuple[str | None, str], Article] = {}
    for article in articles:
        first_copy.setdefault((article.title, article.text), article)
    originals = list(first_copy.values())
    done = list(iter_analyse_extract(originals, options, engine, extract=extract))
    by_original = {a.id: result for a, result in zip(originals, done, strict=True)}
    analysed: list[Analysed] = []
    mentions: dict[str, list[Mention]] = {}
    for article in articles:
        an, found = by_original[first_copy[(article.title, article.text)].id]
        if an.article_id != article.id:
            an = an.model_copy(update={"article_id": article.id})
            found = [_readdress(m, article.id) for m in found]
        analysed.append(an)
        mentions[article.id] = found
    return analysed, mentions


def iter_analyse_extract(articles: Sequence[Article], options: Options,
                         engine: Engine | None = None, *, extract: ExtractFn | None = None
                         ) -> Iterator[tuple[Analysed, list[Mention]]]:
    """Step 2 as a stream: ``(analysed, mentions)`` per article, in order, as the workers finish.

    Extraction runs where each Doc is made (in the workers): Docs never cross processes. Every
    article is analysed (no copy detection: the live ingest finds copies itself).
    """
    from newsfuse.engines import open_engine

    if extract is None:
        from newsfuse.extract import extract_mentions as extract
    with open_engine(options, engine) as running:
        yield from running.analyse_extract(articles, extract, embeddings=options.embeddings,
                                           batch_size=options.batch_size,
                                           progress=options.progress)


def _readdress(mention: Mention, article_id: str) -> Mention:
    number = mention.id.rsplit(":", 1)[-1]
    return mention.model_copy(update={"id": f"{article_id}:{number}", "article_id": article_id})


def cluster(articles: Sequence[Article], analysed: Sequence[Analysed],
            mentions: dict[str, list[Mention]], options: Options
            ) -> tuple[list[Event], list[Duplicate]]:
    """Step 3, the one sequential step: the events (and near-duplicates) of a batch."""
    from newsfuse.cluster import cluster_articles, group_by_field

    if options.group_by:
        return group_by_field(articles, analysed, options.group_by)
    return cluster_articles(
        articles, analysed, mentions, progress=options.progress, recheck=not options.stream
    )


#: What one event's brief needs: the event, its articles, their mentions and analyses.
EventInput = tuple[Event, list[Article], list[Mention], list[Analysed]]


def event_inputs(events: Sequence[Event], articles: Sequence[Article],
                 analysed: Sequence[Analysed], mentions: dict[str, list[Mention]]
                 ) -> list[EventInput]:
    """Each event with its own articles, mentions and analyses (what a worker is sent)."""
    by_id = {a.id: a for a in articles}
    analysed_by_id = {a.article_id: a for a in analysed}
    return [
        (event, [by_id[i] for i in event.article_ids],
         [m for i in event.article_ids for m in mentions.get(i, [])],
         [analysed_by_id[i] for i in event.article_ids if i in analysed_by_id])
        for event in events
    ]


def brief_event(event: Event, articles: Sequence[Article], mentions: Sequence[Mention],
                analysed: Sequence[Analysed], policy: str = "latest") -> Brief:
    """Steps 4 and 5 for one event: reconcile its mentions into facts, and write its brief."""
    from newsfuse.reconcile import reconcile_event
    from newsfuse.report import build_brief

    facts = reconcile_event(event, articles, mentions, policy=policy)
    return build_brief(event, facts, articles, mentions, analysed)


def brief_events(events: Sequence[Event], articles: Sequence[Article],
                 analysed: Sequence[Analysed], mentions: dict[str, list[Mention]],
                 options: Options, engine: Engine | None = None) -> list[Brief]:
    """Steps 4 and 5 for every event (per event, so an engine spreads them over workers)."""
    from newsfuse.engines import open_engine

    inputs = event_inputs(events, articles, analysed, mentions)
    with open_engine(options, engine) as running:
        return running.brief_events(inputs, policy=options.best_policy, progress=options.progress)
