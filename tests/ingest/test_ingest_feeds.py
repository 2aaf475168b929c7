"""RSS and Atom feeds from local files."""

from __future__ import annotations

from datetime import datetime

from newsfuse.ingest import read_sources

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Brevanne Bulletin</title><link>https://bulletin.example/</link>
<item><title>Crane falls on bus stop</title><link>https://www.bulletin.example/crane</link>
<guid>crane-1</guid><pubDate>Mon, 06 Feb 2017 10:00:00 +0100</pubDate>
<author>desk@bulletin.example (Ann Li)</author>
<description><![CDATA[<p>Two people were injured when a crane fell.</p><p>The street is closed.</p>]]></description></item>
<item><title>Empty</title><link>https://www.bulletin.example/empty</link></item>
<item><title>No link</title><description>Plain summary about the council vote on Tuesday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title><id>urn:vt</id><updated>2017-02-07T00:00:00Z</updated>
<entry><title>Flood warning lifted</title><link href="https://valleytimes.example/flood"/><id>urn:vt:1</id>
<published>2017-02-07T09:30:00+01:00</published><updated>2017-02-07T11:00:00+01:00</updated>
<author><name>Bo Ma</name></author><summary>Short summary.</summary>
<content type="html">&lt;p&gt;The flood warning for the Brevanne valley was lifted on Tuesday.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS)
    result = read_sources([path], max_bytes=100_000)
    crane, council = result.articles
    assert crane.text == "Two people were injured when a crane fell.\nThe street is closed."
    assert crane.title == "Crane falls on bus stop" and crane.author == "Ann Li"
    assert crane.url == "https://www.bulletin.example/crane" and crane.source == "bulletin.example"
    assert crane.published == datetime(2017, 2, 6, 10, 0) and crane.input_format == "rss"
    assert crane.input == f"{path}#1" and crane.extra["guid"] == "crane-1"
    assert council.source == "Brevanne Bulletin"  # no link: the feed title is the outlet
    assert [(r.input, r.code) for r in result.rejected] == [(f"{path}#2", "no_text")]


def test_atom_entry_prefers_content(tmp_path):
    (tmp_path / "feed.xml").write_text(ATOM)
    a = read_sources([tmp_path], max_bytes=100_000).articles[0]
    assert a.text == "The flood warning for the Brevanne valley was lifted on Tuesday."
    assert a.input_format == "atom" and a.author == "Bo Ma" and a.source == "valleytimes.example"
    assert a.published == datetime(2017, 2, 7, 9, 30) and a.updated == datetime(2017, 2, 7, 11, 0)


def test_broken_and_empty_feeds(tmp_path):
    (tmp_path / "broken.xml").write_text("<<<not xml at all")
    (tmp_path / "empty.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    result = read_sources([tmp_path], max_bytes=100_000)
    assert not result.articles
    assert sorted(r.code for r in result.rejected) == ["empty", "malformed"]
