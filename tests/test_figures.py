"""Figure builders: the traces carry the core's numbers, titles and axis labels, and text safety."""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pytest

from xentviz import figures, worked_example
from xentviz.figures.style import figure
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState

W = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
CLASSES = ("dog", "cat", "horse", "cheetah")
BUILT = {
    "logits": figures.logits_figure(CLASSES, W),
    "q": figures.probabilities_figure(CLASSES, W),
    "loss": figures.contributions_figure(CLASSES, W, "bits"),
    "grad": figures.gradient_figure(CLASSES, W, "bits", "(q − p)/(T ln 2)"),
}


@pytest.mark.parametrize("name", BUILT)
def test_valid_plotly_with_title_and_axis_titles(name):
    fig = go.Figure(BUILT[name].to_dict())  # validates every property
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text.startswith("class")
    assert fig.layout.yaxis.title.text


def test_probabilities_carry_q_and_p():
    q, p = BUILT["q"].data
    np.testing.assert_array_equal(q.y, W.q)
    np.testing.assert_array_equal(p.y, [1, 0, 0, 0])
    assert list(q.x) == list(CLASSES)
    assert BUILT["q"].layout.annotations[0].x == "dog"


def test_gradient_split_by_sign_sums_to_grad():
    down, up = BUILT["grad"].data
    np.testing.assert_array_equal(np.add(down.y, up.y), W.grad)
    assert all(v <= 0 for v in down.y) and all(v >= 0 for v in up.y)
    assert f"the bars sum to {W.grad_sum:.1g}" in BUILT["grad"].layout.xaxis.title.text


def test_contributions_and_unit():
    np.testing.assert_array_equal(BUILT["loss"].data[0].y, W.contributions)
    assert "bits" in BUILT["loss"].layout.yaxis.title.text


def test_scaled_logits_are_the_worked_examples():
    """With T != 1 the chart shows z / T as the core worked it out, not a quotient of its own."""
    w = worked_example([3.2, 1.3, 0.2, 0.8], 0, temperature=0.3)
    fig = figures.logits_figure(CLASSES, w)
    np.testing.assert_array_equal(fig.data[0].y, w.scaled)
    assert "T = 0.3" in fig.layout.title.text
    np.testing.assert_array_equal(BUILT["logits"].data[0].y, W.logits)
    assert BUILT["logits"].layout.title.text == "Logits z"


def test_class_names_are_escaped():
    w = worked_example([0.0, 0.0], 0)
    fig = figures.probabilities_figure(["<b>x</b>", "y"], w)
    assert fig.data[0].x[0] == "&lt;b&gt;x&lt;/b&gt;"


def _all_figures(state: PlaygroundState) -> list[go.Figure]:
    w = state.worked()
    return [
        figures.logits_figure(state.classes, w),
        figures.probabilities_figure(state.classes, w),
        figures.contributions_figure(state.classes, w, state.unit),
        figures.gradient_figure(state.classes, w, state.unit, state.log_base.gradient()),
    ]


STATES = {key: state for key, (_, state) in PLAYGROUND_PRESETS.items()} | {
    "12 hostile names, hot, smoothed, base 10": PlaygroundState(
        classes=tuple(f"<img onerror=alert({i})>" for i in range(12)),
        logits=tuple(float(v) for v in np.linspace(-900, 1000, 12)),
        target=11,
        temperature=0.05,
        base="10",
        smoothing=0.3,
    ),
}


@pytest.mark.parametrize("name", STATES)
def test_unvalidated_figures_are_valid_and_send_the_same_json(name):
    """The builders skip plotly's validation, so every figure must pass it, and what
    st.plotly_chart sends must not change (it calls return_figure_from_figure_or_data)."""
    for fast in _all_figures(STATES[name]):
        spec = fast.to_dict()
        go.Figure(spec)  # raises on any invalid property
        checked = plotly.tools.return_figure_from_figure_or_data(spec, validate_figure=True)
        sent = plotly.tools.return_figure_from_figure_or_data(fast, validate_figure=True)
        fast_json, checked_json = (
            json.loads(pio.to_json(f, validate=False)) for f in (sent, checked)
        )
        # No plotly template either way (validation spells the empty one out).
        assert fast_json["layout"].pop("template") == {}
        assert checked_json["layout"].pop("template") in (
            {},
            {"data": {"scatter": [{"type": "scatter"}]}},
        )
        assert fast_json == checked_json


def test_figures_skip_validation_while_plotly_allows_it():
    """``figure`` relies on plotly's private ``_validate=False``: if plotly drops or changes it,
    this fails (and the measured gain, see benchmarks/bench_overheads.py, is gone)."""

    def bad():  # a fresh spec each time: plotly consumes the one it is given
        return {"data": [{"type": "bar", "y": [1], "opacity": 5}], "layout": {"height": -5}}

    with pytest.raises(ValueError):
        go.Figure(bad())
    fig = figure(bad())  # built, not validated
    assert (fig.data[0].type, fig.data[0].opacity, fig.layout.height) == ("bar", 5, -5)


# --- one colour per meaning; axes on a fixed scale -------------------------------------------


def test_each_colour_means_one_thing_on_every_chart():
    """q was blue and the target orange on one chart while orange meant "descent lowers z"
    and blue a negative gradient on another."""
    from xentviz.figures.style import COLOURS

    meaning_of = {c: m for m, c in COLOURS.items()}
    assert len(meaning_of) == len(COLOURS)  # no colour with two meanings
    names = {
        "z": "logit",
        "z / T": "logit",
        "q = softmax (model)": "model",
        "p (target)": "target",
        "−p_i log q_i": "loss",
        "< 0: descent raises z_i": "raise",
        "≥ 0: descent lowers z_i": "lower",
    }
    for state in STATES.values():
        for fig in _all_figures(state):
            for trace in fig.data:
                assert meaning_of[trace.marker.color] == names[trace.name]


def test_the_theme_lists_the_same_colours():
    import tomllib

    from tests.support import ROOT
    from xentviz.figures.style import COLOURS

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    for palette in (theme["chartCategoricalColors"], theme["dark"]["chartCategoricalColors"]):
        assert palette[: len(COLOURS)] == list(COLOURS.values())


def _ranges(state):
    return [tuple(fig.layout.yaxis.range) for fig in _all_figures(state)]


def test_axes_keep_their_scale_from_state_to_state():
    """The loss bar filled its chart at 0.001 nats and at 7.5 nats alike."""
    right = PLAYGROUND_PRESETS["right"][1]
    assert _ranges(right) == _ranges(PlaygroundState()) == _ranges(PLAYGROUND_PRESETS["uniform"][1])
    logits, q, loss, grad = _ranges(right)
    assert logits[0] == -logits[1] and logits[1] >= 10
    assert q[0] == 0 and q[1] >= 1
    assert loss[0] == 0 and loss[1] >= -np.log(figures.bars.LOSS_AXIS_Q)
    assert grad[0] == -grad[1] and grad[1] >= 1  # |q - p| / T <= 1 at T = 1


def test_an_axis_stretches_only_to_show_a_value_beyond_it():
    wrong = PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0), target=1)  # a loss of 1000
    logits, _, loss, _ = _ranges(wrong)
    assert loss[1] > 1000 and logits[1] > 1000
    hot = PlaygroundState(temperature=0.05, base="2")  # gradient up to 1/(0.05 ln 2) = 28.9
    assert _ranges(hot)[3][1] >= 1 / (0.05 * np.log(2))


@pytest.mark.parametrize("k", [4, 6, 12])
def test_values_are_never_shrunk_and_stand_on_end_when_many(k):
    """plotly shrank a value that did not fit its bar to a few pixels, then uniformtext hid
    all of a chart's values; values now keep the chart's size, on end from 6 classes."""
    state = PlaygroundState(classes=tuple(f"c{i}" for i in range(k)), logits=(0.0,) * k)
    for fig in _all_figures(state):
        assert "uniformtext" not in fig.to_dict()["layout"]
        for trace in fig.data:
            if trace.text is not None:
                assert trace.constraintext == "none"
                assert trace.textangle == (-90 if k >= 6 else 0)
