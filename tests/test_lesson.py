"""Lesson text as pure functions: every sentence checked against the core's numbers for the
state it describes (the AppTests check only that the page shows these texts)."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_state import playground_states
from xentviz import softmax, softmax_cross_entropy, softmax_cross_entropy_grad
from xentviz.lesson import latex, quiz
from xentviz.lesson import playground as notices
from xentviz.lesson.markup import as_text
from xentviz.lesson.numbers import latex as number
from xentviz.lesson.numbers import plain
from xentviz.lesson.sources import cite
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
    # when rounding leaves a sum that is not 0, the notice names it
    rounding = f"computed, {w.grad_sum:.1g}: floating-point rounding"
    assert (rounding in grad) == bool(w.grad_sum)
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
def test_seed_note_is_with_the_seeds_unit(base):
    """The slides work the example in bits: the printed and the exact loss are shown in
    bits; in another unit the page says where to look, and shows no number in bits. The
    source is cited by author, title and year, linked to the References."""
    state = PlaygroundState(base=base)
    note = notices.seed_note(state, worked(state))
    assert f"— {cite('chaurasia')}, slides 'Softmax III'" in note and "seed" not in note
    if base == "2":
        assert "0.3677 bits" in note and "exactly it is 0.3675 bits" in note
        assert "0.77515" in note  # q_dog = 0.7751495..., not 0.77514
    else:
        assert "choose log base 2" in note and "0.36" not in note


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


def test_the_reconstructed_logit_says_so():
    state = PLAYGROUND_PRESETS["after-training"][1]
    note = notices.seed_note(state, worked(state))
    assert "the app raised the dog logit to 4.68" in note and "4.6705 to 4.6875" in note
    for z in (4.6705, 4.6875):  # the range the note gives, checked against the core
        assert round(float(softmax([z, 1.3, 0.2, 0.8])[0]), 3) == 0.938
    for z in (4.6700, 4.6880):
        assert round(float(softmax([z, 1.3, 0.2, 0.8])[0]), 3) != 0.938


@pytest.mark.parametrize(("logits", "other"), [((2.0, 4.0), "4, 8"), ((4.0, 8.0), "2, 4")])
def test_softmax_beside_the_standard_normalisation(logits, other):
    state = PlaygroundState(classes=("A", "B"), logits=logits, target=1)
    w = worked(state)
    note = notices.normalization_note(state, w)
    assert "[0.3333, 0.6667]" in note and f"the same for [{other}]" in note
    assert f"[{w.q[0]:.4f}, {w.q[1]:.4f}]" in note
    assert notices.normalization_note(DEFAULT, worked(DEFAULT)) is None


# --- the worked computation -------------------------------------------------------------------


def test_worked_table_prints_the_cores_numbers():
    state = PlaygroundState(base="2")
    w = worked(state)
    table = latex.worked_table(state, w)
    assert table.count(r"\\") == 1 + 4  # the header row and one per class
    assert r"\log_2 q_i" in table and r"\frac{q_i - p_i}{T \ln 2}" in table
    for column in (w.exps, w.q, w.log_q, w.grad):
        assert all(number(x) in table for x in column)
    assert all(number(x, exact=True) in table for x in w.shifted)  # s_i = 0 exactly at the max
    pairs = zip(w.contributions, w.p, strict=True)
    assert all(number(c, exact=bool(p == 0)) in table for c, p in pairs)
    assert "0.1496" in table  # e^(1.3 - 3.2): the seed's 3.6693 / 24.5325
    sums = latex.worked_sums(state, w)
    assert r"m &= \max_j z_j = 3.2000" in sums and number(w.total) in sums
    assert r"-\log_2 q_{1} = 0.3675\ \text{bits}" in sums
    assert r"\log_2 q_i &= (s_i - \ln S) / \ln 2" in sums


@pytest.mark.parametrize(
    ("logits", "target"),
    [((-1000.0,) * 4, 0), ((1000.0, 0.0, 0.0, 0.0), 1), ((1000.0, 0.0, 0.0, 0.0), 0)],
)
def test_every_line_of_the_table_is_arithmetic_on_the_one_before(logits, target):
    """All logits at -1000 used to show S = 0 beside q = 0.25; a true class at q = 0 showed
    "-ln 0 = 1000". Now each column follows from the printed ones: e_i = e^{s_i},
    q_i = e_i / S, ln q_i = s_i - ln S, and the loss is -ln q_y from that column."""
    state = PlaygroundState(logits=logits, target=target)
    w = worked(state)
    np.testing.assert_array_equal(w.exps, np.exp(w.shifted))
    assert w.total >= 1 and w.log_total == pytest.approx(np.log(w.total), abs=1e-15)
    np.testing.assert_array_equal(w.q, w.exps / w.total)
    np.testing.assert_allclose(w.log_q, w.shifted - w.log_total, rtol=1e-15)
    assert w.loss == -w.log_q[target]
    sums = latex.worked_sums(state, w)
    assert rf"-\ln q_{{{target + 1}}} = {number(w.loss, exact=False)}" in sums
    assert "-\\ln 0" not in sums


def test_the_shift_is_always_made_and_said():
    for state in (DEFAULT, PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0))):
        w = worked(state)
        assert f"m = {plain(w.max_logit)}" in notices.shift(state, w)
        assert w.exps.max() == 1.0


def test_smoothed_loss_line_names_h_and_kl():
    state = PlaygroundState(smoothing=0.3)
    w = worked(state)
    assert r"D_{KL}(p \| q) = " + number(w.kl) in latex.worked_sums(state, w)


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.0, r"\approx 0"),
        (0.1234567, "0.1235"),
        (-3.0, "-3.0000"),
        (4.25e-18, r"4.250 \times 10^{-18}"),
        (2.5e7, r"2.500 \times 10^{7}"),
        (float("inf"), r"\infty"),
    ],
)
def test_number(x, text):
    assert number(x) == text


def test_rows_legend_escapes_names():
    state = PlaygroundState(classes=("a", "[b](c)"), logits=(0.0, 0.0))
    assert notices.rows_legend(state, worked(state)) == (
        "Rows follow the classes in order: 1 = a, 2 = " + as_text("[b](c)")
    )


# --- check yourself ---------------------------------------------------------------------------


@pytest.mark.parametrize("temperature", [0.05, 0.15])
def test_a_tiny_rise_of_a_tiny_loss_is_still_a_rise(temperature):
    """Confident and right at a low T: the loss goes from about 1e-66 to 1e-57. Printed to 4
    decimals both were 0.0000 and the quiz called it a fall; the exact values decide."""
    state = PlaygroundState(logits=(8.0, 0.5, -1.0, 0.0), temperature=temperature)
    w = worked(state)
    text = quiz.rival_logit_answer(state, w, "it goes up")
    assert text.startswith("Right.")
    before, after = re.search(r"from (\S+) to (\S+) ", text).groups()
    assert "e-" in before and "e-" in after and float(after) > float(before) > 0


@pytest.mark.parametrize("answer", ["it goes up", "it goes down"])
def test_a_change_below_the_last_digit_is_said_and_graded_by_the_exact_slope(answer):
    """The true class leads by 1000: the loss, about e^-1000, computes as 0, and raising the
    rival leaves it 0. In exact arithmetic the rival's q and slope are positive: it goes up."""
    state = PlaygroundState(classes=("a", "b", "c"), logits=(-1000.0, -1000.0, 0.0), target=2)
    w = worked(state)
    assert w.loss == 0.0
    text = quiz.rival_logit_answer(state, w, answer)
    assert "The loss computes as 0 nats before and after" in text and "positive in exact" in text
    assert text.startswith("Right." if answer == "it goes up" else "Not quite.")


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
    assert (
        f"from {before:.4f} to {after:.4f} nats" in text
        and f"= {grad:+.4f}:".replace("-", "−") in text
    )
    assert ("not small here" in text) == (grad < 0 and after > before) == (smoothing == 0.6)


@given(playground_states(), st.sampled_from(["it goes up", "it goes down"]))
def test_quiz_names_the_strongest_rival_and_prints_the_cores_losses(state, answer):
    w = worked(state)
    rival = max((i for i in range(len(state.classes)) if i != state.target), key=lambda i: w.q[i])
    assert as_text(state.classes[rival]) in quiz.rival_logit(state, w).prompt
    text = quiz.rival_logit_answer(state, w, answer)
    raised = list(state.logits)
    raised[rival] += 1
    exact = float(
        softmax_cross_entropy(
            raised,
            state.target,
            base=state.core_base,
            temperature=state.temperature,
            label_smoothing=state.smoothing,
        )
    )
    if exact == w.loss:  # no double between them: the page says so, and grades by the slope
        assert (
            f"stays at {plain(w.loss)}" in text
            if w.loss != 0
            else "computes as 0 " in text and "before and after" in text
        )
        return
    assert f"from {plain(w.loss)} to {plain(exact)} " in text
    truth = "it goes up" if exact > w.loss else "it goes down"
    assert text.startswith("Right." if answer == truth else "Not quite.")


# --- extremes: every sentence true where the numbers are extreme -------------------------------


def test_a_tie_is_named_as_a_tie():
    """All logits equal named one predicted class (dog, q = 0.25) and marked it predicted."""
    state = PLAYGROUND_PRESETS["uniform"][1]
    w = worked(state)
    label, value, tip = notices.headline(state, w)[-1]
    assert label == "Predicted class: a tie (q = 0.2500 each)" and value == "4-way tie"
    assert "dog, cat, horse and cheetah" in tip
    assert "all logits are equal, so q is uniform at every T" in notices.probabilities(state, w)
    two = PlaygroundState(logits=(2.0, 2.0, 0.0, 0.0))
    assert notices.headline(two, worked(two))[-1][1] == "dog = cat"
    assert "the largest logits, shared" in notices.probabilities(two, worked(two))


def test_a_q_that_computes_as_0_is_still_called_positive_truthfully():
    state = PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0), target=1)
    w = worked(state)
    assert (w.q[1:] == 0).all()
    text = notices.probabilities(state, w)
    assert "cat, horse and cheetah is too small for float64" in text and "computes as 0" in text
    # each exact value read from log q (e^-1000 = 5.076e-435), not a threshold
    assert "5.076e-435 for cat, 5.076e-435 for horse and 5.076e-435 for cheetah" in text
    assert "1e-308" not in text


def test_a_q_too_small_for_the_bars_is_named_with_its_value():
    state = PlaygroundState(logits=(8.0, 0.5, -1.0, 0.0), temperature=0.05)
    w = worked(state)
    text = notices.probabilities(state, w)
    assert f"cat {plain(w.q[1])}" in text and "e-" in plain(w.q[1])


def test_bars_of_exactly_0_are_not_said_to_move_a_logit():
    """'the true class's bar is (q_y - 1)/T <= 0, so descent raises its logit' beside a bar
    of exactly 0 was false."""
    all_zero = PlaygroundState(classes=("a", "b", "c"), logits=(-1000.0, -1000.0, 0.0), target=2)
    w = worked(all_zero)
    assert (w.grad == 0).all()
    text = notices.gradient(all_zero, w)
    assert "every one is 0" in text and "raises its logit" not in text
    some_zero = PlaygroundState(logits=(1000.0, 0.0, 0.0, 0.0), target=1)
    text = notices.gradient(some_zero, worked(some_zero))
    assert "horse and cheetah: q computes as 0, so the bar is 0" in text


@pytest.mark.parametrize("base", ["e", "2", "10"])
def test_the_gradient_is_named_in_the_unit_of_the_loss(base):
    """In bits the page printed the loss in bits and its gradient in nats."""
    state = PlaygroundState(base=base)
    w = worked(state)
    formula = state.log_base.gradient("q_y − 1")
    assert formula in notices.gradient(state, w)
    if base != "e":
        assert f"T ln {base}" in formula
    unit = state.unit
    assert f"for the loss in {unit}" in notices.idea(state)
    answer = quiz.rival_logit_answer(state, w, "it goes up")
    assert state.log_base.gradient() in answer and f"= {w.grad[1]:+.4f}" in answer


def test_h_p_is_called_the_floor_not_a_reachable_minimum():
    """A softmax never reaches a one-hot p: H(p) is the floor of the loss."""
    tips = {label: tip for label, _, tip in notices.headline(DEFAULT, worked(DEFAULT))}
    assert "floor" in tips["Entropy H(p) (nats)"] and "reaches" not in tips["Entropy H(p) (nats)"]


def test_shift_invariance_says_what_stays_and_what_moves():
    text = notices.logits(DEFAULT, worked(DEFAULT))
    assert "q, the loss and the gradient stay as they are" in text and "nothing below" not in text
    shifted = PlaygroundState(logits=(8.2, 6.3, 5.2, 5.8))  # every logit + 5
    a, b = worked(DEFAULT), worked(shifted)
    np.testing.assert_allclose(b.q, a.q, rtol=1e-14)
    assert b.loss == pytest.approx(a.loss, rel=1e-14) and b.max_logit == a.max_logit + 5
