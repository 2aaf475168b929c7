"""A corpus of hostile inputs, written at test time, each beside two good articles.

Every text here was written for these tests. ``CASES`` maps a case name to the files it adds
(name -> bytes) and what must come of it: the input names that must be rejected, with a word
of the reason, or ``None`` when the case must load as an article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GOOD_1 = (
    "Storm damage closes coastal road\n\n"
    "A storm brought down power lines and trees along the coastal road near the harbour town on "
    "Monday, officials said. Crews expect to reopen the road by Wednesday evening."
)
GOOD_2 = (
    "Library reopens after repairs\n\n"
    "The central library reopened on Saturday after six months of roof repairs, the city council "
    "said. Visitors queued before the doors opened at nine."
)
PROSE = "The council met on Tuesday and talked about the bridge repairs for a long time. "


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _line(**fields) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def _gzip_member(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


def _warc_with_a_long_header() -> bytes:
    body = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The harbour reopened "
            b"on Monday after the storm, officials said. Crews cleared the debris overnight.</p>"
            b"</body></html>")
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/harbour\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n")
    good = _gzip_member(head % len(body) + body + b"\r\n\r\n")
    # A "header line" of 4 MB (the real attack inflates to 1 GiB): over the line budget.
    return good + _gzip_member(b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: " + b"a" * 4_000_000)


_LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol1 "lol">{_LAUGHS}]>'
    '<rss version="2.0"><channel><title>Feed</title><item><title>Laughs</title>'
    "<description>&lol9;</description></item></channel></rss>"
).encode()

GOOD_LINE = _line(title="Ferry service resumes", text="The ferry service resumed on Friday after "
                  "the harbour was cleared of debris, the port authority said.")


@dataclass(frozen=True)
class Case:
    files: dict[str, bytes]
    #: input name (relative, as given in ``files``, with :line or #n) -> a word of the reason;
    #: empty when everything must load.
    rejected: dict[str, str]
    #: how many articles the case's own files must give.
    articles: int = 0


CASES: dict[str, Case] = {
    "text over spaCy's limit": Case({"long.txt": ("Long report\n\n" + PROSE * 20_000).encode()}, {}, 1),
    "one 3 MB word": Case({"word.txt": b"x" * 3_000_000}, {"word.txt": "text"}),
    "a 1.5 MB JSON line": Case(
        {"lines.jsonl": GOOD_LINE + _line(title="Long", text=PROSE * 20_000) + GOOD_LINE}, {}, 2),
    "JSON nested 100,000 levels": Case({"deep.json": _deep(100_000).encode()}, {"deep.json": "nested"}),
    "a deep object field": Case(
        {"field.json": b'{"title": "T", "text": "Some text here.", "tags": ' + _deep(100_000).encode() + b"}"},
        {"field.json": "nested"}),
    "a deep JSONL line between good lines": Case(
        {"mixed.jsonl": GOOD_LINE + _deep(100_000).encode() + b"\n" + GOOD_LINE.replace(b"Friday", b"Sunday")},
        {"mixed.jsonl:2": "nested"}, 2),
    "a file name that is not UTF-8": Case({"bad\udcffname.txt": GOOD_1.replace("storm", "gale").encode()}, {}, 1),
    "a form feed in an HTML content field": Case(
        {"ff.jsonl": _line(title="Form feed", content="<p>The mayor spoke.\x0c She left at noon.</p>")}, {}, 1),
    "an ESC in an RSS description": Case(
        {"esc.rss": b"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title><item>"
                    b"<title>Escape</title><description>&lt;p&gt;The port reopened \x1b[31m on Monday."
                    b"&lt;/p&gt;</description></item></channel></rss>"}, {}, 1),
    "an empty key beside the title": Case({"key.json": b'{"": [], "title": "No text here"}'},
                                          {"key.json": "text"}),
    "a whole page in a content field": Case(
        {"page.jsonl": _line(title="Page", content="<html><title>Only a title</title></html>")},
        {"page.jsonl:1": "text"}),
    "250,000 tiny elements": Case({"tags.html": b"<html><body>" + b"<i>a</i>" * 125_001 + b"</body></html>"},
                                  {"tags.html": "budget"}),
    "a WARC header line over the budget": Case({"crawl.warc.gz": _warc_with_a_long_header()},
                                               {"crawl.warc.gz#2": "header line"}, 1),
    "billion laughs in a feed": Case({"laughs.rss": BILLION_LAUGHS}, {"laughs.rss#1": "text"}),
    "an ESC and a bidi override in a title": Case(
        {"title.json": json.dumps({"title": "Port \x1b[2Jreopens \u202eyadnom",
                                   "text": "The port reopened on Monday, the harbour master said."}).encode()},
        {}, 1),
}


def write_case(folder: Path, case: Case) -> Path:
    """Write the case's files and the two good articles into ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good1.txt").write_text(GOOD_1, encoding="utf-8")
    (folder / "good2.txt").write_text(GOOD_2, encoding="utf-8")
    for name, data in case.files.items():
        # A surrogate escape stands for a byte that is not UTF-8 in the file name.
        (folder / name.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_bytes(data)
    return folder
