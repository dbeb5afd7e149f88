"""Every number the loss page shows for one state, from the core: the loss against q_y, along
one logit, over two logits with a gradient step and its trail, over the 3-class simplex, against
the temperature, and the stability lab. Pages and figures only draw what this returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.landscape import (
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
from . import LOGIT_SPAN

__all__ = ["SWEEP_T", "LEAD", "EPSILON", "MAP_TOP_NATS", "WorkedLoss", "worked_loss"]


SWEEP_T = np.geomspace(0.05, 20.0, 121)  #: the temperatures of the sweep


LEAD = 40.0  #: the stability lab's lead of one logit over the others


EPSILON = 1e-8  #: the epsilon a reader might add to the logits


#: The map's colours run up to a loss of this many nats: the ground descent walks on keeps its
#: detail, and higher losses share the top colour.
MAP_TOP_NATS = 5.0


_MAP_POINTS = 61  #: a side of the map's grid


_SIMPLEX_SIDE = 36  #: steps a side of the simplex's lattice (666 points)


@dataclass(frozen=True)
class LossMap:
    """The loss over two logits, i and j, on a grid: what the map draws."""

    xs: np.ndarray  #: logit i's values
    ys: np.ndarray  #: logit j's values
    surface: np.ndarray  #: the loss over them (rows follow ys)
    top: float  #: MAP_TOP_NATS in the page's unit: the colours' span above the lowest loss


@dataclass(frozen=True)
class WorkedLoss:
    q: np.ndarray  #: softmax(z)
    loss: float  #: H(p, q) in the page's base
    grad: np.ndarray  #: dL/dz in the page's base
    by_q: tuple[np.ndarray, np.ndarray]  #: q_y over (0, 1] and -log q_y there
    along: tuple[np.ndarray, np.ndarray]  #: logit i over a range, and the loss there
    map: LossMap | None  #: the loss over logits i and j (None in a preview)
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
    """An axis over the logit sliders' range, +-LOGIT_SPAN, widened to whole numbers that hold
    ``values`` with a margin of 1: it holds still while a logit moves on its slider."""
    values = np.asarray(values, dtype=float)
    lo = min(-LOGIT_SPAN, math.floor(float(values.min()) - 1))
    hi = max(LOGIT_SPAN, math.ceil(float(values.max()) + 1))
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
    # One point more, at this state's q_y where it is below 0.002 (e^-2000 at logits -1000,
    # 1000, 0), from its log: the curve climbs to the state's dot instead of stopping at 6.2
    # nats beneath it (below 0.002 the curve is a vertical line at this scale: one point draws
    # it). Always one (at 0.002 itself otherwise): the live preview's tiles keep one length
    # and send only the entries that change.
    start = min(float(log_softmax(z)[target]), math.log(0.002))
    unit = 1.0 if base is None else math.log(base)
    qy, by_q = np.concatenate([[math.exp(start)], qy]), np.concatenate([[-start / unit], by_q])
    lo, hi = _reach([z[i]])
    along_x = np.linspace(lo, hi, min(1001, round((hi - lo) * 5) + 1))  # 0.2 apart if it can
    nxt = gradient_step(z, target, rate, only=(i, j), base=base)
    rows = _trail_logits(z, trail, i, j)
    pts = np.vstack([rows[:, [i, j]], nxt[[i, j]], z[[i, j]]])
    if not full:
        return WorkedLoss(
            q=q, loss=loss, grad=grad, by_q=(qy, by_q),
            along=(along_x, loss_along(z, target, i, along_x, base=base)),
            map=None, next_logits=nxt,
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
        map=LossMap(
            xs,
            ys,
            loss_surface(z, target, i, j, xs, ys, base=base),
            MAP_TOP_NATS / (1.0 if base is None else math.log(base)),
        ),
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
