"""Every number the training page shows for one state, from the core: one step of a run of SGD
(the decision regions, one point's logits, q and gradient, the accuracy) and the likelihood of a
batch, as a product and as a sum of logs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.backprop import Likelihood, likelihood
from ..core.losses import softmax_cross_entropy
from ..core.softmax import softmax
from ..core.training import Example, Params, Run, accuracy, example, logits_of

__all__ = ["WorkedTraining", "worked_training"]


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
