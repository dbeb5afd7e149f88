"""The loss page's words, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.loss`) and true for every state a control or a link can reach: ties, a
gradient of exactly 0, a step that overshoots."""

from __future__ import annotations

import itertools
import math
import sys

import numpy as np

from ..core import exact
from ..core.landscape import gradient_step
from ..core.losses import softmax_cross_entropy
from ..core.softmax import log_softmax
from ..worked.loss import EPSILON, LEAD, WorkedLoss
from .markup import named
from .numbers import exactly, from_log, given, plain, shown, signed, stated
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


def _q_of(state, w: WorkedLoss, k: int) -> str:
    """The q as the rest of a sentence: "is 0.2547", or "computes as 0 in float64 (exactly …)"."""
    q = float(w.q[k])
    if q >= sys.float_info.min:
        return f"is {plain(q)}"
    # 0, or a subnormal (a digit or two left): the exact value beside float64's
    held = plain(q).removeprefix("computes as ")
    log_q = float(log_softmax(np.asarray(state.logits, dtype=float))[k])
    return f"computes as {held} in float64 (exactly e^{plain(log_q)} ≈ {from_log(log_q)})"


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
        f"q of the true class ({named(state, y)}) {_q_of(state, w, y)}, so the loss "
        f"{stated(w.loss)} {state.unit}. At q = 1 the loss is 0; as q falls towards 0 it grows "
        "without bound: the loss ranges over [0, ∞)."
    )


def along(state, w: WorkedLoss) -> str:
    i = state.i
    slope = float(w.grad[i])
    formula = state.log_base.gradient("q − p", temperature=False)
    # Decided by the exact slope: q_k > 0 and q_y < 1 for finite logits, so it is never 0.
    true_slope = exact.gradient(state.logits, state.target, base=state.core_base)[i]
    if true_slope < 0:
        move = f"raising z of {named(state, i)} lowers the loss"
    else:
        move = f"lowering z of {named(state, i)} lowers the loss"
    value = f"{formula} = {signed(slope)}"
    if abs(slope) < sys.float_info.min:  # 0, or a subnormal: a digit or two left
        held = signed(slope).removeprefix("computes as ")
        value = (
            f"{formula}, which computes as {held} in float64 (exactly "
            f"{exactly(true_slope, sign=True)})"
        )
    return (
        f"The tangent's slope is the gradient's component {value}: "
        f"{move}. The loss is 0 only where q_y = 1, which finite logits approach but reach only "
        "by rounding."
    )


def _exact_step(state):
    return exact.step_change(state.logits, state.target, state.rate, only=(state.i, state.j),
                             base=state.core_base)  # fmt: skip


def _float_says(before: float, after: float, unit: str) -> str:
    """What float64 shows of a loss that falls exactly: the same, a rise, or a fall."""
    if after == before:
        return f" (float64 rounds both to {plain(before, exact=True)} {unit})"
    if after > before:
        return f" (float64 shows a rise, {plain(before)} → {plain(after)}: rounding alone)"
    return ""


def step(state, w: WorkedLoss) -> str:
    i, j = state.i, state.j
    before, after = w.loss, w.next_loss
    stepped = _exact_step(state)
    z = np.asarray(state.logits, dtype=float)
    moves = []
    for k in (i, j):
        stays = w.next_logits[k] == z[k]
        moves.append(
            f"z of {named(state, k)} by {exactly(stepped.moved[k], sign=True)}"
            + (f" (in float64 it stays {plain(z[k])}: the move is below its last digit)"
               if stays and stepped.moved[k] != 0 else "")
        )  # fmt: skip
    fall = stepped.before - stepped.after
    if stepped.falls:
        verdict = f"falls, by {exactly(fall)} in exact arithmetic"
    else:  # not decided within exact.DIGITS digits: the proof below still holds
        verdict = "falls, by less than float64 or 4000 digits can show"
    return (
        f"One step with rate {state.rate:g} moves {moves[0]} and {moves[1]} (−rate × gradient; "
        "the other logits stay, so the point stays on this map). The loss "
        f"{verdict}: {plain(before)} → {plain(after)} {state.unit}"
        f"{_float_says(before, after, state.unit)}. However large the rate, one example's loss "
        "never rises along its negative gradient."
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
            f"At T = {state.temperature:g}, q of the true class {stated(q_t[state.target])} "
            f"and the loss {plain(loss_t)} {state.unit}. Every logit is the same, so q is "
            f"uniform (1/{k} = {plain(1 / k)} each) at every temperature."
        )
    if len(top) == 1:
        cold = f"q approaches one-hot on the largest logit ({named(state, int(top[0]))})"
    else:
        cold = f"q approaches 1/{len(top)} on each of the {len(top)} tied largest logits"
    return (
        f"At T = {state.temperature:g}, q of the true class {stated(q_t[state.target])} and "
        f"the loss {plain(loss_t)} {state.unit}. As T → 0, {cold}; as T grows, q approaches "
        f"uniform (1/{k} = {plain(1 / k)} each)."
    )


def lab_rows(state, w: WorkedLoss) -> list[dict]:
    """The stability lab's table: one row per way of computing softmax(z + shift)."""
    rows = []
    for how, q in w.lab.items():
        row = {"computed as": how}
        for k in range(len(state.classes)):
            row[f"q {named(state, k)}"] = shown(float(q[k]))  # a table's headers are Markdown
        row["sums to"] = shown(float(np.sum(q)))
        rows.append(row)
    return rows


#: Where exp leaves each float's range: above ln(largest) it overflows to inf, below
#: ln(smallest subnormal) it underflows to 0.
EXP_RANGE = {"float64": (709.78, -745.13), "float32": (88.72, -103.28), "float16": (11.09, -17.33)}


def _why_failed(how: str, z: np.ndarray) -> str:
    """Why the naive softmax gave no numbers in the float named in ``how``, from the logits."""
    dtype = next(d for d in EXP_RANGE if d in how)
    high, low = EXP_RANGE[dtype]
    if float(z.max()) > high:
        return f"“{how}” (exp overflows to inf past {given(high)}: inf / inf is nan)"
    if float(z.max()) < low:
        return f"“{how}” (every exp underflows to 0 below {given(low)}: 0 / 0 is nan)"
    return f"“{how}”"


def lab(state, w: WorkedLoss) -> str:
    z = np.asarray(state.logits) + state.shift
    broken = [how for how, q in w.lab.items() if not np.all(np.isfinite(q))]
    said = (
        f"The logits plus {given(state.shift)} reach {given(z.max())}. "
        "The naive softmax computes exp(z) first, which overflows past 709.78 in float64, "
        "88.72 in float32 and 11.09 in float16, and underflows to 0 for every logit below "
        "−745.13, −103.28 and −17.33. "
    )
    if broken:
        said += "Here these fail: " + "; ".join(_why_failed(how, z) for how in broken) + ". "
    else:
        said += "Here every way still gives numbers (raise the shift to see the naive one fail). "
    said += (
        f"Adding ε = {EPSILON:g} to the logits cannot help: softmax ignores a shift common to "
        "every logit, and exp leaves the float's range as before. The stable softmax subtracts "
        "the largest logit first (the same shift, chosen so exp never exceeds 1 and the largest "
        "is exactly 1): it gives the same q for any shift, up to the rounding of the shifted "
        "logits themselves."
    )
    return said


def lead(state, w: WorkedLoss) -> str:
    y = state.target
    rounded = float(w.lead["log(softmax(z))"][y])
    exact = float(w.lead["log_softmax(z)"][y])
    return (
        f"When the true class leads the others by {LEAD:g}, softmax rounds its q to "
        f"{'1' if rounded == 0 else plain(math.exp(rounded))} and log(softmax(z)) "
        f"{stated(rounded)} for it, where log_softmax gives {plain(exact)} (natural logs): the "
        "loss and its "
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
    # In exact arithmetic it always falls (the proof below: each term is > 0 for finite
    # logits and a rate > 0); float64 may round the fall away or show a rise.
    before, after = w.loss, w.next_loss
    verdict = "Right." if answer == FALLS else "Not quite."
    stepped = _exact_step(state)
    by = exactly(stepped.before - stepped.after) if stepped.falls else "a tiny amount"
    why = (
        "However large the rate: along the step the loss's slope is −Σ (q_k(t) − p_k)"
        "(q_k − p_k) over the logits moved, and each term is > 0 (q_k(t) and q_k are both > 0 "
        "beside p_k = 0, and q_y(t) − 1 and q_y − 1 both < 0 for finite logits), so one "
        "example's loss only falls. A large rate overshoots only a loss over many examples, as "
        "on the training page."
    )
    return (
        f"{verdict} The loss falls by {by} in exact arithmetic: {plain(before)} → "
        f"{plain(after)} {state.unit}{_float_says(before, after, state.unit)}. {why}"
    )


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
        f"loss, in {state.unit}? (Now it {stated(w.loss)}.)",
        ranges(),
    )


def ten_steps_answer(state, w: WorkedLoss, answer: str) -> str:
    after, lengths = _ten_steps(state)
    truth = ranges()[sum(after >= b for b in BOUNDS)]
    verdict = "Right." if answer == truth else "Not quite."
    # Shorter or not is decided on the exact path (the same start, without float64's rounding).
    exact_lengths = exact.steps(state.logits, state.target, state.rate, 10,
                                only=(state.i, state.j), base=state.core_base)  # fmt: skip
    shrinking = all(b < a for a, b in itertools.pairwise(exact_lengths))
    # a step float64 computes as 0 (or as a subnormal) is said as float64's: "0 in float64"
    printed = [
        plain(x, 3).removeprefix("computes as ") + " in float64"
        if plain(x, 3).startswith("computes")
        else plain(x, 3)
        for x in lengths
    ]
    alike = any(a == b for a, b in itertools.pairwise(printed))
    how = (
        "each shorter than the one before (a step is the rate times the gradient, which "
        "shrank at each)"
        + (" (in exact arithmetic; some differ by less than the digits shown)" if alike else "")
        if shrinking
        else "not each shorter than the one before: a step is the rate times the gradient, "
        "and a step longer than the one before started where the gradient is larger"
    )
    return (
        f"{verdict} After ten steps the loss {stated(after)} {state.unit}: {truth}. The steps "
        f"were {', '.join(printed)} long, {how}."
    )
