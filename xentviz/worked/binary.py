r"""The three settings of Wocjan's (2019) table, worked with the same numbers: one sigmoid for a
binary problem, a softmax over the classes for multi-class, a sigmoid per class for
multi-label, and the two-class softmax that is a sigmoid in disguise.

.. math::

    \sigma(z) = \frac{1}{1 + e^{-z}} = \operatorname{softmax}([z, 0])_1, \qquad
    L = -[t \log \sigma(z) + (1 - t) \log (1 - \sigma(z))], \qquad
    \frac{\partial L}{\partial z} = \sigma(z) - t
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.binary_losses import (
    binary_cross_entropy,
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_grad,
    sigmoid_squared_error,
    sigmoid_squared_error_grad,
)
from ..core.losses import (
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from ..core.softmax import sigmoid, softmax
from .playground import WorkedExample, worked_example

__all__ = ["BinaryWorked", "worked_binary"]


@dataclass(frozen=True)
class BinaryWorked:
    """Every number the binary page prints, in the log base asked for (gradients of the loss
    as printed)."""

    p: float  #: sigma(z), the probability of class 1
    loss: float  #: binary cross-entropy of t against sigma(z)
    grad: float  #: (sigma(z) - t) / ln b
    two_q: np.ndarray  #: softmax([z, 0]): [sigma(z), 1 - sigma(z)]
    two_loss: float  #: the two-class softmax cross-entropy, true class 0 when t = 1
    two_grad: np.ndarray  #: its gradient (q - p) / ln b over [z, 0]
    batch: np.ndarray  #: each example's binary cross-entropy (t_j, p_j)
    batch_mean: float  #: their mean, Wocjan's -1/N sum[...]
    sigmoids: np.ndarray  #: sigma(z_k) for each class (multi-label)
    label_losses: np.ndarray  #: each class's binary cross-entropy against its label
    label_loss: float  #: their mean (the multi-label loss, as frameworks reduce it)
    label_grad: np.ndarray  #: the gradient of ``label_loss``: (sigma(z_k) - t_k) / (K ln b)
    multi: WorkedExample  #: the multi-class softmax cross-entropy, worked
    ce_nats: float  #: the example's cross-entropy in nats, beside ...
    ce_grad_nats: float  #: ... its gradient sigma(z) - t, in nats, and ...
    mse: float  #: ... the squared error (sigma(z) - t)^2 of the same example ...
    mse_grad: float  #: ... and its gradient 2 (sigma(z) - t) sigma(z) (1 - sigma(z))
    #: log of |cross-entropy's gradient| / |squared error's| = 1 / (2 sigma(z) sigma(-z)),
    #: in log space: finite where squared error's underflows (z = -745: e^744 / 2)
    ce_over_se_log: float


def worked_binary(z, t, ts, ps, logits, target, labels, *, base=None) -> BinaryWorked:
    """Work the binary page's numbers, each by the core's own function.

    Examples
    --------
    >>> from xentviz.worked.binary import worked_binary
    >>> w = worked_binary(-2.0, 1, [1, 0], [0.9, 0.2], [3.2, 1.3], 0, [1, 0], base=2)
    >>> print(round(w.p, 4), round(float(w.two_q[0]), 4))  # Chaurasia (2023): 0.119
    0.1192 0.1192
    >>> print(round(w.batch_mean, 4))
    0.237
    """
    zs = np.asarray([z], dtype=np.float64)
    t_array = np.asarray([t], dtype=np.float64)
    two = [float(z), 0.0]
    two_target = 0 if t == 1 else 1 if t == 0 else [float(t), 1.0 - float(t)]
    batch = binary_cross_entropy(ts, ps, base=base, reduction="none")
    return BinaryWorked(
        p=float(sigmoid(z)),
        loss=float(sigmoid_cross_entropy(zs, t_array, base=base)),
        grad=float(sigmoid_cross_entropy_grad(zs, t_array, base=base)[0]),
        two_q=softmax(two),
        two_loss=float(softmax_cross_entropy(two, two_target, base=base)),
        two_grad=softmax_cross_entropy_grad(two, two_target, base=base),
        batch=np.atleast_1d(batch),
        batch_mean=float(np.mean(batch)),
        sigmoids=np.atleast_1d(sigmoid(logits)),
        label_losses=sigmoid_cross_entropy(logits, labels, base=base, reduction="none"),
        label_loss=float(sigmoid_cross_entropy(logits, labels, base=base)),
        label_grad=sigmoid_cross_entropy_grad(logits, labels, base=base),
        multi=worked_example(logits, target, base=base),
        ce_nats=float(sigmoid_cross_entropy(zs, t_array)),
        ce_grad_nats=float(sigmoid_cross_entropy_grad(zs, t_array)[0]),
        mse=float(sigmoid_squared_error(zs, t_array)),
        mse_grad=float(sigmoid_squared_error_grad(zs, t_array)[0]),
        ce_over_se_log=ratio_log(z),
    )


def ratio_log(z: float) -> float:
    """log(1 / (2 sigma(z) sigma(-z))): how many times squared error's gradient cross-entropy's
    is, as a log (-log sigma(x) = log(1 + e^-x), each term stable).

    >>> round(math.exp(ratio_log(-6.0)), 2), round(ratio_log(-745.0) / math.log(10), 3)
    (202.72, 323.248)
    """
    z = float(z)
    return float(np.logaddexp(0.0, z) + np.logaddexp(0.0, -z)) - math.log(2.0)
