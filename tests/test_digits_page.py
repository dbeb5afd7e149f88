"""The digits page: it opens from a link with a chosen image and drawing and shows the core's
numbers; its Playground links carry them; a bad link gives the defaults and one warning; the
hard images are one click away; a drawing made with a real pointer in Chromium gets the core's
logits for its pixels."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests import support
from xentviz.state import PlaygroundState, parse, to_query
from xentviz.state.digits import BLANK, DigitsState
from xentviz.state.links import playground_from_digit
from xentviz.ui import controls
from xentviz.ui.controls import digits as digit_controls

APP = str(support.ROOT / "app.py")
TIMEOUT = 120_000
#: A seven, drawn as a student would: a bar across the top and a stroke down to the left.
SEVEN = tuple(
    1.0 if (r == 1 and 1 <= c <= 6) or (2 <= r <= 7 and c == max(1, 7 - r)) else 0.0
    for r in range(8)
    for c in range(8)
)


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page("xentviz/app_pages/digits.py").run()
    assert not at.exception, at.exception
    return at


def check(at, state):
    """The page shows ``state``: every chart and headline number is the core's for it."""
    shown = controls.view_of("digits")(state)
    assert support.headline(at) == {label: value for label, value, _ in shown["headline"]}
    figures = support.figures(at)
    for view, figure in shown.items():
        if view != "headline":
            assert figures[f"digits.chart.{view}"] == support.json_round_trip(figure), view
    assert dict(at.query_params) == to_query(state)


def test_a_link_opens_the_page_with_its_image_and_drawing():
    state = DigitsState(image=17, drawing=SEVEN, base="2")
    at = run(to_query(state))
    check(at, state)
    w = state.worked()
    logits = support.figures(at)["digits.chart.logits"]["data"][0]["y"]
    assert logits == pytest.approx(list(w.shown.z), abs=0, rel=0)
    drawn = support.figures(at)["digits.chart.drawn_logits"]["data"][0]["y"]
    assert drawn == [float(v) for v in w.drawing.z]
    # The Playground links carry the image's logits and digit, and the drawing's.
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    image_link = links["Open these logits and this digit in the Playground"]
    opened = parse(parse_qs(image_link.query_string), PlaygroundState)[0]
    assert opened == playground_from_digit(w.shown.z, w.shown.label, "2")
    assert opened.classes == tuple("0123456789") and opened.target == w.shown.label
    drawing_link = next(p for label, p in links.items() if "your drawing" in label)
    opened = parse(parse_qs(drawing_link.query_string), PlaygroundState)[0]
    assert opened.logits == pytest.approx(tuple(w.drawing.z), rel=1e-12)


@pytest.mark.parametrize(
    "params",
    [{"image": "449"}, {"image": "-1"}, {"steps": "0"}, {"rate": "nan"},
     {"drawing": "1,0"}, {"drawing": ",".join(["2"] * 64)}, {"batch": "<b>1</b>"}],
)  # fmt: skip
def test_a_bad_link_gives_the_defaults_and_one_warning(params):
    at = run(params)
    assert len(at.warning) == 1
    check(at, DigitsState())


def test_the_hard_images_are_one_click_away_and_clear_empties_the_drawing():
    at = run({"drawing": ",".join(str(int(v)) for v in SEVEN)})
    w = DigitsState(drawing=SEVEN).worked()
    at.button(key="digits.pick.wrong").click().run()
    check(at, DigitsState(image=w.wrong[0], drawing=SEVEN))
    at.button(key="digits.pick.unsure").click().run()
    check(at, DigitsState(image=w.unsure, drawing=SEVEN))
    at.button(key="digits.clear").click().run()
    check(at, DigitsState(image=w.unsure))
    assert "digits.chart.drawn_logits" not in support.figures(at)


@pytest.mark.parametrize(
    "sent, taken",
    [([1] * 64, True), ([0, 1] * 32, True), ([1.0] * 64, True), ([1] * 63, False),
     ([2] * 64, False), ([True] * 64, False), (["1"] * 64, False), (None, False),
     ({"k": 1}, False), ([float("nan")] * 64, False)],
)  # fmt: skip
def test_only_a_drawing_of_64_pixels_each_0_or_1_is_taken(sent, taken):
    assert (digit_controls.drawing_of(sent) is not None) == taken


def test_the_drawing_is_in_the_link_and_blank_by_default():
    assert DigitsState().drawing == BLANK and "drawing" not in to_query(DigitsState())
    query = to_query(DigitsState(drawing=SEVEN))
    assert parse(query, DigitsState)[0].drawing == SEVEN


# --- in a real browser ----------------------------------------------------------------------

LOGITS = """() => {
  const plot = document.querySelector('.st-key-digits-chart-drawn_logits .js-plotly-plot');
  return plot?.data?.[0]?.y ?? null;
}"""


@pytest.mark.browser
def test_a_digit_drawn_with_a_real_pointer_gets_the_cores_logits(page, app_url):
    """Strokes drawn with the mouse on the 8 x 8 grid (the top bar of a seven, then its stem):
    after each stroke the server's logits for the drawing are the core's for those pixels;
    a key press inks one pixel more; the Playground link carries the drawing's logits."""
    page.goto(f"{app_url}/digits")
    grid = page.locator(".xv-draw")
    grid.wait_for(timeout=TIMEOUT)
    grid.scroll_into_view_if_needed()
    cells = grid.locator(".xv-pixel")

    def centre(r, c):
        box = cells.nth(r * 8 + c).bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def stroke(points):
        page.mouse.move(*centre(*points[0]))
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*centre(*point), steps=4)
        page.mouse.up()

    def expect(pixels):
        z = DigitsState(drawing=tuple(pixels)).worked().drawing.z
        page.wait_for_function(
            f"(want) => JSON.stringify(({LOGITS})()) === JSON.stringify(want)",
            arg=[float(v) for v in z],
            timeout=TIMEOUT,
        )

    pixels = [0.0] * 64
    stroke([(1, 1), (1, 6)])  # the bar
    for c in range(1, 7):
        pixels[8 + c] = 1.0
    expect(pixels)
    stroke([(2, 5), (6, 1)])  # the stem, down to the left
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.xv-pixel')]"
        ".map((c) => c.getAttribute('aria-pressed') === 'true' ? 1 : 0)"
    )
    assert sum(drawn) > sum(pixels) and all(drawn[k] for k in range(64) if pixels[k])
    expect([float(v) for v in drawn])
    cells.nth(63).focus()
    page.keyboard.press("Space")  # one pixel more, by keyboard
    drawn[63] = 1
    expect([float(v) for v in drawn])
    link = page.get_by_role("link", name="Open your drawing's logits in the Playground")
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    z = DigitsState(drawing=tuple(float(v) for v in drawn)).worked().drawing.z
    assert parse(query, PlaygroundState)[0].logits == pytest.approx(tuple(z), rel=1e-12)


@pytest.mark.browser
def test_a_finger_draws_on_a_phone(phone, app_url):
    """A touch stroke across the grid on a phone (no page scroll under the finger) inks the
    pixels it crosses, and the server's logits are the core's for them."""
    phone.goto(f"{app_url}/digits")
    grid = phone.locator(".xv-draw")
    grid.wait_for(timeout=TIMEOUT)
    grid.scroll_into_view_if_needed()
    cells = grid.locator(".xv-pixel")
    touch = phone.context.new_cdp_session(phone)

    def at(k):
        box = cells.nth(k).bounding_box()
        return {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}

    scrolled = phone.evaluate("window.scrollY")
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [at(2 * 8 + 1)]})
    for c in range(2, 7):
        touch.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [at(2 * 8 + c)]}
        )
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pixels = [1.0 if 2 * 8 + 1 <= k <= 2 * 8 + 6 else 0.0 for k in range(64)]
    z = DigitsState(drawing=tuple(pixels)).worked().drawing.z
    phone.wait_for_function(
        f"(want) => JSON.stringify(({LOGITS})()) === JSON.stringify(want)",
        arg=[float(v) for v in z],
        timeout=TIMEOUT,
    )
    assert phone.evaluate("window.scrollY") == scrolled


@pytest.mark.browser
def test_a_model_not_trained_yet_says_it_is_training(page, app_url):
    """/digits?rate=10&batch=1&steps=2000 trains for seconds (tens on a busy machine): the page
    says what it is doing meanwhile (a spinner with the settings and the time so far), and the
    spinner goes once the model's charts are drawn. The seed is one no other test trains."""
    state = DigitsState(seed=4271, rate=10.0, batch=1, steps=2000, image=6)
    query = "&".join(f"{k}={v}" for k, v in to_query(state).items())
    page.goto(f"{app_url}/digits?{query}")
    spinner = page.locator("[data-testid=stSpinner]")
    spinner.wait_for(timeout=TIMEOUT)
    assert "Training the model: 2000 steps of gradient descent on 1 image at a time" in (
        spinner.inner_text()
    )
    page.locator(".st-key-digits-chart-q .main-svg").first.wait_for(timeout=TIMEOUT)
    spinner.wait_for(state="detached", timeout=TIMEOUT)


def test_the_q_and_gradient_labels_share_one_form():
    """The digits charts once mixed "0.001", "0.0003", "3.075e-6" and "computes as 0" on one
    chart: now every value at or above 0.01 prints with 3 decimals, every smaller one with two
    significant digits in scientific form, a q that underflowed "≈0" (never a bare 0); each
    label is the value it stands for."""
    import re

    fixed, short = re.compile(r"^[+-]?\d\.\d{3}$"), re.compile(r"^[+-]?\d\.\de-\d+$")
    state = DigitsState()
    figures = support.figures(run(to_query(state)))
    for name in ("q", "gradient"):
        for trace in figures[f"digits.chart.{name}"]["data"]:
            for value, text in zip(trace["y"], trace.get("text", [""] * 10), strict=True):
                if text == "":
                    continue
                if value == 0:
                    assert text == "≈0", (name, text)
                elif abs(value) >= 0.01:
                    assert fixed.match(text) and abs(float(text) - value) <= 5e-4, (name, text)
                else:
                    assert short.match(text), (name, text)
                    assert abs(float(text) - value) <= abs(value) * 0.06, (name, text, value)
