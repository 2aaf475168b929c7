"""The HTML pages: content, links, and escaping of everything that comes from an article."""

from __future__ import annotations

import re


from newsfuse.web.render import safe_url


def test_events_page_lists_filters_and_paginates(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Fire at Harbor Street warehouse in Valdane kills three" in page.text
    assert "3 independent sources" in page.text
    filtered = client.get("/", params={"q": "footbridge"})
    assert "Footbridge collapses" in filtered.text and "Harbor Street" not in filtered.text
    assert "page 1 of 1" in page.text
    assert client.get("/", params={"page": 0}).status_code == 422


def test_event_page_shows_facts_with_links_to_evidence(client, event_of):
    fire = event_of(client, "valdane-1")
    page = client.get(f"/events/{fire}").text
    assert 'href="/articles/valdane-2#m=valdane-2%3A1"' in page
    assert "“rose to five”" in page
    assert 'id="merge-form"' in page and 'id="split-form"' in page
    assert page.count('name="article"') == 3


def test_merged_event_redirects(client, event_of):
    fire, bridge = event_of(client, "valdane-1"), event_of(client, "orrin-1")
    client.post("/api/events/merge", json={"event_ids": [fire, bridge]})
    response = client.get(f"/events/{bridge}", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == f"/events/{fire}"


def test_article_page_highlights_every_evidence_span(client):
    page = client.get("/articles/valdane-2").text
    marks = re.findall(r'<mark class="ev seg"[^>]*data-m="([^"]+)">([^<]*)</mark>', page)
    assert marks == [("valdane-2:1", "rose to five"),
                     ("valdane-2:2", "At least six people remain in hospital")]


def test_missing_pages_are_404(client):
    assert client.get("/events/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_article_text_title_and_url_are_escaped(client, event_of):
    xss = event_of(client, "xss-1")
    for url in ("/", f"/events/{xss}", "/articles/xss-1", "/?q=%3Cscript%3E"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>damage</b>" not in html, url
        assert 'href="javascript:' not in html.lower(), url
        assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", ""), url
    article = client.get("/articles/xss-1").text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in article
    assert "javascript:alert(&#39;url&#39;)" in article  # shown as text, not as a link


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                "java\tscript:alert(1)", "data:text/html,x", "//evil.example", "vbscript:x",
                "/relative", None, ""):
        assert safe_url(bad) is None, bad


def test_a_kept_page_is_rendered_again_once_the_store_changes(client, filled_store, web_stages):
    from newsfuse.model import Article
    from newsfuse.live import ingest_articles

    before = client.get("/").text
    assert client.get("/").text == before  # kept: the same bytes
    ingest_articles(filled_store, [Article(
        id="lighthouse-1", title="Lighthouse keeper retires",
        text="The last keeper of the northern lighthouse retired on Friday after forty years, "
             "the coast authority said.")], web_stages)
    after = client.get("/")
    assert "Lighthouse keeper" in after.text and after.headers["X-Frame-Options"] == "DENY"
    assert "Lighthouse keeper" in client.get("/api/events").text
