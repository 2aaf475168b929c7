"""Raw records to Articles: cleaning, metadata from the text, outlet, stable id, exact dedup."""

from __future__ import annotations

import hashlib

from newsfuse.ingest.clean import normalise, strip_boilerplate
from newsfuse.ingest.language import detect_language, normalise_language
from newsfuse.ingest.limits import MAX_RAW_CHARS, MAX_TEXT_CHARS, describe, strip_bidi, truncate_text
from newsfuse.ingest.metadata import split_header
from newsfuse.ingest.outlet import outlet, unwrap_url
from newsfuse.ingest.record import Item, RawArticle, reject
from newsfuse.model import Article, Duplicate, IngestResult, Rejection, RejectionCode


def content_id(text: str) -> str:
    """'a' + the first 16 hex digits of sha256 of the cleaned text."""
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def finish(raw: RawArticle) -> Article | Rejection:
    """Clean a raw record and build its Article (without dedup; see :class:`Finisher`).

    Returns:
        The Article, or a ``no_text`` Rejection when nothing but boilerplate/metadata is left.
    """
    raw_chars = len(raw.text)
    head = split_header(normalise(strip_bidi(truncate_text(raw.text, MAX_RAW_CHARS))),
                        title_line=raw.parse_header)
    found = head.fields
    title = raw.title or found.get("title")
    title = normalise(strip_bidi(title)) if title else title  # no control characters either
    text = head.text
    if title:
        first, _, rest = text.partition("\n")
        if first.strip().casefold() == " ".join(title.split()).casefold() and rest.strip():
            text = rest
    text = strip_boilerplate(text)
    if not text:
        return reject(raw.input, RejectionCode.NO_TEXT,
                      "has no article text once metadata and boilerplate are removed.")
    notes = {}
    if raw_chars > MAX_TEXT_CHARS and len(text) > MAX_TEXT_CHARS:
        # Longer than any news article: the analysis reads the start (spaCy refuses 1,000,000
        # characters and needs ~3 KB per character); the original is not kept.
        text = truncate_text(text)
        notes["truncated_from_chars"] = raw_chars
    url = raw.url or found.get("url")
    if url and unwrap_url(url) is None:
        # Kept for the record, never used as a link (a malformed URL made pages fail for good).
        notes["invalid_url"] = str(url)[:2000]
        url = None
    return Article(
        id=raw.id or found.get("id") or content_id(text),
        title=" ".join(title.split()) if title else None,
        text=text,
        original_text=raw.text if text != raw.text and not notes else None,
        source=outlet(given=raw.source or found.get("source"), url=url, site_name=raw.site_name),
        url=unwrap_url(url) if url else None,
        author=raw.author or found.get("author"),
        published=raw.published or found.get("published"),
        updated=raw.updated or found.get("updated"),
        language=normalise_language(raw.language or found.get("language"))
        or detect_language(title, text)[0],
        input=raw.input,
        input_format=raw.input_format,
        extra={**head.extra, **raw.extra, **notes},
    )


def finish_safely(raw: RawArticle) -> Article | Rejection:
    """:func:`finish`, with a failure of the cleaning this record's own rejection."""
    try:
        return finish(raw)
    except Exception as exc:  # noqa: BLE001 - one record's failure is its own rejection
        return reject(raw.input, RejectionCode.MALFORMED, f"could not be cleaned ({describe(exc)}).")


class Finisher:
    """Collects items into an IngestResult: finishes articles, drops exact copies, keeps ids unique."""

    def __init__(self) -> None:
        self.result = IngestResult()
        # sha256 of cleaned text -> (id of the first copy, ids already holding that text)
        self._by_text: dict[str, tuple[str, set[str]]] = {}
        self._ids: set[str] = set()

    def add(self, item: Item | Article) -> None:
        """Finish a reader's item (an Article given in memory is kept as it is) and keep it."""
        if isinstance(item, Rejection):
            self.result.rejected.append(item)
            return
        # An Article given in memory is already cleaned: it only joins the dedup and ids.
        self.add_finished(item if isinstance(item, Article) else finish_safely(item))

    def add_finished(self, article: Article | Rejection) -> None:
        """Add what :func:`finish_safely` made (e.g. in a worker): dedup and unique ids happen here."""
        if isinstance(article, Rejection):
            self.result.rejected.append(article)
            return
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        first = self._by_text.get(digest)
        if first is not None:
            first_id, holders = first
            self.result.duplicates.append(
                Duplicate(article_id=article.id, duplicate_of=first_id, kind="exact", input=article.input)
            )
            # The same record read twice (same id: given, or the content hash) is dropped; a copy
            # under its own id (a syndicated story, a row of another event) stays an article: it
            # belongs to whatever event its outlet covered, and later stages count it as a copy.
            if article.id in holders:
                return
            holders.add(article.id)
        if article.id in self._ids:  # a given id reused for a different text
            given, n = article.id, 2
            while f"{given}~{n}" in self._ids:
                n += 1
            article.extra["given_id"] = given
            article.id = f"{given}~{n}"
        self._ids.add(article.id)
        if first is None:
            self._by_text[digest] = (article.id, {article.id})
        self.result.articles.append(article)
