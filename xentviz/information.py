r"""Entropy, cross-entropy and KL divergence of discrete distributions.

.. math::

    H(p) = -\sum_i p_i \log p_i, \qquad
    H(p, q) = -\sum_i p_i \log q_i, \qquad
    D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p)

The conventions are the limits: ``0 log 0 = 0`` (an impossible outcome adds no uncertainty),
``0 log(0/q) = 0``, and ``p log(p/0) = inf`` for ``p > 0`` (predicting probability 0 for
something that happens costs infinitely much). Logs are natural (nats) unless ``base`` is given:
``base=2`` gives bits.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "binary_entropy",
    "distribution_from_counts",
]


def xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x * log(y)`` with ``0 * log(anything) = 0`` and ``x * log(0) = -inf`` for ``x > 0``.

    Inputs are non-negative arrays of one shape (already checked); no warnings are raised.
    """
    log_y = np.zeros(np.broadcast_shapes(x.shape, y.shape), dtype=np.result_type(x, y))
    np.log(y, out=log_y, where=y > 0)
    log_y[(y == 0) & (x > 0)] = -np.inf
    return x * log_y


def xlog1py(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x * log(1 + y)`` for ``y`` in [-1, 0], with the same conventions as :func:`xlogy`.

    ``log1p`` keeps the precision that ``log(1 - p)`` loses for tiny ``p``.
    """
    log_y = np.zeros(np.broadcast_shapes(x.shape, y.shape), dtype=np.result_type(x, y))
    np.log1p(y, out=log_y, where=y > -1)
    log_y[(y == -1) & (x > 0)] = -np.inf
    return x * log_y


def entropy(p, axis=-1, base=None):
    r"""Shannon entropy ``H(p)`` of distributions along ``axis``.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Probabilities: non-negative, summing to 1 (within 1e-6) along ``axis``.
    axis : int, default -1
        The class axis.
    base : float or None, default None
        Log base: None for nats, 2 for bits, 10 for bans.

    Returns
    -------
    H : ndarray or scalar, shape p.shape without ``axis``
        Between 0 (one certain outcome) and ``log K`` (uniform).

    Notes
    -----
    .. math:: H(p) = -\sum_i p_i \log p_i, \qquad 0 \log 0 = 0

    Seed 002 prints this without its minus sign for discrete X; with the sign, H is never
    negative.

    Examples
    --------
    Seed 002's container 1 (26 triangles, 4 circles); the seed prints 0.5665 bits:

    >>> from xentviz import entropy
    >>> print(round(float(entropy([26 / 30, 4 / 30], base=2)), 5))
    0.56651
    >>> print(float(entropy([0.25, 0.25, 0.25, 0.25], base=2)))  # uniform over 4: log2 4
    2.0
    >>> print(float(entropy([1.0, 0.0])))
    0.0
    """
    p = v.distribution_array(p, "p", axis)
    h = -np.sum(xlogy(p, p), axis=axis)
    h /= v.log_base(base)
    return h[()] + 0.0  # + 0.0 turns -0.0 (a certain outcome) into 0.0


def cross_entropy(p, q, axis=-1, base=None):
    r"""Cross-entropy ``H(p, q)`` of ``q`` relative to the true distribution ``p``.

    Parameters
    ----------
    p : array_like, shape (..., K)
        True distribution(s), summing to 1 along ``axis``.
    q : array_like, same shape as p
        Predicted distribution(s), summing to 1 along ``axis``.
    axis : int, default -1
        The class axis.
    base : float or None, default None
        Log base: None for nats, 2 for bits.

    Returns
    -------
    ndarray or scalar, shape p.shape without ``axis``
        ``>= H(p)``; ``inf`` where some ``q_i = 0`` while ``p_i > 0``.

    Notes
    -----
    .. math:: H(p, q) = -\sum_i p_i \log q_i

    With a one-hot ``p`` it is ``-log q_y``: the one-hot vector selects the true class
    (seed 003). It is not symmetric: ``H(p, q) != H(q, p)`` in general.

    Examples
    --------
    Seed 002's rounded softmax output, true class dog, in bits. The seed prints 0.3677; the
    exact softmax gives 0.3675 (see ``softmax_cross_entropy``).

    >>> from xentviz import cross_entropy
    >>> print(round(float(cross_entropy([1, 0, 0, 0], [0.775, 0.116, 0.039, 0.070], base=2)), 4))
    0.3677
    >>> print(float(cross_entropy([0.5, 0.5], [1.0, 0.0])))
    inf
    """
    p = v.distribution_array(p, "p", axis)
    q = v.distribution_array(q, "q", axis)
    v.same_shape(p, q, "p", "q")
    h = -np.sum(xlogy(p, q), axis=axis)
    h /= v.log_base(base)
    return h[()] + 0.0


def kl_divergence(p, q, axis=-1, base=None):
    r"""Kullback-Leibler divergence ``D_KL(p || q)``, the extra cost of coding p with q.

    Parameters
    ----------
    p : array_like, shape (..., K)
        True distribution(s), summing to 1 along ``axis``.
    q : array_like, same shape as p
        Approximating distribution(s), summing to 1 along ``axis``.
    axis : int, default -1
        The class axis.
    base : float or None, default None
        Log base: None for nats, 2 for bits.

    Returns
    -------
    ndarray or scalar, shape p.shape without ``axis``
        ``>= 0``, ``0`` exactly when ``p == q``, ``inf`` where ``q_i = 0 < p_i``.

    Notes
    -----
    .. math:: D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p)

    Each term uses ``log(p_i / q_i)`` rather than the difference of two logs, so that nearly
    equal p and q do not lose their small divergence to cancellation. Rounding can still leave
    a sum a few ulps below 0; since the true value is never negative, such sums are reported
    as 0.

    Examples
    --------
    >>> from xentviz import kl_divergence
    >>> print(float(kl_divergence([0.5, 0.5], [0.5, 0.5])))
    0.0
    >>> print(float(kl_divergence([1.0, 0.0], [0.5, 0.5], base=2)))  # one bit wasted
    1.0
    """
    p = v.distribution_array(p, "p", axis)
    q = v.distribution_array(q, "q", axis)
    v.same_shape(p, q, "p", "q")
    both = (p > 0) & (q > 0)
    ratio = np.ones_like(p, dtype=np.result_type(p, q))
    with np.errstate(over="ignore", under="ignore"):
        np.divide(p, q, out=ratio, where=both)
    log_ratio = np.zeros_like(ratio)
    in_range = both & (ratio > 0) & (ratio < np.inf)
    np.log(ratio, out=log_ratio, where=in_range)
    # A subnormal q (or p) can push p / q out of the float range although its log is an
    # ordinary number; there the difference of logs is exact enough.
    extreme = both & ~in_range
    log_ratio[extreme] = np.log(p[extreme]) - np.log(q[extreme])
    log_ratio[(p > 0) & (q == 0)] = np.inf
    terms = p * log_ratio
    d = np.maximum(np.sum(terms, axis=axis), 0.0)
    d /= v.log_base(base)
    return d[()]


def binary_entropy(p, base=None):
    r"""Entropy of a coin that shows heads with probability ``p``.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1], any shape.
    base : float or None, default None
        Log base: None for nats, 2 for bits.

    Returns
    -------
    ndarray or scalar, same shape as p
        Maximal (1 bit) at p = 0.5, 0 at p = 0 and p = 1.

    Notes
    -----
    .. math:: H_b(p) = -p \log p - (1 - p) \log (1 - p)

    Examples
    --------
    >>> from xentviz import binary_entropy
    >>> print(float(binary_entropy(0.5, base=2)))
    1.0
    >>> binary_entropy([0.0, 1.0])
    array([0., 0.])
    """
    p = v.probability_array(p, "p")
    h = -(xlogy(p, p) + xlog1py(1.0 - p, -p))
    h /= v.log_base(base)
    return h[()] + 0.0


def distribution_from_counts(counts, axis=-1):
    r"""Turn counts (shapes in a container, say) into probabilities ``counts / sum(counts)``.

    Parameters
    ----------
    counts : array_like, shape (..., K)
        Non-negative finite counts, with a positive total along ``axis``.
    axis : int, default -1
        The axis of the categories.

    Returns
    -------
    ndarray, same shape as counts

    Examples
    --------
    >>> from xentviz import distribution_from_counts
    >>> distribution_from_counts([26, 4]).round(4)
    array([0.8667, 0.1333])
    """
    c = v.logits_array(counts, "counts", axis)
    if (c < 0).any():
        raise ValueError("counts must not be negative")
    total = np.sum(c, axis=axis, keepdims=True)
    if (total == 0).any():
        raise ValueError("counts must have a positive total (an empty container has no entropy)")
    if not np.isfinite(total).all():
        raise ValueError("counts sum beyond the float range")
    return c / total
