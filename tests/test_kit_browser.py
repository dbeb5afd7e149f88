"""The lecture kit in Chromium: every page works with every host but the app's own blocked
(a hall's network may be down), and each chart downloads as PNG and SVG named after it."""

import re
from pathlib import Path

import pytest

from tests import support
from xentviz.app_pages import PAGES

TIMEOUT = 120_000


@pytest.mark.browser
def test_every_page_works_with_every_other_host_blocked(page, app_url):
    """Requests to any other host are refused, and none is even tried: each page still draws its
    charts and numbers, with no page error (the fixture fails the test on one) and no
    Streamlit exception. (It replaces tests/test_live.py's check of the hosts asked.)"""
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
        page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # every chart drawn
        assert page.locator('[data-testid="stException"]').count() == 0, p["url_path"]
        assert page.locator(".xv-unavailable").count() == 0, p["url_path"]
    assert refused == []


@pytest.mark.browser
def test_a_chart_downloads_as_png_and_svg_named_after_it(page, app_url):
    page.goto(app_url)
    chart = page.locator(".st-key-playground-chart-q .js-plotly-plot")
    chart.wait_for(timeout=TIMEOUT)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
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
    with a visible focus ring, and an arrow key moves each one."""
    page.goto(f"{app_url}/{'' if path == 'playground' else path}")
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
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
                         top: el.getAttribute('aria-valuenow') === el.getAttribute('aria-valuemax'),
                         ring: css.boxShadow !== 'none' || css.outlineStyle !== 'none' }; }"""
        )
        if info is None or info["i"] in reached:
            continue
        reached.add(info["i"])
        assert info["ring"], (path, info)
        page.keyboard.press("ArrowLeft" if info["top"] else "ArrowRight")  # a key moves it
        page.wait_for_function(
            "([i, v]) => document.querySelectorAll('[role=slider]')[i]"
            ".getAttribute('aria-valuenow') !== v",
            arg=[info["i"], info["value"]],
            timeout=TIMEOUT,
        )
        moved += 1
    assert len(reached) == total, (path, len(reached), total)
    assert moved == total
    if path != "lecture":  # a chart describes itself in words, once the page has settled
        page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
        page.wait_for_function(
            "() => (document.querySelector('.js-plotly-plot')?.getAttribute('aria-label') || '')"
            ".length > 20",
            timeout=TIMEOUT,
        )


CONTRAST = r"""() => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const under = (el) => {  // the colour behind el: its first ancestor's opaque background
    // (a slider thumb's value stands above the thumb, on the page itself)
    const start = el.closest('[data-testid="stSliderThumbValue"]') ? app : el;
    for (let e = start; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      const alpha = (c.match(/[\d.]+/g) || [])[3];
      if (c !== 'transparent' && (alpha === undefined || Number(alpha) > 0.5)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const bg = getComputedStyle(app).backgroundColor;
  const texts = [...document.querySelectorAll('[data-testid="stMain"] p')]
    .filter((p) => p.offsetParent && p.innerText.trim() && !p.closest('[data-xv-dim]'));
  const chart = document.querySelector('.js-plotly-plot .gtitle');
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    bg,
    text: Math.min(...texts.map((p) => ratio(getComputedStyle(p).color, under(p)))),
    chart: chart ? ratio(getComputedStyle(chart).fill, bg) : null,
    overflow: main.scrollWidth - main.clientWidth,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["phone", "projector"])
def test_every_page_reads_in_both_themes_on_a_phone_and_a_projector(
    browser, app_url, tmp_path, scheme, size
):
    """WCAG AA for body text (4.5:1) and chart titles against the page, in Streamlit's light
    and dark theme (the system's colour scheme picks it), and nothing wider than the screen;
    a screenshot of each page is kept in the test's folder."""
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme,
        has_touch=width < 500, is_mobile=width < 500,
    )  # fmt: skip
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for p in PAGES:
            page.goto(f"{app_url}/{'' if p.get('default') else p['url_path']}")
            page.wait_for_function(  # the page, and the app's own part of it, are there
                "(dark) => document.querySelector('[data-testid=stMain] h1')"
                " && document.querySelector('.xv-present-where, [data-testid=stBottom], .xv-live,"
                " [data-testid=stPageLink]')"
                " && document.documentElement.hasAttribute('data-xv-dark') === dark",
                arg=scheme == "dark",
                timeout=TIMEOUT,
            )
            page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
            page.screenshot(path=str(tmp_path / f"{p['url_path']}-{scheme}-{width}.png"))
            found = page.evaluate(CONTRAST)
            channels = [float(c) for c in re.findall(r"[\d.]+", found["bg"])[:3]]
            dark = sum(channels) < 3 * 128
            assert dark == (scheme == "dark"), (p["url_path"], found)
            assert found["text"] >= 4.5, (p["url_path"], scheme, found)
            assert found["chart"] is None or found["chart"] >= 4.5, (p["url_path"], found)
            assert found["overflow"] <= 1, (p["url_path"], scheme, width, found)
            # every formula typeset as the page shows it (KaTeX marks one it cannot parse)
            assert page.locator(".katex-error").count() == 0, p["url_path"]
    finally:
        context.close()
    assert not errors, errors
