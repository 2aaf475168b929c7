"""WARC files (plain and gzipped), written here with warcio's writer."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.ingest import read_sources

PAGE = (
    "<html><head><title>Crane falls</title>"
    '<meta property="article:published_time" content="2017-02-06T10:00:00Z"></head><body><article>'
    "<p>Two people were injured when a crane fell onto a bus stop in Brevanne on Monday morning.</p>"
    "<p>The operator said the crane had passed an inspection last month, and the street is closed.</p>"
    "</article></body></html>"
)


def _warc(path, gzip: bool, records):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, ctype, status, body in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
            if uri.endswith("crane"):  # a request record, which is not a document
                writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


RECORDS = [
    ("https://www.brevanne-news.example/crane", "text/html; charset=utf-8", "200 OK", PAGE.encode()),
    ("https://www.brevanne-news.example/logo.png", "image/png", "200 OK", b"\x89PNG..."),
    ("https://www.brevanne-news.example/old", "text/html", "301 Moved Permanently", b""),
]


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path, name, gzip):
    path = tmp_path / name
    _warc(path, gzip, RECORDS)
    result = read_sources([path], max_bytes=1_000_000)
    (a,) = result.articles
    assert a.url == "https://www.brevanne-news.example/crane"
    assert a.source == "brevanne-news.example"
    assert a.title == "Crane falls"
    assert a.text.startswith("Two people were injured")
    assert a.input_format == "warc" and a.input.startswith(f"{path}#")
    assert a.published is not None and a.published.year == 2017
    assert sorted(r.code for r in result.rejected) == ["unsupported", "unsupported"]
    assert any("image/png" in r.reason for r in result.rejected)


def test_corrupt_warc_keeps_records_before_the_damage(tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(path, False, RECORDS[:1])
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntruncated")
    result = read_sources([path], max_bytes=1_000_000)
    assert len(result.articles) == 1
    assert result.rejected and result.rejected[-1].code == "malformed"


def test_not_a_warc(tmp_path):
    (tmp_path / "x.warc").write_text("hello, I am not a WARC file")
    result = read_sources([tmp_path], max_bytes=1_000_000)
    assert [r.code for r in result.rejected] == ["malformed"]


def test_record_payload_over_the_limit(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, True, RECORDS[:1])
    result = read_sources([path], max_bytes=100)
    assert [r.code for r in result.rejected] == ["too_large"]
