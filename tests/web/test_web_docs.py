"""/docs: Swagger UI served from the package (no CDN), with "Try it out" working in a browser."""

from __future__ import annotations

import re

import pytest


def test_docs_page_loads_only_local_assets(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/events/merge" in page.text, "the route table is there without JavaScript"
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/swagger-ui/swagger-ui-bundle.js" in sources
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    assert "cdn" not in page.text.lower()
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp, "no inline or remote script, even here"
    for asset in ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "swagger-init.js"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


def test_other_pages_keep_the_strict_style_policy(client):
    assert "'unsafe-inline'" not in client.get("/").headers["content-security-policy"]


@pytest.mark.browser
def test_try_it_out_calls_the_api(live_server, browser_page):
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.goto(live_server + "/docs")
    block = page.locator(".opblock-get", has=page.locator('[data-path="/api/events"]')).first
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=15000)
    assert status.inner_text().strip().startswith("200")
    assert '"events"' in block.locator(".responses-table.live-responses-table").inner_text()
    assert errors == [] and failed == []
