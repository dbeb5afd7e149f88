"""The optimisation pages in Chromium: each opens from a link and shows the core's numbers for
it; a gradient step moves the point and leaves a trail; a training run plays step by step,
stops on Stop, and ends at its last step."""

import pytest

from xentviz.state import parse
from xentviz.state.gradients import GradientsState
from xentviz.state.loss import LossState
from xentviz.state.training import TrainingState
from xentviz.ui import controls

TIMEOUT = 120_000
NUMBERS = """(page) => [
  ...document.querySelectorAll(`.st-key-${page}-numbers-headline .xv-number-value`),
].map((e) => e.innerText)"""
STEP = """() => {
  const p = document.querySelector('[data-testid="stProgress"]');
  return p ? p.innerText : null;
}"""


def numbers(state, make):
    return [value for _, value, _ in make(state)["headline"]]


def open_link(page, url, name):
    page.goto(url)
    page.wait_for_function(
        "(page) => document.querySelectorAll(`.st-key-${page}-numbers-headline .xv-number-value`)"
        ".length >= 3 && document.querySelectorAll('.js-plotly-plot').length >= 2",
        arg=name,
        timeout=TIMEOUT,
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "query", "cls", "make"),
    [
        ("loss", "logits=0.5,3,-1&target=2&base=2&i=2&j=1", LossState, controls.of("loss").view),
        ("gradients", "classes=a,b,c&logits=4,1,0&target=1&h=0.001", GradientsState,
         controls.of("gradients").view),
        ("training", "seed=4&classes=5&points=200&steps=150&at=60", TrainingState,
         controls.of("training").view),
    ],
)  # fmt: skip
def test_a_link_opens_each_page_with_the_cores_numbers(page, app_url, name, query, cls, make):
    state, warning = parse(dict(kv.split("=") for kv in query.split("&")), cls)
    assert warning is None
    open_link(page, f"{app_url}/{name}?{query}", name)
    page.wait_for_function(
        f"([page, want]) => JSON.stringify(({NUMBERS})(page)) === JSON.stringify(want)",
        arg=[name, numbers(state, make)],
        timeout=TIMEOUT,
    )
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.browser
def test_a_gradient_step_moves_the_point_and_leaves_a_trail(page, app_url):
    open_link(page, f"{app_url}/loss", "loss")
    page.get_by_role("button", name="Take a gradient step").click()
    page.get_by_role("button", name="Take a gradient step").click()
    state = LossState()
    for _ in range(2):
        w = state.worked()
        state = LossState(
            logits=tuple(w.next_logits),
            trail=(*state.trail, (state.logits[state.i], state.logits[state.j])),
        )
    page.wait_for_function(
        f"(want) => JSON.stringify(({NUMBERS})('loss')) === JSON.stringify(want)",
        arg=numbers(state, controls.of("loss").view),
        timeout=TIMEOUT,
    )
    trail = page.evaluate(
        "() => document.querySelector('.st-key-loss-chart-map .js-plotly-plot').data"
        ".find((t) => t.name === 'trail').x"
    )
    assert trail == pytest.approx([p[0] for p in state.trail] + [state.logits[state.i]])


@pytest.mark.browser
def test_a_run_plays_stops_and_replays(page, app_url):
    open_link(page, f"{app_url}/training?steps=600&at=0", "training")
    page.get_by_role("button", name="Run").click()
    seen = set()
    page.get_by_role("button", name="Stop").wait_for(timeout=TIMEOUT)
    for _ in range(20):
        text = page.evaluate(STEP)
        if text:
            seen.add(text)
        page.wait_for_timeout(25)
    assert len(seen) >= 3, seen  # the run is drawn as it goes
    # The page redraws every 30 ms while it plays, so it is never "stable" for Playwright's
    # usual wait: the click goes straight to the button (which stays the same node throughout).
    page.get_by_role("button", name="Stop").click(force=True)
    page.get_by_role("button", name="Run").wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(500)
    stopped = page.evaluate(STEP)
    at = int(stopped.split()[1])
    assert 0 < at < 600, stopped
    page.wait_for_timeout(500)
    assert page.evaluate(STEP) == stopped  # stopped means stopped
    state = TrainingState(steps=600, at=at)
    page.wait_for_function(
        f"(want) => JSON.stringify(({NUMBERS})('training')) === JSON.stringify(want)",
        arg=numbers(state, controls.of("training").view),
        timeout=TIMEOUT,
    )
    page.get_by_role("button", name="Run").click()  # on to the end
    page.get_by_role("button", name="Replay").wait_for(timeout=TIMEOUT)
    assert page.evaluate(STEP).startswith("step 600 of 600")
