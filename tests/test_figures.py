"""Figure builders: the traces carry the core's numbers, titles and axis labels, and text safety.

Builders return plain dicts, unvalidated; each is checked here by plotly's own validation."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from tests import support
from xentviz import figures, worked_example
from xentviz.figures import style
from xentviz.pages import PAGES
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState
from xentviz.ui.charts import dumps

W = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
CLASSES = ("dog", "cat", "horse", "cheetah")
BUILT = {  # validated: plotly raises on any invalid property
    "logits": go.Figure(figures.logits_figure(CLASSES, W)),
    "q": go.Figure(figures.probabilities_figure(CLASSES, W)),
    "loss": go.Figure(figures.contributions_figure(CLASSES, W, "bits")),
    "grad": go.Figure(figures.gradient_figure(CLASSES, W, "bits", "(q − p)/(T ln 2)")),
}


@pytest.mark.parametrize("name", BUILT)
def test_valid_plotly_with_title_and_axis_titles(name):
    fig = BUILT[name]
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text.startswith("class")
    assert fig.layout.yaxis.title.text


def test_probabilities_carry_q_and_p():
    q, p, _mark = BUILT["q"].data
    np.testing.assert_array_equal(q.y, W.q)
    np.testing.assert_array_equal(p.y, [1, 0, 0, 0])
    assert list(q.x) == list(CLASSES)

    def marked(fig):
        mark = fig.data[2]
        return [(x, t) for x, y, t in zip(mark.x, mark.y, mark.text, strict=True) if y is not None]

    assert marked(BUILT["q"]) == [("dog", "predicted")]
    assert BUILT["q"].data[2].y[0] > W.q[0] + 0.1  # clear of the value printed above the bar
    tie = go.Figure(figures.probabilities_figure(CLASSES, worked_example([2, 0, 2, 1], 1)))
    assert marked(tie) == [("dog", "tied"), ("horse", "tied")]


def test_gradient_split_by_sign_sums_to_grad():
    down, up = BUILT["grad"].data
    np.testing.assert_array_equal(np.add(down.y, up.y), W.grad)
    assert all(v <= 0 for v in down.y) and all(v >= 0 for v in up.y)
    assert BUILT["grad"].layout.xaxis.title.text == "class"  # the same in every state


def test_contributions_and_unit():
    np.testing.assert_array_equal(BUILT["loss"].data[0].y, W.contributions)
    assert "bits" in BUILT["loss"].layout.yaxis.title.text


def test_scaled_logits_are_the_worked_examples():
    """With T != 1 the chart shows z / T as the core worked it out, not a quotient of its own."""
    w = worked_example([3.2, 1.3, 0.2, 0.8], 0, temperature=0.3)
    fig = go.Figure(figures.logits_figure(CLASSES, w))
    np.testing.assert_array_equal(fig.data[1].y, w.scaled)
    np.testing.assert_array_equal(fig.data[0].y, w.logits)  # z beside it, for comparison
    assert "T = 0.3" in fig.layout.title.text
    np.testing.assert_array_equal(BUILT["logits"].data[0].y, W.logits)
    assert BUILT["logits"].layout.title.text == "Logits z"


def test_class_names_are_escaped():
    w = worked_example([0.0, 0.0], 0)
    fig = go.Figure(figures.probabilities_figure(["<b>x</b>", "y"], w))
    assert fig.data[0].x[0] == "&lt;b&gt;x&lt;/b&gt;"


def _specs(state: PlaygroundState) -> list[dict]:
    w = state.worked()
    return [
        figures.logits_figure(state.classes, w),
        figures.probabilities_figure(state.classes, w),
        figures.contributions_figure(state.classes, w, state.unit),
        figures.gradient_figure(state.classes, w, state.unit, state.log_base.gradient()),
    ]


def _all_figures(state: PlaygroundState) -> list[go.Figure]:
    return [go.Figure(spec) for spec in _specs(state)]  # validated


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
def test_figures_are_valid_and_sent_as_they_are(name):
    """The builders skip plotly's validation, so every figure must pass it; the JSON the chart
    component sends is the figure itself, with no plotly template."""
    for spec in _specs(STATES[name]):
        go.Figure(spec)  # raises on any invalid property
        assert json.loads(dumps(spec)) == json.loads(json.dumps(spec))
        assert spec["layout"]["template"] == {}


def test_non_finite_numbers_are_sent_as_null():
    """JSON has no NaN or infinity (the browser's JSON.parse rejects Python's "NaN"): they go
    as null, which plotly draws as no bar, as its own encoder did."""
    sent = json.loads(dumps({"y": [1.0, float("nan"), float("inf"), np.float64(2)]}))
    assert sent == {"y": [1.0, None, None, 2.0]}
    assert json.loads(dumps({"y": np.array([-np.inf, 0.5])})) == {"y": [None, 0.5]}


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
        "predicted": "model",  # the mark over the predicted class: what q predicts
        "tied": "model",
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
    assert loss[0] == 0 and loss[1] >= -np.log(figures.playground.LOSS_AXIS_Q)
    assert grad[0] == -grad[1] and grad[1] >= 1  # |q - p| / T <= 1 at T = 1


def test_an_axis_stretches_only_to_show_a_value_beyond_it():
    wrong = PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0), target=1)  # a loss of 1000
    logits, _, loss, _ = _ranges(wrong)
    assert loss[1] > 1000 and logits[1] > 1000
    # a gradient near its most at T = 0.05 in bits, 1/(0.05 ln 2) = 28.9: two logits tied
    hot = PlaygroundState(logits=(3.2, 3.2, 0.2, 0.8), temperature=0.05, base="2")
    grad = hot.worked().grad
    assert _ranges(hot)[3][1] >= np.max(np.abs(grad)) > 14


@pytest.mark.parametrize("t", [0.05, 0.5, 5.0, 20.0])
def test_temperature_shows_as_taller_or_shorter_bars_not_as_tick_labels(t):
    """Issue 26 (6): at T = 20 the bars of z / T and of the gradient were exactly as tall as at
    T = 1, on axes divided by T. The axes now hold still with T, so the bars change height."""
    cool, hot = PlaygroundState(base="2"), PlaygroundState(base="2", temperature=t)
    (lz, *_, lg), (hz, *_, hg) = _ranges(cool), _ranges(hot)
    assert hz[1] >= lz[1]  # the logit axis is never divided by T
    wc, wh = cool.worked(), hot.worked()
    fig = _all_figures(hot)[0]
    z, scaled = fig.data  # z beside z / T
    np.testing.assert_array_equal(z.y, wh.logits)
    np.testing.assert_array_equal(scaled.y, wh.scaled)
    height = max(np.abs(scaled.y)) / hz[1]  # the tallest z / T bar, as a share of the axis
    if t > 1:  # squashed: shorter than the T = 1 bars on the same axis
        assert hz == lz and height < max(np.abs(wc.logits)) / lz[1]
        assert hg == lg and np.max(np.abs(wh.grad)) < np.max(np.abs(wc.grad))
    else:  # stretched: taller, the axis reaching past them
        assert height * hz[1] > max(np.abs(wc.logits))
        assert hg[1] >= np.max(np.abs(wh.grad))


@pytest.mark.parametrize("k", [4, 6, 12])
def test_values_are_never_shrunk_and_stand_on_end_when_many(k):
    """plotly shrank a value that did not fit its bar to a few pixels, then uniformtext hid
    all of a chart's values; values now keep the chart's size (uniformtext off), on end from 6
    classes (and no value on two lines there); q's always (level, it ran into the taller p bar
    beside it on a phone)."""
    state = PlaygroundState(classes=tuple(f"c{i}" for i in range(k)), logits=(0.0,) * k)
    for fig in _all_figures(state):
        assert fig.layout.uniformtext.mode is False
        for trace in fig.data:
            if trace.type == "bar" and trace.text is not None:
                assert trace.constraintext == "none"
                q = trace.name == "q = softmax (model)"
                assert trace.textangle == (-90 if k >= 6 or q else 0)
                assert not any("<br>" in t for t in trace.text if trace.textangle == -90)


@pytest.mark.parametrize("page", [p.name for p in PAGES if "figures" in p.layers])
def test_every_chart_of_a_page_is_readable(page):
    """Issue 37, goal 5: outside presenter mode every figure a page draws (at its default
    state) is at least MIN_HEIGHT px tall with every text at least MIN_FONT px (360 and 14);
    each is valid plotly; the loss map is square (a step's length the same both ways) with
    room for more than 265 px a side, and the digit templates are square with a colour scale."""
    assert (style.MIN_HEIGHT, style.MIN_FONT) == (360, 14)
    drawn = support.figures(support.open_page(page))
    assert drawn
    special = {"loss": "loss.chart.map", "digits": "digits.chart.templates"}
    assert special.get(page, next(iter(drawn))) in drawn
    for key, fig in drawn.items():
        go.Figure(fig)  # valid
        lay = fig["layout"]
        assert lay["height"] >= style.MIN_HEIGHT, key
        assert lay["font"]["size"] >= style.MIN_FONT, key
        assert lay.get("title", {}).get("font", {}).get("size", style.MIN_FONT) >= style.MIN_FONT
        for note in lay.get("annotations", []):
            assert note.get("font", {}).get("size", style.MIN_FONT) >= style.MIN_FONT, key
        for trace in fig["data"]:
            assert trace.get("textfont", {}).get("size", style.MIN_FONT) >= style.MIN_FONT, key
        if key == "loss.chart.map":
            assert lay["yaxis"]["scaleanchor"] == "x"
            margin = lay["margin"]
            assert lay["height"] - margin["t"] - margin["b"] > 300, key
        if key == "digits.chart.templates":
            ys = {k: v for k, v in lay.items() if k.startswith("yaxis")}  # yaxis, yaxis2 ...
            assert len(ys) == 10
            assert all(y["scaleanchor"] == "x" + k.removeprefix("yaxis") for k, y in ys.items())
            assert [t.get("showscale") for t in fig["data"]].count(True) == 1
