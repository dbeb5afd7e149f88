"""Figure builders: the traces carry the core's numbers, titles and axis labels, and text safety."""

import numpy as np
import plotly.graph_objects as go
import pytest

from xentviz import figures, worked_example

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
