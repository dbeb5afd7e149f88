"""What the binary page says: Wocjan's table with the chosen row worked live, what to notice
on the curves, the two-class softmax beside the sigmoid, sigmoids beside a softmax, the
batch form, and a question; pure functions of the state and the core's numbers."""

from __future__ import annotations

import math
import sys

import numpy as np

from ..core import exact
from ..core.binary_losses import (
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_grad,
    sigmoid_squared_error_grad,
)
from ..core.softmax import sigmoid
from ..worked.binary import BinaryWorked, ratio_log
from .markup import as_text
from .numbers import exactly, from_log, given, named, plain, signed, stated, times
from .numbers import latex as tex
from .quiz import Question
from .sources import cite

__all__ = [
    "lead",
    "first_action",
    "sigmoid_or_softmax",
    "sigmoid_or_softmax_answer",
    "idea",
    "table",
    "setting",
    "probability_curves",
    "logit_curves",
    "two_classes",
    "outputs",
    "batch",
    "true_or_false",
    "true_or_false_answer",
    "squared_vs_cross",
    "steeper",
    "steeper_answer",
]

#: Wocjan's table: problem type, last-layer activation, loss.
ROWS = {
    "binary": ("Binary classification", "one sigmoid", "binary cross-entropy"),
    "multi-class": (
        "Multi-class, single-label",
        "softmax over the classes",
        "categorical cross-entropy",
    ),
    "multi-label": (
        "Multi-class, multi-label",
        "a sigmoid per class",
        "binary cross-entropy per class",
    ),
}


def idea(state) -> str:
    return (
        "One yes/no question, one of several classes, or several yes/no questions at once: "
        f"each problem has its own last layer and loss (the table of {cite('wocjan')}). All "
        "three are "
        "cross-entropies; a **sigmoid** $\\sigma(z) = 1/(1 + e^{-z})$ is a softmax over two "
        "logits, $[z, 0]$."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "One yes/no question, one of several classes, or several yes/no questions: each has its "
        "own last layer, and each loss is a cross-entropy."
    )


def first_action(state) -> str:
    """What to do first, beside the slider."""
    return "**Drag z** or flip the target t, and watch the loss."


def table(state, w: BinaryWorked) -> str:
    """The table of problem types (Wocjan's) as Markdown, the chosen row marked and worked with
    this page's numbers, and whose table it is."""
    live = {
        # A loss of finite logits is never 0 exactly: a float 0 "computes as 0".
        "binary": (
            f"{named(f'p = σ({plain(state.z)})', plain(w.p))}, loss {plain(w.loss, exact=False)} "
            f"{state.unit}"
        ),
        "multi-class": (
            f"{named('q_y', plain(w.multi.q[state.target]))}, loss "
            f"{plain(w.multi.loss, exact=False)} {state.unit}"
        ),
        "multi-label": (
            f"{named('Σ σ(z)', plain(float(np.sum(w.sigmoids))))}, loss "
            f"{plain(w.label_loss, exact=False)} {state.unit}"
        ),
    }
    lines = [
        "| problem | last-layer activation | loss | with this page's numbers |",
        "| --- | --- | --- | --- |",
    ]
    for key, (problem, activation, loss) in ROWS.items():
        mark = "**" if key == state.setting else ""
        lines.append(f"| {mark}{problem}{mark} | {activation} | {loss} | {live[key]} |")
    lines += ["", f"The first three columns follow the table of {cite('wocjan')}."]
    return "\n".join(lines)


def _p_tex(state, w: BinaryWorked) -> str:
    r"""σ(z) after its formula: "= 0.7311"; below float64's normal range (a subnormal keeps a
    digit or two, or 0) its exact value from log σ(z) = −log(1 + e^(−z)), and what float64
    holds: "\approx 2.822 \times 10^{-324}" for σ(−745), which float64 holds as 4.941e-324."""
    if w.p >= sys.float_info.min:
        return f"= {tex(w.p)}"
    mantissa, exponent = from_log(-float(np.logaddexp(0.0, -float(state.z)))).split("e")
    held = plain(w.p, exact=True).removeprefix("computes as ")
    return rf"\approx {mantissa} \times 10^{{{exponent}}}\ (\text{{float64 holds {held}}})"


def setting(state, w: BinaryWorked) -> str:
    """The chosen row as LaTeX: its output layer, its loss and its gradient, with numbers."""
    log = state.log_base.log
    per = state.log_base.per_nat.replace(" ln", r"\ln ")
    scale = rf"\,/\,{per.strip()}" if per else ""
    if state.setting == "binary":
        return (
            rf"\begin{{aligned}} p &= \sigma(z) = \frac{{1}}{{1 + e^{{-({tex(state.z)})}}}} "
            rf"{_p_tex(state, w)} \\ L &= -[t {log} p + (1 - t) {log}(1 - p)] = {tex(w.loss)} \\ "
            rf"\frac{{\partial L}}{{\partial z}} &= (\sigma(z) - t){scale} = {tex(w.grad)} "
            r"\end{aligned}"
        )
    if state.setting == "multi-class":
        y = state.target
        m = w.multi
        return (
            rf"\begin{{aligned}} q &= \operatorname{{softmax}}(z) \\ L &= -{log} q_y = "
            rf"-{log} {tex(m.q[y], 6)} = {tex(m.loss)} \\ \frac{{\partial L}}{{\partial z_y}} "
            rf"&= (q_y - 1){scale} = {tex(m.grad[y])} \end{{aligned}}"
        )
    k = len(state.classes)
    return (
        rf"\begin{{aligned}} q_k &= \sigma(z_k) \\ L &= \frac{{1}}{{{k}}} \sum_k -[t_k {log} "
        rf"q_k + (1 - t_k) {log}(1 - q_k)] = {tex(w.label_loss)} \\ "
        rf"\frac{{\partial L}}{{\partial z_k}} &= (\sigma(z_k) - t_k)\,/\,{k}{scale} = "
        rf"[{', '.join(tex(g) for g in w.label_grad)}] \end{{aligned}}"
    )


def probability_curves(state, w: BinaryWorked) -> str:
    who = "−log p" if state.t == 1 else "−log(1 − p)"
    return (
        f"with t = 1 the loss is −log p, 0 at p = 1 and without bound as p → 0; with t = 0 it "
        f"is the mirror, −log(1 − p). This example has t = {state.t}, so its loss is "
        f"{named(who, plain(w.loss, exact=False))} {state.unit}: a confident wrong answer costs "
        "far more than a hesitant one."
    )


def logit_curves(state, w: BinaryWorked) -> str:
    # σ(z) − t is never 0 exactly for t = 0 or 1 (0 < σ(z) < 1): its sign is −1 for t = 1 and
    # +1 for t = 0, whatever float64 computes.
    direction = "raises z" if state.t == 1 else "lowers z"
    slope = state.log_base.gradient("σ(z) − t", temperature=False)
    value = f"= {signed(w.grad)}"
    if abs(w.grad) < sys.float_info.min:  # 0, or a subnormal (a digit or two left)
        # |σ(z) − t| is σ(−z) for t = 1 and σ(z) for t = 0: its log, stably
        log_size = -float(np.logaddexp(0.0, state.z if state.t == 1 else -state.z))
        if state.core_base is not None:
            log_size -= math.log(math.log(state.core_base))
        sign = "−" if state.t == 1 else "+"
        held = signed(w.grad).removeprefix("computes as ")
        value = f"computes as {held} in float64 (exactly {sign}{from_log(log_size)})"
    if w.grad == 0:
        direction += " in exact arithmetic (in float64 the step is 0 and z stays)"
    bound = 1.0 if state.core_base is None else 1.0 / math.log(state.core_base)
    steepest = (
        "1 per unit logit"
        if state.core_base is None
        else f"1/ln {state.base} = {plain(bound)} {state.unit} per unit logit (1 in nats)"
    )
    return (
        f"in the logit the loss is smooth and never infinite; its slope is {slope} "
        f"{value} here, so gradient descent {direction}. The slope is never steeper than "
        f"{steepest}: a wrong answer is pushed at a steady rate, not without bound."
    )


def two_classes(state, w: BinaryWorked) -> list[tuple[str, str, str | None]]:
    """Side by side: the sigmoid and the two-class softmax, their losses and gradients."""
    unit = state.unit
    return [
        ("σ(z)", plain(w.p), None),
        (
            "softmax([z, 0])₁",
            plain(float(w.two_q[0])),
            "The first of two classes with logits z and 0.",
        ),
        (f"sigmoid loss ({unit})", plain(w.loss), None),
        (f"two-class softmax loss ({unit})", plain(w.two_loss), None),
        ("∂L/∂z, sigmoid", signed(w.grad), None),
        ("∂L/∂z₁, softmax", signed(float(w.two_grad[0])), "The second logit's is its negative."),
    ]


def outputs(state, w: BinaryWorked) -> str:
    total = float(np.sum(w.sigmoids))
    return (
        f"each sigmoid answers its own yes/no question, so their sum {stated(total)}, "
        "not necessarily 1 (a photo may show a dog and a cheetah); a softmax over the same "
        f"logits shares one unit of probability, {plain(float(np.sum(w.multi.q)))}, among the "
        "classes: it picks one."
    )


def batch(state, w: BinaryWorked) -> str:
    """The batch form with the numbers: L = -1/N sum [t log p + (1-t) log(1-p)]."""
    log = state.log_base.log
    n = len(state.ts)
    terms = " + ".join(rf"{tex(loss)}" for loss in w.batch)
    return (
        rf"L = -\frac{{1}}{{N}} \sum_{{j=1}}^{{N}} [t_j {log} p_j + (1 - t_j) {log}(1 - p_j)] "
        rf"= \frac{{1}}{{{n}}}({terms}) = {tex(w.batch_mean)}\ \text{{{state.unit}}}"
    )


def true_or_false(state, w: BinaryWorked) -> Question:
    p = plain(w.p)
    return Question(
        f"The model says {named('p', p)}. Which costs more: this p for an example whose truth "
        "is 1, or the same p for one whose truth is 0?",
        ("truth 1", "truth 0", "the same"),
    )


def true_or_false_answer(state, w: BinaryWorked, answer: str) -> str:
    # From the logit z, not from the printed (rounded) p: at z = 1000, p rounds to 1 and
    # -log(1 - p) would be infinite, while the loss is exactly 1000 nats.
    one, zero = (
        float(sigmoid_cross_entropy([float(state.z)], [t], base=state.core_base))
        for t in (1.0, 0.0)
    )
    # Decided exactly: −log(1 − p) − (−log p) = log(σ(z) / σ(−z)) = z (in nats), so truth 0
    # costs more exactly when z > 0, even where float64 rounds the two losses alike.
    z = float(state.z)
    truth = "truth 0" if z > 0 else "truth 1" if z < 0 else "the same"
    verdict = "Right." if answer == truth else "Not quite."
    alike = (
        f" (float64 rounds them alike; exactly, {truth}'s is larger by |z| = {given(abs(z))} nats)"
        if one == zero and z != 0
        else ""
    )
    return (
        f"{verdict} For truth 1 the loss is {named('−log p', plain(one))} {state.unit}; for truth "
        f"0, {named('−log(1 − p)', plain(zero))}{alike}. The one the model is surer against "
        "costs more; at p = 0.5 they are equal."
    )


SIGMOID, SOFTMAX, EQUAL = "the sigmoid", "the softmax", "they are equal"


def sigmoid_or_softmax(state, w: BinaryWorked) -> Question:
    name = as_text(state.classes[state.target])
    return Question(
        f"For {name}: which is larger, its own sigmoid σ(z) or its softmax probability among "
        "all the classes?",
        (SIGMOID, SOFTMAX, EQUAL),
    )


def sigmoid_or_softmax_answer(state, w: BinaryWorked, answer: str) -> str:
    # Decided exactly (core/exact.py): float64 rounds both to 1 at logits (40, -5), where the
    # softmax is larger by 4.22e-18.
    y = state.target
    sig, soft = float(w.sigmoids[y]), float(w.multi.q[y])
    difference = exact.sigmoid_minus_softmax(state.logits, y)
    truth = SIGMOID if difference > 0 else SOFTMAX if difference < 0 else EQUAL
    verdict = "Right." if answer == truth else "Not quite."
    values = f"{named('σ(z)', plain(sig))} and {named('softmax', plain(soft))}"
    if truth != EQUAL:
        larger = "the sigmoid" if truth == SIGMOID else "the softmax"
        by = f"{larger} is larger by {exactly(abs(difference))}"
        if sig == soft:
            values += f": float64 rounds them alike, yet exactly {by}"
        elif (sig > soft) != (truth == SIGMOID):
            values += f": float64 has them the other way round, yet exactly {by}"
        else:
            values += f" ({by})"
    else:
        values += " (exactly equal: the only rival has logit 0, as the sigmoid's has)"
    return (
        f"{verdict} {values}. The sigmoid weighs the logit against a single rival of logit 0; "
        "the softmax against all the other classes together: whichever rival side is bigger "
        "makes that probability smaller."
    )


#: The worked number of "why cross-entropy": an example of class 1 the model is sure is 0.
WRONG_Z, WRONG_T = -6.0, 1.0


def _ratio(log_ratio: float, small: float) -> str:
    """How many times squared error's gradient (``small``) cross-entropy's is, from the
    ratio's log (exact where squared error's underflows), to 3 significant digits."""
    times_text = f"{times(log_ratio)} times squared error's"
    if small == 0:
        return f"squared error's computes as 0 in float64; exactly, cross-entropy's is {times_text}"
    return f"about {times_text}" if log_ratio >= math.log(10) else f"{times(log_ratio)} times"


def _squared_error_grad(w: BinaryWorked) -> str:
    """Squared error's gradient as the rest of a sentence; below float64's normal range (a
    subnormal keeps a digit or two) its exact value from logs, beside float64's."""
    g = w.mse_grad
    if g == 0 or abs(g) >= sys.float_info.min:
        return stated(g, sign=True)
    exact = from_log(math.log(abs(w.ce_grad_nats)) - w.ce_over_se_log)
    held = signed(g).removeprefix("computes as ")
    return f"is {'−' if g < 0 else '+'}{exact}, which float64 holds only as {held}"


def squared_vs_cross(state, w: BinaryWorked) -> str:
    """Why cross-entropy and not squared error, with this example's numbers and the worked
    case z = -6, t = 1 (from the core)."""
    ce6 = float(sigmoid_cross_entropy_grad([WRONG_Z], [WRONG_T])[0])
    se6 = float(sigmoid_squared_error_grad([WRONG_Z], [WRONG_T])[0])
    worked = (
        f"At z = −6 for t = 1, a model sure of the wrong answer (σ(z) = "
        f"{plain(float(sigmoid(WRONG_Z)))}), cross-entropy's gradient is σ(z) − t = "
        f"{signed(ce6)} and squared error's {signed(se6)}: {_ratio(ratio_log(WRONG_Z), se6)}."
    )
    wrong = (state.t == 1 and state.z < 0) or (state.t == 0 and state.z > 0)
    here = (
        f"This example (z = {given(state.z)}, t = {state.t}) is on the wrong side"
        if wrong
        else f"This example (z = {given(state.z)}, t = {state.t}) is on the right side"
        if state.z != 0
        else f"This example (z = 0, t = {state.t}) is undecided"
    )
    grads = (
        f"cross-entropy's gradient {stated(w.ce_grad_nats, sign=True)} (nats per unit logit), "
        f"squared error's {_squared_error_grad(w)}"
    )
    if w.ce_grad_nats != 0:
        grads += f" ({_ratio(w.ce_over_se_log, w.mse_grad)})"
    return (
        f"squared error (σ(z) − t)² has the gradient 2(σ(z) − t)·σ′(z), with σ′(z) = "
        f"σ(z)(1 − σ(z)) ≤ 1/4, which vanishes as |z| grows, whichever side z is on: a model "
        f"that is confidently wrong is hardly moved, and squared error never exceeds 1 however "
        f"wrong. Cross-entropy's gradient, σ(z) − t, has no such factor: the more wrong the "
        f"answer, the nearer it is to ±1, and it fades only as the answer becomes right. "
        f"{worked} {here}: {grads}."
    )


CE, SE, SAME_SIZE = "cross-entropy's", "squared error's", "the same size"


def steeper(state, w: BinaryWorked) -> Question:
    return Question(
        f"At z = {given(state.z)} with t = {state.t}: which gradient is larger in size, "
        "cross-entropy's (in nats) or squared error's?",
        (CE, SE, SAME_SIZE),
    )


def steeper_answer(state, w: BinaryWorked, answer: str) -> str:
    # In exact arithmetic always cross-entropy's: 2 sigma (1 - sigma) <= 1/2 and sigma != t.
    verdict = "Right." if answer == CE else "Not quite."
    floats = (
        " Here both compute as 0 in float64, yet neither is 0 exactly."
        if w.ce_grad_nats == 0 and w.mse_grad == 0
        else ""
    )
    return (
        f"{verdict} Cross-entropy's {stated(w.ce_grad_nats, sign=True)}, squared error's "
        f"{_squared_error_grad(w)}. Squared error's is cross-entropy's times "
        "2σ(z)(1 − σ(z)), which is at most 1/2, so in nats it is never the larger: at most half "
        f"of cross-entropy's, and far less where the sigmoid saturates.{floats}"
    )
