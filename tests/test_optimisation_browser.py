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
# The step shown, as the headline says it ("120 / 600"), while a run plays and after.
STEP = """() => {
  const n = document.querySelector('.st-key-training-numbers-headline .xv-number-value');
  return n ? n.innerText : null;
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
    state = LossState()
    for _ in range(2):  # each step drawn before the next is taken
        page.get_by_role("button", name="Take a gradient step").click()
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


# Each distinct step the headline shows while a run plays, with the regions' and the loss curve's
# data and the sentence at that frame, recorded every animation frame until told to stop.
RECORD = """() => {
  window.__frames = [];
  const gd = (n) => document.querySelector(`.st-key-training-chart-${n} .js-plotly-plot`);
  const look = () => {
    if (window.__frames === null) return;
    const step = document.querySelector(
      '.st-key-training-numbers-headline .xv-number-value')?.innerText;
    const last = window.__frames.at(-1);
    if (step && step !== last?.[0]) {
      window.__frames.push([step, gd('regions').data[0].z, gd('curve').data[1].x[0],
                            document.querySelector('.st-key-training-sentence-summary').innerText]);
    }
    requestAnimationFrame(look);
  };
  look();
}"""


DIMMED = "(key) => !!document.querySelector(`.st-key-training-${key}`).closest('[data-xv-dim]')"


@pytest.mark.browser
def test_a_run_plays_stops_and_replays(page, app_url):
    """Run plays the run's frames in the browser: each step the headline shows comes with the
    core's regions and loss-curve marker for that step, many steps drawn; Stop stops it there
    (the server then draws that very step, and nothing moves after); Run goes on to the end."""
    open_link(page, f"{app_url}/training?steps=600&at=0", "training")
    page.evaluate(RECORD)
    page.get_by_role("button", name="Run").click()
    page.wait_for_function("window.__frames.length >= 12", timeout=TIMEOUT)
    # While it plays, what its frames do not draw (one point's chart) is dimmed; Stop is not.
    assert page.evaluate(DIMMED, "chart-point") and not page.evaluate(DIMMED, "run")
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Run").wait_for(timeout=TIMEOUT)
    frames = page.evaluate("(() => { const f = window.__frames; window.__frames = null; "
                           "return f; })()")  # fmt: skip
    stopped = page.evaluate(STEP)
    at = int(stopped.split("/")[0])
    assert 0 < at < 600, stopped
    steps = [int(text.split("/")[0]) for text, *_ in frames]
    assert steps == sorted(steps) and len(steps) >= 12, steps  # the run drawn as it goes
    assert steps[-1] == at  # the server draws the step the browser stopped at
    for text, z, marker, said in frames[1:]:  # each frame is the core's, for its step
        shown = controls.of("training").view(TrainingState(steps=600, at=int(text.split("/")[0])))
        assert z == shown["regions"]["data"][0]["z"] and marker == shown["curve"]["data"][1]["x"][0]
        assert said == shown["summary"]  # the words follow the step shown
    state = TrainingState(steps=600, at=at)
    page.wait_for_function(
        f"(want) => JSON.stringify(({NUMBERS})('training')) === JSON.stringify(want)",
        arg=numbers(state, controls.of("training").view),
        timeout=TIMEOUT,
    )
    slider = page.locator(".st-key-training-at input[type=range]")
    assert slider.input_value() == str(at)  # the step slider, there too
    assert (
        page.locator(".st-key-training-sentence-summary").inner_text()
        == (controls.of("training").view(state)["summary"])
    )
    assert page.evaluate(STEP) == stopped  # stopped means stopped
    assert not page.evaluate("() => !!document.querySelector('[data-xv-dim]')")
    page.get_by_role("button", name="Run").click()  # on to the end
    page.get_by_role("button", name="Replay").wait_for(timeout=TIMEOUT)
    assert page.evaluate(STEP) == "600 / 600"
    for _ in range(2):  # Replay plays the same frames again, from step 0, each time
        page.evaluate(RECORD)
        page.get_by_role("button", name="Replay").click()
        page.wait_for_function("window.__frames.length >= 12", timeout=TIMEOUT)
        page.get_by_role("button", name="Replay").wait_for(timeout=TIMEOUT)
        steps = [int(text.split("/")[0]) for text, *_ in page.evaluate("window.__frames")]
        page.evaluate("window.__frames = null")
        assert steps[-1] == 600 and min(steps) < 100, steps
        assert page.evaluate(STEP) == "600 / 600"


MAIN = "document.querySelector('[data-testid=stMain]')"  # what scrolls: Streamlit's main column


@pytest.mark.browser
def test_run_keeps_the_page_where_it_is(page, app_url):
    """Run, clicked with the page scrolled so that it sits near the top of the screen, or pressed
    from the keyboard with the page scrolled down to the loss curve: the run plays to its end and
    the page stays where it was (it jumped to the top: the run's first draw took elements away
    and built the charts afresh), the keyboard's focus on the button."""
    open_link(page, f"{app_url}/training", "training")
    assert page.evaluate(STEP) == "0 / 200"  # the page opens at the start
    top = page.evaluate(
        f"() => {MAIN}.scrollTop + document.querySelector('.st-key-training-run button')"
        ".getBoundingClientRect().top"
    )
    for how, where in (("click", top - 80), ("keyboard", top + 700)):
        page.evaluate(f"(y) => {{ {MAIN}.scrollTop = y; }}", where)
        scrolled = page.evaluate(f"() => {MAIN}.scrollTop")
        assert scrolled == pytest.approx(where, abs=1)
        page.evaluate(RECORD)
        button = page.locator(".st-key-training-run button")
        if how == "click":
            box = button.bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        else:
            button.evaluate("(b) => b.focus({preventScroll: true})")
            page.keyboard.press("Enter")
        page.wait_for_function("window.__frames.length >= 12", timeout=TIMEOUT)  # it plays
        page.wait_for_function(  # to its end, drawn still by the server
            "() => document.querySelector('.st-key-training-run button').innerText"
            ".includes('Replay') && document.querySelector('[data-testid=stApp]')"
            ".getAttribute('data-test-script-state') === 'notRunning'",
            timeout=TIMEOUT,
        )
        page.evaluate("window.__frames = null")
        assert page.evaluate(STEP) == "200 / 200"
        assert page.evaluate(f"() => {MAIN}.scrollTop") == scrolled, how
        if how == "keyboard":
            assert page.evaluate(
                "() => document.activeElement.closest('.st-key-training-run') !== null"
            )


# The player's first action, the regions chart's plot area (plotly's drag layer), and the words
# of the page above that action, measured in the viewport.
FIRST_SCREEN = r"""() => {
  const rect = (el) => el.getBoundingClientRect();
  const row = document.querySelector('.st-key-training-player');
  const first = row.querySelector('button');
  const run = rect(first);
  const plot = rect(document.querySelector('.st-key-training-chart-regions .nsewdrag'));
  const main = document.querySelector('[data-testid=stMain]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let words = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.height > 0 && box.bottom <= run.top) words += node.textContent.split(/\s+/)
      .filter((w) => /\w/.test(w)).length;
  }
  return {
    first: first.innerText, primary: first.getAttribute('data-testid'),
    run: [run.top, run.bottom], plot: [plot.top, plot.bottom, plot.left, plot.right],
    view: [innerWidth, innerHeight], words,
  };
}"""


def assert_first_screen(page, app_url):
    open_link(page, f"{app_url}/training", "training")
    page.wait_for_function(
        "() => document.querySelector('.st-key-training-chart-regions .nsewdrag')", timeout=TIMEOUT
    )
    seen = page.evaluate(FIRST_SCREEN)
    width, height = seen["view"]
    assert seen["first"].endswith("Run") and seen["primary"] == "stBaseButton-primary", seen
    assert seen["run"][0] >= 0 and seen["run"][1] <= height, seen  # Run on the screen
    top, bottom, left, right = seen["plot"]
    assert top >= 0 and bottom <= height and left >= 0 and right <= width, seen  # the whole plot
    assert seen["words"] <= 50, seen  # the title and one line above it


@pytest.mark.browser
def test_the_first_screen_shows_run_beside_the_regions_it_moves(page, app_url):
    """At 1366 x 768 with the sidebar open, and at 1280 x 720: the first action, Run, and the
    whole plot of the decision regions it moves are on the first screen, under at most 50
    words."""
    assert_first_screen(page, app_url)
    page.set_viewport_size({"width": 1280, "height": 720})
    assert_first_screen(page, app_url)


@pytest.mark.browser
def test_on_a_phone_the_first_screen_shows_run_and_the_regions(phone, app_url):
    """At 390 x 844: Run and the whole plot of the decision regions on the first screen."""
    assert_first_screen(phone, app_url)
