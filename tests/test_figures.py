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
    assert fig.layout.xaxis.title.text == "class"
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
    assert f"sum = {W.grad_sum:.1g}" in BUILT["grad"].layout.title.text


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
