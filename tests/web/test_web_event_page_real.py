"""The event page of a real development event fits the screen (1280 and 390 px wide).

gvc-train event 492366 (tests/web/real_event.py) names 20-odd actors; before, its facts table
ran 2,600 px off the side and status and evidence were out of sight.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsfuse.live import default_stages, ingest_articles
from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.render import FOLD_AFTER

_spec = importlib.util.spec_from_file_location("real_event", Path(__file__).with_name("real_event.py"))
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)
event_articles = _real.event_articles

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def real_event(shared_dir, tmp_path_factory):
    """A store of the four reports, the real pipeline over them, and the id of their event."""
    articles = event_articles(shared_dir)
    assert len(articles) == 4
    stages = default_stages(n_process=1)
    store = open_store(tmp_path_factory.mktemp("real") / "real.db")
    ingest_articles(store, articles, stages)
    yield store, stages, articles[0].id
    store.close()


@pytest.fixture()
def real_server(real_event):
    from serving import served

    store, stages, article_id = real_event
    with served(create_app(store, stages=stages)) as base:
        yield base, article_id


def _right_edge(page, selector: str) -> float:
    return page.evaluate(f"Math.max(...[...document.querySelectorAll({selector!r})]"
                         ".map(e => e.getBoundingClientRect().right))")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_facts_table_fits_and_status_and_evidence_show(real_server, browser_page, width):
    base, article_id = real_server
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/articles/{article_id}")
    page.locator("a[href^='/events/']").first.click()
    page.wait_for_selector("table.facts")
    actors = page.locator("#fact-actor")
    assert actors.count() == 1, "the real event has an actor fact"
    # Nothing runs off the side: not the page, not the table, not its card.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card = page.locator("table.facts").evaluate("t => t.closest('.card').getBoundingClientRect().right")
    assert _right_edge(page, "table.facts") <= card + 1
    # Status and evidence of every fact are on the screen, horizontally.
    for selector in ("td.fact-status .badge", "td.evidence"):
        assert _right_edge(page, selector) <= width, selector
        assert page.locator(selector).first.is_visible()
    # The long actor list is folded: the first names shown, "and N more" opens the rest.
    value = actors.locator("td.value")
    assert value.locator(":scope > ul.items > li").count() == FOLD_AFTER
    more = value.locator("details.more")
    summary = more.locator("summary").inner_text()
    assert summary.startswith("and ") and summary.endswith(" more")
    hidden = int(summary.split()[1])
    assert hidden > 0 and not more.locator("li").first.is_visible()
    more.locator("summary").click()
    assert more.locator("li").count() == hidden and more.locator("li").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
