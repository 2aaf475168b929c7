"""HTML pages: main text and metadata with trafilatura; pages without text are rejected."""

from __future__ import annotations

from datetime import datetime

from newsfuse.ingest import read_sources

PARAS = [
    "At least 12 people died when the river broke its banks in Brevanne on Tuesday night, officials said.",
    "Rescue teams searched through the night for survivors in the lower town, where water rose more than two metres.",
    "The mayor said the town hall would stay open as a shelter for families who lost their homes.",
]

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Flood kills 12 | Example Post</title>
<meta property="og:title" content="Flood kills 12 in Brevanne">
<meta property="og:site_name" content="Example Post">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-02T10:00:00+02:00">
<meta property="article:modified_time" content="2024-05-03T08:30:00+02:00">
<link rel="canonical" href="https://www.example-post.com/news/flood"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Flood kills 12 in Brevanne</h1>%s</article>
<footer>Copyright 2024 Example Post. All rights reserved.</footer></body></html>"""


def test_html_page_text_and_metadata(tmp_path):
    path = tmp_path / "flood.html"
    path.write_text(PAGE % "".join(f"<p>{p}</p>" for p in PARAS), encoding="utf-8")
    result = read_sources([path], max_bytes=100_000)
    assert not result.rejected
    a = result.articles[0]
    assert a.title == "Flood kills 12 in Brevanne"
    assert a.text.split("\n") == PARAS
    assert a.published == datetime(2024, 5, 2, 10, 0)
    assert a.updated == datetime(2024, 5, 3, 8, 30)
    assert a.author == "Jane Roe"
    assert a.url == "https://www.example-post.com/news/flood"
    assert a.source == "example-post.com"
    assert a.language == "en"
    assert a.input_format == "html"
    assert "Home" not in a.text and "Copyright" not in a.text


def test_site_name_is_the_outlet_without_url(tmp_path):
    page = PAGE.replace('<link rel="canonical" href="https://www.example-post.com/news/flood">', "")
    (tmp_path / "p.htm").write_text(page % "".join(f"<p>{p}</p>" for p in PARAS))
    a = read_sources([tmp_path], max_bytes=100_000).articles[0]
    assert a.url is None and a.source == "Example Post"


def test_short_page_still_gives_its_text(tmp_path):
    (tmp_path / "short.html").write_text("<html><body><p>Two people were hurt in a crash.</p></body></html>")
    result = read_sources([tmp_path], max_bytes=100_000)
    assert result.articles[0].text == "Two people were hurt in a crash."


def test_html_without_text_is_rejected(tmp_path):
    (tmp_path / "app.html").write_text(
        "<html><head><title>App</title><script>var x = 1;</script></head><body><div id='root'></div></body></html>"
    )
    result = read_sources([tmp_path], max_bytes=100_000)
    assert not result.articles
    assert result.rejected[0].code == "no_text"
    assert "HTML" in result.rejected[0].reason


def test_html_in_another_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Le préfet a évacué 40 personnes à Brévanne.</p></body></html>'
    (tmp_path / "fr.html").write_bytes(page.encode("cp1252"))
    a = read_sources([tmp_path], max_bytes=100_000).articles[0]
    assert "préfet a évacué" in a.text
