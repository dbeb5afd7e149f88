"""Figure builders: the traces carry the core's numbers, titles and axis labels, and text safety."""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pytest

from xentviz import figures, worked_example
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState

W = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
CLASSES = ("dog", "cat", "horse", "cheetah")
BUILT = {
    "logits": figures.logits_figure(CLASSES, W.logits),
    "q": figures.probabilities_figure(CLASSES, W.q, W.p, W.predicted),
    "loss": figures.contributions_figure(CLASSES, W.contributions, "bits"),
    "grad": figures.gradient_figure(CLASSES, W.grad, W.grad_sum),
}


@pytest.mark.parametrize("name", BUILT)
def test_valid_plotly_with_title_and_axis_titles(name):
    fig = go.Figure(BUILT[name])  # validates every property
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text == "class"
    assert fig.layout.yaxis.title.text


def test_probabilities_carry_q_and_p():
    q, p = BUILT["q"]["data"]
    np.testing.assert_allclose(q["y"], W.q)
    np.testing.assert_allclose(p["y"], [1, 0, 0, 0])
    assert q["x"] == list(CLASSES)
    assert BUILT["q"]["layout"]["annotations"][0]["x"] == "dog"


def test_gradient_split_by_sign_sums_to_grad():
    down, up = BUILT["grad"]["data"]
    np.testing.assert_allclose(np.add(down["y"], up["y"]), W.grad)
    assert all(v <= 0 for v in down["y"]) and all(v >= 0 for v in up["y"])
    assert "sum" in BUILT["grad"]["layout"]["title"]["text"]


def test_contributions_and_unit():
    np.testing.assert_allclose(BUILT["loss"]["data"][0]["y"], W.contributions)
    assert "bits" in BUILT["loss"]["layout"]["yaxis"]["title"]["text"]


def test_scaled_logits_with_temperature():
    fig = figures.logits_figure(CLASSES, W.logits, temperature=2.0)
    np.testing.assert_allclose(fig["data"][0]["y"], np.asarray(W.logits) / 2)
    assert "T = 2" in fig["layout"]["title"]["text"]


def test_class_names_are_escaped():
    fig = figures.probabilities_figure(["<b>x</b>", "y"], [0.5, 0.5], [1, 0], 0)
    assert fig["data"][0]["x"][0] == "&lt;b&gt;x&lt;/b&gt;"


def _all_figures(state: PlaygroundState) -> list[dict]:
    w = worked_example(
        state.logits, state.target, state.temperature, state.core_base, state.smoothing
    )
    return [
        figures.logits_figure(state.classes, w.logits, w.temperature),
        figures.probabilities_figure(state.classes, w.q, w.p, w.predicted),
        figures.contributions_figure(state.classes, w.contributions, state.unit),
        figures.gradient_figure(state.classes, w.grad, w.grad_sum),
    ]


STATES = {key: state for key, (_, state) in PLAYGROUND_PRESETS.items()} | {
    "12 hostile names, hot, smoothed, base 10": PlaygroundState(
        classes=tuple(f'<img src=x onerror="alert({i})"> class {i}' for i in range(12)),
        logits=tuple(float(v) for v in np.linspace(-900, 1000, 12)),
        target=11,
        temperature=0.05,
        base="10",
        smoothing=0.3,
    ),
}


@pytest.mark.parametrize("name", STATES)
def test_unvalidated_figures_are_valid_and_send_the_same_json(name):
    """The page skips plotly's validation, so every figure must pass it, and what
    st.plotly_chart sends must not change (it calls return_figure_from_figure_or_data)."""
    for spec in _all_figures(STATES[name]):
        go.Figure(spec)  # raises on any invalid property
        checked = plotly.tools.return_figure_from_figure_or_data(spec, validate_figure=True)
        fast = plotly.tools.return_figure_from_figure_or_data(
            figures.unvalidated(spec), validate_figure=True
        )
        sent = [json.loads(pio.to_json(f, validate=False)) for f in (fast, checked)]
        assert sent[0] == sent[1]  # the same figure; only the order of keys may differ
