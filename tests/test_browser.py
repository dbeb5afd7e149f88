"""The app in a real browser: Debian's Chromium driven by Playwright against a live server."""

import pytest

pytestmark = pytest.mark.browser


def test_first_page_shows_the_seed_loss(page, app_url):
    page.goto(app_url)
    metric = page.get_by_test_id("stMetricValue").first
    metric.wait_for(timeout=30_000)
    assert metric.inner_text() == "0.3675"
