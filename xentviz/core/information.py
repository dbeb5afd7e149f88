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

from . import validation as v

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
    (Bahumi (course notes)). It is not symmetric: ``H(p, q) != H(q, p)`` in general.

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

    It is summed as :math:`\sum_i q_i \varphi(d_i) + \sum_i (p_i - q_i)` with
    :math:`d_i = (p_i - q_i)/q_i` and :math:`\varphi(d) = (1 + d)\log(1 + d) - d \ge 0`
    (a series for small d): the first-order parts of the terms, which cancel in the sum, are
    never formed, so nearly equal p and q keep their small divergence (``[.5, .5]`` against
    ``[.5 + 1e-12, .5 - 1e-12]`` gives 2e-24, as mpmath does, not 0). It is never reported
    below 0.

    Examples
    --------
    >>> from xentviz import kl_divergence
    >>> print(float(kl_divergence([0.5, 0.5], [0.5, 0.5])))
    0.0
    >>> print(float(kl_divergence([1.0, 0.0], [0.5, 0.5], base=2)))  # one bit wasted
    1.0
    >>> print(float(kl_divergence([0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12])))
    1.999911514098255e-24
    """
    p = v.distribution_array(p, "p", axis)
    q = v.distribution_array(q, "q", axis)
    v.same_shape(p, q, "p", "q")
    dtype = np.result_type(p, q)
    p, q = p.astype(dtype, copy=False), q.astype(dtype, copy=False)
    # Each term as q * phi(d) with d = (p - q) / q and phi(d) = (1 + d) log(1 + d) - d >= 0,
    # which is p log(p/q) - p + q; the sum of the - p + q parts is added back at the end. The
    # terms have no first-order part to cancel, so a divergence of 2e-24 keeps its digits.
    terms = np.where(p > 0, 0.0, q).astype(dtype)  # p = 0: p log(p/q) - p + q = q
    terms[(p > 0) & (q == 0)] = np.inf
    both = (p > 0) & (q > 0)
    # p and q within a factor 2 of each other: p - q is exact, d = (p - q) / q is small.
    close = both & (p <= 2 * q) & (q <= 2 * p)
    terms[close] = q[close] * _phi((p[close] - q[close]) / q[close])
    # Farther apart, log(p/q) is at least log 2 away from 0 and has no cancellation to fear.
    far = both & ~close
    pf, qf = p[far], q[far]
    with np.errstate(over="ignore", under="ignore"):
        ratio = pf / qf
    log_ratio = np.empty_like(ratio)
    fine = (ratio > 0) & np.isfinite(ratio)
    log_ratio[fine] = np.log(ratio[fine])
    # A subnormal p or q can put p / q beyond the float range; its log is an ordinary number.
    log_ratio[~fine] = np.log(pf[~fine]) - np.log(qf[~fine])
    terms[far] = pf * log_ratio - pf + qf
    with np.errstate(over="ignore"):
        kl = np.sum(terms, axis=axis) + np.sum(p - q, axis=axis)
    # Never below 0: a distribution is accepted with a sum off 1 by up to 1e-6, and that
    # correction (or rounding) could otherwise push a KL of near-equal p and q below 0.
    d_kl = np.maximum(kl, 0.0)
    d_kl /= v.log_base(base)
    return d_kl[()]


#: phi(d) = sum over n >= 2 of (-1)^n d^n / (n (n - 1)); 19 terms reach double precision for
#: |d| <= 0.1 (the next is below 0.1^17 of the first).
_PHI_TERMS = 19


def _phi(d: np.ndarray) -> np.ndarray:
    """``(1 + d) log(1 + d) - d`` for d in [-1/2, 1], accurate to a few ulps relative."""
    out = np.empty_like(d)
    small = np.abs(d) <= 0.1
    x = d[small]
    series = np.zeros_like(x)
    for n in range(_PHI_TERMS, 1, -1):  # Horner, from the smallest term
        series = series * x + (-1) ** n / (n * (n - 1))
    out[small] = series * x * x
    big = d[~small]
    out[~small] = (1.0 + big) * np.log1p(big) - big
    return out


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
