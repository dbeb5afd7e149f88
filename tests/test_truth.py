"""Issue 26: sentences, quiz answers and charts that must be true in every state a link can
reach. Each case opens the state the audit reported and checks what is said against the core;
general claims are checked over random states including the extremes (hypothesis)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import support
from xentviz import sigmoid_cross_entropy, softmax_cross_entropy
from xentviz.lesson import quiz
from xentviz.state import PlaygroundState

#: The extremes every general claim is tried on, beside random states.
EXTREME_LOGITS = st.sampled_from([-1000.0, -40.0, -1.0, 0.0, 0.5, 3.2, 40.0, 1000.0])
LOGITS = st.one_of(EXTREME_LOGITS, st.floats(-1000, 1000, allow_nan=False))
TEMPERATURES = st.sampled_from([0.05, 0.1, 0.5, 1.0, 2.0, 5.0, 20.0])
SMOOTHINGS = st.sampled_from([0.0, 0.01, 0.1, 0.5, 0.9, 0.99])


@st.composite
def playground_states(draw):
    k = draw(st.sampled_from([2, 3, 4, 12]))
    logits = tuple(draw(st.lists(LOGITS, min_size=k, max_size=k)))
    return PlaygroundState(
        classes=tuple(f"c{i}" for i in range(k)),
        logits=logits,
        target=draw(st.integers(0, k - 1)),
        temperature=draw(TEMPERATURES),
        base=draw(st.sampled_from(["e", "2", "10"])),
        smoothing=draw(SMOOTHINGS),
    )


# --- 1. the label-smoothing quiz ---------------------------------------------------------------


def test_the_raised_loss_answer_with_smoothing_says_the_loss_rises_when_it_does():
    state = PlaygroundState(smoothing=0.99)
    w = state.worked()
    answer = quiz.raised_loss_answer(state, w, quiz.ranges()[0])
    assert "always lowers" not in answer
    assert "p_y = 0.2575" in answer and f"+{w.grad[0]:.4f}" in answer
    assert "The loss rises" in answer and "3.3303" in answer


@settings(max_examples=support.examples(150), deadline=None)
@given(playground_states())
def test_the_raised_loss_answer_names_the_direction_the_core_computes(state):
    w = state.worked()
    raised = list(state.logits)
    raised[state.target] += 2
    after = float(
        softmax_cross_entropy(
            raised, state.target, base=state.core_base, temperature=state.temperature,
            label_smoothing=state.smoothing,
        )
    )  # fmt: skip
    said = quiz.raised_loss_answer(state, w, quiz.ranges()[0])
    if state.smoothing == 0:
        # Exactly it falls (q_y < 1 for finite logits); what float64 shows is named beside it.
        assert "The loss falls" in said
        assert ("float64 rounds the two losses alike" in said) == (after == w.loss)
        assert ("float64 shows a rise" in said) == (after > w.loss)
    else:
        moved = "falls" if after < w.loss else "rises" if after > w.loss else "stays the same"
        assert f"The loss {moved}" in said
    if "lowers the loss in exact arithmetic" in said:  # the one-hot claim
        assert state.smoothing == 0 and w.grad[state.target] <= 0 and after <= w.loss


# --- 2. the binary quiz works from z, not from a rounded p -------------------------------------


@pytest.mark.parametrize("z", [30.0, 1000.0, -1000.0])
def test_the_binary_quiz_reads_the_losses_from_z(z):
    from xentviz.lesson import binary
    from xentviz.state.binary import BinaryState

    state = BinaryState(z=z, t=0)
    said = binary.true_or_false_answer(state, state.worked(), "truth 0")
    for t in (1.0, 0.0):
        loss = float(sigmoid_cross_entropy([z], [t]))
        assert math.isfinite(loss)
    assert "∞" not in said
    if z == 30.0:
        assert "30.0000" in said and "30.0010" not in said
    if z == 1000.0:
        assert "1000.0000" in said


def test_the_binary_dot_lies_on_its_drawn_curve_at_large_z():
    from xentviz.state.binary import BinaryState
    from xentviz.ui import controls

    for z, t in ((1000.0, 0), (-1000.0, 1), (30.0, 0), (2.0, 1), (-7.3, 0)):
        fig = controls.of("binary").view(BinaryState(z=z, t=t))["by_p"]
        curve = next(d for d in fig["data"] if d["name"].startswith(f"t = {t}"))
        (x,), (y,) = fig["data"][-1]["x"], fig["data"][-1]["y"]
        xs, ys = np.asarray(curve["x"]), np.asarray(curve["y"])
        assert np.all(np.isfinite(ys)) and np.all(np.diff(xs) >= 0)
        at = ys[xs == x]
        if len(at) > 1:  # p rounds to 1 (or 0): the curve climbs there, through the dot
            assert at.min() <= y <= at.max(), (z, t)
        else:  # between two drawn points: on the line joining them, within drawing error
            assert np.interp(x, xs, ys) == pytest.approx(y, rel=0.02), (z, t)


# --- 3. encodings: the "average label" changes only when it does ---------------------------


def test_a_mean_halfway_between_the_same_two_classes_is_not_called_a_change():
    from xentviz.lesson import encoding
    from xentviz.state.encoding import EncodingState

    state = EncodingState(classes=("a", "b"), logits=(1.0, -1.0), target=0, ys=(0, 1), order=(1, 0))
    said = encoding.as_numbers(state, state.worked())
    assert "changes" not in said and "the same classes here" in said


@settings(max_examples=support.examples(100), deadline=None)
@given(st.integers(2, 6).flatmap(lambda k: st.tuples(st.just(k), st.permutations(range(k)),
       st.lists(st.integers(0, k - 1), min_size=1, max_size=8))))  # fmt: skip
def test_the_average_label_is_said_to_change_only_when_its_nearest_classes_do(case):
    from xentviz.lesson import encoding
    from xentviz.state.encoding import EncodingState

    k, order, ys = case
    state = EncodingState(
        classes=tuple(f"c{i}" for i in range(k)), logits=(0.0,) * k, target=0,
        ys=tuple(ys), order=tuple(order),
    )  # fmt: skip
    w = state.worked()
    said = encoding.as_numbers(state, w)
    (ka, kb) = w.nearest
    assert ("changes with an order" in said) == (set(ka) != set(kb))


# --- 4. where float64 stops: read from this state's sum of logs ----------------------------


def test_the_underflow_thresholds_are_floats_own():
    from xentviz.lesson import training as text

    assert math.exp(text.NORMAL_LOG) == pytest.approx(np.finfo(float).tiny, rel=1e-12)
    assert round(text.NORMAL_LOG, 1) == -708.4 and round(text.ZERO_LOG, 1) == -745.1
    assert math.exp(text.ZERO_LOG + 1e-9) > 0 and math.exp(text.ZERO_LOG - 1e-9) == 0


@pytest.mark.parametrize("total", [-5.0, -700.0, -720.0, -740.0, -744.0, -746.0, -1122.2])
def test_the_products_words_follow_its_float(total):
    from types import SimpleNamespace

    from xentviz.lesson import training as text

    product = math.exp(total)
    said = text._product_said(SimpleNamespace(product=product, sum_of_logs=total))
    assert "1e-308" not in said and "−708 " not in said
    if product == 0:
        assert "computes as 0" in said
    elif product < np.finfo(float).tiny:
        assert "subnormal" in said and "fewer digits" in said
    else:
        assert "a normal float64" in said


def test_the_training_question_says_where_float64_stops():
    from xentviz.lesson import training as text
    from xentviz.state.training import TrainingState

    state = TrainingState(seed=0, noise=1.0, points=1000, at=0, n=1000)
    said = text.underflow_answer(state, state.worked(), text.YES)
    assert said.startswith("Right.") and "−745.1" in said and "4.296e-488" in said


# --- 5. ten steps: their lengths, and a claim only when they shrink ------------------------


def test_ten_steps_that_grow_are_not_called_shorter():
    from xentviz.lesson import loss as text
    from xentviz.state.loss import LossState

    state = LossState(classes=("a", "b", "c"), logits=(6.7, -5.6, 2.0), target=1, i=0, j=2,
                      rate=10.0)  # fmt: skip
    said = text.ten_steps_answer(state, state.worked(), quiz.ranges()[0])
    assert "9.910, 9.935" in said and "not each shorter" in said


@pytest.mark.slow
@settings(max_examples=support.examples(60), deadline=None)
@given(st.lists(LOGITS, min_size=3, max_size=3), st.integers(0, 2),
       st.sampled_from([0.1, 1.0, 10.0]))  # fmt: skip
def test_each_step_is_called_shorter_only_when_it_is(logits, target, rate):
    """Decided on the exact path (mpmath at 2,500 digits from the same float64 start), as the
    page says it: float64 prints equal lengths where the exact ones still shrink."""
    import mpmath

    from xentviz.lesson import loss as text
    from xentviz.state.loss import LossState

    state = LossState(
        classes=("a", "b", "c"), logits=tuple(logits), target=target, i=0, j=1, rate=rate
    )
    said = text.ten_steps_answer(state, state.worked(), quiz.ranges()[0])
    lengths = []
    with mpmath.workdps(2500):
        z = [mpmath.mpf(float(v)) for v in logits]
        for _ in range(10):
            lse = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in z))
            g = [mpmath.exp(v - lse) - (k == target) for k, v in enumerate(z)]
            lengths.append(rate * mpmath.sqrt(g[0] ** 2 + g[1] ** 2))
            z = [z[0] - rate * g[0], z[1] - rate * g[1], z[2]]
        shrinking = all(b < a for a, b in itertools.pairwise(lengths))
    assert ("each shorter than the one before" in said and "not each" not in said) == shrinking


# --- 7, 8, 9. no cut bars, units everywhere, no 0 for what is not 0 -------------------------


def test_the_training_points_gradient_bars_fit_and_carry_their_values():
    from xentviz.state.training import TrainingState
    from xentviz.ui import controls

    state = TrainingState(base="2", point=151)
    w = state.worked()
    fig = controls.of("training").view(state, w)["point"]
    low, high = fig["layout"]["yaxis"]["range"]
    dz = np.asarray(w.point.dz)
    assert high >= 1 / math.log(2) and low <= -1 / math.log(2)
    assert high >= np.max(np.abs(dz))
    shown = [t for trace in fig["data"][1:] for t in trace["text"] if t]
    assert len(shown) == len(dz)


def test_the_likelihood_table_names_its_unit():
    from xentviz.lesson import training as text
    from xentviz.state.training import TrainingState

    state = TrainingState(base="2", n=300)
    rows = text.likelihood_rows(state, state.worked())
    for row in rows[1:]:
        assert "(nats)" in row["quantity"], row


def test_a_cold_playground_prints_no_zero_for_what_is_not_zero():
    from xentviz.lesson import playground as notices
    from xentviz.ui import controls

    state = PlaygroundState(temperature=0.05)
    w = state.worked()
    v = controls.of("playground").view(state, w)
    texts = [
        t for key in ("q", "loss", "gradient") for d in v[key]["data"] for t in d.get("text") or []
    ]
    assert not any(t in ("0.0000", "-0.000", "+0.000", "0.000", "−0.000") for t in texts), texts
    assert any("e-17" in t for t in texts)
    hot = PlaygroundState(classes=("a", "b", "c"), logits=(1000.0, -1000.0, 0.0), target=1)
    said = dict((label, value) for label, value, _ in notices.headline(hot, hot.worked()))
    # float64's 0 and, beside it, the exact H(q) (an oracle here at 1,500 digits)
    import mpmath

    with mpmath.workdps(1500):
        z = [mpmath.mpf(v) for v in hot.logits]
        q = [mpmath.exp(v) / mpmath.fsum(mpmath.exp(u) for u in z) for v in z]
        h = -mpmath.fsum(x * mpmath.log(x) for x in q)
        oracle = mpmath.nstr(h, 4, min_fixed=1, max_fixed=0)
    assert said["Entropy H(q) (nats)"] == f"computes as 0 (exactly {oracle})"


def test_the_backward_graph_prints_an_exact_zero_without_a_sign():
    from xentviz.state.gradients import GradientsState
    from xentviz.ui import controls

    state = GradientsState()
    v = controls.of("gradients").view(state, state.worked())
    graph = next(
        f for f in v.values() if isinstance(f, dict) and "annotations" in f.get("layout", {})
    )
    notes = [a["text"] for a in graph["layout"]["annotations"]]
    assert not any("+0<" in n or n.endswith("+0") or "−0" in n for n in notes), notes


# --- why cross-entropy and not squared error (the binary page) --------------------------------


def test_the_binary_page_shows_squared_error_beside_cross_entropy():
    from tests import support
    from xentviz import (
        sigmoid_cross_entropy,
        sigmoid_cross_entropy_grad,
        sigmoid_squared_error,
        sigmoid_squared_error_grad,
    )

    at = support.open_page("binary", {"z": "-6", "t": "1"})
    figures = {k.split(".")[-1]: f for k, f in support.figures(at).items()}
    loss, grad = figures["mse_loss"], figures["mse_gradient"]
    assert loss["data"][2]["y"] == [float(sigmoid_cross_entropy(-6.0, 1.0)),
                                    float(sigmoid_squared_error(-6.0, 1.0))]  # fmt: skip
    assert grad["data"][2]["y"] == [float(sigmoid_cross_entropy_grad(-6.0, 1.0)),
                                    float(sigmoid_squared_error_grad(-6.0, 1.0))]  # fmt: skip
    said = next(c.value for c in at.caption if "squared error (σ(z) − t)²" in c.value)
    assert "−0.9975" in said and "−0.0049" in said and "about 203 times" in said
    assert "wrong side" in said
    for trace in loss["data"][:2] + grad["data"][:2]:
        assert all(math.isfinite(v) for v in trace["y"])


@settings(max_examples=support.examples(200), deadline=None)
@given(st.one_of(st.sampled_from([-1000.0, -40.0, -6.0, 0.0, 6.0, 40.0, 1000.0]),
                 st.floats(-1000, 1000, allow_nan=False)), st.sampled_from([0, 1]))  # fmt: skip
def test_squared_errors_gradient_is_never_the_larger_in_nats(z, t):
    """The claim of the answer: |CE'| >= 2 |SE'| in nats, for every z (equal only where both
    compute as 0); and the words name the side the example is on."""
    from xentviz.lesson import binary
    from xentviz.state.binary import BinaryState

    state = BinaryState(z=z, t=t)
    w = state.worked()
    assert abs(w.ce_grad_nats) >= 2 * abs(w.mse_grad)
    said = binary.squared_vs_cross(state, w)
    wrong = (t == 1 and z < 0) or (t == 0 and z > 0)
    assert ("wrong side" in said) == wrong
    assert "is computes" not in said and "is 0 " not in said and "is +0 " not in said
    assert binary.steeper_answer(state, w, binary.CE).startswith("Right.")


# --- the training page: accuracy on points it never trained on --------------------------------


def test_the_training_page_reports_held_out_accuracy_labelled_so():
    from tests import support
    from xentviz.core.training import accuracy, held_out_blobs, make_blobs
    from xentviz.state.training import HELD_OUT, TrainingState

    state = TrainingState(seed=3, noise=1.0, points=120, steps=50, at=50)
    X, _ = make_blobs(120, 3, noise=1.0, seed=3)
    Xh, yh = held_out_blobs(120, HELD_OUT, 3, noise=1.0, seed=3)
    assert not any((Xh == row).all(axis=1).any() for row in X)  # none of them trained on
    np.testing.assert_array_equal(X, state.data()[0])  # the training set as before
    w = state.worked()
    assert w.held_out_accuracy == accuracy(w.params, Xh, yh)
    at = support.open_page(
        "training", {"seed": "3", "noise": "1", "points": "120", "steps": "50", "at": "50"}
    )
    shown = support.headline(at)
    assert shown[f"accuracy ({HELD_OUT} held-out points)"] == f"{w.held_out_accuracy:.1%}"
    assert shown["accuracy (training points)"] == f"{w.accuracy:.1%}"


# --- 10. smaller things -------------------------------------------------------------------------


def test_log_axes_label_powers_of_ten_without_si_prefixes():
    from xentviz.state.gradients import GradientsState
    from xentviz.state.loss import LossState
    from xentviz.ui import controls

    v = controls.of("gradients").view(GradientsState())["v"]
    sweep = controls.of("loss").view(LossState())["sweep"]
    for axis in (v["layout"]["xaxis"], v["layout"]["yaxis"], sweep["layout"]["xaxis"]):
        assert axis["type"] == "log" and axis["dtick"] in (1, 2, 3)
        assert axis["exponentformat"] == "power"


@pytest.mark.parametrize("k", [4, 12])
def test_probability_axes_are_labelled_from_0_to_1_only(k):
    from xentviz.state.binary import BinaryState
    from xentviz.ui import controls

    state = PlaygroundState(classes=tuple(f"c{i}" for i in range(k)), logits=(0.0,) * k)
    q = controls.of("playground").view(state)["q"]["layout"]["yaxis"]
    assert max(q["tickvals"]) == 1 and q["range"][1] > 1
    sig = controls.of("binary").view(BinaryState())["sigmoids"]["layout"]["yaxis"]
    assert max(sig["tickvals"]) == 1


def test_a_map_above_the_colour_cap_still_has_colours():
    from xentviz.state.loss import LossState
    from xentviz.ui import controls

    state = LossState(classes=("a", "b", "c", "d"), logits=(2.0, -1.0, 5.0, 0.0), target=1,
                      i=0, j=3)  # fmt: skip
    contour = controls.of("loss").view(state)["map"]["data"][0]
    surface = np.asarray(contour["z"])
    assert surface.min() > 5  # the whole map is above the old 0-to-5 scale
    assert contour["zmin"] <= surface.min() and contour["zmax"] > surface.min()
    shown = np.clip(surface, contour["zmin"], contour["zmax"]) - contour["zmin"]
    bands = np.unique(np.floor(shown / contour["contours"]["size"]))
    assert len(bands) >= 5


def test_an_unticked_batch_example_reads_t_0():
    from tests import support

    at = support.open_page("binary", {"ts": "1,0,1"})
    assert at.checkbox(key="binary.ts.1").label == "example 2: t = 0"
    assert at.checkbox(key="binary.ts.0").label == "example 1: t = 1"


def test_the_six_kind_view_has_its_own_caption_and_the_sample_settles():
    from tests import support

    at = support.open_page(
        "entropy", {"counts": "1,2,3,4,5,6;6,5,4,3,2,1", "shapes": "a,b,c,d,e,f"}
    )
    notes = [c.value for c in at.caption if c.value.startswith("What to notice: ")]
    assert len(notes) == len(set(notes))
    assert any("the dashed line is log K" in n for n in notes)
    default = support.open_page("entropy")
    said = next(c.value for c in default.caption if "average surprise" in c.value)
    assert "after 1000 picks" in said


# --- the general claims of the words, over random states with the extremes --------------------


@settings(max_examples=support.examples(150), deadline=None)
@given(playground_states(), st.sampled_from([0.05, 0.5, 1.0, 2.0, 5.0, 20.0]))
def test_raising_t_flattens_q_and_raises_the_loss_of_a_right_prediction(state, t):
    """The tour's third step and the Playground's notice: H(q) rises with T (a Gibbs
    distribution's entropy grows with its temperature); with a one-hot target the loss of a
    right prediction (y among the largest logits) grows with T."""
    from dataclasses import replace

    if t <= state.temperature:
        return
    cool, hot = state.worked(), replace(state, temperature=t).worked()
    assert hot.entropy_q >= cool.entropy_q * (1 - 1e-12) - 1e-300
    if state.smoothing == 0 and state.target in cool.tied:
        assert hot.loss >= cool.loss * (1 - 1e-12)


@settings(max_examples=support.examples(150), deadline=None)
@given(st.one_of(EXTREME_LOGITS, st.floats(-1000, 1000, allow_nan=False)), st.sampled_from([0, 1]),
       st.sampled_from(["e", "2", "10"]))  # fmt: skip
def test_the_binary_slope_is_never_steeper_than_1_per_logit_in_nats(z, t, base):
    """The binary page: "the loss is smooth and never infinite; its slope is never steeper than 1
    per unit logit (in nats)"."""
    from xentviz.state.binary import BinaryState

    w = BinaryState(z=z, t=t, base=base).worked()
    assert math.isfinite(w.loss) and abs(w.ce_grad_nats) <= 1


#: Every link of the audit (issue 26), as (page, parameters).
AUDIT_LINKS = [
    ("playground", {"smoothing": "0.99"}),
    ("binary", {"z": "1000", "t": "0"}),
    ("encoding", {"classes": "a,b", "logits": "1,-1", "target": "a", "ys": "0,1", "order": "1,0"}),
    ("loss", {"classes": "a,b,c", "logits": "6.7,-5.6,2", "target": "b", "i": "0", "j": "2",
              "rate": "10"}),
    ("playground", {"T": "20", "base": "2"}),
    ("playground", {"T": "0.05"}),
    ("training", {"base": "2", "point": "151"}),
    ("training", {"base": "2", "n": "300"}),
    ("playground", {"classes": "a,b,c", "logits": "1000,-1000,0", "target": "b"}),
    ("loss", {"classes": "a,b,c,d", "logits": "2,-1,5,0", "target": "b", "i": "0", "j": "3"}),
    ("training", {"rate": "10", "batch": "1", "steps": "2000", "at": "2000"}),
    ("playground", {"classes": "a,b,c", "logits": "0,0,5", "target": "0"}),
    ("playground", {"classes": '=HYPERLINK("//ev.il"),@SUM(1+1),+cmd'}),
]  # fmt: skip

#: Words the audit found false in one of those states; none may be shown in any of them.
FALSE_WORDS = [
    "always lowers the loss (its gradient, q_y − 1, is never above 0)",
    "−log(1 − p) = ∞",
    '"average label" changes',
    "below about −708",
    "1e-308",
    "Each step is shorter than the one before",
    "by at most 0",
]


@pytest.mark.parametrize("page, params", AUDIT_LINKS)
def test_the_audits_states_open_with_none_of_its_false_sentences(page, params):
    from tests import support

    at = support.open_page(page, params)
    assert not at.warning or (page == "playground" and "classes" in params)
    shown = " ".join(
        e.value for kind in ("markdown", "caption", "info", "success") for e in getattr(at, kind)
    )
    for words in FALSE_WORDS:
        assert words not in shown, (page, params, words)
    for value in support.headline(at).values():
        assert value not in ("0", "0.0000", "-0.0000") or value == "0"  # H(p) of one-hot only
    for figure in support.figures(at).values():
        for trace in figure["data"]:
            for text in trace.get("text") or []:
                assert text not in ("0.0000", "0.000", "-0.000", "+0.000", "+0.0000", "−0.000")


def test_the_sweeps_loss_axis_has_its_own_round_ticks():
    from xentviz.state.loss import LossState
    from xentviz.ui import controls

    axis = controls.of("loss").view(LossState())["sweep"]["layout"]["yaxis2"]
    assert axis["tickmode"] == "auto"  # plotly would sync it to q's: 0.224, 0.448, ...


@settings(max_examples=support.examples(150), deadline=None)
@given(st.one_of(st.sampled_from([-1000.0, -40.0, -6.0, -3.0, 3.0, 6.0, 40.0, 1000.0]),
                 st.floats(-1000, 1000, allow_nan=False)), st.sampled_from([0, 1]))  # fmt: skip
def test_squared_error_never_exceeds_1_and_hardly_moves_a_confident_mistake(z, t):
    """The binary page's words: "squared error never exceeds 1 however wrong" and "a model that
    is confidently wrong is hardly moved" (|z| >= 6 on the wrong side: its gradient is below
    0.005, while cross-entropy's is above 0.99)."""
    from xentviz.state.binary import BinaryState

    w = BinaryState(z=z, t=t).worked()
    assert 0 <= w.mse <= 1
    wrong = (t == 1 and z < 0) or (t == 0 and z > 0)
    if wrong and abs(z) >= 6:
        assert abs(w.mse_grad) < 0.005 and abs(w.ce_grad_nats) > 0.99


@settings(max_examples=support.examples(40), deadline=None)
@given(st.integers(0, 9999), st.integers(3, 5), st.sampled_from([0.0, 1.0, 3.0]),
       st.sampled_from([30, 300, 1000]))  # fmt: skip
def test_held_out_points_are_never_trained_on(seed, k, noise, points):
    """The training page's words: held-out points "it never trained on" (draws after the
    training points; with noise 0 every draw is its blob's centre, and the page says so)."""
    from xentviz.lesson import training as text
    from xentviz.state.training import TrainingState

    state = TrainingState(seed=seed, n_classes=k, noise=noise, points=points, batch=1, steps=1,
                          at=1)  # fmt: skip
    (X, _), (Xh, _) = state.data(), state.held_out()
    trained = {tuple(row) for row in X.tolist()}
    copies = sum(tuple(row) in trained for row in Xh.tolist())
    said = text.run_summary(state, state.worked())
    assert (copies > 0) == (noise == 0) and ("copies of the training points" in said) == (
        noise == 0
    )


@settings(max_examples=support.examples(100), deadline=None)
@given(st.integers(3, 6), st.lists(st.integers(0, 30), min_size=6, max_size=6),
       st.integers(1, 30), st.sampled_from(["e", "2", "10"]))  # fmt: skip
def test_a_container_is_said_to_reach_log_k_exactly_when_it_is_even(k, counts, n, base):
    """The 6-kind view's words: an even container reaches log K (its entropy and log K may
    differ in the last bit: 3 kinds in bits), an uneven one does not."""
    from xentviz.core import containers
    from xentviz.lesson import entropy as text
    from xentviz.state.entropy import EntropyState

    uneven = tuple(counts[:k])
    if sum(uneven) == 0 or len(set(uneven)) == 1:
        return
    state = EntropyState(counts=((n,) * k, uneven), shapes=tuple("abcdef"[:k]), base=base)
    boxes = [containers.describe(c, base=state.core_base) for c in state.counts]
    said = text.against_most(state, boxes, ["even", "uneven"])
    assert "even reaches it" in said and "(100% of it)" in said
