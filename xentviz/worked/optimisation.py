"""Every number the three optimisation pages show, for one state each, from the core.

:func:`worked_loss` for the loss page (the loss against q_y, along one logit, over two, over
the 3-class simplex, against the temperature, and the stability lab), :func:`worked_gradients`
for the gradients page (the chain rule factor by factor, the finite-difference check and its V
over h) and :func:`worked_training` for the training page (one step of a run of SGD: the
decision regions, one point's gradient, the likelihood of a batch). Pages and figures only
draw what these return.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.backprop import ChainRule, Likelihood, chain_rule, likelihood
from ..core.landscape import (
    central_differences,
    finite_difference_errors,
    gradient_step,
    log_of_softmax,
    loss_along,
    loss_surface,
    naive_softmax,
    simplex_grid,
    simplex_loss,
)
from ..core.losses import one_hot, softmax_cross_entropy, softmax_cross_entropy_grad
from ..core.softmax import log_softmax, softmax
from ..core.training import Example, Params, Run, accuracy, example, logits_of

__all__ = [
    "SWEEP_T",
    "HS",
    "LEAD",
    "EPSILON",
    "WorkedLoss",
    "worked_loss",
    "WorkedGradients",
    "worked_gradients",
    "WorkedTraining",
    "worked_training",
]

SWEEP_T = np.geomspace(0.05, 20.0, 121)  #: the temperatures of the sweep
HS = np.logspace(-12, -1, 45)  #: the steps h of the finite-difference V
LEAD = 40.0  #: the stability lab's lead of one logit over the others
EPSILON = 1e-8  #: the epsilon a reader might add to the logits
#: The map's colours run up to a loss of this many nats: the ground descent walks on keeps its
#: detail, and higher losses share the top colour.
MAP_TOP_NATS = 5.0
SPAN = 10.0  #: the logit sliders' range, +-SPAN, which the loss page's axes cover
_MAP_POINTS = 61  #: a side of the map's grid
_SIMPLEX_SIDE = 36  #: steps a side of the simplex's lattice (666 points)


@dataclass(frozen=True)
class WorkedLoss:
    q: np.ndarray  #: softmax(z)
    loss: float  #: H(p, q) in the page's base
    grad: np.ndarray  #: dL/dz in the page's base
    by_q: tuple[np.ndarray, np.ndarray]  #: q_y over (0, 1] and -log q_y there
    along: tuple[np.ndarray, np.ndarray]  #: logit i over a range, and the loss there
    xs: np.ndarray  #: the map's logit i values
    ys: np.ndarray  #: the map's logit j values
    surface: np.ndarray  #: the loss over them (rows follow ys)
    map_top: float  #: MAP_TOP_NATS in the page's unit
    next_logits: np.ndarray  #: one step on the map: logits i and j moved by -rate * gradient
    next_loss: float
    trail_losses: np.ndarray  #: the loss at each point of the trail, on this map
    simplex: tuple[np.ndarray, np.ndarray] | None  #: lattice q's and H(p, q) there (3 classes)
    trail_q: np.ndarray  #: q at each trail point (rows)
    next_q: np.ndarray
    sweep_q: np.ndarray  #: q at each temperature of SWEEP_T (rows)
    sweep_loss: np.ndarray  #: the loss there
    at_t: tuple[np.ndarray, float]  #: q and the loss at the state's temperature
    lab: dict[str, np.ndarray]  #: the stability lab's rows, by name
    lead: dict[str, np.ndarray]  #: log(softmax) and log_softmax for a lead of LEAD


def _trail_logits(logits: np.ndarray, trail, i: int, j: int) -> np.ndarray:
    """The trail's points as whole logit vectors: (z_i, z_j) from the trail, the rest as now."""
    rows = np.tile(logits, (len(trail), 1))
    if len(trail):
        rows[:, [i, j]] = np.asarray(trail, dtype=float)
    return rows


def _reach(values) -> tuple[float, float]:
    """An axis over the logit sliders' range, +-SPAN, widened to whole numbers that hold
    ``values`` with a margin of 1: it holds still while a logit moves on its slider."""
    values = np.asarray(values, dtype=float)
    lo = min(-SPAN, math.floor(float(values.min()) - 1))
    hi = max(SPAN, math.ceil(float(values.max()) + 1))
    return float(lo), float(hi)


def worked_loss(
    logits, target: int, *, i: int, j: int, rate: float, trail=(), temperature=1.0, shift=0.0,
    base=None, full=True,
) -> WorkedLoss:  # fmt: skip
    """Every number of the loss page for the logits and true class (the loss in ``base``);
    without ``full``, only those a dragged logit previews (the map, the simplex, the sweep and
    the lab are then None)."""
    z = np.asarray(logits, dtype=float)
    k = z.size
    q = softmax(z)
    loss = float(softmax_cross_entropy(z, target, base=base))
    grad = softmax_cross_entropy_grad(z, target, base=base)
    # -log q_y over q_y in (0, 1]: the cross-entropy of the one-hot target and [q_y, 1 - q_y]
    qy = np.linspace(0.002, 1.0, 500)
    by_q = simplex_loss([1.0, 0.0], np.column_stack([qy, 1 - qy]), base=base)
    lo, hi = _reach([z[i]])
    along_x = np.linspace(lo, hi, min(1001, round((hi - lo) * 5) + 1))  # 0.2 apart if it can
    nxt = gradient_step(z, target, rate, only=(i, j), base=base)
    rows = _trail_logits(z, trail, i, j)
    pts = np.vstack([rows[:, [i, j]], nxt[[i, j]], z[[i, j]]])
    if not full:
        return WorkedLoss(
            q=q, loss=loss, grad=grad, by_q=(qy, by_q),
            along=(along_x, loss_along(z, target, i, along_x, base=base)),
            xs=None, ys=None, surface=None, map_top=None, next_logits=nxt,
            next_loss=float(softmax_cross_entropy(nxt, target, base=base)),
            trail_losses=None, simplex=None, trail_q=None, next_q=None, sweep_q=None,
            sweep_loss=None, at_t=None, lab=None, lead=None,
        )  # fmt: skip
    xs = np.linspace(*_reach(pts[:, 0]), _MAP_POINTS)
    ys = np.linspace(*_reach(pts[:, 1]), _MAP_POINTS)
    p = one_hot(target, k)
    simplex = None
    if k == 3:
        lattice = simplex_grid(_SIMPLEX_SIDE)
        simplex = (lattice, simplex_loss(p, lattice, base=base))
    cooled = z[None, :] / SWEEP_T[:, None]  # the logits at each T: what softmax(z / T) sees
    sweep_q = softmax(cooled)
    sweep_loss = softmax_cross_entropy(
        cooled, np.full(len(SWEEP_T), target), base=base, reduction="none"
    )
    shifted = z + shift
    led = np.where(np.arange(k) == target, LEAD, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        lab = {
            "naive, float64": naive_softmax(shifted),
            "naive, float32": naive_softmax(shifted, np.float32).astype(float),
            "naive, float16": naive_softmax(shifted, np.float16).astype(float),
            f"naive, float32, logits + {EPSILON:g}": naive_softmax(
                shifted + EPSILON, np.float32
            ).astype(float),
            "stable (the core's softmax)": softmax(shifted),
        }
    return WorkedLoss(
        q=q,
        loss=loss,
        grad=grad,
        by_q=(qy, by_q),
        along=(along_x, loss_along(z, target, i, along_x, base=base)),
        xs=xs,
        ys=ys,
        surface=loss_surface(z, target, i, j, xs, ys, base=base),
        map_top=MAP_TOP_NATS / (1.0 if base is None else math.log(base)),
        next_logits=nxt,
        next_loss=float(softmax_cross_entropy(nxt, target, base=base)),
        trail_losses=(
            softmax_cross_entropy(rows, np.full(len(rows), target), base=base, reduction="none")
            if len(rows)
            else np.zeros(0)
        ),
        simplex=simplex,
        trail_q=softmax(rows) if len(rows) else np.zeros((0, k)),
        next_q=softmax(nxt),
        sweep_q=sweep_q,
        sweep_loss=sweep_loss,
        at_t=(
            softmax(z, temperature=temperature),
            float(softmax_cross_entropy(z, target, temperature=temperature, base=base)),
        ),
        lab=lab,
        lead={"log(softmax(z))": log_of_softmax(led), "log_softmax(z)": log_softmax(led)},
    )


@dataclass(frozen=True)
class WorkedGradients:
    chain: ChainRule  #: every factor of the backward pass (nats)
    slopes: np.ndarray  #: the central differences at h, one per logit
    errors: np.ndarray  #: |slope - gradient| per logit
    hs: np.ndarray  #: HS
    v: np.ndarray  #: the largest error over the logits, at each h of HS
    at_h: float  #: the largest error at the state's h
    best_h: float  #: the h of HS with the smallest error
    grad_sum: float  #: the sum of the gradient's components (0 up to rounding)


def worked_gradients(logits, target: int, h: float) -> WorkedGradients:
    """The chain rule for the logits and true class, and the finite-difference check at h."""
    chain = chain_rule(logits, target)
    slopes = central_differences(logits, target, h)
    errors = np.abs(slopes - chain.gradient)
    v = finite_difference_errors(logits, target, HS)
    return WorkedGradients(
        chain=chain,
        slopes=slopes,
        errors=errors,
        hs=HS,
        v=v,
        at_h=float(errors.max()),
        best_h=float(HS[int(np.argmin(v))]),
        grad_sum=math.fsum(chain.gradient),
    )


@dataclass(frozen=True)
class WorkedTraining:
    params: Params  #: the weights at the step shown
    loss: float  #: the whole data set's mean loss there (in the page's base)
    losses: np.ndarray  #: the mean loss after each step of the run (in the page's base)
    accuracy: float  #: the share of the training points the model gets right
    held_out_accuracy: float | None  #: the same on points it never trained on, if given
    grid: tuple[np.ndarray, np.ndarray]  #: the x and y of the decision regions' grid
    regions: np.ndarray  #: the most probable class at each grid point (rows follow y)
    confidence: np.ndarray  #: its probability there
    point: Example  #: the point looked at
    outer_gap: float  #: max |(q - p) x^T - the core's dL/dW| for that point: 0 up to rounding
    likelihood: Likelihood  #: of the first n points (nats)
    mean_ce: float  #: the core's mean cross-entropy of those n points (nats)


def worked_training(
    X, y, run: Run, at: int, point: int, n: int, *, base=None, side: int = 50, held_out=None
) -> WorkedTraining:
    """Step ``at`` of ``run`` on the data (X, y): what the training page shows; its accuracy
    also on ``held_out`` = (X, y) points it never trained on, where given."""
    params = run.params[at]
    lo, hi = X.min(axis=0) - 1.0, X.max(axis=0) + 1.0
    gx, gy = np.linspace(lo[0], hi[0], side), np.linspace(lo[1], hi[1], side)
    mx, my = np.meshgrid(gx, gy)
    q = softmax(logits_of(params, np.column_stack([mx.ravel(), my.ravel()])))
    scale = 1.0 if base is None else math.log(base)
    z = logits_of(params, X[:n])
    e = example(params, X, y, point, base=base)
    return WorkedTraining(
        params=params,
        loss=float(run.losses[at]) / scale,
        losses=run.losses / scale,
        accuracy=accuracy(params, X, y),
        held_out_accuracy=None if held_out is None else accuracy(params, *held_out),
        grid=(gx, gy),
        regions=np.argmax(q, axis=1).reshape(side, side),
        confidence=q.max(axis=1).reshape(side, side),
        point=e,
        outer_gap=float(np.max(np.abs(np.outer(e.dz, e.x) - e.grads.W))),
        likelihood=likelihood(z, y[:n]),
        mean_ce=float(softmax_cross_entropy(z, y[:n])),
    )
