"""The loss page's words, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.loss`) and true for every state a control or a link can reach: ties, a
gradient of exactly 0, a step that overshoots."""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..core.landscape import gradient_step
from ..core.losses import softmax_cross_entropy
from ..worked.loss import EPSILON, LEAD, WorkedLoss
from .markup import named
from .numbers import plain, shown, signed
from .quiz import BOUNDS, Question, ranges

__all__ = [
    "loss_lead",
    "first_action",
    "loss_idea",
    "by_q",
    "along",
    "step",
    "simplex",
    "sweep",
    "lab_rows",
    "lab",
    "lead",
    "FALLS",
    "step_question",
    "step_answer",
    "ten_steps_question",
    "ten_steps_answer",
]


def loss_idea(state) -> str:
    return (
        "The loss is a function of the logits: a landscape. Gradient descent walks downhill on "
        "it, one step of −rate × gradient at a time. Here it is one logit at a time, two at a "
        "time, over every q of three classes and against the temperature, and what happens to "
        "the computation when the logits are large."
    )


def loss_lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "The loss is a function of the logits, a landscape; gradient descent walks downhill on it."
    )


def first_action(state) -> str:
    """What to do first, beside the sliders."""
    return "**Drag a logit** and watch the loss move along its curve."


def by_q(state, w: WorkedLoss) -> str:
    y = state.target
    return (
        f"q of the true class ({named(state, y)}) is {plain(float(w.q[y]))}, so the loss is "
        f"{plain(w.loss)} {state.unit}. At q = 1 the loss is 0; as q falls towards 0 it grows "
        "without bound: the loss ranges over [0, ∞)."
    )


def along(state, w: WorkedLoss) -> str:
    i = state.i
    slope = float(w.grad[i])
    formula = state.log_base.gradient("q − p", temperature=False)
    if slope < 0:
        move = f"raising z of {named(state, i)} lowers the loss"
    elif slope > 0:
        move = f"lowering z of {named(state, i)} lowers the loss"
    else:
        move = "the loss is flat here in this direction"
    return (
        f"The tangent's slope is the gradient's component {formula} = {signed(slope)}: "
        f"{move}. The loss is 0 only where q_y = 1, which finite logits approach but reach only "
        "by rounding."
    )


def step(state, w: WorkedLoss) -> str:
    i, j = state.i, state.j
    before, after = w.loss, w.next_loss
    if after < before:
        verdict = "falls"
    elif after > before:
        verdict = "rises, by rounding alone"
    else:
        verdict = "stays the same (the gradient here is 0 to double precision)"
    moved = w.next_logits - np.asarray(state.logits)
    return (
        f"One step with rate {state.rate:g} moves z of {named(state, i)} by {signed(moved[i])} "
        f"and z of {named(state, j)} by {signed(moved[j])} (−rate × gradient; the other logits "
        f"stay, so the point stays on this map). The loss {verdict}: {plain(before)} → "
        f"{plain(after)} {state.unit}. However large the rate, one example's loss never rises "
        "along its negative gradient."
    )


def simplex(state, w: WorkedLoss) -> str:
    if w.simplex is None:
        return (
            f"The simplex is drawn for three classes; this state has {len(state.classes)}. "
            "Remove or add classes in the sidebar to see it."
        )
    return (
        "Each point of the triangle is a q of three classes; a corner is certainty. With a "
        "one-hot target, H(p, q) equals KL(p ‖ q) (p has no entropy) and is −log q_y: it depends "
        "on q_y alone, so the colours change only "
        f"towards the corner of {named(state, state.target)} (lines of equal loss run parallel "
        "to the opposite edge). The arrow is where the next step on the map takes q."
    )


def sweep(state, w: WorkedLoss) -> str:
    z = np.asarray(state.logits)
    top = np.flatnonzero(z == z.max())
    q_t, loss_t = w.at_t
    k = len(z)
    if len(top) == k:
        return (
            f"At T = {state.temperature:g}, q of the true class is {plain(q_t[state.target])} "
            f"and the loss {plain(loss_t)} {state.unit}. Every logit is the same, so q is "
            f"uniform (1/{k} = {plain(1 / k)} each) at every temperature."
        )
    if len(top) == 1:
        cold = f"q approaches one-hot on the largest logit ({named(state, int(top[0]))})"
    else:
        cold = f"q approaches 1/{len(top)} on each of the {len(top)} tied largest logits"
    return (
        f"At T = {state.temperature:g}, q of the true class is {plain(q_t[state.target])} and "
        f"the loss {plain(loss_t)} {state.unit}. As T → 0, {cold}; as T grows, q approaches "
        f"uniform (1/{k} = {plain(1 / k)} each)."
    )


def lab_rows(state, w: WorkedLoss) -> list[dict]:
    """The stability lab's table: one row per way of computing softmax(z + shift)."""
    rows = []
    for how, q in w.lab.items():
        row = {"computed as": how}
        for k, name in enumerate(state.classes):
            row[f"q {name}"] = shown(float(q[k]))
        row["sums to"] = shown(float(np.sum(q)))
        rows.append(row)
    return rows


def lab(state, w: WorkedLoss) -> str:
    z = np.asarray(state.logits) + state.shift
    broken = [how for how, q in w.lab.items() if not np.all(np.isfinite(q))]
    said = (
        f"The logits plus {state.shift:g} reach {float(z.max()):g}. "
        "The naive softmax computes exp(z) first, which overflows past 709.78 in float64, "
        "88.72 in float32 and 11.09 in float16; inf / inf is then nan. "
    )
    if broken:
        said += "Here it fails in: " + ", ".join(broken) + ". "
    else:
        said += "Here every way still gives numbers (raise the shift to see the naive one fail). "
    said += (
        f"Adding ε = {EPSILON:g} to the logits cannot help: softmax ignores a shift common to "
        "every logit, and exp still overflows. The stable softmax subtracts the largest logit "
        "first (the same shift, chosen so exp never exceeds 1): it gives the same q for any shift."
    )
    return said


def lead(state, w: WorkedLoss) -> str:
    y = state.target
    rounded = float(w.lead["log(softmax(z))"][y])
    exact = float(w.lead["log_softmax(z)"][y])
    return (
        f"When the true class leads the others by {LEAD:g}, softmax rounds its q to "
        f"{'1' if rounded == 0 else plain(math.exp(rounded))} and log(softmax(z)) gives "
        f"{plain(rounded)} for it, where log_softmax gives {plain(exact)}: the loss and its "
        "gradient computed from the log side keep digits that rounding q throws away."
    )


FALLS, RISES, STAYS = "it falls", "it rises", "it stays the same"


def step_question(state, w: WorkedLoss) -> Question:
    return Question(
        f"One gradient step with learning rate {state.rate:g} on the map's two logits: what "
        "happens to the loss?",
        (FALLS, RISES, STAYS),
    )


def step_answer(state, w: WorkedLoss, answer: str) -> str:
    before, after = w.loss, w.next_loss
    truth = FALLS if after < before else RISES if after > before else STAYS
    verdict = "Right." if answer == truth else "Not quite."
    why = {
        FALLS: "However large the rate: along the step the loss's slope is −Σ (q_k(t) − p_k)"
        "(q_k − p_k) over the logits moved, and each term is ≥ 0 (q_k(t) and q_k are both ≥ 0 "
        "beside p_k = 0, and q_y(t) − 1 and q_y − 1 both ≤ 0), so one example's loss only "
        "falls. A large rate overshoots only a loss over many examples, as on the training "
        "page.",
        RISES: "In exact arithmetic it would fall (one example's loss never rises along its "
        "negative gradient); this rise is rounding, in the last digits of the loss.",
        STAYS: "The gradient here is 0 to double precision, so the step moves nothing.",
    }[truth]
    return f"{verdict} The loss goes from {plain(before)} to {plain(after)} {state.unit}. {why}"


def _ten_steps(state) -> tuple[float, list[float]]:
    """The loss after ten steps on the map's two logits, and each step's length (from the
    core)."""
    z = np.asarray(state.logits, dtype=float)
    lengths = []
    for _ in range(10):
        after = gradient_step(z, state.target, state.rate, only=(state.i, state.j),
                              base=state.core_base)  # fmt: skip
        lengths.append(float(np.hypot(*(after - z)[[state.i, state.j]])))
        z = after
    return float(softmax_cross_entropy(z, state.target, base=state.core_base)), lengths


def ten_steps_question(state, w: WorkedLoss) -> Question:
    return Question(
        f"Predict, then check: after ten steps with rate {state.rate:g}, in which range is the "
        f"loss, in {state.unit}? (Now it is {plain(w.loss)}.)",
        ranges(),
    )


def ten_steps_answer(state, w: WorkedLoss, answer: str) -> str:
    after, lengths = _ten_steps(state)
    truth = ranges()[sum(after >= b for b in BOUNDS)]
    verdict = "Right." if answer == truth else "Not quite."
    shrinking = all(b < a for a, b in itertools.pairwise(lengths))
    how = (
        "each shorter than the one before, as the gradient shrinks near the low ground"
        if shrinking
        else "not each shorter than the one before: a step is the rate times the gradient, "
        "and some steps landed where the slope is steeper than where they started"
    )
    return (
        f"{verdict} After ten steps the loss is {plain(after)} {state.unit}: {truth}. The steps "
        f"were {', '.join(plain(x, 3) for x in lengths)} long, {how}."
    )
