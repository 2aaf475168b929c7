"""Stage ``ingest``: sources → Articles, Rejections and exact Duplicates.

``read_sources`` is the one entry point. Modules by job: ``sources`` (expanding inputs, telling
formats), ``decode`` (bytes to text), readers ``text``, ``html``, ``jsonl``, ``feeds``, ``warc``,
then ``finish`` (cleaning with ``clean`` and ``metadata``, outlet with ``outlet``, ids, dedup).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from newsfuse.ingest.decode import DecodeError, binary_kind, decode_bytes
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.finish import Finisher, finish_safely
from newsfuse.ingest.html import read_html
from newsfuse.ingest.jsonl import read_json, read_json_lines
from newsfuse.ingest.limits import guarded
from newsfuse.ingest.objects import Source, check_sources, is_path, object_item
from newsfuse.ingest.record import Item, reject
from newsfuse.ingest.sources import STDIN, Input, expand, format_by_name, has_extension, sniff
from newsfuse.ingest.text import read_text
from newsfuse.ingest.warc import read_warc
from newsfuse.model import Article, IngestResult, Rejection, RejectionCode

__all__ = ["Source", "is_path", "read_finished", "read_sources"]

#: Reads a list of inputs somewhere (e.g. on Dask workers); yields each input's
#: :func:`read_finished` in input order.
InputsReader = Callable[[list[Input], int], Iterable[list[Article | Rejection]]]

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.I)


def read_sources(
    sources: Iterable[Source] | Source,
    *,
    max_bytes: int,
    progress: Callable[[str, int, int], None] | None = None,
    read_inputs: InputsReader | None = None,
    follow_links: bool = False,
) -> IngestResult:
    """Read articles from files, folders (recursively), glob patterns, ``-`` (stdin) and memory.

    The format comes from the extension, checked against the content (a ``.txt`` holding HTML
    is read as HTML; a file without extension or stdin is sniffed). Every input that gives no
    article becomes a Rejection with a reason; exact duplicates (same cleaned text) are reported
    in ``duplicates`` and returned once. In-memory sources (``Article`` objects, dicts with
    article fields, strings of article text: ``ingest/objects.py``) go through the same
    cleaning and dedup, in input order with the files.

    Args:
        sources: paths, folders, glob patterns, ``-``, Articles, dicts or strings of text.
        max_bytes: larger files are rejected unread; for JSON Lines and WARC, which are
            streamed, the limit applies to each line or record instead.
        progress: called as ``progress("ingest", inputs_done, inputs_total)``.
        read_inputs: reads and cleans the inputs elsewhere (a Dask engine's workers); the dedup
            and ids are still done here, in input order, so the result is the same.
        follow_links: follow symbolic links that lead out of an input folder.

    Returns:
        IngestResult: articles in input order, rejections, duplicates.

    Raises:
        InputTypeError: a source of another type (checked before anything is read). Bad
            content never raises: it becomes a Rejection.
    """
    if isinstance(sources, (str, Path, Article, Mapping)):
        sources = [sources]
    sources = list(sources)
    check_sources(sources)
    if not all(isinstance(s, (str, Path)) and is_path(s) for s in sources):
        return _read_mixed(sources, max_bytes, progress, follow_links)
    inputs, rejected = expand(sources, follow_links=follow_links)
    finisher = Finisher()
    finisher.result.rejected.extend(rejected)
    if read_inputs is not None and all(i.path is not None for i in inputs):
        for done, finished in enumerate(read_inputs(inputs, max_bytes), 1):
            for article in finished:
                finisher.add_finished(article)
            if progress is not None:
                progress("ingest", done, len(inputs))
        return finisher.result
    for done, item_input in enumerate(inputs, 1):
        # One input's failure is its rejection; what it gave before the failure stays read.
        for item in guarded(item_input.name, lambda: _read_input(item_input, max_bytes)):
            finisher.add(item)
        if progress is not None:
            progress("ingest", done, len(inputs))
    return finisher.result


def _read_mixed(sources: list[Source], max_bytes: int, progress, follow_links: bool) -> IngestResult:
    """Paths and in-memory sources, here, in input order. Paths are expanded in runs (a file
    named twice in a run is read once); an in-memory source between them keeps its place."""
    runs: list[list[Input] | Article | Item] = []
    finisher = Finisher()
    pending: list[str | Path] = []
    for number, source in enumerate([*sources, None], 1):
        if isinstance(source, (str, Path)) and is_path(source):
            pending.append(source)
            continue
        if pending:
            inputs, rejected = expand(pending, follow_links=follow_links)
            finisher.result.rejected.extend(rejected)
            runs.append(inputs)
            pending = []
        if source is not None:
            runs.append(object_item(source, number))
    total = sum(len(r) if isinstance(r, list) else 1 for r in runs)
    done = 0
    for run in runs:
        for item_input in run if isinstance(run, list) else [run]:
            if isinstance(item_input, Input):
                for item in guarded(item_input.name, lambda: _read_input(item_input, max_bytes)):
                    finisher.add(item)
            else:
                finisher.add(item_input)
            done += 1
            if progress is not None:
                progress("ingest", done, total)
    return finisher.result


def read_finished(inp: Input, max_bytes: int) -> list[Article | Rejection]:
    """One input read and cleaned (what a worker does), before dedup and unique ids."""
    return [item if isinstance(item, Rejection) else finish_safely(item)
            for item in guarded(inp.name, lambda: _read_input(inp, max_bytes))]


def _read_input(inp: Input, max_bytes: int) -> Iterator[Item]:
    if inp.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield reject(STDIN, RejectionCode.TOO_LARGE,
                         f"(stdin) is over the limit of {max_bytes:,} bytes; pass files instead.")
            return
        yield from _read_bytes(data, inp.name, None, max_bytes)
        return
    name = inp.name
    declared = format_by_name(name)
    if declared is None and has_extension(name):
        suffix = Path(name).suffix
        yield reject(name, RejectionCode.UNSUPPORTED,
                     f"has the extension {suffix}, which newsfuse does not read; use .txt, .md, "
                     ".html, .json, .jsonl, .xml/.rss/.atom or .warc(.gz), or convert the file.")
        return
    try:
        size = inp.path.stat().st_size
        if size == 0:
            yield reject(name, RejectionCode.EMPTY, "is an empty file.")
            return
        if declared in ("jsonl", "warc"):
            yield from _read_stream(inp.path, name, declared, max_bytes)
            return
        if size > max_bytes:
            yield reject(name, RejectionCode.TOO_LARGE,
                         f"is {size:,} bytes, over the limit of {max_bytes:,}; it was not read.")
            return
        data = inp.path.read_bytes()
    except OSError as exc:
        yield reject(name, RejectionCode.UNREADABLE, f"cannot be read ({exc.strerror or exc}).")
        return
    yield from _read_bytes(data, name, declared, max_bytes)


def _read_stream(path: Path, name: str, declared: str, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as stream:
        head = stream.read(8192)
        stream.seek(0)
        kind = binary_kind(head)
        if declared == "warc":
            if sniff(head) != "warc":
                yield reject(name, RejectionCode.MALFORMED,
                             "does not start with a WARC record; is it really a WARC file?")
                return
            yield from read_warc(stream, name, max_bytes=max_bytes)
            return
        if kind:
            yield reject(name, RejectionCode.BINARY, f"is {kind}, not JSON Lines.")
            return
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):  # a JSON array named .jsonl
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield reject(name, RejectionCode.TOO_LARGE,
                             f"is a JSON array over the limit of {max_bytes:,} bytes; write it "
                             "as JSON Lines (one article per line) so it can be streamed.")
                return
            yield from _read_bytes(data, name, "json", max_bytes)
            return
        yield from read_json_lines(enumerate(stream, 1), name, max_bytes=max_bytes)


def _read_bytes(data: bytes, name: str, declared: str | None, max_bytes: int) -> Iterator[Item]:
    if not data.strip():
        yield reject(name, RejectionCode.EMPTY, "is empty (only whitespace).")
        return
    sniffed = sniff(data[:8192])
    fmt = _choose_format(declared, sniffed)
    if fmt == "warc":
        yield from read_warc(io.BytesIO(data), name, max_bytes=max_bytes)
        return
    kind = binary_kind(data[:8])
    if kind:
        yield reject(name, RejectionCode.BINARY, f"is {kind}, not text; convert it to text or HTML.")
        return
    if fmt == "feed":
        yield from read_feed(data, name)
        return
    try:
        text = _decode(data, fmt)
    except DecodeError as exc:
        yield reject(name, exc.code, exc.reason)
        return
    if not text.strip():
        yield reject(name, RejectionCode.EMPTY, "is empty (only whitespace).")
    elif fmt == "html":
        yield read_html(text, name)
    elif fmt == "json":
        yield from read_json(text, name)
    elif fmt == "jsonl":
        yield from read_json_lines(enumerate(text.split("\n"), 1), name, max_bytes=max_bytes)
    else:
        yield read_text(text, name, markdown=fmt == "markdown")


def _choose_format(declared: str | None, sniffed: str | None) -> str:
    """The extension decides, except where the content clearly says otherwise."""
    if declared in ("text", "markdown"):
        return "html" if sniffed == "html" else declared
    if declared == "feed":
        return "html" if sniffed == "html" else "feed"
    if declared == "html":
        return "feed" if sniffed == "feed" else "html"
    if declared is not None:
        return declared
    return sniffed or "text"


def _decode(data: bytes, fmt: str) -> str:
    if fmt == "html":
        declared = _META_CHARSET.search(data[:4096])
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            # A page that names its charset is read in it (a guess is only a guess).
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        try:
            return decode_bytes(data)[0]
        except DecodeError:
            if not declared:
                raise
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                raise DecodeError(RejectionCode.ENCODING,
                                  "declares a charset its bytes do not match; re-save it as UTF-8.") from None
    return decode_bytes(data)[0]
