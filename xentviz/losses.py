r"""Classification losses and their gradients with respect to the logits.

The softmax cross-entropy of logits z against a target distribution p is

.. math:: L = H(p, q) = -\sum_i p_i \log q_i, \qquad q = \operatorname{softmax}(z / T)

and its gradient with respect to the logits (the softmax *input*) is the famous

.. math:: \frac{\partial L}{\partial z_i} = \frac{q_i - p_i}{T}

(seed 003; seed 001 eq. 8). With a one-hot target p selects the true class y and the loss is
``-log q_y`` (seed 003: "the one-hot vector acts as a selector").
"""

from __future__ import annotations

import numpy as np

from . import _validation as v
from .information import xlog1py, xlogy
from .softmax import _blocks, _divide, _log_normalizer, _others, _shifted, _softmax_rows, _sum

__all__ = [
    "one_hot",
    "smoothed_target",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "binary_cross_entropy",
    "sigmoid_cross_entropy",
    "sigmoid_cross_entropy_grad",
    "sigmoid_squared_error",
    "sigmoid_squared_error_grad",
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


def _smooth(p: np.ndarray, e: float) -> np.ndarray:
    return (1.0 - e) * p + e / p.shape[-1] if e else p


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
    return _smooth(p, v.smoothing_value(label_smoothing))


def _target(target, z: np.ndarray, name: str = "target"):
    """Labels (intp, shape z.shape[:-1]) or distributions (z's dtype and shape), and which."""
    try:
        a = np.asarray(target)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name} must be class indices or distributions ({err})") from None
    if a.shape == z.shape[:-1]:
        return True, v.labels_array(a, z.shape[-1], name)
    if a.shape == z.shape:
        return False, v.distribution_array(a, name).astype(z.dtype, copy=False)
    raise ValueError(
        f"{name} must have shape {z.shape[:-1]} (class indices) or {z.shape} "
        f"(distributions) for logits of shape {z.shape}, got {a.shape}"
    )


def _reduce(per_sample: np.ndarray, reduction: str):
    if reduction == "none":
        return per_sample[()]
    if reduction == "sum":
        return per_sample.sum()[()]
    if per_sample.size == 0:
        raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
    return per_sample.mean()[()]


def _loss_inputs(logits, target, base, temperature, label_smoothing, reduction):
    """Both softmax losses' arguments, validated in one order (logits, target, base,
    temperature, smoothing, reduction): the first bad one is the one the error names."""
    z = v.logits_array(logits, "logits")
    is_labels, t = _target(target, z)
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
    ``log q`` never underflows to ``-inf``, so no epsilon is needed anywhere: seed 003's
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
    for block in _blocks(*rows.shape):
        loss[block] = _loss_rows(rows[block], targets[block], is_labels, temperature, e)
    loss /= base_log
    return _reduce(loss.reshape(z.shape[:-1]), reduction)


def _loss_rows(z, t, is_labels: bool, temperature: float, e: float) -> np.ndarray:
    """The loss in nats of each row of logits ``z`` (n, K) against labels (n,) or
    distributions (n, K) ``t``."""
    k = z.shape[-1]
    s = _shifted(z, -1, temperature)  # (z - m) / T, all <= 0
    # Only targets with a weight enter the sum: 0 * -inf (an underflowed logit that the target
    # does not care about) is 0 here, not NaN.
    if is_labels:
        target_term = np.zeros(z.shape[:-1], dtype=z.dtype)
        if e < 1:
            target_term += (1.0 - e) * np.take_along_axis(s, t[..., None], axis=-1)[..., 0]
        if e > 0:
            with np.errstate(over="ignore"):  # a sum beyond -1.8e308 is -inf, rightly
                target_term += (e / k) * _sum(s, -1)[..., 0]
        target_mass = 1.0
    else:
        p = _smooth(t, e)
        terms = np.zeros_like(s)
        np.multiply(p, s, out=terms, where=p > 0)
        with np.errstate(over="ignore"):
            target_term = np.sum(terms, axis=-1)
        target_mass = np.sum(p, axis=-1)
    lse = _log_normalizer(s, -1, overwrite=True)[1][..., 0]  # log1p of all but the largest
    with np.errstate(over="ignore"):
        return lse * target_mass - target_term


def _q_minus_p(q: np.ndarray, is_labels: bool, t: np.ndarray, e: float) -> np.ndarray:
    """``q - p`` (in place of q) for the smoothed target p of labels or distributions ``t``,
    with the component where q is nearly 1 kept exact (see the gradient's Notes)."""
    k = q.shape[-1]
    if is_labels:
        y = t[..., None]
        # q_y - p_y as (1 - p_y) - sum(q_i, i != y): q_y - 1 rounds to 0 when q_y = 1 - 4e-18.
        true = e * (k - 1) / k - _others(q, y, -1)
        if e:
            q -= e / k
        np.put_along_axis(q, y, true, -1)
        return q
    p = _smooth(t, e)
    mass = np.sum(p, axis=-1, keepdims=True)
    # q * sum(p) - p is the exact derivative of the loss and sums to 0. Where q_i is nearly 1
    # (at most one class, q's arg-max), q_i sum(p) - p_i is taken as
    # sum(p_j, j != i) - sum(p) * sum(q_j, j != i), which keeps a tiny difference.
    top = np.argmax(q, axis=-1, keepdims=True)
    near_one = _others(p, top, -1) - mass * _others(q, top, -1)
    q *= mass
    q -= p
    np.put_along_axis(q, top, near_one, -1)
    return q


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
    ``q_i / T >= 0``: their logits are lowered (seed 003). ``q_y - 1`` is computed as
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
    for block in _blocks(*rows.shape):
        q = _softmax_rows(rows[block], temperature)
        grad[block] = _q_minus_p(q, is_labels, targets[block], e)
    grad = grad.reshape(z.shape)
    if temperature != 1.0:
        _divide(grad, temperature)
    if base_log != 1.0:
        grad /= base_log
    if reduction == "mean":
        batch = z.size // k
        if batch == 0:
            raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
        grad /= batch
    return grad


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

    It is the two-class cross-entropy with ``p_1 = p``, ``p_2 = 1 - p`` (seed 002).

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
    return _reduce(loss + 0.0, reduction)


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
    cross-entropy of logits ``[z, 0]`` with target ``[t, 1 - t]`` (seed 001's table: one
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
    return _reduce(loss + 0.0, reduction)


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
    return _reduce(_miss(z, t) ** 2 + 0.0, reduction)


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
