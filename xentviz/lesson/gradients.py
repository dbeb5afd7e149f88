"""The gradients page's words, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.gradients`) and true for every state a control or a link can reach: a
gradient of exactly 0, a factor that overflows, a difference that rounds away."""

from __future__ import annotations

import sys

import numpy as np

from ..core import exact
from ..worked.gradients import WorkedGradients
from .markup import as_text, named
from .numbers import computed, exactly, latex_shown, plain, shown, signed, stated
from .numbers import latex as lnum
from .numbers import named as value_named
from .quiz import Question
from .sources import cite

__all__ = [
    "lead",
    "first_action",
    "headline",
    "gradients_idea",
    "chain_table",
    "observations",
    "differences_rows",
    "v_shape",
    "biggest_question",
    "biggest_answer",
    "CLOSER",
    "tiny_h_question",
    "tiny_h_answer",
]


def gradients_idea(state) -> str:
    return (
        "The gradient of the cross-entropy with respect to the logits is q − p. Here is where "
        "that comes from: the chain rule through the softmax, factor by factor, with the "
        "current numbers; and a check anyone can run: nudge each logit by h and measure the "
        f"slope. All in nats, as {cite('wocjan')} derives it."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "The gradient of the cross-entropy with respect to the logits is q − p: here is why, "
        "factor by factor, and a numerical check."
    )


def first_action(state) -> str:
    """What to do first, beside the sliders."""
    return "**Drag a logit** and watch the softmax Jacobian change."


def headline(state, w: WorkedGradients) -> list[tuple[str, str, str | None]]:
    """The headline numbers: the loss (its exact value beside a float64 0 or subnormal), the
    true class's gradient and the finite difference's largest error at h."""
    c = w.chain
    return [
        ("loss (nats)", computed(c.loss, lambda: exact.loss(state.logits, state.target)), None),
        ("∂L/∂z of the true class", signed(float(c.gradient[state.target])), "q_y − 1"),
        (f"largest error at h = {state.h:g}", plain(w.at_h, 3), "|numerical slope − (q − p)|"),
    ]


def chain_table(state, w: WorkedGradients) -> str:
    r"""One row per class: p_k, q_k, dL/dq_k, (dL/dq . J)_k and q_k - p_k, as LaTeX."""
    c = w.chain
    rows = " ".join(
        rf"{k + 1} & {lnum(c.p[k])} & {lnum(c.q[k])} & {latex_shown(c.dL_dq[k])} & "
        rf"{latex_shown(c.dL_dz[k])} & {lnum(c.gradient[k])} \\"
        for k in range(len(c.q))
    )
    return (
        r"\begin{array}{c|r|r|r|r|r} k & p_k & q_k & \frac{\partial L}{\partial q_k} = "
        r"-\frac{p_k}{q_k} & \sum_m \frac{\partial L}{\partial q_m} "
        r"\frac{\partial q_m}{\partial z_k} & q_k - p_k \\ \hline " + rows + r"\end{array}"
    )


def observations(state, w: WorkedGradients) -> str:
    c = w.chain
    y = state.target
    g = c.gradient
    others = [k for k in range(len(g)) if k != y]
    qy = float(c.q[y])
    true_g = exact.gradient(state.logits, y)  # the exact q − p, for what float64 shows as 0

    def component(k: int) -> str:
        """ "= -0.9679", or "computes as 0 in float64 (exactly +5.076e-435)"."""
        if abs(g[k]) >= sys.float_info.min:
            return f"= {signed(g[k])}"
        held = signed(g[k]).removeprefix("computes as ")  # 0, or a subnormal's digit or two
        return f"computes as {held} in float64 (exactly {exactly(true_g[k], sign=True)})"

    lines = [
        f"- The true class ({named(state, y)}): q_y − 1 {component(y)}, never above 0: "
        "descent never lowers its logit.",
        "- Every other class: q_i ≥ 0, never below 0 ("
        + ", ".join(f"{named(state, k)} {component(k).removeprefix('= ')}" for k in others)
        + "): descent never raises them, and lowers each in proportion to its probability.",
        "- The components sum to exactly 0 ("
        + (
            "float64's sum is 0 too"
            if w.grad_sum == 0
            else f"{value_named('float64', plain(w.grad_sum))}: rounding"
        )
        + "): raising every logit together changes nothing.",
    ]
    if qy == 1.0:
        lines.append(
            "- q_y rounds to 1 in float64 here, yet q_y − 1 is not 0 ("
            + (
                "the core computes it from the log side: "
                + signed(g[y]).removeprefix("computes as ")
                if g[y] != 0
                else f"exactly {exactly(true_g[y])}, below what float64 can hold"
            )
            + "): the gradient is tiny, and learning has all but stopped."
        )
    else:
        lines.append(
            "- Everything is 0 only when q_y = 1; here "
            f"{value_named('1 − q_y', plain(-float(g[y])))}, so the gradient still pushes."
        )
    if not np.all(np.isfinite(c.dL_dq)):
        lines.append(
            "- ∂L/∂q_y = −1/q_y overflows here (q_y is tiny): the product is not formed from "
            "it, and the core's q − p stands."
        )
    derived = f"The same derivation in print: {cite('wocjan')}, and step by step, {cite('bahumi')}."
    return "\n".join(lines) + "\n\n" + derived


def differences_rows(state, w: WorkedGradients) -> list[dict]:
    return [
        {
            "class": named(state, k),  # a table's cells are Markdown
            "numerical slope": shown(float(w.slopes[k]), 8),
            "q − p (the core)": shown(float(w.chain.gradient[k]), 8),
            "|difference|": shown(float(w.errors[k]), 3),
        }
        for k in range(len(state.classes))
    ]


def v_shape(state, w: WorkedGradients) -> str:
    if not np.any(w.v > 0):
        return (
            "Here every h from 1e-1 to 1e-12 gives the core's float64 gradient exactly: at "
            "these logits the loss is flat or a straight line along each logit to double "
            "precision, so there is no curvature float64 can see to truncate and nothing left to "
            "round. Move the logits closer together to see the V."
        )
    return (
        f"At h = {state.h:g} the largest error {stated(w.at_h, digits=3)}. Over h from 1e-1 to "
        f"1e-12 it is smallest near h = {w.best_h:.2g}. Larger h: truncation error, falling as "
        "h² (the central difference is exact for a parabola). Smaller h: rounding error, "
        "growing as 1/h, as the two losses agree to more and more of their digits."
    )


def biggest_question(state, w: WorkedGradients) -> Question:
    return Question(
        "Which logit does one step of gradient descent move the most (the largest |q − p|)?",
        tuple(as_text(name) for name in state.classes),
    )


def biggest_answer(state, w: WorkedGradients, answer: str) -> str:
    # Decided exactly (core/exact.py): |q_y − 1| is the sum of the rivals' q, so the true class
    # leads whenever there are two rivals or more, even where float64 rounds it level with one.
    move = exact.largest_move(state.logits, state.target)
    g = np.abs(w.chain.gradient)
    names = [as_text(state.classes[k]) for k in move.largest]
    verdict = "Right." if answer in names else "Not quite."
    if len(names) > 1:
        which = " and ".join(names) + " (tied)"
    else:
        which = names[0]
        rival = move.runner_up
        if g[rival] >= g[move.largest[0]]:
            how = "alike" if g[rival] == g[move.largest[0]] else "the other way round"
            which += (
                f", by {exactly(move.margin)} in exact arithmetic (float64 rounds its |q − p| "
                f"and {as_text(state.classes[rival])}'s {how})"
            )
    return (
        f"{verdict} {which}: {value_named('|q − p|', plain(float(g[move.largest[0]])))}. The "
        "true class's component "
        f"{value_named('q_y − 1', signed(float(w.chain.gradient[state.target])))}, the others "
        "are their q; since 1 − q_y is the sum of the rivals' q, the true class moves the most "
        "(with two classes q_y − 1 = −q of the rival: they tie)."
    )


CLOSER, FURTHER, SAME = "closer to q − p", "further from q − p", "just as close"


def _compared(state, w: WorkedGradients) -> int:
    """The h of the V the question compares with the state's: 1e-12, or 1e-1 where the state's
    h is already 1e-12."""
    return len(w.hs) - 1 if state.h <= w.hs[0] * (1 + 1e-9) else 0


def tiny_h_question(state, w: WorkedGradients) -> Question:
    other = float(w.hs[_compared(state, w)])
    return Question(
        f"With h = {other:g} instead of {state.h:g}, is the numerical slope closer to q − p or "
        "further from it (its largest error over the logits)?",
        (CLOSER, FURTHER, SAME),
    )


def tiny_h_answer(state, w: WorkedGradients, answer: str) -> str:
    i = _compared(state, w)
    other, error = float(w.hs[i]), float(w.v[i])
    # float64's own errors: the question is about what float64 computes at each h
    truth = CLOSER if error < w.at_h else FURTHER if error > w.at_h else SAME
    verdict = "Right." if answer == truth else "Not quite."
    said = (
        f"{verdict} The largest error {stated(error, digits=3, exact=True)} at h = {other:g} and "
        f"{plain(w.at_h, 3, exact=True)} at h = {state.h:g}."
    )
    if not np.any(w.v > 0):
        return (
            f"{said} Here every h gives the core's float64 gradient exactly: at these logits "
            "the loss is flat or a straight line along each logit to double precision, so "
            "there is no V (the caption under the chart says why)."
        )
    why = (
        "A smaller h cuts the truncation error but the two losses then agree to almost all "
        "their digits, and rounding takes over"
        if other < state.h
        else "A larger h leaves float64's rounding behind, but then the curvature counts and "
        "truncation error grows as h²"
    )
    return f"{said} {why}: the V on the chart."
