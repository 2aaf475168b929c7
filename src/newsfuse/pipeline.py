"""The whole pipeline as one function over one validated options object.

``brief(sources, options)`` runs ingest → analyse → extract → cluster → reconcile → report and
returns a :class:`~newsfuse.model.Report`. Each stage is a package of its own; this module only
wires them in the order of docs/design.md and never does a stage's work itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from newsfuse.errors import ConfigError, NothingReadError
from newsfuse.model import Analysed, Article, Event, IngestResult, Mention, Report, Unsupported

if TYPE_CHECKING:  # ingest loads its readers' libraries; the pipeline imports stages lazily
    from newsfuse.ingest.objects import Source

#: progress(stage, done, total): called by long stages; the CLI draws it as a bar.
ProgressCallback = Callable[[str, int, int], None]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """Everything a run can be told. Resolved once at the edge (CLI or caller), passed down.

    Args:
        group_by: take the event grouping from this input field (e.g. ``event_id``) instead of
            clustering.
        stream: cluster as a stream only (what ``newsfuse ingest`` does), without batch mode's
            second look at small events and merging of events (``cluster_articles(recheck=False)``).
        max_bytes: inputs larger than this are rejected, not read.
        n_process: processes for the NLP models; 0 means one per core when the batch is large.
        batch_size: articles per model batch.
        embeddings: compute sentence embeddings (clustering and summaries use them).
        best_policy: ``latest`` (latest figure from the most authoritative source kind) or
            ``conservative`` (the lowest figure all independent sources support).
        progress: called as ``progress(stage, done, total)``; never prints by itself.
    """

    group_by: str | None = None
    stream: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    n_process: int = 0
    batch_size: int = 64
    embeddings: bool = True
    best_policy: Literal["latest", "conservative"] = "latest"
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


def brief(sources: Iterable[Source] | Source, options: Options | None = None) -> Report:
    """Read ``sources`` and return one brief per event.

    >>> report = newsfuse.brief([{"title": "...", "text": "..."}, "examples/"])  # doctest: +SKIP

    Args:
        sources: one source or several, in any mix: files, directories (read recursively),
            glob patterns, ``-`` for stdin, :class:`~newsfuse.model.Article` objects, dicts
            with article fields (``title``, ``text``, ``published``, ``url``, ``source``, or
            news-please's ``maintext``, ``date_publish``...), and strings of article text (a
            string is a path when it could be one: ``newsfuse.ingest.is_path``).
        options: see :class:`Options`; defaults when omitted.

    Returns:
        A Report: the events with their briefs, every article read, every rejected input.

    Raises:
        InputTypeError: a source of another type (before anything is read).
        NothingReadError: when nothing at all could be read (its ``rejected`` says why).
    """
    options = options or Options()
    ingested = read(sources, options)
    if not ingested.articles:
        reasons = "; ".join(f"{r.input} {r.reason}" for r in ingested.rejected[:3])
        more = len(ingested.rejected) - 3
        raise NothingReadError(
            f"No article could be read ({len(ingested.rejected)} input(s) rejected"
            + (f": {reasons}" if reasons else "") + (f"; and {more} more" if more > 0 else "")
            + ").",
            ingested.rejected,
        )
    report = brief_articles(ingested.articles, options)
    report.rejected = ingested.rejected
    report.duplicates = ingested.duplicates + report.duplicates
    return report


def read(sources: Iterable[Source] | Source, options: Options | None = None) -> IngestResult:
    """Ingest only: the Articles, Rejections and Duplicates that ``brief`` would work on.

    Takes the same sources as :func:`brief` (``options.max_bytes`` and ``options.progress``
    apply); bad content becomes a Rejection, never an exception.

    Raises:
        InputTypeError: a source of another type (before anything is read).
    """
    from newsfuse.ingest import read_sources

    options = options or Options()
    return read_sources(sources, max_bytes=options.max_bytes, progress=options.progress)


def brief_articles(articles: Sequence[Article], options: Options | None = None) -> Report:
    """The pipeline after ingest, for callers that already hold cleaned Articles.

    Unlike :func:`brief`, the articles are taken as they are: no cleaning, no dedup of exact
    copies by text (copies under their own ids are analysed once and count as copies), and an
    empty list gives an empty Report. An article whose ``language`` newsfuse does not read
    (ingest detects it; None is read as English) is kept in ``articles`` and listed in
    ``unsupported``, and goes no further: it is not extracted and joins no event.
    """
    from newsfuse.analyse import analyse_each
    from newsfuse.extract import extract_mentions

    options = options or Options()
    kept = list(articles)
    unsupported = unsupported_articles(kept)
    if unsupported:
        skipped = {u.article_id for u in unsupported}
        articles = [a for a in kept if a.id not in skipped]
    # Exact copies under their own ids (syndicated stories) are analysed once; the copies reuse
    # the first copy's analysis and mentions, re-addressed to their own article id. A copy is
    # the same title and text: extraction reads the title too (headline counts), and truncated
    # crawls share one boilerplate text under different titles.
    first_copy: dict[tuple[str | None, str], Article] = {}
    for article in articles:
        first_copy.setdefault((article.title, article.text), article)
    originals = list(first_copy.values())
    # Extraction runs where each Doc is made (in the analyse workers): Docs never cross processes.
    done = analyse_each(
        originals,
        extract_mentions,
        n_process=options.n_process,
        batch_size=options.batch_size,
        embeddings=options.embeddings,
        progress=options.progress,
    )
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
    events, duplicates = _events(articles, analysed, mentions, options)
    briefs = _briefs(events, articles, analysed, mentions, options)
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


def _readdress(mention: Mention, article_id: str) -> Mention:
    number = mention.id.rsplit(":", 1)[-1]
    return mention.model_copy(update={"id": f"{article_id}:{number}", "article_id": article_id})


def _events(
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    mentions: dict[str, list[Mention]],
    options: Options,
) -> tuple[list[Event], list]:
    from newsfuse.cluster import cluster_articles, group_by_field

    if options.group_by:
        return group_by_field(articles, analysed, options.group_by)
    return cluster_articles(
        articles, analysed, mentions, progress=options.progress, recheck=not options.stream
    )


def _briefs(
    events: Sequence[Event],
    articles: Sequence[Article],
    analysed: Sequence[Analysed],
    mentions: dict[str, list[Mention]],
    options: Options,
) -> list:
    from newsfuse.reconcile import reconcile_events
    from newsfuse.report import build_brief

    analysed_by_id = {a.article_id: a for a in analysed}
    briefs = []
    reconciled = reconcile_events(events, articles, mentions, policy=options.best_policy)
    for event, event_articles, event_mentions, facts in reconciled:
        briefs.append(
            build_brief(
                event,
                facts,
                event_articles,
                event_mentions,
                [analysed_by_id[i] for i in event.article_ids if i in analysed_by_id],
            )
        )
    return briefs
