"""The lecture kit in Chromium: every page works with every host but the app's own blocked
(a hall's network may be down), and each chart downloads as PNG and SVG named after it."""

from pathlib import Path

import pytest

from xentviz.app_pages import PAGES

TIMEOUT = 120_000


@pytest.mark.browser
def test_every_page_works_with_every_other_host_blocked(page, app_url):
    """Requests to any other host are refused: each page still draws its charts and numbers,
    with no page error (the fixture fails the test on one) and no Streamlit exception."""
    own = app_url.split("/")[2]
    refused = []

    def route(r):
        if r.request.url.split("/")[2] == own:
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    for p in PAGES:
        page.goto(f"{app_url}/{'' if p.get('default') else p['url_path']}")
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot').length >= 1", timeout=TIMEOUT
        )
        page.wait_for_timeout(500)
        assert page.locator('[data-testid="stException"]').count() == 0, p["url_path"]
        assert page.locator(".xv-unavailable").count() == 0, p["url_path"]
    assert refused == []


@pytest.mark.browser
def test_a_chart_downloads_as_png_and_svg_named_after_it(page, app_url):
    page.goto(app_url)
    chart = page.locator(".st-key-playground-chart-q .js-plotly-plot")
    chart.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(500)
    chart.hover()
    with page.expect_download(timeout=TIMEOUT) as png:
        page.locator(".st-key-playground-chart-q [data-title='Download plot as a PNG']").click()
    assert png.value.suggested_filename == "playground-q.png"
    with page.expect_download(timeout=TIMEOUT) as svg:
        page.locator(".st-key-playground-chart-q [data-title='Download as SVG']").click()
    assert svg.value.suggested_filename == "playground-q.svg"
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Prediction" in text


SLIDERS = "() => [...document.querySelectorAll('[role=slider]')].filter((s) => s.offsetParent)"


@pytest.mark.browser
@pytest.mark.parametrize("path", [p["url_path"] for p in PAGES if p["url_path"] != "glossary"])
def test_the_keyboard_alone_reaches_and_moves_every_slider(page, app_url, path):
    """From the top of the page, Tab reaches every slider in the main area and the sidebar, each
    with a visible focus ring, and an arrow key moves it."""
    page.goto(f"{app_url}/{'' if path == 'playground' else path}")
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot').length >= 1"
        " || document.querySelector('[data-testid=stPageLink]')",
        timeout=TIMEOUT,
    )
    page.wait_for_timeout(800)
    total = page.evaluate(f"({SLIDERS})().length")
    reached, moved = set(), 0
    for _ in range(400):
        if len(reached) == total:
            break
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement;
                if (!el || el.getAttribute('role') !== 'slider') return null;
                const all = [...document.querySelectorAll('[role=slider]')];
                const css = getComputedStyle(el);
                return { i: all.indexOf(el), value: el.getAttribute('aria-valuenow'),
                         ring: css.boxShadow !== 'none' || css.outlineStyle !== 'none' }; }"""
        )
        if info is None or info["i"] in reached:
            continue
        reached.add(info["i"])
        assert info["ring"], (path, info)
        if moved < 2:  # moving each slider reruns the page; two a page show the keys work
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([i, v]) => document.querySelectorAll('[role=slider]')[i]"
                ".getAttribute('aria-valuenow') !== v",
                arg=[info["i"], info["value"]],
                timeout=TIMEOUT,
            )
            moved += 1
    assert len(reached) == total, (path, len(reached), total)
    assert moved == min(2, total)
    label = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')?.getAttribute('aria-label') || ''"
    )
    assert path == "lecture" or len(label) > 20  # a chart describes itself in words
