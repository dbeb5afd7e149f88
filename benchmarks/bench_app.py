"""Time the Playground beside a minimal one-slider, one-chart Streamlit app, in one run.

Run: ``python benchmarks/bench_app.py`` (needs Debian's /usr/bin/chromium for part b).

(a) The server's rerun after a logit slider moves, with AppTest (median, ms).
(b) In headless Chromium, against live servers on 127.0.0.1: from a slider key press
    (the page's own ``keydown`` event) to the chart's data changing, median over many presses;
    for the Playground both its first chart to change (q) and its last (the gradient).
(c) First chart after navigation: from navigation start to the first chart holding data.
(d) A scripted pointer drag across a logit slider (real mouse events, about 60 a second, for
    two seconds): how many distinct states the q chart shows per second while the pointer is
    down, and for the Playground how long after the pointer comes near the slider its grid
    (the states along it, xentviz/ui/live.py) has arrived.

It prints each figure and the ratio Playground / minimal app. Beside them, for scale, a stock
app with the same slider and four plain charts in the Playground's 2x2 grid: what Streamlit
itself costs for four charts, before anything the Playground adds. On a shared 2-core machine
absolute times drift; the ratios, measured side by side, are what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests import support  # noqa: E402

MINIMAL_APP = """
import streamlit as st

x = st.slider("x", -10.0, 10.0, 0.0, 0.1, key="x")
st.plotly_chart({"data": [{"type": "bar", "x": ["a", "b"], "y": [x, 1.0]}]}, key="chart")
"""
# The same slider and four such charts, keyed, placed and sent in the Playground's order
# (q top right and first, then logits, loss, gradient last).
FOUR_CHART_APP = """
import streamlit as st

x = st.slider("x", -10.0, 10.0, 0.0, 0.1, key="x")
top_left, top_right = st.columns(2)
bottom_left, bottom_right = st.columns(2)
places = {"fig_q": top_right, "fig_logits": top_left}
places |= {"fig_loss": bottom_left, "fig_grad": bottom_right}
for key, column in places.items():
    column.plotly_chart({"data": [{"type": "bar", "x": ["a", "b"], "y": [x, 1.0]}]}, key=key)
"""

# In-page timers: one records the first moment any chart holds data, the other the time from
# the next keydown to a chart's data changing (polled every millisecond).
FIRST_CHART = """
window.__firstChart = null;
const poll = setInterval(() => {
  const plot = document.querySelector('.js-plotly-plot');
  if (plot && plot.data && plot.data.length) {
    window.__firstChart = performance.now();
    clearInterval(poll);
  }
}, 1);
"""
# Timestamps every websocket message, to split a key press's latency into the server's part
# (until the last message arrives) and the browser's (rendering after it).
MESSAGES = """
window.__messages = [];
const Socket = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Socket(...args);
  ws.addEventListener('message', () => window.__messages.push(performance.now()));
  return ws;
};
window.WebSocket.prototype = Socket.prototype;
"""
WATCH = """
([selector]) => {
  // The chart is found by its key's container each time: Streamlit remounts a chart whose
  // figure changed, so a node (or an index among the page's charts) is not stable.
  const y = () => {
    const plot = document.querySelector(`${selector} .js-plotly-plot`);
    return plot?.data?.length ? plot.data.map((trace) => String(trace.y)).join('|') : null;
  };
  const before = y();
  window.__latency = null;
  window.addEventListener('keydown', () => {
    const t0 = performance.now();
    const poll = setInterval(() => {
      const now = y();
      if (now !== null && now !== before) {
        const got = window.__messages.filter((t) => t >= t0);
        window.__latency = [performance.now() - t0, got.length, (got.at(-1) ?? t0) - t0];
        clearInterval(poll);
      }
    }, 1);
  }, {once: true, capture: true});
}
"""


def rerun_ms(at: AppTest, runs: int) -> float:
    """The median time (ms) the server takes to rerun the Playground after a logit moves,
    over ``runs`` moves of the AppTest ``at`` (the first two left out, as warm-up)."""
    times = []
    for i in range(runs):
        slider = at.slider(key="playground.logits.1")
        start = time.perf_counter()
        slider.set_value(1.3 + 0.1 * (i % 2 + 1)).run()
        times.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return statistics.median(times[2:]) * 1e3


def apptest_rerun_ms(runs: int) -> float:
    return rerun_ms(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(), runs)


def first_chart_ms(browser, url: str) -> float:
    """One page load: from navigation start to the first chart holding data (ms)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script(FIRST_CHART)
    page.goto(url)
    page.wait_for_function("window.__firstChart !== null", timeout=60_000)
    ms = page.evaluate("window.__firstChart")
    page.close()
    return ms


def keypress_ms(browser, url: str, slider: str, chart: str, presses: int) -> list[list[float]]:
    """Per press (the first two dropped as warm-up): key press to chart data changed (ms),
    websocket messages received by then, when the last of them arrived (ms)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script(MESSAGES)
    page.goto(url)
    thumb = page.locator(f'input[type=range][aria-label="{slider}"]')
    thumb.wait_for(timeout=60_000)
    page.wait_for_function(
        f"document.querySelector('{chart} .js-plotly-plot')?.data", timeout=60_000
    )
    thumb.focus()
    times = []
    for i in range(presses):
        page.evaluate(WATCH, [chart])
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function("window.__latency !== null", timeout=30_000)
        times.append(page.evaluate("window.__latency"))
        page.wait_for_timeout(150)  # let the rest of the rerun finish before the next press
    page.close()
    return times[2:]


MOVES_PER_S = 60  # a mouse's reports a second (--moves): many report at 125 or more

# Counts the distinct data the chart in ``selector`` shows, frame by frame, from now on, and
# the distinct values the slider labelled ``slider`` shows (its thumb: what the chart can follow).
RECORD = """
([selector, slider]) => {
  window.__states = [];
  window.__thumbs = [];
  window.__frames = 0;
  let last = null;
  let thumb = null;
  const frame = () => {
    window.__frames += 1;
    const plot = document.querySelector(`${selector} .js-plotly-plot`);
    const y = plot?.data?.length ? String(plot.data[0].y) : null;
    if (y !== last) {
      window.__states.push(performance.now());
      last = y;
    }
    const value = document.querySelector(`input[type=range][aria-label="${slider}"]`)?.value;
    if (value !== thumb) {
      window.__thumbs.push(performance.now());
      thumb = value;
    }
    if (window.__states !== null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
"""
GRID_FOR = """(i) => !!window.xentviz?.holds('playground', i)"""


async def _drag_states(url: str, slider: str, chart: str, seconds: float, drags: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        await page.goto(url)
        thumb = page.locator(f'input[type=range][aria-label="{slider}"]')
        await thumb.wait_for(timeout=60_000)
        await page.wait_for_function(
            f"document.querySelector('{chart} .js-plotly-plot')?.data", timeout=60_000
        )
        track = await thumb.locator("xpath=../../..").bounding_box()
        y = track["y"] + track["height"] / 2
        live = await page.evaluate("() => !!window.xentviz")
        cdp = await page.context.new_cdp_session(page)

        def mouse(kind: str, x: float, buttons: int):
            event = {"type": kind, "x": x, "y": y, "button": "left", "buttons": buttons}
            if kind != "mouseMoved":
                event["clickCount"] = 1
            return cdp.send("Input.dispatchMouseEvent", event)

        rates, moved, ready, frames = [], [], [], []
        middle = track["x"] + track["width"] / 2
        for _ in range(drags):
            await page.mouse.move(middle, y - 40)  # away from the slider
            await page.wait_for_timeout(300)
            start = time.perf_counter()
            await mouse("mouseMoved", middle, 0)  # near: a live page asks for the grid
            if live:
                await page.wait_for_function(GRID_FOR, arg=1, timeout=60_000, polling=5)
                ready.append((time.perf_counter() - start) * 1e3)
            await mouse("mousePressed", middle, 1)
            await page.evaluate(RECORD, [chart, slider])
            t0 = await page.evaluate("performance.now()")
            # A mouse moves on its own clock, whether or not the page keeps up: each move is
            # sent on time and not awaited (Chromium coalesces those the page has no time for).
            sent, tick, x = [], 0, middle
            clock = time.perf_counter()
            while time.perf_counter() < clock + seconds:
                phase = (tick / MOVES_PER_S) % 2  # 0..2: right for a second, then left
                x = track["x"] + track["width"] * (0.3 + 0.4 * (phase if phase <= 1 else 2 - phase))
                sent.append(asyncio.ensure_future(mouse("mouseMoved", x, 1)))
                tick += 1
                await asyncio.sleep(max(0.0, clock + tick / MOVES_PER_S - time.perf_counter()))
            await asyncio.gather(*sent)
            t1 = await page.evaluate("performance.now()")
            states = await page.evaluate("window.__states.filter((t) => t > 0)")
            thumbs = await page.evaluate("window.__thumbs.filter((t) => t > 0)")
            frames.append(await page.evaluate("window.__frames") / ((t1 - t0) / 1e3))
            await page.evaluate("window.__states = null")
            await mouse("mouseReleased", x, 0)
            await page.wait_for_timeout(1500)  # the server answers the release
            rates.append(sum(t0 < t <= t1 for t in states) / ((t1 - t0) / 1e3))
            moved.append(sum(t0 < t <= t1 for t in thumbs) / ((t1 - t0) / 1e3))
        await browser.close()
    return (
        statistics.median(rates),
        statistics.median(moved),
        statistics.median(frames),
        statistics.median(ready) if ready else None,
    )


def drag_states(url: str, slider: str, chart: str, seconds: float = 2.0, drags: int = 3):
    """While a pointer drags ``slider`` back and forth (moves sent at MOVES_PER_S, as a mouse
    does, in a browser of its own): distinct states of ``chart`` per second, distinct values of
    the slider's thumb per second and the page's frames per second (medians over ``drags``
    drags), and for a page with a live preview the ms from the pointer coming near to the
    slider's grid having arrived (median), else None."""
    # In a thread of its own: Playwright's sync API holds this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _drag_states(url, slider, chart, seconds, drags)).result()


def first_charts(browser, minimal_url: str, four_url: str, app_url: str, n: int) -> None:
    """(c): each app's first chart after navigation, ``n`` loads each, interleaved (and the
    digits page's, the one page whose model trains on the server)."""
    apps = {"minimal app": minimal_url, "four-chart app": four_url, "Playground": app_url,
            "digits page": f"{app_url}/digits"}  # fmt: skip
    loads = {name: [] for name in apps}
    for _ in range(n):  # interleaved, as in (b), so drift hits every app alike
        for name, url in apps.items():
            loads[name].append(first_chart_ms(browser, url))
    base = statistics.median(loads["minimal app"])
    print(f"(c) first chart after navigation, median of {n} loads, interleaved:")
    for name, times in loads.items():
        ms = statistics.median(times)
        print(f"    {name:<25}{ms:7.1f} ms  ratio {ms / base:.2f}")
    print("    goal for the Playground (and every page): ratio <= 1.15")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--reruns", type=int, default=60)
    parser.add_argument("--no-load", action="store_true", help="skip (c), the page loads")
    parser.add_argument("--only-drag", action="store_true", help="only (d), the drags")
    parser.add_argument("--only-load", action="store_true", help="only (c), the page loads")
    parser.add_argument("--moves", type=int, default=60, help="(d): pointer moves a second")
    args = parser.parse_args()
    global MOVES_PER_S
    MOVES_PER_S = args.moves

    print(f"(a) AppTest rerun after a logit move, median of {args.reruns}: "
          f"{apptest_rerun_ms(args.reruns):.1f} ms (budget 25 ms)")  # fmt: skip
    if not support.chromium_available():
        print(f"(b, c) skipped: {support.CHROMIUM} is missing")
        return
    with tempfile.TemporaryDirectory() as tmp:
        minimal, four = Path(tmp) / "minimal_app.py", Path(tmp) / "four_chart_app.py"
        minimal.write_text(MINIMAL_APP)
        four.write_text(FOUR_CHART_APP)
        with (
            support.serve(minimal) as minimal_url,
            support.serve(four) as four_url,
            support.serve(ROOT / "app.py") as app_url,
            support.chromium() as browser,
        ):
            # Warm the servers (imports, first script run) before measuring.
            for url in (minimal_url, four_url, app_url):
                first_chart_ms(browser, url)
            if args.only_load:
                first_charts(browser, minimal_url, four_url, app_url, args.loads)
                return
            drags = {
                "minimal app": (minimal_url, "x", ".st-key-chart"),
                "Playground": (app_url, "cat", ".st-key-playground-chart-q"),
            }
            print(f"(d) a scripted pointer drag ({MOVES_PER_S} moves a second): distinct chart "
                  "states per second while dragging")  # fmt: skip
            print("    (thumb: distinct values the slider itself showed, frame by frame)")
            for name, case in drags.items():
                rate, thumb, fps, ready = drag_states(*case)
                extra = f"  grid ready {ready:.0f} ms after the pointer came near" if ready else ""
                print(f"    {name:<25}{rate:7.1f} states/s  thumb {thumb:5.1f}/s  "
                      f"{fps:5.1f} frames/s{extra}")  # fmt: skip
            print("    goal for the Playground: >= 55 states/s (every frame the display draws)")
            if args.only_drag:
                return
            # (name, url, slider, chart, the four-chart case to compare with)
            cases = [
                ("minimal app", minimal_url, "x", ".st-key-chart", None),
                ("four-chart app, q place", four_url, "x", ".st-key-fig_q", None),
                ("four-chart app, last", four_url, "x", ".st-key-fig_grad", None),
                ("Playground, q chart", app_url, "cat", ".st-key-playground-chart-q", 1),
                ("Playground, last chart", app_url, "cat", ".st-key-playground-chart-gradient", 2),
            ]
            presses = [[] for _ in cases]
            for _ in range(2):  # twice, interleaved, so drift hits every app alike
                for case, rows in zip(cases, presses, strict=True):
                    rows += keypress_ms(browser, *case[1:4], args.presses)
            medians = [[statistics.median(c) for c in zip(*rows, strict=True)] for rows in presses]
            base = medians[0][0]
            print(f"(b) key press -> chart data, median of {len(presses[0])} presses")
            print("    (messages: websocket messages by then; last: when the last one arrived;")
            print("    x four: ratio to the four-chart app's chart in the same place)")
            for (name, *_, four), (ms, count, last_ms) in zip(cases, medians, strict=True):
                line = (f"    {name:<25}{ms:7.1f} ms  ratio {ms / base:.2f}  messages "
                        f"{count:4.0f}  last {last_ms:6.1f} ms")  # fmt: skip
                if four is not None:
                    line += f"  x four {ms / medians[four][0]:.2f}"
                print(line)
            print("    goal for the Playground: ratio <= 1.10")
            if args.no_load:
                return
            first_charts(browser, minimal_url, four_url, app_url, args.loads)


if __name__ == "__main__":
    main()
