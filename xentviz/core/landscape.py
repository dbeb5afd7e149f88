"""The loss as a landscape over the logits: along one logit, over two, over the 3-class simplex;
a gradient step; the finite-difference check of the gradient; and, for the stability lab, the
naive softmax that the stable one replaces.

Every loss and gradient here is the core's (:mod:`xentviz.core.losses`,
:mod:`xentviz.core.information`), evaluated on many logit vectors at once.
"""

from __future__ import annotations

import math

import numpy as np

from .information import cross_entropy
from .losses import softmax_cross_entropy, softmax_cross_entropy_grad
from .softmax import softmax
from .validation import finite_array, logits_array, real_value, whole_value

__all__ = [
    "loss_along",
    "loss_surface",
    "gradient_step",
    "central_differences",
    "simplex_grid",
    "simplex_xy",
    "simplex_loss",
    "finite_difference_errors",
    "naive_softmax",
    "log_of_softmax",
]


def _moved(logits: np.ndarray, moves: dict[int, np.ndarray]) -> np.ndarray:
    """``logits`` repeated over the broadcast shape of ``moves``' values, logit j set to them."""
    shape = np.broadcast_shapes(*(v.shape for v in moves.values()))
    z = np.broadcast_to(logits, (*shape, logits.size)).copy()
    for j, values in moves.items():
        z[..., j] = values
    return z


def _targets(target, moved: np.ndarray):
    """``target`` (a class index or a distribution) for every row of ``moved``."""
    if np.ndim(target) == 0:
        return np.full(moved.shape[:-1], target)
    return np.broadcast_to(np.asarray(target, dtype=float), moved.shape)


def loss_along(logits, target, j: int, values, *, base=None, temperature=1.0) -> np.ndarray:
    """The loss H(p, softmax(z / T)) as logit ``j`` takes each of ``values``, the others fixed."""
    z = logits_array(logits, "logits")
    j = whole_value(j, "j", 0, z.size - 1)
    values = finite_array(values, "values")
    moved = _moved(z, {j: values})
    return softmax_cross_entropy(
        moved, _targets(target, moved), base=base, temperature=temperature, reduction="none"
    )


def loss_surface(
    logits, target, i: int, j: int, xs, ys, *, base=None, temperature=1.0
) -> np.ndarray:
    """The loss over a grid of two logits: entry [r, c] has logit ``i`` at xs[c] and logit
    ``j`` at ys[r] (rows follow y, as a heat map's do), the others fixed."""
    z = logits_array(logits, "logits")
    i, j = whole_value(i, "i", 0, z.size - 1), whole_value(j, "j", 0, z.size - 1)
    if i == j:
        raise ValueError(f"i and j must be two different logits, got {i} twice")
    gx, gy = np.meshgrid(finite_array(xs, "xs"), finite_array(ys, "ys"))
    moved = _moved(z, {i: gx, j: gy})
    return softmax_cross_entropy(
        moved, _targets(target, moved), base=base, temperature=temperature, reduction="none"
    )


def gradient_step(logits, target, learning_rate: float, *, only=None, base=None, temperature=1.0):
    """One step of gradient descent on the logits: z - rate * dL/dz. With ``only`` (indices
    of logits), only those logits move and the others keep their values: a step on the map of
    two logits, which stays on that map."""
    z = logits_array(logits, "logits")
    rate = real_value(learning_rate, "learning_rate", 0.0)
    grad = softmax_cross_entropy_grad(z, target, base=base, temperature=temperature)
    if only is not None:
        moving = [whole_value(j, "only", 0, z.size - 1) for j in only]
        kept = np.ones(z.size, dtype=bool)
        kept[moving] = False
        grad = np.where(kept, 0.0, grad)
    return z - rate * grad


def simplex_grid(n: int) -> np.ndarray:
    """Points (q1, q2, q3) of the open triangle of 3-class distributions, on a lattice of
    ``n`` steps a side: n (n + 1) / 2 points, each q_k = (m_k + 1/3) / n for whole m_k summing
    to n - 1 (none on an edge, where a cross-entropy would be infinite)."""
    n = whole_value(n, "n", 1, 1000)
    points = [(a + 1 / 3, b + 1 / 3, n - 1 - a - b + 1 / 3) for a in range(n) for b in range(n - a)]
    return np.array(points) / n


def simplex_xy(q) -> np.ndarray:
    """Where a 3-class distribution sits in an equilateral triangle of side 1: class 1 at
    (0, 0), class 2 at (1, 0), class 3 at (1/2, sqrt(3)/2)."""
    q = finite_array(q, "q")
    if q.shape[-1] != 3:
        raise ValueError(f"q must have 3 classes on its last axis, got shape {q.shape}")
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, math.sqrt(3) / 2]])
    return (q / q.sum(axis=-1, keepdims=True)) @ corners


def simplex_loss(p, qs, *, base=None) -> np.ndarray:
    """The cross-entropy H(p, q) for each distribution q of ``qs`` (rows)."""
    return cross_entropy(np.broadcast_to(np.asarray(p, dtype=float), np.shape(qs)), qs, base=base)


def _differences(z: np.ndarray, target, hs: np.ndarray, base, temperature) -> np.ndarray:
    """The central difference along each logit for each h of ``hs``: shape (len(hs), K)."""
    steps = hs[:, None, None] * np.eye(z.size)  # (H, K, K): row j of block h is h e_j
    target_rows = _targets(target, steps)
    up = softmax_cross_entropy(
        z + steps, target_rows, base=base, temperature=temperature, reduction="none"
    )
    down = softmax_cross_entropy(
        z - steps, target_rows, base=base, temperature=temperature, reduction="none"
    )
    return (up - down) / (2 * hs[:, None])


def central_differences(logits, target, h: float, *, base=None, temperature=1.0) -> np.ndarray:
    """The numerical slope of the loss along each logit j: (L(z + h e_j) - L(z - h e_j)) / 2h,
    what a finite-difference check compares with the gradient's component j."""
    z = logits_array(logits, "logits")
    h = real_value(h, "h", 0.0)
    if h == 0:
        raise ValueError("h must be > 0")
    return _differences(z, target, np.array([h]), base, temperature)[0]


def finite_difference_errors(logits, target, hs, *, base=None, temperature=1.0) -> np.ndarray:
    """For each step h of ``hs``: the largest absolute difference between the central
    difference (L(z + h e_j) - L(z - h e_j)) / 2h and the gradient's component j, over j.
    Large h: truncation error (falls as h^2); tiny h: rounding error (grows as 1/h)."""
    z = logits_array(logits, "logits")
    hs = finite_array(hs, "hs")
    if np.any(hs <= 0):
        raise ValueError("hs must all be > 0")
    grad = softmax_cross_entropy_grad(z, target, base=base, temperature=temperature)
    slopes = _differences(z, target, hs.ravel(), base, temperature)
    return np.max(np.abs(slopes - grad), axis=-1).reshape(hs.shape)


def naive_softmax(z, dtype=np.float64) -> np.ndarray:
    """exp(z) / sum exp(z) as the textbook writes it, in ``dtype``: what the stable softmax
    replaces. It overflows to inf (and then nan) once a logit passes log of the dtype's
    largest number (709.78 in float64, 88.72 in float32, 11.09 in float16). For the stability
    lab only; never used for a number the app reports as the softmax."""
    z = np.asarray(z, dtype=dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)


def log_of_softmax(z) -> np.ndarray:
    """log(softmax(z)), the log taken after the softmax is rounded: what ``log_softmax``
    replaces. For a class leading by 40, softmax rounds its q to 1.0 and this gives 0, where
    the exact value (and ``log_softmax``) is -4.25e-18. For the stability lab only."""
    with np.errstate(divide="ignore"):
        return np.log(softmax(z))
