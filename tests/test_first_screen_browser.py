"""The first screen (issue 37): every page with charts opens, from its default link, on its main
control and the chart it drives, with one line of prose above them, in Chromium.

At 1366 x 768 and 1280 x 720 (the sidebar open, light and dark) the first chart's plot (plotly's
``.main-svg``) is wholly inside the window and so is the page's first control (a slider's thumb);
at 390 x 844 (a phone) the control is inside the window and the control and the chart fit one
screen. Above the first control: at most ~50 words.

A page's first control and chart are the first ones in its container keyed ``<page>.first``
(:func:`xentviz.ui.sections.first`), or in the page if it has none. The pages are the registry's
(:data:`xentviz.pages.PAGES`): every one with charts (a module in ``figures/``).
"""

from __future__ import annotations

import pytest

from tests import support
from xentviz.pages import PAGES
from xentviz.pages import page as page_entry

TIMEOUT = 180_000  # ms: a loaded machine draws a page slowly
WORDS = 50  #: the most prose above the first control

#: The pages that draw charts: those with a module in the figures layer.
CHARTED = [p for p in PAGES if "figures" in p.layers]

#: Where the page's first control and first chart are, and how many words stand above that
#: control: the first control in document order inside ``.st-key-<page>-first`` (or the page's
#: main area), a slider measured by its thumb.
MEASURE = """(name) => {
  const main = document.querySelector('[data-testid=stMain]');
  const first = main.querySelector('.st-key-' + name + '-first');
  const scope = first || main;
  const control = scope.querySelector(
    '[data-testid=stSlider], .xv-draw, [data-testid=stNumberInput], [data-testid=stSelectbox],'
    + ' [data-testid=stRadio], [data-testid=stCheckbox], [data-testid=stButton]');
  const chart = scope.querySelector('.xv-chart .main-svg')
    || main.querySelector('.xv-chart .main-svg');
  if (!control || !chart) return {control: !!control, chart: !!chart};
  const range = control.querySelector('input[type=range]');
  const thumb = range ? range.parentElement.parentElement : control;
  const box = (e) => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const top = control.getBoundingClientRect().top;
  const texts = 'h1, h2, h3, h4, h5, h6, p, li, td, th, [data-testid=stCaptionContainer]';
  let words = 0;
  const counted = [];
  for (const el of main.querySelectorAll(texts)) {
    if (el.parentElement.closest(texts)) continue;  // counted with its block
    const r = el.getBoundingClientRect();
    if (!el.checkVisibility() || r.height === 0 || r.top >= top) continue;  // folded, or below
    const text = el.cloneNode(true);  // a formula once: KaTeX's MathML copy for readers left out
    text.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
    const n = text.textContent.split(/\\s+/).filter(Boolean).length;
    words += n;
    if (n) counted.push(text.textContent.slice(0, 60));
  }
  return {control: box(control), thumb: box(thumb), chart: box(chart), words, counted,
          width: window.innerWidth, height: window.innerHeight};
}"""


#: Each size and colour scheme measured: the projector's sizes in light and dark, and a phone's.
SCREENS = {
    "1366x768-light": (1366, 768, "light"),
    "1366x768-dark": (1366, 768, "dark"),
    "1280x720-light": (1280, 720, "light"),
    "390x844-light": (390, 844, "light"),
}


def _inside(box: dict, width: float, height: float) -> bool:
    vertical = box["top"] >= 0 and box["bottom"] <= height
    return vertical and box["left"] >= 0 and box["right"] <= width


def _wrong(m: dict, width: int, height: int) -> list[str]:
    """What the first screen measured ``m`` gets wrong at ``width`` x ``height``."""
    if not (isinstance(m["control"], dict) and isinstance(m["chart"], dict)):
        return [f"no control or no chart: {m}"]
    wrong = []
    if not _inside(m["thumb"], width, height):
        wrong.append(f"first control at {m['thumb']}")
    if width >= 640:
        if not _inside(m["chart"], width, height):
            wrong.append(f"first chart at {m['chart']}")
    else:  # a phone: the control and the chart fit one screen
        top = min(m["chart"]["top"], m["thumb"]["top"])
        span = max(m["chart"]["bottom"], m["thumb"]["bottom"]) - top
        if span > height:
            wrong.append(f"control {m['thumb']} and chart {m['chart']} span {span:.0f} px")
        if m["chart"]["left"] < 0 or m["chart"]["right"] > width:
            wrong.append(f"first chart wider than the screen: {m['chart']}")
    if m["words"] > WORDS:
        wrong.append(f"{m['words']} words above the first control: {m['counted']}")
    return wrong


@pytest.mark.browser
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("name", [p.name for p in CHARTED])
def test_a_page_opens_on_its_control_beside_its_chart(browser, app_url, name, screen):
    width, height, scheme = SCREENS[screen]
    phone = width < 640
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme,
        **({"device_scale_factor": 2, "is_mobile": True, "has_touch": True} if phone else {}),
    )  # fmt: skip
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{app_url}/{'' if page_entry(name).default else name}")
        page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
        page.wait_for_function(
            "(dark) => document.documentElement.hasAttribute('data-xv-dark') === dark",
            arg=scheme == "dark", timeout=TIMEOUT,
        )  # fmt: skip
        sidebar = page.locator('[data-testid="stSidebar"]')
        if not phone:  # the sidebar open beside the lesson, as the default link shows it
            sidebar.wait_for(timeout=TIMEOUT)
            assert sidebar.is_visible() and sidebar.get_attribute("aria-expanded") != "false"
        # The first control and chart drawn (a run may still be sending the lesson's parts).
        page.wait_for_function(
            f"(name) => typeof ({MEASURE})(name).thumb === 'object'", arg=name, timeout=TIMEOUT
        )
        m = page.evaluate(MEASURE, name)
    finally:
        context.close()
    wrong = _wrong(m, width, height)
    assert not wrong, f"{name} at {screen}: " + "; ".join(wrong)
    assert not errors, errors


def test_the_pages_measured_are_the_registrys_charted_pages():
    """Derived from the registry: a new page with charts is measured without a change here, and
    the pages without charts (the lecture plan, the glossary) are left out by the rule."""
    names = [p.name for p in CHARTED]
    assert names[0] == PAGES[0].name and "playground" in names and "digits" in names
    assert not {"lecture", "glossary"} & set(names)
    assert all(("figures" in p.layers) == (p in CHARTED) for p in PAGES)
