"""The optimisation pages' state, worked numbers, charts (as data) and words: links round-trip,
every number is the core's, every sentence holds at ties, extremes and both ends of a slider."""

import math
from dataclasses import replace

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xentviz import softmax, softmax_cross_entropy, softmax_cross_entropy_grad
from xentviz.core.training import accuracy, loss_and_grads
from xentviz.lesson import gradients as gradients_text
from xentviz.lesson import loss as loss_text
from xentviz.lesson import training as training_text
from xentviz.state import PlaygroundState, parse, to_query
from xentviz.state.fields import refitted
from xentviz.state.gradients import H_STOPS, GradientsState
from xentviz.state.links import (
    gradients_from_playground,
    loss_from_playground,
    playground_from,
    playground_from_point,
)
from xentviz.state.loss import MAX_TRAIL, LossState
from xentviz.state.training import TrainingState
from xentviz.ui import controls
from xentviz.worked.gradients import HS
from xentviz.worked.loss import SWEEP_T

# --- states --------------------------------------------------------------------------------------


@st.composite
def loss_states(draw):
    k = draw(st.integers(2, 12))
    i = draw(st.integers(0, k - 1))
    j = draw(st.integers(0, k - 2))
    j += j >= i
    trail = draw(st.lists(st.tuples(st.floats(-1000, 1000), st.floats(-1000, 1000)), max_size=5))
    return LossState(
        classes=tuple(f"c{n}" for n in range(k)),
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        base=draw(st.sampled_from(["e", "2", "10"])),
        i=i,
        j=j,
        rate=draw(st.floats(0.01, 10)),
        trail=tuple(trail),
        temperature=draw(st.floats(0.05, 20)),
        shift=draw(st.floats(0, 1000)),
    )


@st.composite
def gradients_states(draw):
    k = draw(st.integers(2, 12))
    return GradientsState(
        classes=tuple(f"c{n}" for n in range(k)),
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        h=draw(st.floats(1e-12, 0.1)),
    )


@st.composite
def training_states(draw):
    points = draw(st.integers(30, 120))
    steps = draw(st.integers(1, 60))
    return TrainingState(
        seed=draw(st.integers(0, 9999)),
        n_classes=draw(st.integers(3, 5)),
        noise=draw(st.floats(0, 3)),
        points=points,
        rate=draw(st.floats(0.001, 10)),
        batch=draw(st.integers(1, points)),
        steps=steps,
        at=draw(st.integers(0, steps)),
        point=draw(st.integers(0, points - 1)),
        n=draw(st.integers(1, points)),
        base=draw(st.sampled_from(["e", "2", "10"])),
    )


@given(loss_states())
def test_loss_links_round_trip(state):
    assert parse(to_query(state), LossState) == (state, None)


@given(gradients_states())
def test_gradients_links_round_trip(state):
    assert parse(to_query(state), GradientsState) == (state, None)


@given(training_states())
def test_training_links_round_trip(state):
    assert parse(to_query(state), TrainingState) == (state, None)


@pytest.mark.parametrize(
    ("cls", "params"),
    [
        (LossState, {"i": "3"}),
        (LossState, {"i": "0", "j": "0"}),
        (LossState, {"rate": "0"}),
        (LossState, {"rate": "nan"}),
        (LossState, {"trail": "1,2,3"}),
        (LossState, {"trail": "1,2;" * (MAX_TRAIL + 1)}),
        (LossState, {"trail": "1,1e9"}),
        (LossState, {"T": "0"}),
        (LossState, {"shift": "-1"}),
        (GradientsState, {"h": "0"}),
        (GradientsState, {"h": "1"}),
        (GradientsState, {"h": "1e-13"}),
        (TrainingState, {"classes": "2"}),
        (TrainingState, {"classes": "dog,cat"}),
        (TrainingState, {"points": "10"}),
        (TrainingState, {"batch": "301"}),
        (TrainingState, {"steps": "0"}),
        (TrainingState, {"steps": "50", "at": "51"}),
        (TrainingState, {"point": "300"}),
        (TrainingState, {"n": "0"}),
        (TrainingState, {"seed": "-1"}),
        (TrainingState, {"noise": "4"}),
        (TrainingState, {"seed": "1" * 3000}),
    ],
    ids=str,
)
def test_bad_links_give_the_defaults_and_one_message(cls, params):
    state, warning = parse(params, cls)
    assert state == cls() and "showing the defaults" in warning


def test_a_run_opens_at_its_start_unless_the_link_names_a_step():
    assert TrainingState().at == 0 and parse({}, TrainingState)[0].at == 0
    assert parse({"steps": "50"}, TrainingState)[0].at == 0
    assert parse({"steps": "50", "at": "7"}, TrainingState)[0].at == 7
    assert parse({"at": "200"}, TrainingState)[0].at == 200  # a link to the end: the end
    assert parse({"points": "30"}, TrainingState)[0].batch == 30  # the default 32 would not fit


def test_the_second_axis_moves_off_the_first():
    assert parse({"i": "0"}, LossState)[0].j == 1  # j's default 0 is taken
    state = LossState()
    assert refitted(state, {"i": 0}) == {"i": 0, "j": 1}
    assert refitted(TrainingState(at=120), {"steps": 50}) == {"steps": 50, "at": 50}
    assert refitted(TrainingState(), {"points": 30}) == {"points": 30, "batch": 30}


def test_h_stops_span_the_range():
    assert H_STOPS[0] == 1e-12 and H_STOPS[-1] == 0.1 and list(H_STOPS) == sorted(H_STOPS)


def test_links_to_and_from_the_playground():
    play = PlaygroundState(classes=("a", "b", "c"), logits=(1.0, 5.0, 3.0), target=0, base="2")
    there = loss_from_playground(play)
    assert (there.classes, there.logits, there.target, there.base) == (
        play.classes, play.logits, 0, "2"
    )  # fmt: skip
    assert (there.i, there.j) == (0, 1)  # the true class against its strongest rival
    assert playground_from(there) == play
    grads = gradients_from_playground(play)
    assert playground_from(grads) == PlaygroundState(play.classes, play.logits, 0)
    assert playground_from_point(np.array([1.0, 2.0, 3.0]), 2).target == 2
    assert playground_from_point(np.array([1.0, 2000.0, 3.0]), 2) is None


# --- the worked numbers are the core's -----------------------------------------------------------


@given(loss_states())
def test_the_loss_page_numbers_are_the_cores(state):
    w = state.worked()
    z, y, base = np.array(state.logits), state.target, state.core_base
    assert w.loss == float(softmax_cross_entropy(z, y, base=base))
    np.testing.assert_array_equal(w.q, softmax(z))
    # the curve along logit i passes through the state, and the map holds the loss at its grid
    xs, losses = w.along
    np.testing.assert_allclose(
        np.interp(z[state.i], xs, losses), w.loss, rtol=0.05, atol=1e-6
    ) if abs(z[state.i]) <= 10 else None
    r, c = len(w.map.ys) // 2, len(w.map.xs) // 3
    moved = z.copy()
    moved[state.i], moved[state.j] = w.map.xs[c], w.map.ys[r]
    assert w.map.surface[r, c] == pytest.approx(float(softmax_cross_entropy(moved, y, base=base)))
    # one step on the map: only i and j move, by -rate times the gradient
    g = softmax_cross_entropy_grad(z, y, base=base)
    expect = z.copy()
    for k in (state.i, state.j):
        expect[k] = z[k] - state.rate * g[k]
    np.testing.assert_array_equal(w.next_logits, expect)
    assert len(w.trail_losses) == len(state.trail)
    assert w.at_t[1] == pytest.approx(
        float(softmax_cross_entropy(z, y, temperature=state.temperature, base=base)), rel=1e-9
    )
    assert len(w.sweep_loss) == len(SWEEP_T)
    np.testing.assert_array_equal(w.lab["stable (the core's softmax)"], softmax(z + state.shift))


def test_the_preview_computes_what_the_page_shows():
    state = LossState(logits=(1.0, -3.0, 2.5), i=2, j=1, trail=((0.5, 0.5),))
    full, light = controls.view_of("loss")(state), controls.of("loss").preview(state)
    assert set(light) == set(full) - set(controls.of("loss").STILL)
    for name in light:
        assert light[name] == full[name]


@given(loss_states())
def test_one_examples_loss_never_rises_along_its_negative_gradient(state):
    """What the page says of every step, whatever the rate: each term of the slope along the
    step is >= 0, so the loss cannot rise (beyond rounding in its last digits)."""
    w = state.worked()
    assert w.next_loss <= w.loss * (1 + 1e-12) + 1e-300
    said = loss_text.step(state, w)
    assert "never rises" in said
    # Said of the exact value: it always falls, and float64's equal or risen pair is named.
    assert "The loss falls" in said and "stays the same" not in said
    assert ("float64 rounds both" in said) == (w.next_loss == w.loss)
    assert ("float64 shows a rise" in said) == (w.next_loss > w.loss)


def test_even_a_rate_of_10_lowers_the_loss():
    state = LossState(logits=(0.0, 0.0, 0.0), target=0, rate=10.0, i=0, j=1)
    w = state.worked()
    assert w.next_loss < w.loss and "falls" in loss_text.step(state, w)


def test_the_stability_lab_fails_where_each_float_overflows():
    state = LossState(shift=100.0)  # logits up to 102: past float16's and float32's 88.7
    w = state.worked()
    assert np.isnan(w.lab["naive, float32"]).all() and np.isnan(w.lab["naive, float16"]).all()
    assert np.isfinite(w.lab["naive, float64"]).all()
    said = loss_text.lab(state, w)
    assert "naive, float32" in said and "naive, float64," not in said
    assert "still gives numbers" in loss_text.lab(LossState(), LossState().worked())
    rows = loss_text.lab_rows(state, w)
    assert rows[1]["q cat"] == "nan" and rows[-1]["sums to"] == "1.0000"
    big = LossState(shift=1000.0)
    assert "naive, float64" in loss_text.lab(big, big.worked())


def test_log_softmax_keeps_the_digits_rounding_throws_away():
    state = LossState()
    w = state.worked()
    assert w.lead["log(softmax(z))"][state.target] == 0.0
    assert w.lead["log_softmax(z)"][state.target] == pytest.approx(-2 * math.exp(-40), rel=1e-6)
    assert "−8.497e-18" in loss_text.lead(state, w)  # the prose's minus sign


@pytest.mark.parametrize(
    ("logits", "says"),
    [
        ((1.0, 2.0, 0.5), "one-hot on the largest logit (dog)"),
        ((2.0, 2.0, 0.5), "1/2 on each of the 2 tied largest"),
        ((1.0, 1.0, 1.0), "uniform (1/3 = 0.3333 each) at every temperature"),
    ],
)
def test_the_sweep_says_where_t_goes_at_ties(logits, says):
    state = LossState(logits=logits)
    assert says in loss_text.sweep(state, state.worked())


def test_the_simplex_is_drawn_for_three_classes_only():
    assert "simplex" in controls.view_of("loss")(LossState())
    four = LossState(classes=("a", "b", "c", "d"), logits=(0.0, 1.0, 2.0, 3.0))
    assert "simplex" not in controls.view_of("loss")(four)
    assert "has 4" in loss_text.simplex(four, four.worked())


@given(gradients_states())
def test_the_gradients_page_numbers_are_the_cores(state):
    w = state.worked()
    z, y = np.array(state.logits), state.target
    np.testing.assert_array_equal(w.chain.gradient, softmax_cross_entropy_grad(z, y))
    assert w.at_h == float(np.max(w.errors))
    assert len(w.v) == len(HS) and w.best_h in HS
    assert abs(w.grad_sum) < 1e-12


def test_the_v_is_least_between_its_ends():
    w = GradientsState().worked()
    assert w.v.min() < 1e-9 < w.v[0] and w.v.min() < w.v[-1]
    assert 1e-8 <= w.best_h <= 1e-3


def test_the_observations_hold_at_the_extremes():
    sure = GradientsState(logits=(1000.0, -1000.0, 0.0, 0.0))  # q_y rounds to 1
    w = sure.worked()
    said = gradients_text.observations(sure, w)
    assert "q_y rounds to 1 in float64" in said and "never lowers" in said
    assert "q_y − 1 computes as 0 in float64 (exactly −" in said  # e^-1000 of it, not 0
    assert "is exactly 0" not in said
    assert not np.any(w.v > 0) and "every h from 1e-1 to 1e-12" in gradients_text.v_shape(sure, w)
    near = GradientsState(logits=(20.0, 0.0, 0.0, 0.0))  # q_y shows as 1.0000, yet is not 1
    assert "1 − q_y = 6.183e-9" in gradients_text.observations(near, near.worked())
    hopeless = GradientsState(logits=(-1000.0, 1000.0, 0.0, 0.0))  # q_y underflows to 0
    w = hopeless.worked()
    said = gradients_text.observations(hopeless, w)
    assert "overflows" in said and np.isnan(w.chain.dL_dz).all()
    assert "still pushes" in gradients_text.observations(
        GradientsState(), GradientsState().worked()
    )


@given(training_states())
def test_the_training_page_numbers_are_the_cores(state):
    w = state.worked()
    X, y = state.data()
    run = state.run()
    assert len(run.losses) == state.steps + 1
    scale = 1.0 if state.core_base is None else math.log(state.core_base)
    assert w.loss == pytest.approx(float(run.losses[state.at]) / scale)
    e = w.point
    np.testing.assert_allclose(e.grads.W, np.outer(e.dz, e.x), atol=1e-15)
    _, grads = loss_and_grads(run.params[state.at], X[[state.point]], y[[state.point]],
                              base=state.core_base)  # fmt: skip
    np.testing.assert_array_equal(e.grads.W, grads.W)
    assert w.likelihood.mean_nll == pytest.approx(w.mean_ce, rel=1e-12, abs=1e-15)


def test_the_same_link_gives_the_same_run():
    a, b = TrainingState(seed=5, steps=40, at=40), TrainingState(seed=5, steps=40, at=40)
    ra, rb = a.run(), b.run()
    np.testing.assert_array_equal(ra.last.W, rb.last.W)
    other = TrainingState(seed=6, steps=40, at=40).run()
    assert not np.array_equal(ra.last.W, other.last.W)


def test_the_default_blobs_overlap_and_their_regions_still_move_after_step_100():
    """The default run leaves something to watch to its end: its blobs overlap (no step of
    the run gets every training point right), and the map of predicted classes over the grid
    still changes between steps 100 and 200 in at least 2% of its cells. The well-separated
    blobs it replaced (noise 1, seed 0) had settled by then: under 2%."""

    def moved(state):
        early, late = replace(state, at=100).worked(), replace(state, at=200).worked()
        np.testing.assert_array_equal(early.grid[0], late.grid[0])  # the same grid
        np.testing.assert_array_equal(early.grid[1], late.grid[1])
        return np.count_nonzero(early.regions != late.regions) / early.regions.size

    state = TrainingState()
    assert state.at == 0 and state.steps == 200
    X, y = state.data()
    assert max(accuracy(params, X, y) for params in state.run().params) < 1.0
    assert moved(state) >= 0.02, moved(state)
    assert moved(TrainingState(seed=0, noise=1.0)) < 0.02


@pytest.mark.parametrize("at", [0, 1, 100, 200])
def test_the_sentence_is_about_the_step_shown(at):
    """The sentence a run's frames carry says the step shown and the very numbers its headline
    shows there (the first weights at step 0)."""
    state = TrainingState(at=at)
    shown = controls.view_of("training")(state)
    said = shown["summary"]
    assert said.startswith(f"Step {at} of 200") and ("the first weights" in said) == (at == 0)
    for _, value, _ in shown["headline"][1:]:
        assert value in said, (value, said)


def test_a_long_batch_underflows_and_the_page_says_so():
    # the first weights (q_y near 1/3 each) on the blobs of seed 0, noise 1
    state = TrainingState(seed=0, noise=1.0, points=1000, at=0, n=1000)
    w = state.worked()
    said = training_text.likelihood(state, w)
    assert w.likelihood.product == 0.0 and "The product computes as 0" in said
    assert "below about −745.1" in said and "e^(−1122.2039) = 4.296e-488" in said
    assert math.isfinite(w.likelihood.sum_of_logs)
    small = TrainingState(n=10)
    assert "Of 10 probabilities: The product is" in training_text.likelihood(small, small.worked())


# --- the charts, as data -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [
        LossState(),
        LossState(trail=((0.0, 0.0), (1.0, 1.0)), base="2"),
        LossState(classes=("<b>x</b>", "y", "z", "w"), logits=(1000.0, -1000.0, 0.0, 5.0)),
        GradientsState(),
        GradientsState(classes=("<img src=x onerror=1>", "b"), logits=(1000.0, -1000.0)),
        TrainingState(),
        TrainingState(n_classes=5, at=0, base="10"),
    ],
    ids=lambda s: type(s).__name__,
)
def test_every_chart_is_a_valid_plotly_figure_with_names_escaped(state):
    maker = {
        LossState: controls.view_of("loss"),
        GradientsState: controls.view_of("gradients"),
        TrainingState: controls.view_of("training"),
    }
    shown = maker[type(state)](state)
    for name, view in shown.items():
        if name in ("headline", "summary"):  # numbers and a sentence, no charts
            continue
        go.Figure(view)  # plotly's own validation
        assert "<b>" not in str(view) and "<img" not in str(view)


def test_the_charts_carry_the_cores_numbers():
    state = LossState()
    w = state.worked()
    shown = controls.view_of("loss")(state)
    mark = shown["by_q"]["data"][1]
    assert mark["x"] == [float(w.q[state.target])] and mark["y"] == [w.loss]
    arrow = shown["map"]["data"][-1]
    assert arrow["x"][1] == w.next_logits[state.i] and arrow["y"][1] == w.next_logits[state.j]
    g = GradientsState()
    jac = controls.view_of("gradients")(g)["jacobian"]["data"][0]["z"]
    np.testing.assert_array_equal(jac, g.worked().chain.jacobian)
    t = TrainingState(at=10)
    curve = controls.view_of("training")(t)["curve"]["data"]
    assert curve[1]["x"] == [10.0] and curve[1]["y"] == [float(t.worked().losses[10])]


# --- check yourself -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "truth"),
    [
        (LossState(), loss_text.FALLS),
        (LossState(logits=(0.0, 0.0, 0.0), target=0, rate=10.0, i=0, j=1), loss_text.FALLS),
        # float64 rounds the loss before and after alike; the exact loss falls (by 2.6e-869)
        (LossState(logits=(1000.0, -1000.0, 0.0), target=0, i=0, j=1), loss_text.FALLS),
        (LossState(logits=(34.0, 0.0, 0.0), target=0, i=0, j=1), loss_text.FALLS),
    ],
)
def test_the_step_question_is_answered_by_the_core(state, truth):
    w = state.worked()
    question = loss_text.step_question(state, w)
    assert truth in question.options
    assert loss_text.step_answer(state, w, truth).startswith("Right.")
    wrong = next(o for o in question.options if o != truth)
    assert loss_text.step_answer(state, w, wrong).startswith("Not quite.")


def test_the_biggest_component_question_accepts_any_of_a_tie():
    state = GradientsState(logits=(0.0, 5.0, 5.0, 0.0), target=0)  # q_0 - 1 is biggest
    w = state.worked()
    assert gradients_text.biggest_answer(state, w, "dog").startswith("Right.")
    assert gradients_text.biggest_answer(state, w, "cat").startswith("Not quite.")
    tie = GradientsState(classes=("a", "b"), logits=(0.0, 0.0), target=0)  # -0.5 and +0.5
    wt = tie.worked()
    assert gradients_text.biggest_answer(tie, wt, "a").startswith("Right.")
    assert gradients_text.biggest_answer(tie, wt, "b").startswith(
        "Right."
    ) and "(tied)" in gradients_text.biggest_answer(tie, wt, "b")


def test_the_prediction_question_is_the_models_argmax():
    state = TrainingState()
    w = state.worked()
    predicted = f"class {int(np.argmax(w.point.q))}"
    assert training_text.predict_answer(state, w, predicted).startswith("Right.")
    other = next(o for o in training_text.predict_question(state, w).options if o != predicted)
    assert training_text.predict_answer(state, w, other).startswith("Not quite.")


def test_the_second_questions_are_answered_by_the_core():
    from xentviz import softmax_cross_entropy as ce
    from xentviz.core.backprop import likelihood
    from xentviz.core.landscape import gradient_step
    from xentviz.core.training import logits_of

    state = LossState()
    w = state.worked()
    z = np.array(state.logits)
    for _ in range(10):
        z = gradient_step(z, state.target, state.rate, only=(state.i, state.j))
    after = float(ce(z, state.target))
    right = [o for o in loss_text.ten_steps_question(state, w).options
             if loss_text.ten_steps_answer(state, w, o).startswith("Right.")]  # fmt: skip
    assert len(right) == 1 and plain_in(after, loss_text.ten_steps_answer(state, w, right[0]))

    g = GradientsState()  # h = 1e-5 against 1e-12: rounding takes over
    wg = g.worked()
    assert wg.v[0] > wg.at_h
    assert gradients_text.tiny_h_answer(g, wg, gradients_text.FURTHER).startswith("Right.")
    assert gradients_text.tiny_h_answer(g, wg, gradients_text.CLOSER).startswith("Not quite.")

    for t, truth in (
        (TrainingState(points=1000, at=0), training_text.YES),
        (TrainingState(), training_text.NO),
    ):
        wt = t.worked()
        X, y = t.data()
        assert (likelihood(logits_of(wt.params, X), y).product == 0.0) == (
            truth == training_text.YES
        )
        assert training_text.underflow_answer(t, wt, truth).startswith("Right.")


def plain_in(x, said):
    from xentviz.lesson.numbers import plain

    return plain(x) in said
