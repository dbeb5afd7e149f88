"""Softmax regression trained by stochastic gradient descent, on small 2-D data sets.

The model of Wocjan (2019) section 5: logits z = W x + b for a point x, q = softmax(z), the loss the
cross-entropy H(p, q) with the one-hot target p of the point's class. Its gradient for one
example is dL/dz = q - p, so dL/dW = (q - p) x^T and dL/db = q - p; over a batch, the mean. The
loss and dL/dz come from :mod:`xentviz.core.losses` (the core every page uses); this module only
adds the chain rule through z = W x + b and the steps.

Everything is reproducible from its seed: the data (:func:`make_blobs`), the first weights
(:func:`init_params`) and the order of the batches (:func:`sgd`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .losses import softmax_cross_entropy, softmax_cross_entropy_grad
from .softmax import softmax
from .validation import finite_array, labels_array, real_value, whole_value

__all__ = [
    "Params",
    "Run",
    "make_blobs",
    "init_params",
    "logits_of",
    "loss_and_grads",
    "Example",
    "example",
    "accuracy",
    "sgd",
]


@dataclass(frozen=True)
class Params:
    """Weights W (classes x features) and biases b (classes)."""

    W: np.ndarray
    b: np.ndarray


@dataclass(frozen=True)
class Run:
    """A run of SGD: the weights after each step (``params[0]`` the first ones) and the mean
    loss over the whole data set after each step (``losses[0]`` before any step)."""

    params: tuple[Params, ...]
    losses: np.ndarray

    @property
    def last(self) -> Params:
        return self.params[-1]


def make_blobs(
    n_points: int, n_classes: int = 3, *, noise: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``n_points`` points in the plane, in ``n_classes`` blobs (3 to 5) whose centres sit
    evenly on a circle of radius 3; each point its blob's centre plus Gaussian noise of
    standard deviation ``noise``. Classes take turns, so each has n_points / n_classes points
    (give or take one). Returns X (n_points x 2) and the labels y (n_points)."""
    n_points = whole_value(n_points, "n_points", 1, 100_000)
    n_classes = whole_value(n_classes, "n_classes", 2, 5)
    noise = real_value(noise, "noise", 0.0, 10.0)
    seed = whole_value(seed, "seed", 0)
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = 3.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n_points) % n_classes
    X = centres[y] + noise * rng.standard_normal((n_points, 2))
    return X, y


def held_out_blobs(
    n_points: int, n_held: int, n_classes: int = 3, *, noise: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``n_held`` more points from the same blobs as ``make_blobs(n_points, ...)``, never among
    them: the same seed's draw continued past the training points, so the training set (and a
    link's run) is unchanged and the held-out set is kept by the seed.

    >>> X, y = make_blobs(30, 3, seed=4)
    >>> Xh, yh = held_out_blobs(30, 9, 3, seed=4)
    >>> bool((make_blobs(39, 3, seed=4)[0][30:] == Xh).all()), yh[:3].tolist()
    (True, [0, 1, 2])
    """
    n_points = whole_value(n_points, "n_points", 1, 100_000)
    n_held = whole_value(n_held, "n_held", 1, 100_000)
    X, y = make_blobs(n_points + n_held, n_classes, noise=noise, seed=seed)
    return X[n_points:], y[n_points:]


def init_params(n_features: int, n_classes: int, *, seed: int = 0, scale: float = 0.1) -> Params:
    """First weights: W drawn from a normal of standard deviation ``scale``, b zero."""
    n_features = whole_value(n_features, "n_features", 1)
    n_classes = whole_value(n_classes, "n_classes", 2)
    seed = whole_value(seed, "seed", 0)
    scale = real_value(scale, "scale", 0.0, 10.0)
    rng = np.random.default_rng(seed)
    return Params(scale * rng.standard_normal((n_classes, n_features)), np.zeros(n_classes))


def _check(params: Params, X, y) -> tuple[np.ndarray, np.ndarray]:
    W = finite_array(params.W, "W")
    b = finite_array(params.b, "b")
    X = finite_array(X, "X")
    if W.ndim != 2 or b.shape != (W.shape[0],):
        raise ValueError(
            f"W must be classes x features and b one per class, got {W.shape} and {b.shape}"
        )
    if X.ndim != 2 or X.shape[1] != W.shape[1]:
        raise ValueError(f"X must be points x {W.shape[1]} features, got shape {X.shape}")
    y = labels_array(y, W.shape[0], "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must hold one label per point of X, got shape {y.shape}")
    return X, y


def logits_of(params: Params, X) -> np.ndarray:
    """z = W x + b for each point (a row) of X."""
    X = finite_array(X, "X")
    return X @ np.asarray(params.W, dtype=float).T + np.asarray(params.b, dtype=float)


def loss_and_grads(params: Params, X, y, *, base=None) -> tuple[float, Params]:
    """The mean cross-entropy of the model on (X, y), and its gradient: dL/dW = mean of
    (q - p) x^T, dL/db = mean of q - p (over ln b in base b)."""
    X, y = _check(params, X, y)
    z = logits_of(params, X)
    loss = float(softmax_cross_entropy(z, y, base=base))
    dz = softmax_cross_entropy_grad(z, y, base=base)  # (q - p) / N, each row a point
    return loss, Params(dz.T @ X, dz.sum(axis=0))


@dataclass(frozen=True)
class Example:
    """One point through the model, with its gradient (Wocjan (2019) section 5)."""

    x: np.ndarray  #: the point's features
    label: int  #: its class
    z: np.ndarray  #: logits W x + b
    q: np.ndarray  #: softmax(z)
    loss: float  #: -log q_label (in the base asked)
    dz: np.ndarray  #: dL/dz = q - p (over ln b in base b)
    grads: Params  #: dL/dW = (q - p) x^T and dL/db = q - p, from :func:`loss_and_grads`


def example(params: Params, X, y, k: int, *, base=None) -> Example:
    """Point ``k`` of (X, y) through the model: its logits, q, loss and gradients, each from
    the core (the weights' gradient is :func:`loss_and_grads` on that one point)."""
    X, y = _check(params, X, y)
    k = whole_value(k, "k", 0, X.shape[0] - 1)
    x, label = X[k], int(y[k])
    z = logits_of(params, x[None, :])[0]
    loss, grads = loss_and_grads(params, x[None, :], y[k : k + 1], base=base)
    return Example(
        x=x,
        label=label,
        z=z,
        q=softmax(z),
        loss=loss,
        dz=softmax_cross_entropy_grad(z, label, base=base),
        grads=grads,
    )


def accuracy(params: Params, X, y) -> float:
    """The share of points whose most probable class is their own (ties: the first)."""
    X, y = _check(params, X, y)
    return float(np.mean(np.argmax(softmax(logits_of(params, X)), axis=-1) == y))


def sgd(
    X,
    y,
    params: Params,
    *,
    learning_rate: float = 0.5,
    batch_size: int = 32,
    steps: int = 100,
    seed: int = 0,
) -> Run:
    """``steps`` steps of minibatch SGD from ``params``: each step W -= rate * dL/dW and
    b -= rate * dL/db on the next ``batch_size`` points of a shuffled order (shuffled again
    when it runs out, from ``seed``). Records the weights and the whole data set's mean loss
    after every step."""
    X, y = _check(params, X, y)
    learning_rate = real_value(learning_rate, "learning_rate", 0.0, 100.0)
    batch_size = whole_value(batch_size, "batch_size", 1, X.shape[0])
    steps = whole_value(steps, "steps", 0, 100_000)
    seed = whole_value(seed, "seed", 0)
    rng = np.random.default_rng(seed)
    W, b = np.array(params.W, dtype=float), np.array(params.b, dtype=float)
    order, at = rng.permutation(X.shape[0]), 0
    history = [Params(W.copy(), b.copy())]

    def mean_loss(p: Params) -> float:
        return float(softmax_cross_entropy(X @ p.W.T + p.b, y))

    losses = [mean_loss(history[0])]
    for _ in range(steps):
        if at + batch_size > len(order):
            order, at = rng.permutation(X.shape[0]), 0
        batch = order[at : at + batch_size]
        at += batch_size
        _, grads = loss_and_grads(Params(W, b), X[batch], y[batch])
        W = W - learning_rate * grads.W
        b = b - learning_rate * grads.b
        history.append(Params(W, b))
        losses.append(mean_loss(history[-1]))
    return Run(tuple(history), np.array(losses))
