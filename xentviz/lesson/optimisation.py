"""The words of the optimisation pages, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.optimisation`) and true for every state a control or a link can reach:
ties, a gradient of exactly 0, a step that overshoots, a product that underflows."""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..core.backprop import likelihood as likelihood_of
from ..core.landscape import gradient_step
from ..core.losses import softmax_cross_entropy
from ..core.training import logits_of
from ..state.training import HELD_OUT
from ..worked.optimisation import EPSILON, LEAD, WorkedGradients, WorkedLoss, WorkedTraining
from .markup import as_text
from .numbers import from_log, plain, signed
from .numbers import latex as lnum
from .quiz import BOUNDS, Question, ranges

__all__ = [
    "loss_idea",
    "by_q",
    "along",
    "step",
    "simplex",
    "sweep",
    "lab_rows",
    "lab",
    "lead",
    "gradients_idea",
    "chain_table",
    "observations",
    "differences_rows",
    "v_shape",
    "training_idea",
    "run_summary",
    "point_latex",
    "point_check",
    "step_question",
    "step_answer",
    "biggest_question",
    "biggest_answer",
    "predict_question",
    "predict_answer",
    "ten_steps_question",
    "ten_steps_answer",
    "tiny_h_question",
    "tiny_h_answer",
    "underflow_question",
    "underflow_answer",
    "likelihood_rows",
    "likelihood",
]


def _shown(x: float, digits: int = 4) -> str:
    return "nan" if math.isnan(x) else plain(x, digits)


def _latex(x: float) -> str:
    """A number in LaTeX; a product not formed (NaN) as a dash."""
    return r"\text{—}" if math.isnan(x) else lnum(x)


def _name(state, k: int) -> str:
    return as_text(state.classes[k])


# --- the loss page -------------------------------------------------------------------------------


def loss_idea(state) -> str:
    return (
        "The loss is a function of the logits: a landscape. Gradient descent walks downhill on "
        "it, one step of −rate × gradient at a time. Here it is one logit at a time, two at a "
        "time, over every q of three classes and against the temperature, and what happens to "
        "the computation when the logits are large."
    )


def by_q(state, w: WorkedLoss) -> str:
    y = state.target
    return (
        f"q of the true class ({_name(state, y)}) is {plain(float(w.q[y]))}, so the loss is "
        f"{plain(w.loss)} {state.unit}. At q = 1 the loss is 0; as q falls towards 0 it grows "
        "without bound: the loss ranges over [0, ∞)."
    )


def along(state, w: WorkedLoss) -> str:
    i = state.i
    slope = float(w.grad[i])
    formula = state.log_base.gradient("q − p", temperature=False)
    if slope < 0:
        move = f"raising z of {_name(state, i)} lowers the loss"
    elif slope > 0:
        move = f"lowering z of {_name(state, i)} lowers the loss"
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
        f"One step with rate {state.rate:g} moves z of {_name(state, i)} by {signed(moved[i])} "
        f"and z of {_name(state, j)} by {signed(moved[j])} (−rate × gradient; the other logits "
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
        f"towards the corner of {_name(state, state.target)} (lines of equal loss run parallel "
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
        cold = f"q approaches one-hot on the largest logit ({_name(state, int(top[0]))})"
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
            row[f"q {name}"] = _shown(float(q[k]))
        row["sums to"] = _shown(float(np.sum(q)))
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


# --- the gradients page --------------------------------------------------------------------------


def gradients_idea(state) -> str:
    return (
        "The gradient of the cross-entropy with respect to the logits is q − p. Here is where "
        "that comes from: the chain rule through the softmax, factor by factor, with the "
        "current numbers; and a check anyone can run: nudge each logit by h and measure the "
        "slope. All in nats, as seed 001 derives it."
    )


def chain_table(state, w: WorkedGradients) -> str:
    r"""One row per class: p_k, q_k, dL/dq_k, (dL/dq . J)_k and q_k - p_k, as LaTeX."""
    c = w.chain
    rows = " ".join(
        rf"{k + 1} & {lnum(c.p[k])} & {lnum(c.q[k])} & {_latex(c.dL_dq[k])} & "
        rf"{_latex(c.dL_dz[k])} & {lnum(c.gradient[k])} \\"
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
    lines = [
        f"- The true class ({_name(state, y)}): q_y − 1 = {signed(g[y])}, never above 0: "
        "descent never lowers its logit.",
        "- Every other class: q_i ≥ 0, never below 0 ("
        + ", ".join(f"{_name(state, k)} {signed(g[k])}" for k in others)
        + "): descent never raises them, and lowers each in proportion to its probability.",
        f"- The components sum to {plain(w.grad_sum)} (0 up to rounding): raising every logit "
        "together changes nothing.",
    ]
    if qy == 1.0:
        lines.append(
            "- q_y is 1 in float64 here: the gradient's true-class component is exactly 0, and "
            "learning has all but stopped."
        )
    else:
        lines.append(
            f"- Everything is 0 only when q_y = 1; here 1 − q_y = {plain(-float(g[y]))}, so "
            "the gradient still pushes."
        )
    if not np.all(np.isfinite(c.dL_dq)):
        lines.append(
            "- ∂L/∂q_y = −1/q_y overflows here (q_y is tiny): the product is not formed from "
            "it, and the core's q − p stands."
        )
    return "\n".join(lines)


def differences_rows(state, w: WorkedGradients) -> list[dict]:
    return [
        {
            "class": name,
            "numerical slope": _shown(float(w.slopes[k]), 8),
            "q − p (the core)": _shown(float(w.chain.gradient[k]), 8),
            "|difference|": _shown(float(w.errors[k]), 3),
        }
        for k, name in enumerate(state.classes)
    ]


def v_shape(state, w: WorkedGradients) -> str:
    if not np.any(w.v > 0):
        return (
            "Here every h from 1e-1 to 1e-12 gives the gradient exactly: at these logits the "
            "loss is flat or a straight line along each logit, so there is no curvature to "
            "truncate and nothing left to round. Move the logits closer together to see the V."
        )
    return (
        f"At h = {state.h:g} the largest error is {plain(w.at_h, 3)}. Over h from 1e-1 to "
        f"1e-12 it is smallest near h = {w.best_h:.2g}. Larger h: truncation error, falling as "
        "h² (the central difference is exact for a parabola). Smaller h: rounding error, "
        "growing as 1/h, as the two losses agree to more and more of their digits."
    )


# --- the training page ---------------------------------------------------------------------------


def training_idea(state) -> str:
    return (
        "Softmax regression (seed 001 section 5): logits z = W x + b for each point x of the "
        "plane, q = softmax(z), and the cross-entropy with the point's class. Stochastic "
        "gradient descent moves W and b by −rate × the gradient of a batch, step by step; the "
        "regions show which class the model predicts where."
    )


def run_summary(state, w: WorkedTraining) -> str:
    first = float(w.losses[0])
    return (
        f"Step {state.at} of {state.steps}: mean loss {plain(w.loss)} {state.unit} "
        f"(from {plain(first)} at step 0); accuracy {w.accuracy:.1%} of the {state.points} "
        f"training points and {w.held_out_accuracy:.1%} of {HELD_OUT} held-out points it never "
        "trained on"
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
        {"quantity": "product of q_y (the likelihood)", "value": _shown(like.product, 6)},
        {"quantity": "ln of that product (nats)", "value": _shown(like.log_product, 6)},
        {"quantity": "sum of ln q_y (nats)", "value": _shown(like.sum_of_logs, 6)},
        {"quantity": "mean negative log-likelihood (nats)", "value": _shown(like.mean_nll, 6)},
        {
            "quantity": "mean cross-entropy, the core's loss (nats)",
            "value": _shown(w.mean_ce, 6),
        },
    ]


def likelihood(state, w: WorkedTraining) -> str:
    like = w.likelihood
    n = state.n
    product = f"Of {n} probabilities: {_product_said(like)}"
    return (
        f"{product} Maximising the likelihood is minimising its negative log, and dividing by "
        f"n makes it a mean: the mean negative log-likelihood, {plain(like.mean_nll, 6)} nats, "
        f"is the mean cross-entropy, {plain(w.mean_ce, 6)} nats."
    )


# --- questions to check yourself, answered by the core --------------------------------------------

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


def biggest_question(state, w: WorkedGradients) -> Question:
    return Question(
        "Which logit does one step of gradient descent move the most (the largest |q − p|)?",
        tuple(as_text(name) for name in state.classes),
    )


def biggest_answer(state, w: WorkedGradients, answer: str) -> str:
    g = np.abs(w.chain.gradient)
    top = [k for k in range(len(g)) if g[k] == g.max()]
    names = [as_text(state.classes[k]) for k in top]
    verdict = "Right." if answer in names else "Not quite."
    which = names[0] if len(names) == 1 else " and ".join(names) + " (tied)"
    return (
        f"{verdict} {which}: |q − p| = {plain(float(g.max()))}. The true class's component is "
        f"q_y − 1 = {signed(float(w.chain.gradient[state.target]))}, the others are their q; "
        "the true class leads unless some rival holds more probability than 1 − q_y leaves it."
    )


def predict_question(state, w: WorkedTraining) -> Question:
    return Question(
        f"At step {state.at}, which class does the model predict for point {state.point} "
        f"(whose class is {w.point.label})?",
        tuple(f"class {c}" for c in range(state.n_classes)),
    )


def predict_answer(state, w: WorkedTraining, answer: str) -> str:
    q = w.point.q
    top = [c for c in range(len(q)) if q[c] == q.max()]
    names = [f"class {c}" for c in top]
    verdict = "Right." if answer in names else "Not quite."
    right = "its own class" if w.point.label in top else f"not its own class ({w.point.label})"
    return (
        f"{verdict} The model's q is largest for {' and '.join(names)} ({plain(float(q.max()))}): "
        f"{right}. Its loss on this point is {plain(w.point.loss)} {state.unit}."
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


CLOSER, FURTHER, SAME = "closer to q − p", "further from q − p", "just as close"


def tiny_h_question(state, w: WorkedGradients) -> Question:
    return Question(
        f"With h = 1e-12 instead of {state.h:g}, is the numerical slope closer to q − p or "
        "further from it (its largest error over the logits)?",
        (CLOSER, FURTHER, SAME),
    )


def tiny_h_answer(state, w: WorkedGradients, answer: str) -> str:
    tiny = float(w.v[0])  # HS starts at 1e-12
    truth = CLOSER if tiny < w.at_h else FURTHER if tiny > w.at_h else SAME
    verdict = "Right." if answer == truth else "Not quite."
    return (
        f"{verdict} The largest error is {plain(tiny, 3)} at h = 1e-12 and {plain(w.at_h, 3)} at "
        f"h = {state.h:g}. A smaller h cuts the truncation error but the two losses then agree "
        "to almost all their digits, and rounding takes over: the V on the chart."
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
_NORMAL, _ZERO = f"−{-NORMAL_LOG:.1f}", f"−{-ZERO_LOG:.1f}"  # as printed: −708.4, −745.1


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
