"""WARC files (warcio), plain or gzipped: each HTML ``response`` record an article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from newsfuse.ingest.decode import DecodeError, decode_bytes
from newsfuse.ingest.html import read_html
from newsfuse.ingest.limits import MAX_WARC_HEADER_BYTES
from newsfuse.ingest.record import Item, reject
from newsfuse.model import RejectionCode

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, input: str, *, max_bytes: int) -> Iterator[Item]:
    """Stream the records of a WARC (or ARC) file.

    ``response`` (and ``resource``) records with an HTML payload go through the HTML reader with
    the WARC-Target-URI as URL; each is named ``path#n`` (n counts records). Requests, metadata and
    warcinfo records are not documents and are passed over; non-HTML responses, error statuses
    and payloads over ``max_bytes`` are rejections. A broken file keeps what was read before it.
    """
    n = 0
    any_record = False
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        # warcio reads header lines without a limit: one gzip member whose "header line" inflates
        # to 1 GiB was held whole in memory (3.2 GB, two minutes).
        records.reader.__class__ = _HeaderBudgetReader
        for record in records:
            n += 1
            any_record = True
            if record.rec_type not in ("response", "resource"):
                continue
            name = f"{input}#{n}"
            uri = record.rec_headers.get_header("WARC-Target-URI")
            item = _record(record, name, uri, max_bytes)
            if item is not None:
                yield item
    except ArchiveLoadFailed as exc:
        yield reject(input if n == 0 else f"{input}#{n + 1}", RejectionCode.MALFORMED,
                     f"is not a readable WARC record ({_short(exc)}); records before it were kept.")
        return
    # Truncated gzip, bad chunking, or headers warcio trips over (it raises AttributeError or
    # KeyError on some malformed records): all mean the rest of the file cannot be read.
    except (OSError, EOFError, ValueError, AttributeError, KeyError, IndexError) as exc:
        yield reject(f"{input}#{n + 1}", RejectionCode.MALFORMED,
                     f"is a truncated or corrupt WARC record ({_short(exc)}); records before it were kept.")
        return
    if not any_record:
        yield reject(input, RejectionCode.EMPTY, "is a WARC file without records.")


def _record(record, name: str, uri: str | None, max_bytes: int) -> Item | None:
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if status and not status.startswith("2"):
            return reject(name, RejectionCode.UNSUPPORTED,
                          f"is an HTTP {status} response for {uri}, not a page with an article.")
        ctype = (http.get_header("Content-Type") or "").lower()
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    if ctype and not any(t in ctype for t in _HTML_TYPES):
        return reject(name, RejectionCode.UNSUPPORTED,
                      f"is a {ctype.split(';')[0]} response for {uri}; only HTML pages are read.")
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return reject(name, RejectionCode.TOO_LARGE,
                      f"has a payload over the limit of {max_bytes:,} bytes ({uri}).")
    if not payload.strip():
        return reject(name, RejectionCode.EMPTY, f"has an empty payload ({uri}).")
    charset = ctype.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in ctype else None
    html = None
    if charset:
        try:
            html = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        try:
            html, _ = decode_bytes(payload)
        except DecodeError as exc:
            return reject(name, exc.code, f"{exc.reason} ({uri})")
    item = read_html(html, name, url=uri, input_format="warc")
    if hasattr(item, "extra"):
        date = record.rec_headers.get_header("WARC-Date")
        if date:
            item.extra["warc_date"] = date
    return item


class _HeaderBudgetReader(DecompressingBufferedReader):
    """warcio's reader with a length limit on every line it reads (header lines, blank lines
    between records); payloads are read with ``read`` and keep the ``max_bytes`` limit."""

    def readline(self, length=None):
        limit = MAX_WARC_HEADER_BYTES + 1 if length is None else min(length, MAX_WARC_HEADER_BYTES + 1)
        line = super().readline(limit)
        if len(line) > MAX_WARC_HEADER_BYTES:
            raise ValueError(f"a header line over {MAX_WARC_HEADER_BYTES:,} bytes")
        return line


def _short(exc: Exception) -> str:
    text = str(exc).strip().replace("\n", " ")
    return (text[:160] + "...") if len(text) > 160 else (text or type(exc).__name__)
