"""The training page's words, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.training`) and true for every state a control or a link can reach: a
product that underflows to 0."""

from __future__ import annotations

import math

import numpy as np

from ..core.backprop import likelihood as likelihood_of
from ..core.training import logits_of
from ..state.training import HELD_OUT
from ..worked.training import WorkedTraining
from .numbers import from_log, plain, shown
from .numbers import latex as lnum
from .quiz import Question
from .sources import cite

__all__ = [
    "training_idea",
    "run_summary",
    "point_latex",
    "point_check",
    "likelihood_rows",
    "likelihood",
    "predict_question",
    "predict_answer",
    "YES",
    "underflow_question",
    "underflow_answer",
    "NORMAL_LOG",
    "ZERO_LOG",
]


def training_idea(state) -> str:
    """The page's one line above its controls: what the model is, and the first thing to do."""
    return (
        "Softmax regression learns by stochastic gradient descent on the cross-entropy: press "
        "Run and watch its decision regions and its loss, step by step."
    )


def run_summary(state, w: WorkedTraining) -> str:
    """The step shown in a sentence: its loss (beside the first weights') and its accuracy on
    the training points and the held-out ones. A run's frames and the step slider's preview
    carry it for every step they show, like the charts (:func:`.controls.training.view`)."""
    where = (
        f"Step 0 of {state.steps}, the first weights (W small and random, b zero): mean loss "
        f"{plain(w.loss)} {state.unit}"
        if state.at == 0
        else f"Step {state.at} of {state.steps}: mean loss {plain(w.loss)} {state.unit} (from "
        f"{plain(float(w.losses[0]))} at step 0)"
    )
    return (
        f"{where}; accuracy {w.accuracy:.1%} of the {state.points} training points and "
        f"{w.held_out_accuracy:.1%} of {HELD_OUT} held-out points it never trained on"
        + (
            " (with noise 0 every point sits on its blob's centre, so those are copies of the "
            "training points)."
            if state.noise == 0
            else "."
        )
    )


def _matrix(rows) -> str:
    rows = np.atleast_2d(rows)
    body = r" \\ ".join(" & ".join(lnum(x) for x in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def point_latex(state, w: WorkedTraining) -> str:
    e = w.point
    x = e.x
    grad = "q - p" if state.base == "e" else rf"\frac{{q - p}}{{\ln {state.base}}}"
    return (
        r"\begin{aligned} x &= " + _matrix(x[None, :]) + rf", \quad y = {e.label} \\ "
        r"z &= W x + b = " + _matrix(e.z[None, :]) + r" \\ "
        rf"\frac{{\partial L}}{{\partial z}} &= {grad} = " + _matrix(e.dz[None, :]) + r" \\ "
        r"\frac{\partial L}{\partial W} &= \frac{\partial L}{\partial z}\, x^\top = "
        + _matrix(e.grads.W)
        + r", \quad \frac{\partial L}{\partial b} = \frac{\partial L}{\partial z} \end{aligned}"
    )


def point_check(state, w: WorkedTraining) -> str:
    return (
        "Each row of ∂L/∂W is that class's component of ∂L/∂z times x. The matrix above is the "
        "core's gradient of this one point's loss; ∂L/∂z xᵀ formed from the rows above "
        + (
            "equals it exactly."
            if w.outer_gap == 0
            else f"differs from it by at most {plain(w.outer_gap, 3)}, floating-point rounding."
        )
    )


def likelihood_rows(state, w: WorkedTraining) -> list[dict]:
    like = w.likelihood
    return [
        {"quantity": "product of q_y (the likelihood)", "value": shown(like.product, 6)},
        {"quantity": "ln of that product (nats)", "value": shown(like.log_product, 6)},
        {"quantity": "sum of ln q_y (nats)", "value": shown(like.sum_of_logs, 6)},
        {"quantity": "mean negative log-likelihood (nats)", "value": shown(like.mean_nll, 6)},
        {
            "quantity": "mean cross-entropy, the core's loss (nats)",
            "value": shown(w.mean_ce, 6),
        },
    ]


def likelihood(state, w: WorkedTraining) -> str:
    like = w.likelihood
    n = state.n
    product = f"Of {n} probabilities: {_product_said(like)}"
    return (
        f"{product} Maximising the likelihood is minimising its negative log, and dividing by "
        f"n makes it a mean: the mean negative log-likelihood, {plain(like.mean_nll, 6)} nats, "
        f"is the mean cross-entropy, {plain(w.mean_ce, 6)} nats. Why the log, and why the "
        f"likelihood: {cite('guzelkabaagac')}; {cite('why-cross-entropy')}."
    )


def predict_question(state, w: WorkedTraining) -> Question:
    return Question(
        f"At step {state.at}, which class does the model predict for point {state.point} "
        f"(whose class is {w.point.label})?",
        tuple(f"class {c}" for c in range(state.n_classes)),
    )


def predict_answer(state, w: WorkedTraining, answer: str) -> str:
    q, z = w.point.q, w.point.z
    # Decided exactly on the logits (q_k > q_j exactly when z_k > z_j): float64 may round two
    # q alike whose logits differ.
    top = [c for c in range(len(z)) if z[c] == z.max()]
    names = [f"class {c}" for c in top]
    verdict = "Right." if answer in names else "Not quite."
    right = "its own class" if w.point.label in top else f"not its own class ({w.point.label})"
    alike = [c for c in range(len(q)) if q[c] == q[top[0]] and c not in top]
    rounded = (
        f"; float64 rounds the q of {' and '.join(f'class {c}' for c in alike)} alike, yet its "
        "logit is smaller"
        if alike
        else ""
    )
    return (
        f"{verdict} The model's q is largest for {' and '.join(names)} "
        f"({plain(float(q[top[0]]))}{rounded}): {right}. Its loss on this point is "
        f"{plain(w.point.loss)} {state.unit}."
    )


YES, NO = "yes, to 0", "no"


def _all_points(state, w: WorkedTraining):
    X, y = state.data()
    return likelihood_of(logits_of(w.params, X), y)


def underflow_question(state, w: WorkedTraining) -> Question:
    return Question(
        f"At step {state.at}, does the product of q_y over all {state.points} points underflow "
        "to 0 in float64?",
        (YES, NO),
    )


def underflow_answer(state, w: WorkedTraining, answer: str) -> str:
    like = _all_points(state, w)
    truth = YES if like.product == 0.0 else NO
    verdict = "Right." if answer == truth else "Not quite."
    return f"{verdict} {_product_said(like)}"


#: Where float64 stops: below e^-708.40 (2.2e-308) a number is subnormal and keeps fewer
#: digits; below e^-745.13 (half of 4.9e-324, the smallest subnormal) it rounds to 0.
NORMAL_LOG = math.log(np.finfo(float).tiny)


ZERO_LOG = math.log(np.finfo(float).smallest_subnormal) - math.log(2)


_NORMAL = f"−{-NORMAL_LOG:.1f}"  # as printed: −708.4


_ZERO = f"−{-ZERO_LOG:.1f}"  # −745.1


def _product_said(like) -> str:
    """The product of the q_y and why it is what it is, read from this sum of logs."""
    total = like.sum_of_logs
    exact = from_log(total)
    if like.product == 0.0:
        why = (
            f"too small for float64, which rounds a product to 0 once the logs sum below about "
            f"{_ZERO}"
            if total < ZERO_LOG
            else f"lost to rounding among subnormal numbers (below {_NORMAL}) on the way"
        )
        product = (
            f"The product computes as 0: its exact value, e^({plain(total)}) = {exact}, is {why}."
        )
    elif total < NORMAL_LOG:
        product = (
            f"The product is {plain(like.product)}, a subnormal float64 (its logs sum below "
            f"{_NORMAL}), which keeps fewer digits: exactly it is e^({plain(total)}) = "
            f"{exact}; below about {_ZERO} it would round to 0."
        )
    else:
        product = (
            f"The product is {plain(like.product)}, a normal float64: it would lose digits once "
            f"the logs summed below {_NORMAL} and round to 0 below about {_ZERO}."
        )
    return f"{product} The sum of the logs, {plain(total)} nats, float64 holds with ease."
