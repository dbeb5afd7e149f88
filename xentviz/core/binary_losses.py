r"""Binary losses of one logit or one probability per question, and their gradients: binary
cross-entropy (log loss) of a probability, the sigmoid cross-entropy of a logit (computed
from the logit, never from a rounded sigmoid), and the squared error of a sigmoid, whose
gradient vanishes where the sigmoid saturates (the binary page's comparison).

A sigmoid is a softmax over [z, 0]: these agree with :mod:`.losses` on two classes.
"""

from __future__ import annotations

import numpy as np

from . import _kernels as kern
from . import validation as v
from .information import xlog1py, xlogy

__all__ = [
    "binary_cross_entropy",
    "sigmoid_cross_entropy",
    "sigmoid_cross_entropy_grad",
    "sigmoid_squared_error",
    "sigmoid_squared_error_grad",
]


def binary_cross_entropy(t, p, *, base=None, reduction="mean"):
    r"""Binary cross-entropy (log loss) of predicted probabilities ``p`` against targets ``t``.

    Parameters
    ----------
    t : array_like
        Targets in [0, 1] (usually 0 or 1), any shape.
    p : array_like, same shape as t
        Predicted probabilities of class 1, in [0, 1].
    base : float or None, default None
        Log base: None for nats, 2 for bits.
    reduction : {"mean", "sum", "none"}, default "mean"
        Over all elements.

    Returns
    -------
    ndarray or scalar
        ``inf`` where ``p = 0`` while ``t > 0`` (or ``p = 1`` while ``t < 1``).

    Notes
    -----
    .. math:: L = -\left[t \log p + (1 - t) \log (1 - p)\right]

    It is the two-class cross-entropy with ``p_1 = p``, ``p_2 = 1 - p`` (Chaurasia, 2023).

    Examples
    --------
    >>> from xentviz import binary_cross_entropy
    >>> print(round(float(binary_cross_entropy([1, 0], [0.9, 0.2])), 4))
    0.1643
    """
    t = v.probability_array(t, "t")
    p = v.probability_array(p, "p")
    v.same_shape(t, p, "t", "p")
    base_log = v.log_base(base)
    reduction = v.reduction_value(reduction)
    loss = -(xlogy(t, p) + xlog1py(1.0 - t, -p))
    loss /= base_log
    return kern.reduce(loss + 0.0, reduction)


def _sigmoid_inputs(z, t, base, reduction):
    z = v.finite_array(z, "z")
    t = v.probability_array(t, "t")
    v.same_shape(z, t, "z", "t")
    return z, t.astype(z.dtype, copy=False), v.log_base(base), v.reduction_value(reduction)


def sigmoid_cross_entropy(z, t, *, base=None, reduction="mean"):
    r"""Binary cross-entropy of targets ``t`` against ``sigmoid(z)``, from the logits ``z``.

    Parameters
    ----------
    z : array_like
        Finite logits, any shape: one per example (binary) or per class (multi-label).
    t : array_like, same shape as z
        Targets in [0, 1] (usually 0 or 1).
    base : float or None, default None
        Log base: None for nats, 2 for bits.
    reduction : {"mean", "sum", "none"}, default "mean"
        Over all elements.

    Returns
    -------
    ndarray or scalar
        Finite and ``>= 0`` for any finite logits (where ``binary_cross_entropy`` of a
        sigmoid that rounded to 0 or 1 would give inf).

    Notes
    -----
    .. math::

        L = -\left[t \log \sigma(z) + (1 - t) \log (1 - \sigma(z))\right]
          = \max(z, 0) - t z + \log\left(1 + e^{-|z|}\right)

    The second form never takes the log of a rounded sigmoid. It is the two-class softmax
    cross-entropy of logits ``[z, 0]`` with target ``[t, 1 - t]`` (Wocjan's (2019) table: one
    sigmoid and binary cross-entropy for a binary problem, one per class for multi-label).

    Examples
    --------
    >>> from xentviz import sigmoid_cross_entropy, softmax_cross_entropy
    >>> print(round(float(sigmoid_cross_entropy(2.0, 1.0)), 6))
    0.126928
    >>> print(round(float(softmax_cross_entropy([2.0, 0.0], 0)), 6))  # the same
    0.126928
    >>> print(float(sigmoid_cross_entropy(40.0, 1.0)))  # log(1 + e^-40), not 0
    4.248354255291589e-18
    """
    z, t, base_log, reduction = _sigmoid_inputs(z, t, base, reduction)
    with np.errstate(under="ignore"):
        loss = np.maximum(z, 0) - t * z + np.log1p(np.exp(-np.abs(z)))
    loss /= base_log
    return kern.reduce(loss + 0.0, reduction)


def sigmoid_cross_entropy_grad(z, t, *, base=None, reduction="mean"):
    r"""Gradient of :func:`sigmoid_cross_entropy` with respect to the logits ``z``.

    Parameters
    ----------
    z, t, base
        As for :func:`sigmoid_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        "mean" divides by the number of elements; "sum" and "none" give each element's.

    Returns
    -------
    ndarray, shape of z

    Notes
    -----
    .. math:: \frac{\partial L}{\partial z} = \frac{\sigma(z) - t}{\ln b}

    For ``t = 1`` it is taken as ``-sigma(-z)``, which keeps its value where ``sigma(z)``
    rounds to 1. It is the first component of the two-class softmax gradient ``q - p``.

    Examples
    --------
    >>> from xentviz import sigmoid_cross_entropy_grad
    >>> sigmoid_cross_entropy_grad([2.0, 40.0], [1.0, 1.0], reduction="none")
    array([-1.19202922e-01, -4.24835426e-18])
    """
    z, t, base_log, reduction = _sigmoid_inputs(z, t, base, reduction)
    rising, falling = _sigmoid_pair(z)
    grad = np.where(t == 1, -falling, rising - t).astype(z.dtype, copy=False)
    grad /= base_log
    if reduction == "mean":
        if grad.size == 0:
            raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
        grad /= grad.size
    return grad[()]


def _sigmoid_pair(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sigma(z) and sigma(-z) = 1 - sigma(z), each to full relative precision (neither is
    formed as 1 minus the other)."""
    with np.errstate(under="ignore", over="ignore"):
        u = np.exp(-np.abs(z))
        rising = np.where(z >= 0, 1.0, u) / (1.0 + u)
        falling = np.where(z >= 0, u, 1.0) / (1.0 + u)
    return rising.astype(z.dtype, copy=False), falling.astype(z.dtype, copy=False)


def _miss(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """sigma(z) - t, kept exact where sigma(z) is near t = 1 (as ``-sigma(-z)``)."""
    rising, falling = _sigmoid_pair(z)
    return np.where(t == 1, -falling, rising - t)


def sigmoid_squared_error(z, t, *, reduction="mean"):
    r"""Squared error of ``sigmoid(z)`` against targets ``t``: the loss a regression would use,
    beside which :func:`sigmoid_cross_entropy` is compared ("why cross-entropy and not squared
    error").

    Parameters
    ----------
    z : array_like
        Finite logits, any shape.
    t : array_like, same shape as z
        Targets in [0, 1].
    reduction : {"mean", "sum", "none"}, default "mean"
        Over all elements.

    Returns
    -------
    ndarray or scalar
        In [0, 1]: unlike cross-entropy it never exceeds 1, however wrong the model.

    Notes
    -----
    .. math:: L = (\sigma(z) - t)^2

    Examples
    --------
    >>> from xentviz import sigmoid_squared_error
    >>> print(round(float(sigmoid_squared_error(-6.0, 1.0)), 6))  # confidently wrong
    0.995061
    """
    z, t, _, reduction = _sigmoid_inputs(z, t, None, reduction)
    return kern.reduce(_miss(z, t) ** 2 + 0.0, reduction)


def sigmoid_squared_error_grad(z, t, *, reduction="mean"):
    r"""Gradient of :func:`sigmoid_squared_error` with respect to the logits ``z``.

    Parameters
    ----------
    z, t, reduction
        As for :func:`sigmoid_squared_error`; "mean" divides by the number of elements.

    Returns
    -------
    ndarray, shape of z

    Notes
    -----
    .. math::

        \frac{\partial L}{\partial z} = 2\,(\sigma(z) - t)\,\sigma'(z), \qquad
        \sigma'(z) = \sigma(z)\,\sigma(-z)

    The factor :math:`\sigma'(z) \le 1/4` vanishes as :math:`|z|` grows, on the right side
    and on the wrong side alike: a model that is confidently wrong (z = -6 for t = 1) gets a
    gradient of -0.0049 where cross-entropy's, :math:`\sigma(z) - t`, is -0.9975.

    Examples
    --------
    >>> from xentviz import sigmoid_cross_entropy_grad, sigmoid_squared_error_grad
    >>> print(round(float(sigmoid_squared_error_grad(-6.0, 1.0)), 6))
    -0.004921
    >>> print(round(float(sigmoid_cross_entropy_grad(-6.0, 1.0)), 6))
    -0.997527
    """
    z, t, _, reduction = _sigmoid_inputs(z, t, None, reduction)
    rising, falling = _sigmoid_pair(z)
    with np.errstate(under="ignore"):
        grad = 2.0 * _miss(z, t) * rising * falling + 0.0  # no -0.0
    if reduction == "mean":
        if grad.size == 0:
            raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
        grad /= grad.size
    return grad[()] if grad.ndim == 0 else grad
