"""The encoding page: integer codes (xentviz.encodings), its state, words and charts as data,
and the page through AppTest (every control and parameter)."""

import itertools
from urllib.parse import parse_qs, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests import support
from tests.support import ROOT
from xentviz import softmax, softmax_cross_entropy
from xentviz.core.encodings import loss_under, mean_code, nearest_codes, recode
from xentviz.figures import encoding as charts
from xentviz.lesson import encoding as text
from xentviz.state import EncodingState, PlaygroundState, parse, to_query
from xentviz.worked.encoding import worked_encoding

DEFAULT = EncodingState()
APP = str(ROOT / "app.py")


def worked(state):
    return worked_encoding(
        state.logits, state.target, state.ys, state.order, state.shift, state.scale,
        base=state.core_base,
    )  # fmt: skip


# --- integer codes -----------------------------------------------------------------------------


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_the_loss_of_indices_is_the_same_under_every_coding(order):
    """Renaming the classes renames the model's outputs with them: nothing changes."""
    z = np.random.default_rng(0).normal(size=(5, 4))
    labels = [0, 3, 3, 1, 2]
    assert loss_under(z, labels, order) == pytest.approx(
        float(softmax_cross_entropy(z, labels)), rel=1e-14
    )


def test_codes_as_numbers_depend_on_the_order():
    assert recode([0, 3, 3, 1], [2, 0, 3, 1]).tolist() == [2, 1, 1, 0]
    assert mean_code([0, 3, 3, 1], [0, 1, 2, 3]) == 1.75
    assert nearest_codes(1.75, [0, 1, 2, 3]) == (2,)  # horse
    assert nearest_codes(1.0, [2, 0, 3, 1]) == (3,)  # the class coded 1: cheetah
    assert nearest_codes(0.5, [2, 0, 3, 1]) == (1, 3)  # halfway: cat (0) and cheetah (1)


@pytest.mark.parametrize("order", [[0, 0, 1], [0, 1, 3], [-1, 0, 1]])
def test_an_order_must_give_each_class_its_own_code(order):
    with pytest.raises(ValueError, match="order"):
        recode([0], order)


# --- state ---------------------------------------------------------------------------------------


@st.composite
def encoding_states(draw):
    k = draw(st.integers(2, 12))
    n = draw(st.integers(1, 8))
    return EncodingState(
        classes=tuple(f"c{i}" for i in range(k)),
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        ys=tuple(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))),
        order=tuple(draw(st.permutations(range(k)))),
        shift=draw(st.floats(-1000, 1000)),
        scale=draw(st.floats(0.05, 20)),
        base=draw(st.sampled_from(["e", "2", "10"])),
    )


@given(encoding_states())
def test_round_trip(state):
    assert parse(to_query(state), EncodingState) == (state, None)


@pytest.mark.parametrize(
    "params",
    [
        {"ys": "0,4"},
        {"ys": "0," * 9},
        {"order": "0,1,2"},
        {"order": "0,0,1,2"},
        {"shift": "inf"},
        {"scale": "0"},
        {"scale": "21"},
        {"classes": "a"},
    ],
    ids=str,
)
def test_bad_links_give_the_defaults_and_one_message(params):
    state, warning = parse(params, EncodingState)
    assert state == DEFAULT and "showing the defaults" in warning


def test_new_classes_bring_their_own_labels_and_coding():
    state, _ = parse({"classes": "a,b,c"}, EncodingState)
    assert state.ys == (0, 1, 2) and state.order == (0, 1, 2)  # the labels reached class 3


# --- what the page says, and its charts -------------------------------------------------------


def test_labels_both_ways_and_the_one_hot_selector():
    w = worked(DEFAULT)
    table = text.labels_table(DEFAULT, w)
    assert "| 2 | cheetah | 3 | [0, 0, 0, 1] |" in table
    said = text.selector(DEFAULT, w)
    assert r"1 \cdot \ln 0.7751 + 0 \cdot \ln 0.1159" in said
    assert said.endswith(r"= -\ln q_{1} = 0.2547\ \text{nats}")


def test_indices_are_the_same_and_numbers_are_not():
    w = worked(DEFAULT)
    assert w.losses[0] == pytest.approx(w.losses[1], rel=1e-14)
    assert "under coding B, the same" in text.as_indices(DEFAULT, w)
    said = text.as_numbers(DEFAULT, w)
    assert "1.7500 under A, nearest horse" in said and "1.0000 under B, nearest cheetah" in said
    assert "changes with an order" in said
    halfway = EncodingState(ys=(0, 1))
    assert "halfway between dog and cat" in text.as_numbers(halfway, worked(halfway))


@pytest.mark.parametrize(
    ("logits", "ratio"), [((2.0, 4.0), "[0.3333, 0.6667]"), ((4.0, 8.0), "[0.3333, 0.6667]")]
)
def test_the_seeds_softmax_against_the_standard_normalisation(logits, ratio):
    state = EncodingState(classes=("A", "B"), logits=logits, target=1, ys=(0, 1), order=(0, 1))
    w = worked(state)
    said = text.normalisation(state, w)
    assert ratio in said and "[2, 4] and [4, 8] give the same" in said
    assert f"[{w.example.q[0]:.4f}, {w.example.q[1]:.4f}]" in said


def test_negative_or_zero_sum_logits():
    negative = EncodingState(logits=(-1.0, 3.0, 0.2, 0.8))
    assert "negative" in text.normalisation(negative, worked(negative))
    zero = EncodingState(logits=(1.0, -1.0, 0.5, -0.5))
    w = worked(zero)
    assert w.ratio is None and "sums to exactly 0" in text.normalisation(zero, w)
    assert (
        go.Figure(charts.normalisations_figure(zero.classes, w.example.q, None)).data[0].name
        == "softmax(z)"
    )


def test_a_shift_changes_nothing_and_a_scale_is_a_temperature():
    w = worked(DEFAULT)
    np.testing.assert_allclose(w.shifted, w.example.q, rtol=1e-14)
    np.testing.assert_allclose(w.scaled, softmax(np.multiply(2.0, DEFAULT.logits)), rtol=1e-14)
    said = text.shift_and_scale(DEFAULT, w)
    assert "adding c = 5 to every logit" in said and "T = 1/a = 0.5" in said
    fig = go.Figure(
        charts.shift_and_scale_figure(DEFAULT.classes, w.example.q, w.shifted, w.scaled, 5, 2)
    )
    assert [t.marker.pattern.shape for t in fig.data[1:]] == [".", "x"]


def test_the_sources_log_zero():
    said = text.loss_range(DEFAULT, worked(DEFAULT))
    assert "log(0) = ∞; it is −∞" in said and "[0, ∞)" in said


def test_the_quiz_is_answered_by_the_core():
    w = worked(DEFAULT)
    assert text.which_changes_answer(DEFAULT, w, "none of them").startswith("Right.")
    assert text.which_changes_answer(DEFAULT, w, "dog").startswith("Not quite.")


# --- the page through AppTest ---------------------------------------------------------------------


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=30).run()
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.switch_page("xentviz/app_pages/encoding.py").run()
    assert not at.exception, at.exception
    return at


def key(*parts):
    return ".".join(("encoding", *map(str, parts)))


def check(at, state):
    w = worked(state)
    tables = [m.value for m in at.markdown if m.value.startswith("| ")]
    assert tables == [text.labels_table(state, w), text.codings_table(state)]
    assert [c.value for c in at.caption if c.value.startswith("What to notice")] == [
        "What to notice: " + text.normalisation(state, w),
        "What to notice: " + text.shift_and_scale(state, w),
    ]
    assert parse(parse_qs(urlsplit(at.code[-1].value).query), EncodingState)[0] == state
    assert dict(at.query_params) == to_query(state)


def test_the_default_page():
    at = run()
    check(at, DEFAULT)
    assert not at.warning and len(support.figures(at)) == 2


def test_a_bad_link_shows_the_defaults_and_one_warning():
    at = run({"order": "1,1,2,3"})
    assert len(at.warning) == 1
    check(at, DEFAULT)


def test_every_control():
    at = run()
    at.selectbox(key=key("ys", 1)).set_value(2).run()
    at.button(key=key("add", "label")).click().run()
    state = EncodingState(ys=(0, 2, 3, 1, 0))
    check(at, state)
    at.selectbox(key=key("order", 0)).set_value(0).run()  # dog takes cat's code: they swap
    state = EncodingState(ys=state.ys, order=(0, 2, 3, 1))
    check(at, state)
    at.selectbox(key=key("target")).set_value(2).run()
    at.slider(key=key("logits", 1)).set_value(-2.0).run()
    at.slider(key=key("shift")).set_value(-3.0).run()
    at.slider(key=key("scale")).set_value(0.5).run()
    state = EncodingState(
        ys=state.ys, order=state.order, target=2, logits=(3.2, -2.0, 0.2, 0.8), shift=-3.0,
        scale=0.5,
    )  # fmt: skip
    check(at, state)
    at.text_input(key=key("classes")).set_value("dog, cat, owl").run()  # labels and codes follow
    state = EncodingState(
        classes=("dog", "cat", "owl"), ys=(0, 2, 1, 0), order=(0, 1, 2), target=2,
        logits=(3.2, -2.0, 0.2), shift=-3.0, scale=0.5,
    )  # fmt: skip
    check(at, state)


def test_shift_and_scale_from_a_link_beyond_the_sliders():
    at = run({"shift": "50", "scale": "12"})
    assert at.slider(key=key("shift")).max >= 50 and at.slider(key=key("scale")).max >= 12
    check(at, EncodingState(shift=50.0, scale=12.0))


def test_the_quiz_and_the_link_to_the_playground():
    at = run()
    at.radio(key=key("answer", "quiz")).set_value("none of them").run()
    assert any(m.value.startswith("Right.") for m in at.markdown)
    link = at.get("page_link")[0].proto
    there, warning = parse(parse_qs(link.query_string), PlaygroundState)
    assert warning is None and there == PlaygroundState()


def test_the_probability_axis_lying_on_its_side_stops_short_of_2():
    """Three bars a class for four classes lie on their side; the probability axis, asked for
    [0, 1.45] (room over a q of 1 for its value), once ran to 2.1 (that room again): now it is
    widened only where the values need more."""
    figure = support.figures(support.open_page("encoding"))["encoding.chart.moves"]
    assert all(t["orientation"] == "h" for t in figure["data"] if t["type"] == "bar")
    low, high = figure["layout"]["xaxis"]["range"]
    longest = max(v for t in figure["data"] if t["type"] == "bar" for v in t["x"])
    assert low == 0 and longest < high <= 1.45
