r"""Classification losses and their gradients with respect to the logits.

The softmax cross-entropy of logits z against a target distribution p is

.. math:: L = H(p, q) = -\sum_i p_i \log q_i, \qquad q = \operatorname{softmax}(z / T)

and its gradient with respect to the logits (the softmax *input*) is the famous

.. math:: \frac{\partial L}{\partial z_i} = \frac{q_i - p_i}{T}

(Bahumi, course notes; Wocjan (2019) eq. 8). With a one-hot target p selects the true class y
and the loss is
``-log q_y`` (Bahumi, course notes: "the one-hot vector acts as a selector").
"""

from __future__ import annotations

import numpy as np

from . import _kernels as kern
from . import validation as v

__all__ = [
    "one_hot",
    "smoothed_target",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]


def one_hot(labels, num_classes):
    r"""Rows of the ``num_classes x num_classes`` identity picked by ``labels``.

    Parameters
    ----------
    labels : array_like of int, any shape
        Class indices in ``[0, num_classes)``.
    num_classes : int
        K, at least 1.

    Returns
    -------
    ndarray of float64, shape labels.shape + (K,)
        Only the rows asked for are built (never the K x K identity).

    Examples
    --------
    Seed 002: dog, cat, horse, cheetah as 0, 1, 2, 3.

    >>> from xentviz import one_hot
    >>> one_hot([0, 3], 4)
    array([[1., 0., 0., 0.],
           [0., 0., 0., 1.]])
    """
    k = v.num_classes_value(num_classes)
    y = v.labels_array(labels, k, "labels")
    rows = np.zeros((*y.shape, k))
    np.put_along_axis(rows, y[..., None], 1.0, axis=-1)
    return rows


def smoothed_target(p, label_smoothing=0.0):
    r"""The target distribution after label smoothing, as PyTorch defines it.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Target distribution(s); for class indices pass ``one_hot(y, K)``.
    label_smoothing : float in [0, 1], default 0
        e; ``e = 0`` leaves p as it is, ``e = 1`` makes it uniform.

    Returns
    -------
    ndarray, same shape as p

    Notes
    -----
    .. math:: p' = (1 - e)\, p + \frac{e}{K}

    Examples
    --------
    >>> from xentviz import one_hot, smoothed_target
    >>> smoothed_target(one_hot(0, 4), label_smoothing=0.1)
    array([0.925, 0.025, 0.025, 0.025])
    """
    p = v.distribution_array(p, "p")
    return kern.smooth(p, v.smoothing_value(label_smoothing))


def _loss_inputs(logits, target, base, temperature, label_smoothing, reduction):
    """Both softmax losses' arguments, validated in one order (logits, target, base,
    temperature, smoothing, reduction): the first bad one is the one the error names."""
    z = v.logits_array(logits, "logits")
    is_labels, t = kern.as_target(target, z)
    return (
        z,
        is_labels,
        t,
        v.log_base(base),
        v.temperature_value(temperature),
        v.smoothing_value(label_smoothing),
        v.reduction_value(reduction),
    )


def softmax_cross_entropy(
    logits, target, *, base=None, temperature=1.0, label_smoothing=0.0, reduction="mean"
):
    r"""Cross-entropy between a target and the softmax of ``logits / temperature``.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Finite logits z, classes on the last axis.
    target : array_like
        Either integer class indices y of shape ``logits.shape[:-1]``, or target distributions
        p of the same shape as ``logits``.
    base : float or None, default None
        Log base of the loss: None for nats, 2 for bits.
    temperature : float, default 1.0
        T > 0; the logits are divided by T before the softmax.
    label_smoothing : float in [0, 1], default 0.0
        e: the target becomes ``(1 - e) p + e / K`` (PyTorch's convention).
    reduction : {"mean", "sum", "none"}, default "mean"
        Over all batch positions; "none" keeps shape ``logits.shape[:-1]``.

    Returns
    -------
    ndarray or scalar
        The loss, ``>= 0`` and finite for any finite logits.

    Notes
    -----
    .. math::

        L = -\sum_i p_i \log q_i
          = \log \sum_j e^{(z_j - m)/T} - \sum_i p_i \frac{z_i - m}{T}

    with ``m = max z`` and ``sum p = 1``; the log of the sum is ``log1p`` of every term but the
    largest (``e^0 = 1``), exact when that sum is tiny. Computed from the shifted logits,
    ``log q`` never underflows to ``-inf``, so no epsilon is needed anywhere: Bahumi's
    advice to "add some very small epsilon value to each of the logits" would not help in any
    case, because adding the same number to every logit leaves the softmax unchanged.

    Examples
    --------
    Seed 002, true class dog: the seed prints 0.3677 bits, from q rounded to 0.775.

    >>> from xentviz import softmax_cross_entropy
    >>> print(round(float(softmax_cross_entropy([3.2, 1.3, 0.2, 0.8], 0, base=2)), 4))
    0.3675

    Seed 003, true class dog among cat, dog, bird: the seed prints 0.462 (from q = 0.63).

    >>> print(round(float(softmax_cross_entropy([1.0, 2.0, 0.5], 1)), 4))
    0.4644

    A confident wrong prediction costs exactly its margin, with no overflow, and a confident
    right one keeps its tiny loss:

    >>> print(float(softmax_cross_entropy([1000.0, 0.0], 1)))
    1000.0
    >>> print(float(softmax_cross_entropy([40.0, 0.0], 0)))
    4.248354255291589e-18
    """
    z, is_labels, t, base_log, temperature, e, reduction = _loss_inputs(
        logits, target, base, temperature, label_smoothing, reduction
    )
    k = z.shape[-1]
    rows, targets = z.reshape(-1, k), t.reshape(-1) if is_labels else t.reshape(-1, k)
    loss = np.empty(rows.shape[0], dtype=z.dtype)
    for block in kern.blocks(*rows.shape):
        loss[block] = _loss_rows(rows[block], targets[block], is_labels, temperature, e)
    loss /= base_log
    return kern.reduce(loss.reshape(z.shape[:-1]), reduction)


def _loss_rows(z, t, is_labels: bool, temperature: float, e: float) -> np.ndarray:
    """The loss in nats of each row of logits ``z`` (n, K) against labels (n,) or
    distributions (n, K) ``t``."""
    k = z.shape[-1]
    s = kern.shifted(z, -1, temperature)  # (z - m) / T, all <= 0
    # Only targets with a weight enter the sum: 0 * -inf (an underflowed logit that the target
    # does not care about) is 0 here, not NaN.
    if is_labels:
        target_term = np.zeros(z.shape[:-1], dtype=z.dtype)
        if e < 1:
            target_term += (1.0 - e) * np.take_along_axis(s, t[..., None], axis=-1)[..., 0]
        if e > 0:
            with np.errstate(over="ignore"):  # a sum beyond -1.8e308 is -inf, rightly
                target_term += (e / k) * kern.sum_of(s, -1)[..., 0]
        target_mass = 1.0
    else:
        p = kern.smooth(t, e)
        terms = np.zeros_like(s)
        np.multiply(p, s, out=terms, where=p > 0)
        with np.errstate(over="ignore"):
            target_term = np.sum(terms, axis=-1)
        target_mass = np.sum(p, axis=-1)
    lse = kern.log_normalizer(s, -1, overwrite=True)[1][..., 0]  # log1p of all but the largest
    with np.errstate(over="ignore"):
        return lse * target_mass - target_term


def softmax_cross_entropy_grad(
    logits, target, *, base=None, temperature=1.0, label_smoothing=0.0, reduction="mean"
):
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits z.

    Parameters
    ----------
    logits, target, temperature, label_smoothing
        As for :func:`softmax_cross_entropy`.
    base : float or None, default None
        The log base the loss is measured in; a loss in bits has gradients ``1 / ln 2`` times
        those in nats.
    reduction : {"mean", "sum", "none"}, default "mean"
        "mean" divides by the number of batch positions; "sum" and "none" give each sample's
        gradient of its own loss (the same array, as each loss depends only on its own logits).

    Returns
    -------
    ndarray, shape of logits
        Sums to 0 over the classes of each sample.

    Notes
    -----
    .. math:: \frac{\partial L}{\partial z_i} = \frac{q_i - p_i}{T \ln b}

    (in nats, ``ln b = 1``: the famous ``(q - p) / T``). The true class's component is
    ``(q_y - 1) / T <= 0``: gradient descent raises its logit; every other component is
    ``q_i / T >= 0``: their logits are lowered (Bahumi (course notes)). ``q_y - 1`` is computed as
    ``-sum(q_i, i != y)``, so the components keep their value, and sum to 0, even where
    ``q_y`` rounds to 1.

    Examples
    --------
    Seed 003: cat, dog, bird with logits [1, 2, 0.5], true class dog.

    >>> from xentviz import softmax_cross_entropy_grad
    >>> softmax_cross_entropy_grad([1.0, 2.0, 0.5], 1).round(4)
    array([ 0.2312, -0.3715,  0.1402])

    A class leading by 40 still gets its (tiny) push:

    >>> softmax_cross_entropy_grad([40.0, 0.0], 0)
    array([-4.24835426e-18,  4.24835426e-18])
    """
    z, is_labels, t, base_log, temperature, e, reduction = _loss_inputs(
        logits, target, base, temperature, label_smoothing, reduction
    )
    k = z.shape[-1]

    rows, targets = z.reshape(-1, k), t.reshape(-1) if is_labels else t.reshape(-1, k)
    grad = np.empty_like(rows)
    for block in kern.blocks(*rows.shape):
        q = kern.softmax_rows(rows[block], temperature)
        grad[block] = kern.q_minus_p(q, is_labels, targets[block], e)
    grad = grad.reshape(z.shape)
    if temperature != 1.0:
        kern.divide(grad, temperature)
    if base_log != 1.0:
        grad /= base_log
    if reduction == "mean":
        batch = z.size // k
        if batch == 0:
            raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
        grad /= batch
    return grad
