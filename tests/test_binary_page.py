"""The binary page: its state, the worked numbers against the core's other functions, its
words and charts as data, and the page through AppTest (every control and parameter)."""

import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests import support
from tests.support import ROOT
from xentviz import binary_cross_entropy, sigmoid, softmax
from xentviz.figures import binary as charts
from xentviz.lesson import binary as text
from xentviz.state import BinaryState, PlaygroundState, parse, to_query
from xentviz.worked.binary import worked_binary

DEFAULT = BinaryState()
APP = str(ROOT / "app.py")


def worked(state):
    return worked_binary(
        state.z, state.t, state.ts, state.ps, state.logits, state.target, state.labels,
        base=state.core_base,
    )  # fmt: skip


# --- state ---------------------------------------------------------------------------------------


@st.composite
def binary_states(draw):
    k = draw(st.integers(2, 12))
    n = draw(st.integers(1, 8))
    return BinaryState(
        setting=draw(st.sampled_from(["binary", "multi-class", "multi-label"])),
        z=draw(st.floats(-1000, 1000)),
        t=draw(st.integers(0, 1)),
        ts=tuple(float(x) for x in draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))),
        ps=tuple(draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))),
        classes=tuple(f"c{i}" for i in range(k)),
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        labels=tuple(float(x) for x in draw(st.lists(st.integers(0, 1), min_size=k, max_size=k))),
        base=draw(st.sampled_from(["e", "2", "10"])),
    )


@given(binary_states())
def test_round_trip(state):
    assert parse(to_query(state), BinaryState) == (state, None)


@pytest.mark.parametrize(
    "params",
    [
        {"setting": "ternary"},
        {"z": "1e9"},
        {"t": "2"},
        {"ts": "1,0.5"},  # targets are 0 or 1
        {"ts": "1," * 9},
        {"ps": "0.5,0.5,0.5"},  # three p for four examples
        {"ps": "1.5,0,0,0"},
        {"labels": "1,0"},
        {"labels": "1,2,0,0"},
        {"classes": "a,a"},
    ],
    ids=str,
)
def test_bad_links_give_the_defaults_and_one_message(params):
    state, warning = parse(params, BinaryState)
    assert state == DEFAULT and "showing the defaults" in warning


# --- the worked numbers ---------------------------------------------------------------------------


@given(binary_states())
def test_the_worked_numbers_are_the_cores(state):
    w = worked(state)
    assert w.p == float(sigmoid(state.z))
    assert w.two_q[0] == pytest.approx(w.p, rel=1e-12, abs=1e-300)  # softmax([z, 0]) = sigma
    assert w.two_loss == pytest.approx(w.loss, rel=1e-12, abs=1e-300)
    assert w.two_grad[0] == pytest.approx(w.grad, rel=1e-12, abs=1e-300)
    assert w.two_grad[1] == pytest.approx(-w.grad, rel=1e-12, abs=1e-300)
    np.testing.assert_allclose(
        w.batch, binary_cross_entropy(state.ts, state.ps, base=state.core_base, reduction="none")
    )
    assert w.batch_mean == pytest.approx(float(np.mean(w.batch)), rel=1e-15)
    np.testing.assert_allclose(w.multi.q, softmax(state.logits), rtol=1e-14)
    assert w.label_loss == pytest.approx(float(np.mean(w.label_losses)), rel=1e-12)


# --- what the page says, and its charts -----------------------------------------------------------


@pytest.mark.parametrize("setting", ["binary", "multi-class", "multi-label"])
def test_the_table_marks_and_works_the_chosen_row(setting):
    state = BinaryState(setting=setting)
    w = worked(state)
    table = text.table(state, w)
    marked = [line for line in table.splitlines() if line.startswith("| **")]
    assert len(marked) == 1 and text.ROWS[setting][0] in marked[0]
    assert "p = σ(2.0000) = 0.8808, loss 0.1269 nats" in table
    assert "q_y = 0.7751, loss 0.2547 nats" in table


@pytest.mark.parametrize("base", ["e", "2", "10"])
def test_the_gradient_is_in_the_units_of_the_loss_and_has_no_t(base):
    state = BinaryState(base=base)
    w = worked(state)
    said = text.logit_curves(state, w)
    assert "/T" not in said and f"{w.grad:+.4f}".replace("-", "−") in said  # the prose's minus
    if base != "e":
        assert f"ln {base}" in said
    assert text.setting(state, w).count(rf"\ln  {base}") == (0 if base == "e" else 1)


def test_the_two_class_softmax_equals_the_sigmoid():
    shown = {label: value for label, value, _ in text.two_classes(DEFAULT, worked(DEFAULT))}
    assert shown["σ(z)"] == shown["softmax([z, 0])₁"] == "0.8808"
    assert shown["sigmoid loss (nats)"] == shown["two-class softmax loss (nats)"]
    assert shown["∂L/∂z, sigmoid"] == shown["∂L/∂z₁, softmax"] == "−0.1192"


def test_the_seeds_batch_form():
    said = text.batch(DEFAULT, worked(DEFAULT))
    assert r"\frac{1}{4}(0.1054 + 0.2231 + 0.5108 + 0.3567) = 0.2990" in said


@pytest.mark.parametrize(("z", "truth"), [(2.0, "truth 0"), (-2.0, "truth 1"), (0.0, "the same")])
def test_the_quiz_is_answered_by_the_core(z, truth):
    state = BinaryState(z=z)
    w = worked(state)
    assert text.true_or_false_answer(state, w, truth).startswith("Right.")


def test_the_sigmoids_need_not_sum_to_1():
    w = worked(DEFAULT)
    said = text.outputs(DEFAULT, w)
    assert f"their sum is {np.sum(w.sigmoids):.4f}" in said and "1.0000" in said


def test_the_charts_carry_the_cores_numbers():
    w = worked(DEFAULT)
    fig = go.Figure(charts.probability_curves_figure(w.p, 1, w.loss, None, "nats"))
    assert fig.data[2].x == (w.p,) and fig.data[2].y == (w.loss,)
    curve = np.asarray(fig.data[0].x)
    # -log of the rounded sigmoid loses digits near p = 1 (the chart's loss, from z, does not)
    np.testing.assert_allclose(fig.data[0].y, -np.log(curve), rtol=1e-9)
    fig = go.Figure(charts.logit_curves_figure(2.0, 1, w.loss, w.grad, None, "nats"))
    (x0, x1), (y0, y1) = fig.data[2].x, fig.data[2].y
    assert (y1 - y0) / (x1 - x0) == pytest.approx(w.grad, rel=1e-12)  # the tangent's slope
    fig = go.Figure(charts.outputs_figure(DEFAULT.classes, w.sigmoids, DEFAULT.labels, "s", "σ"))
    assert fig.data[0].y == tuple(w.sigmoids) and "2.9865" in fig.layout.title.text


# --- the page through AppTest ---------------------------------------------------------------------


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=30).run()
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.switch_page("xentviz/app_pages/binary.py").run()
    assert not at.exception, at.exception
    return at


def key(*parts):
    return ".".join(("binary", *map(str, parts)))


def check(at, state):
    w = worked(state)
    assert support.headline(at) == {label: value for label, value, _ in text.two_classes(state, w)}
    assert at.latex[0].value.strip("$\n") == text.setting(state, w)
    assert parse(parse_qs(urlsplit(at.code[-1].value).query), BinaryState)[0] == state
    assert dict(at.query_params) == to_query(state)


def test_the_default_page():
    at = run()
    check(at, DEFAULT)
    assert (
        not at.warning and len(support.figures(at)) == 6
    )  # by p, by z, squared error beside cross-entropy (2), sigmoids, softmax


def test_a_bad_link_shows_the_defaults_and_one_warning():
    at = run({"ts": "1,0", "ps": "0.5"})
    assert len(at.warning) == 1
    check(at, DEFAULT)


def test_every_control():
    at = run()
    at.radio(key=key("setting")).set_value("multi-label").run()
    at.slider(key=key("z")).set_value(-2.0).run()
    at.radio(key=key("t")).set_value(0).run()
    state = BinaryState(setting="multi-label", z=-2.0, t=0)
    check(at, state)
    at.checkbox(key=key("ts", 1)).check().run()
    at.number_input(key=key("ps", 0)).set_value(0.25).run()
    at.button(key=key("add", "example")).click().run()
    state = BinaryState(
        setting="multi-label", z=-2.0, t=0, ts=(1.0, 1.0, 1.0, 1.0, 1.0),
        ps=(0.25, 0.2, 0.6, 0.7, 0.5),
    )  # fmt: skip
    check(at, state)
    at.slider(key=key("logits", 1)).set_value(4.0).run()
    at.checkbox(key=key("labels", 1)).check().run()
    at.radio(key=key("base")).set_value("2").run()
    state = BinaryState(
        setting="multi-label", z=-2.0, t=0, ts=state.ts, ps=state.ps,
        logits=(3.2, 4.0, 0.2, 0.8), labels=(1.0, 1.0, 0.0, 1.0), base="2",
    )  # fmt: skip
    check(at, state)
    at.text_input(key=key("classes")).set_value("dog, cat").run()  # labels follow the classes
    state = BinaryState(
        setting="multi-label", z=-2.0, t=0, ts=state.ts, ps=state.ps, classes=("dog", "cat"),
        logits=(3.2, 4.0), labels=(1.0, 1.0), base="2",
    )  # fmt: skip
    check(at, state)


def test_a_logit_from_a_link_beyond_the_slider_widens_it():
    at = run({"z": "25"})
    assert at.slider(key=key("z")).max >= 25 and at.slider(key=key("z")).value == 25
    check(at, BinaryState(z=25.0))


def test_the_quiz_and_the_link_to_the_playground():
    at = run()
    at.radio(key=key("answer", "quiz")).set_value("truth 0").run()
    assert any(m.value.startswith("Right.") for m in at.markdown)
    link = at.get("page_link")[0].proto
    there, warning = parse(parse_qs(link.query_string), PlaygroundState)
    assert warning is None and there == PlaygroundState()


@pytest.mark.parametrize("z", [-745.0, -800.0, -700.0])
def test_the_worked_sigmoid_never_states_a_rounded_float_as_its_exact_value(z):
    """/binary?z=-745: σ(−745) is 2.822e-324 exactly (mpmath), float64 holds 4.941e-324, the
    smallest subnormal: the LaTeX says "≈" and the exact value, and what float64 holds, never
    "= 4.941e-324" nor "= ≈"; the table and the question say "p … computes as", never
    "= computes as"."""
    import mpmath

    at = support.open_page("binary", {"z": given_text(z)})
    latex = "\n".join(e.value for e in at.latex)
    said = "\n".join(e.value for e in at.markdown) + "\n".join(e.value for e in at.caption)
    assert "= \\approx" not in latex and "= computes as" not in said
    with mpmath.workdps(50):
        truth = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
    p_line = latex.split(r"\\")[0]
    if float(truth) < 2.2250738585072014e-308:  # below float64's normal range
        mantissa, exponent = re.search(
            r"\\approx ([0-9.]+) \\times 10\^\{(-?\d+)\}", p_line
        ).groups()
        shown = mpmath.mpf(mantissa) * mpmath.mpf(10) ** int(exponent)
        assert abs(shown - truth) <= truth * 1e-3, (p_line, truth)
        assert "float64 holds" in p_line
    else:
        assert "=" in p_line.split("}}")[-1] and "approx" not in p_line


def given_text(z: float) -> str:
    return f"{z:g}"
