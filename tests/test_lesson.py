"""Lesson text as pure functions: every sentence checked against the core's numbers for the
state it describes (the AppTests check only that the page shows these texts)."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_state import playground_states
from xentviz import softmax_cross_entropy, softmax_cross_entropy_grad
from xentviz.lesson import latex, notices, quiz
from xentviz.lesson.markup import as_text
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState

DEFAULT = PlaygroundState()


def worked(state):
    return state.worked()


# --- headline numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("base", ["e", "2", "10"])
def test_headline_numbers_are_the_cores(base):
    state = PlaygroundState(base=base, smoothing=0.1)
    w = worked(state)
    shown = {label: value for label, value, _ in notices.headline(state, w)}
    unit = state.unit
    exact = softmax_cross_entropy(
        state.logits, 0, base=state.core_base, label_smoothing=state.smoothing
    )
    assert shown[f"Loss H(p, q) ({unit})"] == f"{exact:.4f}"
    assert shown[f"KL(p ‖ q) ({unit})"] == f"{w.kl:.4f}"
    assert shown[f"Predicted class (q = {w.q[0]:.4f})"] == "dog"


def test_headline_escapes_the_predicted_class():
    state = PlaygroundState(classes=("*a*", "b"), logits=(1.0, 0.0))
    assert notices.headline(state, worked(state))[-1][1] == as_text("*a*") == r"\*a\*"


# --- what to notice -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logits", "smoothing"),
    [
        ((3.2, 1.3, 0.2, 0.8), 0.0),  # one-hot
        ((0.0, 0.0, 0.0, 0.0), 0.0),  # one-hot, and the bars' computed sum is exactly 0
        ((3.2, 1.3, 0.2, 0.8), 0.2),  # soft, q_y below its target: the true logit goes up
        ((10.0, 0.0, 0.0, 0.0), 0.2),  # soft, q_y above its target: even the true logit goes down
    ],
)
def test_what_to_notice_is_true_of_the_bars_shown(logits, smoothing):
    """The notices under the loss and gradient bars make claims about their signs; each one
    holds for the numbers the core computes for the state."""
    state = PlaygroundState(logits=logits, smoothing=smoothing)
    w = worked(state)
    loss, grad = notices.loss(state, w), notices.gradient(state, w)
    assert "sum to 0" in grad
    # the chart's title prints the computed sum; when rounding leaves one, the notice names it
    assert (f"the title's {w.grad_sum:.1g} is floating-point rounding" in grad) == bool(w.grad_sum)
    others = w.grad[1:]
    if state.smoothing == 0:
        assert w.grad[0] <= 0 and (others >= 0).all()  # what the one-hot notice says
        assert "every other bar is q_i/T ≥ 0" in grad and "only the true class" in loss
        return
    assert (others < 0).any()  # some other logit goes up: "every other bar ≥ 0" would be false
    assert "every other bar" not in grad and "only the true class" not in loss
    assert (w.contributions > 0).all() and "every class contributes" in loss
    verb = "raises the true logit" if w.grad[0] < 0 else "lowers even the true logit"
    assert f"q_y = {w.q[0]:.4f}" in grad and f"p_y = {w.p[0]:.4f}" in grad and verb in grad


@given(playground_states())
def test_the_gradient_notice_names_the_true_logits_direction(state):
    w = worked(state)
    text = notices.gradient(state, w)
    y = state.target
    if state.smoothing == 0:
        assert w.grad[y] <= 0 and (np.delete(w.grad, y) >= 0).all()
    elif w.grad[y] < 0:
        assert "descent raises the true logit" in text
    elif w.grad[y] > 0:
        assert "descent lowers even the true logit" in text
    else:
        assert "leaves the true logit where it is" in text


# --- the sources' printed numbers -------------------------------------------------------------


@pytest.mark.parametrize("base", ["e", "2", "10"])
def test_seed_note_gives_the_printed_and_the_exact_loss_in_the_seeds_unit(base):
    state = PlaygroundState(base=base)
    note = notices.seed_note(state, worked(state))
    assert "0.3677 bits" in note and "exactly it is 0.3675 bits" in note


@pytest.mark.parametrize(
    "state",
    [
        PlaygroundState(temperature=2.0),
        PlaygroundState(smoothing=0.1),
        PlaygroundState(logits=(3.2, 1.3, 0.2, 0.9)),
        PlaygroundState(target=1),
    ],
)
def test_no_seed_note_away_from_the_seeds_example(state):
    assert notices.seed_note(state, worked(state)) is None


@pytest.mark.parametrize("key", ["dog-cat-horse-cheetah", "cat-dog-bird", "after-training"])
def test_every_seed_preset_has_its_note(key):
    state = PLAYGROUND_PRESETS[key][1]
    w = worked(state)
    note = notices.seed_note(state, w)
    assert f"exactly it is {w.loss:.4f} {state.unit}" in note  # the preset is in the seed's unit


# --- the worked computation -------------------------------------------------------------------


def test_worked_table_prints_the_cores_numbers():
    state = PlaygroundState(base="2")
    w = worked(state)
    table = latex.worked_table(state, w)
    assert table.count(r"\\") == 1 + 4  # the header row and one per class
    assert r"\log_2" in table and "24.5325" in table and latex.number(w.q[1]) in table
    sums = latex.worked_sums(state, w)
    assert "31.6488" in sums and rf"-\log_2 q_{{1}} = -\log_2 {latex.number(w.q[0], 6)}" in sums
    assert r"\text{bits}" in sums


def test_a_huge_logit_is_shifted_and_said_so():
    state = PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0))
    w = worked(state)
    assert "c = 1000" in notices.shift(state, w)
    assert r"e^{z_i/T - 1000.0000}" in latex.worked_table(state, w)
    assert notices.shift(DEFAULT, worked(DEFAULT)) is None


def test_smoothed_loss_line_names_h_and_kl():
    state = PlaygroundState(smoothing=0.3)
    w = worked(state)
    assert r"D_{KL}(p \| q) = " + latex.number(w.kl) in latex.worked_sums(state, w)


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.0, "0"),
        (0.1234567, "0.1235"),
        (-3.0, "-3.0000"),
        (4.25e-18, r"4.250 \times 10^{-18}"),
        (2.5e7, r"2.500 \times 10^{7}"),
        (float("inf"), r"\infty"),
    ],
)
def test_number(x, text):
    assert latex.number(x) == text


def test_rows_legend_escapes_names():
    state = PlaygroundState(classes=("a", "[b](c)"), logits=(0.0, 0.0))
    assert notices.rows_legend(state, worked(state)) == (
        "Rows follow the classes in order: 1 = a, 2 = " + as_text("[b](c)")
    )


# --- check yourself ---------------------------------------------------------------------------


@pytest.mark.parametrize("smoothing", [0.0, 0.6, 0.9])
@pytest.mark.parametrize("answer", ["it goes up", "it goes down"])
def test_quiz_checks_the_answer_against_the_core(answer, smoothing):
    """The rival is cat (q = 0.116). One-hot: its gradient is positive and the loss goes up.
    Smoothing 0.6: its gradient is negative, yet a rise of 1 overshoots and the loss goes up.
    Smoothing 0.9: negative, and the loss goes down."""
    state = PlaygroundState(smoothing=smoothing)
    w = worked(state)
    question = quiz.rival_logit(state, w)
    assert "rival class cat by 1" in question.prompt
    assert answer in question.options
    text = quiz.rival_logit_answer(state, w, answer)
    before = softmax_cross_entropy(DEFAULT.logits, 0, label_smoothing=smoothing)
    after = softmax_cross_entropy((3.2, 2.3, 0.2, 0.8), 0, label_smoothing=smoothing)
    grad = softmax_cross_entropy_grad(DEFAULT.logits, 0, label_smoothing=smoothing)[1]
    truth = "it goes up" if after > before else "it goes down"
    assert text.startswith("Right." if answer == truth else "Not quite.")
    assert f"from {before:.4f} to {after:.4f} nats" in text and f"= {grad:+.4f}:" in text
    assert ("not small here" in text) == (grad < 0 and after > before) == (smoothing == 0.6)


@given(playground_states(), st.sampled_from(["it goes up", "it goes down"]))
def test_quiz_names_the_strongest_rival_and_prints_the_cores_losses(state, answer):
    w = worked(state)
    rival = max((i for i in range(len(state.classes)) if i != state.target), key=lambda i: w.q[i])
    assert as_text(state.classes[rival]) in quiz.rival_logit(state, w).prompt
    text = quiz.rival_logit_answer(state, w, answer)
    before, after = re.search(r"from (\S+) to (\S+) ", text).groups()
    raised = list(state.logits)
    raised[rival] += 1
    exact = softmax_cross_entropy(
        raised,
        state.target,
        base=state.core_base,
        temperature=state.temperature,
        label_smoothing=state.smoothing,
    )
    assert (before, after) == (f"{w.loss:.4f}", f"{exact:.4f}")
    assert text.startswith(("Right.", "Not quite."))
