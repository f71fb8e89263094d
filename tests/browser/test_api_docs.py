"""The API's documentation page renders under the strict Content-Security-Policy, from our own files."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageProblems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_operation(page: Page, live_url: str, problems: PageProblems) -> None:
    problems.watch(page)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(live_url) else None)

    page.goto(live_url + "/api/v1/docs")

    expect(page.locator(".swagger-ui .title")).to_contain_text("Regie API")
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/productions/{production_id}/schedule").first
    ).to_be_visible()
    assert outside == [] and problems.items == []
