"""No chart text collides, none is cut, none is dropped (issue 37, goal 4), in Chromium.

Every chart (``.js-plotly-plot``) of every page that has charts (from :data:`xentviz.pages.PAGES`),
the later part of the page included (scrolled to and drawn), at 1366 and at 390 px wide, in the
default state and in extreme states a link can reach: twelve classes with 20-character names,
logits of +-1000, T of 0.05 and 20, tiny and huge values, bits. For each, in the DOM:

- no two texts overlap: the boxes of the SVG <text> elements (tick labels, bar values,
  annotations, titles, legend entries, colour bars) that are shown, more than 1 px both ways;
- no text is cut: each box inside the chart's SVG;
- no text under plotly's tool bar (shown at all times on a phone);
- no value dropped: as many bar and scatter values drawn, shown and at least 10 px, as the
  figure asked for.

One browser and one server for the whole file; a state is loaded once and checked at one width,
then the window is resized to the other (plotly redraws every chart to its new width). The
summary line (charts x states x widths) is printed to the terminal.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import pytest

from tests import support
from xentviz.pages import PAGES
from xentviz.state.fields.engine import parse, to_query

pytestmark = pytest.mark.browser

TIMEOUT = 180_000
WIDTHS = {1366: 768, 390: 844}

#: Twelve class names of twenty characters (the Playground allows up to 24).
LONG = tuple(f"a long class name {i:02d}" for i in range(12))
#: Logits of +-1000 and between: a certain class, the rest underflowing to 0.
EXTREME = (1000.0, -1000.0, 0.0, 999.0, -999.5, 1e-9, 3.0, -3.0, 500.0, -500.0, 0.5, 2.0)


def _states(page) -> list:
    """The page's extreme states a link can reach (besides its default)."""
    s = page.state()
    fields = {f.name for f in dataclasses.fields(s)}
    out = []
    if "classes" in fields:  # twelve long names, logits +-1000, in bits where the page has a base
        extreme = {"classes": LONG, "logits": EXTREME, "target": 1}
        if "temperature" in fields:
            out.append({**extreme, "temperature": 0.05, "base": "2"})
        if page.name == "playground":  # tiny logits, T = 20, smoothing: everything near 1/12
            out.append({**extreme, "logits": (1e-9,) * 11 + (-1e-9,), "temperature": 20.0,
                        "smoothing": 0.99})  # fmt: skip
        else:
            out.append(extreme | ({"base": "2"} if "base" in fields else {}))
        if page.name == "playground":  # subnormal q: "computes as 4.941e-324" on the bars
            out.append({"logits": (745.0, 0.0, 0.0, 0.0), "target": 0})
    if page.name == "binary":
        out[0] |= {
            "setting": "multi-label", "z": -1000.0, "t": 1, "labels": (1.0, 0.0) * 6,
            "ts": (1.0, 0.0) * 4, "ps": (1e-9, 1 - 1e-9, 0.999999, 1e-6) * 2,
        }  # fmt: skip
    if page.name == "binary":  # the tangent's slope computes as 0
        out.append({"z": 1000.0, "t": 1, "base": "2"})
    if page.name == "encoding":
        out[0] |= {
            "ys": (0, 11, 5, 5, 3, 1, 7, 2), "order": tuple(range(11, -1, -1)),
            "shift": -1000.0, "scale": 20.0,
        }  # fmt: skip
        out.append({"shift": 1000.0, "scale": 0.05, "base": "10"})
    if page.name == "loss":  # the simplex shows for three classes
        out[0] |= {"shift": 1000.0, "rate": 10.0}
        out.append({
            "classes": LONG[:3], "logits": (1000.0, -1000.0, 0.0), "target": 2, "base": "2",
            "temperature": 20.0, "rate": 0.01, "trail": ((1.0, 2.0), (3.0, -4.0)),
        })  # fmt: skip
    if page.name == "gradients":
        out[0] |= {"h": 1e-12}
        out.append({"h": 0.1, "logits": (0.0, 0.0, 0.0, 0.0)})
        # subnormal q: the heat map's "≈" cells, the graph's "computes as" labels
        out.append({"logits": (745.0, 0.0, 0.0, 0.0), "target": 0})
    if page.name == "entropy":
        out.append({
            "shapes": tuple(n[:20] for n in LONG[:6]),
            "counts": ((500, 1, 1, 1, 1, 1), (1, 500, 0, 0, 0, 0), (83, 83, 83, 83, 84, 84),
                       (0, 0, 0, 0, 0, 1)),
            "base": "e", "n": 1, "compare": (3, 0), "sample": 3,
        })  # fmt: skip
    if page.name == "training":
        out.append({"n_classes": 5, "points": 1000, "noise": 0.0, "rate": 5.0, "batch": 1000,
                    "steps": 2000, "at": 2000, "point": 999, "n": 1000, "base": "2"})  # fmt: skip
        out.append({"at": 0, "noise": 3.0, "base": "10"})
    if page.name == "digits":
        out.append({"rate": 10.0, "batch": 256, "steps": 2000, "image": 448, "base": "2"})
    return out


def links(page) -> list[str]:
    """The page's default link and one per extreme state, each checked to be read back whole
    (no warning: a typo here would test the default instead)."""
    out = [""]
    for changes in _states(page):
        state = dataclasses.replace(page.state(), **changes)
        query = to_query(state)
        back, warning = parse(query, page.state)
        assert warning is None and back == state, (page.name, changes, warning)
        out.append("?" + urlencode(query))
    return out


CHARTED = [p for p in PAGES if "figures" in p.layers]

#: Until every plotly chart of the page is drawn at the window's width and none of them moves:
#: each text's box the same in two animation frames in a row (plotly's automargin draws a chart
#: a second time after the first pass; the state to wait for is that it has stopped).
STILL = """async () => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const sized = plots.every((gd) => gd._fullLayout
    && Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) < 2);
  if (!sized) return false;
  const boxes = () => JSON.stringify(plots.map((gd) => [...gd.querySelectorAll('text')].map(
    (t) => { const r = t.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })));
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const before = boxes();
  await frame(); await frame();
  return boxes() === before;
}"""

#: For each plotly chart of the page: its title, its texts' count and every problem with them.
CHECK = """([tol, minPx]) => {
  const shown = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0)
        return false;
      if (e.classList.contains('js-plotly-plot')) break;
    }
    return true;
  };
  const box = (r) => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const meet = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > tol
                      && Math.min(a.b, b.b) - Math.max(a.t, b.t) > tol;
  return [...document.querySelectorAll('.js-plotly-plot')].map((gd) => {
    const svg = box(gd.querySelector('svg.main-svg').getBoundingClientRect());
    const texts = [...gd.querySelectorAll('svg text')]
      .filter((t) => !t.closest('.hoverlayer') && t.textContent.trim() !== '' && shown(t))
      .map((t) => ({el: t, text: t.textContent.trim(), box: box(t.getBoundingClientRect())}))
      .filter((t) => t.box.r - t.box.l > 0 && t.box.b - t.box.t > 0);
    const problems = [];
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i];
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (meet(a.box, b.box)) problems.push(`overlap: "${a.text}" / "${b.text}"`);
      }
      if (a.box.l < svg.l - 1 || a.box.r > svg.r + 1 || a.box.t < svg.t - 1
          || a.box.b > svg.b + 1) problems.push(`cut: "${a.text}"`);
    }
    const tools = gd.querySelector('.modebar');
    if (tools) {
      const bar = box(tools.getBoundingClientRect());
      for (const t of texts) if (meet(t.box, bar)) problems.push(`under the tools: "${t.text}"`);
    }
    let asked = 0;
    for (const trace of gd._fullData || []) {
      if (trace.visible !== true || !Array.isArray(trace.text)) continue;
      const bars = trace.type === 'bar' && trace.textposition !== 'none';
      const marks = trace.type === 'scatter' && (trace.mode || '').includes('text');
      if (!bars && !marks) continue;
      trace.text.forEach((t, k) => {
        if (String(t ?? '').trim() !== '' && trace.x?.[k] != null && trace.y?.[k] != null)
          asked += 1;
      });
    }
    const drawn = [...gd.querySelectorAll('text.bartext, .textpoint text')].filter(
      (t) => t.textContent.trim() !== '' && shown(t) && t.getBoundingClientRect().width > 0
             && parseFloat(getComputedStyle(t).fontSize) >= minPx);
    if (drawn.length < asked) problems.push(`dropped: ${asked - drawn.length} of ${asked} values`);
    const title = (gd._fullLayout?.title?.text ?? '').replace(/<br>/g, ' ');
    return {title, texts: texts.length, problems};
  });
}"""


def settle(page, name: str) -> None:
    """Until the page's run is over, its later part scrolled to and drawn, and every chart still."""
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    if page.evaluate("(n) => !!window.xentviz?.pages.get(n)?.later", name):
        support.later_fresh(page, name, timeout=TIMEOUT)
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    page.wait_for_function(STILL, timeout=TIMEOUT)


def check(page) -> list[dict]:
    page.wait_for_function(STILL, timeout=TIMEOUT)
    return page.evaluate(CHECK, [1.0, 10.0])


@pytest.fixture(scope="module")
def screen(browser):
    """One page of one browser for every state of every page: a touch screen (plotly shows its
    tools at all times, as on a phone), resized between a projector's width and a phone's."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, has_touch=True)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    ctx.close()
    assert not errors, f"page errors: {errors}"


COUNTED = {"views": 0, "states": 0, "problems": 0}


@pytest.mark.parametrize("page", CHARTED, ids=[p.name for p in CHARTED])
def test_no_chart_text_collides_is_cut_or_dropped(screen, app_url, page, capsys):
    path = "" if page.default else page.name
    found, views = [], 0
    widths = list(WIDTHS)
    for i, link in enumerate(links(page)):
        screen.goto(f"{app_url}/{path}{link}")
        for width in widths:
            screen.set_viewport_size({"width": width, "height": WIDTHS[width]})
            settle(screen, page.name)
            charts = check(screen)
            assert charts, f"no chart drawn on /{path}{link} at {width}"
            views += len(charts)
            for chart in charts:
                found += [
                    f"/{page.name} state {i} at {width}: {chart['title']!r}: {p}"
                    for p in chart["problems"]
                ]
        widths.reverse()  # the next state starts at the width this one ended at
    states = len(links(page))
    COUNTED["views"] += views
    COUNTED["states"] += states
    COUNTED["problems"] += len(found)
    with capsys.disabled():  # the numbers, in the terminal even when output is captured
        print(
            f"\nchart text, /{page.name}: {views} charts checked (charts x {states} states x "
            f"{len(WIDTHS)} widths), {len(found)} problems; all pages so far: {COUNTED['views']}"
            f" charts in {COUNTED['states']} states, {COUNTED['problems']} problems"
        )
    assert not found, "\n".join(found)


@pytest.mark.parametrize("page", CHARTED, ids=[p.name for p in CHARTED])
def test_no_chart_text_collides_in_presenter_mode(screen, app_url, page):
    """Audit 37: in presenter mode (1366 x 768) charts shrank to stamp size and their text
    piled up (the loss map's ticks and colour bar, the backward graph's labels, the encoding's
    values, titles over legends). Each page's default state, every screen shown (End)."""
    path = "" if page.default else page.name
    screen.set_viewport_size({"width": 1366, "height": 768})
    screen.goto(f"{app_url}/{path}?present=1")
    screen.locator(".xv-present-where").wait_for(timeout=TIMEOUT)
    settle(screen, page.name)
    screen.keyboard.press("End")
    screen.wait_for_function(
        "() => { const [n, t] = document.querySelector('.xv-present-where').innerText"
        "  .split(' / ').map(Number);"
        " return n === t && !document.querySelector('[data-xv-hidden]'); }",
        timeout=TIMEOUT,
    )
    assert screen.evaluate("document.documentElement.hasAttribute('data-xv-present')")
    charts = check(screen)
    assert charts, f"no chart drawn on /{path}?present=1"
    found = [f"/{page.name}: {c['title']!r}: {p}" for c in charts for p in c["problems"]]
    assert not found, "\n".join(found)
