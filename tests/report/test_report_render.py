import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from newsfuse.errors import ConfigError
from newsfuse.model import Article, Report
from newsfuse.reconcile import reconcile_event
from newsfuse.report import build_brief, render
from newsfuse.report.schema import schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "schema"


def test_markdown_has_every_section(seed_report):
    md = render(seed_report, "md")
    for heading in ("## Summary", "## Facts", "## Single-source claims", "## Timeline",
                    "## Revised figures", "## Sources (grouped by independence)"):
        assert heading in md
    assert "at least 40 (CNN) [2] \u2192 over 60" in md


def test_json_is_valid_against_the_published_schema(seed_report):
    schema = json.loads((SCHEMA_DIR / "report.schema.json").read_text())
    data = json.loads(render(seed_report, "json"))
    jsonschema.validate(data, schema)
    killed = data["events"][0]["facts"]["killed"]
    assert {"best", "low", "high", "status", "series", "mentions"} <= killed.keys()
    assert Report.model_validate(data).events[0].facts["killed"].best == 143


def test_published_schemas_match_the_models():
    for path in SCHEMA_DIR.glob("*.schema.json"):
        name = path.name.removesuffix(".schema.json")
        assert path.read_text() == schema_text(name), f"run `make schema` ({path.name} is stale)"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.hrefs, self.attrs = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v))
            if k == "id":
                self.ids.add(v)
            if k == "href":
                self.hrefs.append(v)


def test_html_is_self_contained_and_links_facts_to_evidence(seed_report):
    html = render(seed_report, "html")
    page = _Collector()
    page.feed(html)
    assert "script" not in page.tags and "link" not in page.tags
    assert not [v for t, k, v in page.attrs if k == "src"]
    assert "svg" in page.tags and "polyline" in page.tags
    internal = [h for h in page.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in page.ids for h in internal)
    killed_link = re.search(r"<td>killed</td>\s*<td><a href=\"#([^\"]+)\"", html)
    assert killed_link and killed_link.group(1) in page.ids


EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_html_escapes_all_article_text(seed, bag_embed):
    event, articles, mentions, facts = seed
    evil = [a.model_copy(update={
        "title": f"{a.title} {EVIL}",
        "text": a.text + f" {EVIL}",
        "source": f'{a.source}"><script>x()</script>',
        "url": "javascript:alert(3)" if i % 2 else f"https://{a.source}/?q=\"><svg onload=alert(4)>",
    }) for i, a in enumerate(articles)]
    brief = build_brief(event, reconcile_event(event, evil, mentions), evil, mentions, [],
                        embed=bag_embed)
    html = render(Report(events=[brief], articles=evil), "html")
    page = _Collector()
    page.feed(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert not [k for t, k, v in page.attrs if k.startswith("on")]
    assert not [h for h in page.hrefs if h.lower().startswith("javascript")]
    assert "&lt;script&gt;" in html
    for fmt in ("md", "json"):
        render(Report(events=[brief], articles=evil), fmt)


def test_unknown_format_is_a_config_error(seed_report):
    with pytest.raises(ConfigError, match="pdf"):
        render(seed_report, "pdf")


def test_empty_report_renders():
    empty = Report(events=[], articles=[Article(id="x", text="t")])
    assert "No events" in render(empty, "md") and "No events" in render(empty, "html")


def test_fact_labels_a_reader_understands():
    from newsfuse.report import fact_label
    assert fact_label("killed") == "killed"
    assert fact_label("other_count:shot") == "shot (fate not said)"
    assert fact_label("other_count:hostages") == "hostages"


def test_a_headline_says_no_one_rather_than_zero():
    from newsfuse.model import Event, Fact
    from newsfuse.report import headline
    facts = {"killed": Fact(slot="killed", best=0, low=0, high=0, status="agreed"),
             "injured": Fact(slot="injured", best=0, low=0, high=0, status="agreed"),
             "event_type": Fact(slot="event_type", best="fire", status="agreed")}
    assert headline(Event(id="e", article_ids=["a"]), facts) == "Fire: no one killed or injured"
    facts["killed"] = Fact(slot="killed", best=2, low=2, high=2, status="agreed")
    assert headline(Event(id="e", article_ids=["a"]), facts) == "Fire: 2 killed, no one injured"
