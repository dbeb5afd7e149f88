"""The loss, gradients and training pages through AppTest: each opens from its link, every
control changes the state it names and the page shows the core's numbers for it, and a bad or
hostile link gives the defaults and one warning."""

import base64
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests import support
from tests.support import ROOT
from xentviz.core.landscape import gradient_step
from xentviz.pages import page
from xentviz.state import PlaygroundState, parse, to_query
from xentviz.state.gradients import GradientsState
from xentviz.state.loss import LossState
from xentviz.state.training import TrainingState
from xentviz.ui import controls
from xentviz.ui.controls import training as player

APP = str(ROOT / "app.py")
#: The pages this file tests, their state classes and views from the registry and controls.
STATES = {name: page(name).state for name in ("loss", "gradients", "training")}
VIEWS = {name: controls.view_of(name) for name in STATES}


def run(name, params=None):
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(f"xentviz/app_pages/{name}.py").run()
    assert not at.exception, at.exception
    return at


def key(name, *parts):
    return ".".join((name, *map(str, parts)))


def check(at, name, state):
    """The page shows ``state``: its headline numbers and charts are the core's for it, and
    the address bar and share box hold its link."""
    shown = VIEWS[name](state)
    assert support.headline(at) == {label: value for label, value, _ in shown["headline"]}
    figures = support.figures(at)
    views = support.views(at)
    for view, figure in shown.items():
        if view == "summary":  # the sentence about the step shown, a view of its own
            assert views[key(name, "sentence", view)]["text"] == figure
        elif view != "headline":
            assert figures[key(name, "chart", view)] == support.json_round_trip(figure), view
    assert dict(at.query_params) == to_query(state)
    assert parse(parse_qs(urlsplit(at.code[-1].value).query), STATES[name])[0] == state


@pytest.mark.parametrize("name", STATES)
def test_each_page_opens_with_its_defaults(name):
    at = run(name)
    assert not at.warning
    check(at, name, STATES[name]())


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("loss", {"i": "1", "j": "1"}),
        ("loss", {"trail": "<script>alert(1)</script>"}),
        ("loss", {"classes": "<b>a</b>,b", "rate": "1e999"}),
        ("gradients", {"h": "-1"}),
        ("gradients", {"logits": "1,2,3,4,5"}),
        ("training", {"steps": "99999"}),
        ("training", {"batch": "500", "points": "100"}),
        ("training", {"at": "x"}),
    ],
    ids=str,
)
def test_a_bad_link_shows_the_defaults_and_one_warning(name, params):
    at = run(name, params)
    assert len(at.warning) == 1 and "showing the defaults" in at.warning[0].value
    check(at, name, STATES[name]())


def test_hostile_class_names_from_a_link_are_text():
    at = run("loss", {"classes": "<b>x</b>,[a](http://e.com),:red[c]"})
    assert not at.warning
    state = LossState(classes=("<b>x</b>", "[a](http://e.com)", ":red[c]"), logits=(0.0,) * 3)
    check(at, "loss", state)
    for block in at.markdown:
        assert "<b>" not in block.value and "](http" not in block.value


# --- the loss page -------------------------------------------------------------------------------


def test_every_control_of_the_loss_page():
    at = run("loss")
    at.slider(key=key("loss", "logits", 2)).set_value(3.0).run()
    at.selectbox(key=key("loss", "target")).set_value(2).run()
    state = LossState(logits=(1.0, 2.0, 3.0), target=2)
    check(at, "loss", state)
    at.selectbox(key=key("loss", "i")).set_value(0).run()  # the old j: j moves off it
    state = LossState(logits=(1.0, 2.0, 3.0), target=2, i=0, j=1)
    check(at, "loss", state)
    at.selectbox(key=key("loss", "j")).set_value(2).run()
    at.slider(key=key("loss", "rate")).set_value(0.5).run()
    state = LossState(logits=(1.0, 2.0, 3.0), target=2, i=0, j=2, rate=0.5)
    check(at, "loss", state)

    at.button(key=key("loss", "step")).click().run()
    moved = gradient_step(state.logits, 2, 0.5, only=(0, 2))
    state = LossState(logits=tuple(moved), target=2, i=0, j=2, rate=0.5, trail=((1.0, 3.0),))
    check(at, "loss", state)
    at.button(key=key("loss", "steps10")).click().run()
    assert len(dict(at.query_params)["trail"].split(";")) == 11
    z = np.array(moved)
    for _ in range(10):
        z = gradient_step(z, 2, 0.5, only=(0, 2))
    assert parse(dict(at.query_params), LossState)[0].logits == tuple(z)
    at.button(key=key("loss", "clear")).click().run()
    state = LossState(logits=tuple(z), target=2, i=0, j=2, rate=0.5)
    check(at, "loss", state)
    assert at.slider(key=key("loss", "logits", 0)).value == pytest.approx(z[0])

    at.select_slider(key=key("loss", "temperature")).set_value(0.1).run()
    at.slider(key=key("loss", "shift")).set_value(700.0).run()
    at.radio(key=key("loss", "base")).set_value("2").run()
    state = LossState(
        logits=tuple(z), target=2, i=0, j=2, rate=0.5, temperature=0.1, shift=700.0, base="2"
    )
    check(at, "loss", state)
    assert any("naive, float32" in m.value for m in at.markdown)

    at.text_input(key=key("loss", "classes")).set_value("cat, dog, bird, fish").run()
    four = parse(dict(at.query_params), LossState)[0]
    assert four.classes[-1] == "fish" and four.logits[-1] == 0.0
    assert key("loss", "chart", "simplex") not in support.figures(at)
    assert any("has 4" in i.value for i in at.info)


def test_the_loss_page_opens_in_the_playground_and_back():
    at = run("loss", {"logits": "1,4,2", "base": "10"})
    link = at.get("page_link")[0].proto
    there, warning = parse(parse_qs(link.query_string), PlaygroundState)
    assert warning is None
    assert there == PlaygroundState(("cat", "dog", "bird"), (1.0, 4.0, 2.0), 1, base="10")


def test_the_playground_links_to_the_loss_and_gradients_pages():
    at = AppTest.from_file(APP, default_timeout=60).run()
    links = {p.proto.label: p.proto for p in at.get("page_link")}
    loss = links["The loss landscape of these logits"]
    assert parse(parse_qs(loss.query_string), LossState)[1] is None
    grads = links["The gradient of these logits, step by step"]
    state, warning = parse(parse_qs(grads.query_string), GradientsState)
    assert warning is None and state.logits == PlaygroundState().logits


def test_a_step_past_the_logits_limit_is_refused_with_a_message():
    at = run("loss", {"logits": "995,1000,0", "target": "0", "i": "0", "j": "1", "rate": "10"})
    at.button(key=key("loss", "step")).click().run()
    assert len(at.warning) == 1 and "Not taken" in at.warning[0].value
    assert dict(at.query_params)["logits"] == "995,1000,0"
    at.slider(key=key("loss", "rate")).set_value(1.0).run()  # the message goes with the next run
    assert not at.warning


# --- the gradients page --------------------------------------------------------------------------


def test_every_control_of_the_gradients_page():
    at = run("gradients")
    at.slider(key=key("gradients", "logits", 1)).set_value(-2.0).run()
    at.selectbox(key=key("gradients", "target")).set_value(3).run()
    at.select_slider(key=key("gradients", "h")).set_value(0.1).run()
    state = GradientsState(logits=(3.2, -2.0, 0.2, 0.8), target=3, h=0.1)
    check(at, "gradients", state)
    table = at.table[0].value
    w = state.worked()
    # To 8 places, with the prose's minus sign (U+2212).
    assert list(table["numerical slope"]) == [f"{x:.8f}".replace("-", "−") for x in w.slopes]
    at.text_input(key=key("gradients", "classes")).set_value("a, b").run()
    state = GradientsState(classes=("a", "b"), logits=(3.2, -2.0), target=0, h=0.1)
    check(at, "gradients", state)
    link = at.get("page_link")[0].proto
    assert parse(parse_qs(link.query_string), PlaygroundState)[0] == PlaygroundState(
        ("a", "b"), (3.2, -2.0), 0
    )


def test_a_link_between_the_h_stops_is_kept():
    at = run("gradients", {"h": "2e-05"})
    assert at.select_slider(key=key("gradients", "h")).value == 2e-05
    check(at, "gradients", GradientsState(h=2e-05))


# --- the training page ---------------------------------------------------------------------------


@pytest.mark.slow
def test_every_setting_of_the_training_page():
    at = run("training")
    at.number_input(key=key("training", "seed")).set_value(7).run()
    at.select_slider(key=key("training", "n_classes")).set_value(4).run()
    at.slider(key=key("training", "noise")).set_value(1.5).run()
    at.slider(key=key("training", "points")).set_value(100).run()
    at.number_input(key=key("training", "rate")).set_value(0.2).run()
    at.slider(key=key("training", "batch")).set_value(10).run()
    at.slider(key=key("training", "steps")).set_value(80).run()
    at.radio(key=key("training", "base")).set_value("2").run()
    state = TrainingState(
        seed=7, n_classes=4, noise=1.5, points=100, rate=0.2, batch=10, steps=80, base="2"
    )
    check(at, "training", state)
    at.slider(key=key("training", "at")).set_value(80).run()
    at.slider(key=key("training", "steps")).set_value(60).run()  # the step shown follows
    at.slider(key=key("training", "points")).set_value(30).run()  # the batch follows
    state = TrainingState(
        seed=7, n_classes=4, noise=1.5, points=30, rate=0.2, batch=10, steps=60, at=60, base="2"
    )
    check(at, "training", state)


def shape(node, depth=0) -> list[tuple[int, str]]:
    """The page's elements in order, each (its depth, its type): what a run must not change."""
    found = [(depth, node.type)]
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        found += shape(child, depth + 1)
    return found


def test_the_player_steps_runs_stops_and_rewinds():
    at = run("training", {"steps": "120", "at": "0"})
    at.button(key=key("training", "one")).click().run()
    check(at, "training", TrainingState(steps=120, at=1))
    at.slider(key=key("training", "at")).set_value(50).run()
    check(at, "training", TrainingState(steps=120, at=50))
    still = shape(at.main)
    assert at.button(key=key("training", "run")).label == "Run"
    at.button(key=key("training", "run")).click().run()  # the run's frames, to the browser
    play = support.views(at)["training.play"]
    assert play["kind"] == "play" and play["stop"] == "st-key-training-run"  # Run became Stop
    assert at.button(key=key("training", "run")).label == "Stop"
    frames = np.frombuffer(base64.b64decode(play["grid"]["values"]), "<f8")
    np.testing.assert_array_equal(frames, player.frames(TrainingState(steps=120, at=50)))
    assert frames[0] == 50 + player.stride(120) and frames[-1] == 120
    # every view but the one point's (drawn when it stops), the sentence among them
    assert set(play["grid"]["base"]) == {"summary", "headline", "regions", "curve"}
    assert at.slider(key=key("training", "at")).disabled  # drawn, still, while it plays
    assert shape(at.main) == still  # nothing came or went: the page does not jump
    at.button(key=key("training", "run")).click().run()  # Stop (a browser tells where it stopped)
    assert parse(dict(at.query_params), TrainingState)[0].at == 50 and not at.exception
    assert "training.play" not in support.views(at)
    at.button(key=key("training", "reset")).click().run()
    check(at, "training", TrainingState(steps=120, at=0))


def test_a_point_and_the_likelihood_batch():
    at = run("training")
    at.number_input(key=key("training", "point")).set_value(5).run()
    at.slider(key=key("training", "n")).set_value(300).run()
    state = TrainingState(point=5, n=300)
    check(at, "training", state)
    w = state.worked()
    assert at.table[0].value["value"].iloc[-1] == f"{w.mean_ce:.6f}"
    link = at.get("page_link")[0].proto
    there = parse(parse_qs(link.query_string), PlaygroundState)[0]
    assert there.logits == tuple(float(v) for v in w.point.z) and there.target == w.point.label


def test_a_jacobian_of_tiny_entries_prints_them_and_its_scale_in_plain_powers_of_ten():
    """/gradients?logits=40,0,0,0&target=dog: every entry is ~1e-17 or ~1e-35, not 0; each cell
    prints its value to two digits (never "0.000"), the colour bar's ticks read "1e-12"-style,
    never plotly's SI "1p"; the components' sum is said to be exactly 0, float64's sum beside."""
    params = {"classes": "cat,dog,bird,fish", "logits": "40,0,0,0", "target": "dog"}
    at = support.open_page("gradients", params)
    trace = support.figures(at)["gradients.chart.jacobian"]["data"][0]
    assert trace["colorbar"]["exponentformat"] == "e"
    for row_z, row_text in zip(trace["z"], trace["text"], strict=True):
        for value, text in zip(row_z, row_text, strict=True):
            assert value != 0 and "0.000" not in text
            assert abs(float(text.replace("≈", "")) - value) <= abs(value) * 0.06, (text, value)
    said = "\n".join(e.value for e in at.markdown)
    assert "- The components sum to exactly 0 (" in said and "sum to computes" not in said


def test_the_loss_curve_reaches_the_state_however_small_its_q():
    """/loss?logits=-1000,1000,0&target=cat: q of cat is e^-2000 and the loss 2000 nats; the
    curve −log q_y once stopped at q_y = 0.002 (6.2 nats), flat beneath the state's dot: now it
    climbs to it, every point −log q_y of its q_y."""
    params = {"classes": "cat,dog,bird", "logits": "-1000,1000,0", "target": "cat"}
    figure = support.figures(support.open_page("loss", params))["loss.chart.by_q"]
    curve, mark = figure["data"][0], figure["data"][1]
    assert max(curve["y"]) == pytest.approx(mark["y"][0], rel=1e-9) == pytest.approx(2000.0)
    for q, loss in zip(curve["x"], curve["y"], strict=True):
        if q > 1e-300:  # a subnormal q keeps a digit or two: its log would not
            assert loss == pytest.approx(-np.log(q), rel=1e-6, abs=1e-9)
