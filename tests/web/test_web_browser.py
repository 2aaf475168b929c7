"""End to end in a real headless Chromium: list, open, click a fact, see its sentence, merge."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


def test_open_event_click_fact_and_see_the_sentence(live_server, browser_page):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server + "/")
    page.get_by_role("link", name="Fire at Harbor Street warehouse in Valdane kills three").click()
    page.wait_for_selector("table.facts")
    assert page.locator("h1").inner_text().startswith("Fire at Harbor Street")
    page.locator('a.fact-link[data-mention="valdane-2:1"]').first.click()
    page.wait_for_url("**/articles/valdane-2#m=*")
    highlighted = page.locator("#article-text .seg.hl")
    highlighted.first.wait_for()
    text = "".join(highlighted.all_inner_texts())
    assert text.startswith("The death toll from the warehouse fire")
    assert "rose to five" in text and "critical condition" not in text
    assert highlighted.first.is_visible()
    # Clicking another claim on the article page moves the highlight to its sentence.
    page.locator('.mentions a[data-mention="valdane-2:2"]').click()
    page.wait_for_function(
        "document.querySelector('#article-text .seg.hl')?.textContent.startsWith('At least six')")
    # The storm article's script tags and handlers never ran.
    page.goto(live_server + "/articles/xss-1")
    assert "<script>alert('text')</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img, #article-text script, #article-text a").count() == 0
    assert errors == [] and dialogs == []


def test_merge_two_events_in_the_browser(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/?q=footbridge")
    page.get_by_role("link", name="Footbridge collapses over Orrin River, two hurt").click()
    bridge = page.locator("article.event").get_attribute("data-event")
    page.goto(live_server + "/?q=warehouse")
    page.get_by_role("link", name="Fire at Harbor Street warehouse in Valdane kills three").click()
    fire = page.locator("article.event").get_attribute("data-event")
    page.fill("#merge-other", bridge)
    page.click("#merge-button")
    # Locator assertions, not wait_for_function: the page's CSP forbids eval, rightly.
    expect(page.locator("#split-form input[name=article]")).to_have_count(4)
    assert page.url.endswith(f"/events/{fire}")
    page.goto(live_server + "/")
    assert page.locator("li.event-row").count() == 2
    # Split the bridge report off again through the checkboxes.
    page.goto(live_server + f"/events/{fire}")
    page.check('#split-form input[value="orrin-1"]')
    page.click("#split-button")
    expect(page.locator("#split-form input[name=article]")).to_have_count(1)
    assert page.locator("h1").inner_text().startswith("Footbridge collapses")
