r"""Softmax and its relatives: turning logits z into probabilities q.

.. math:: q_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

Every function here subtracts the maximum logit before exponentiating. Softmax does not change
when the same number is added to every logit, and after the shift the largest exponent is
``e^0 = 1``: nothing overflows and the denominator is at least 1, for any finite logits.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "softmax_jacobian",
    "standard_normalization",
]


# Up to this many classes, a column-by-column maximum beats numpy's reduction over a short
# last axis (about 1.5x at K = 10; 3 to 10x at K = 2 to 4).
_NARROW = 12


def _max(a: np.ndarray, axis: int) -> np.ndarray:
    """Maximum along ``axis``, kept as a length-1 axis."""
    if axis in (-1, a.ndim - 1) and a.ndim > 1 and a.shape[-1] <= _NARROW:
        m = a[..., 0].copy()
        for j in range(1, a.shape[-1]):
            np.maximum(m, a[..., j], out=m)
        return m[..., None]
    return np.max(a, axis=axis, keepdims=True)


def _sum(a: np.ndarray, axis: int) -> np.ndarray:
    """Sum along ``axis``, kept as a length-1 axis.

    Along the last axis a matrix-vector product with ones does it: BLAS runs 3 to 10x faster
    than numpy's row reduction and agrees to a few ulps.
    """
    if axis in (-1, a.ndim - 1):
        return np.asarray(a @ np.ones(a.shape[-1], dtype=a.dtype))[..., None]
    return np.sum(a, axis=axis, keepdims=True)


def _shifted(z: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    """A new array ``(z - max z) / T``: every entry <= 0 and the maximum exactly 0."""
    # Logits spanning more than the float range, or a tiny temperature, can push an entry
    # below -1.8e308; -inf is then the correctly rounded value and exp(-inf) = 0 is right.
    with np.errstate(over="ignore"):
        s = np.subtract(z, _max(z, axis))
        if temperature != 1.0:
            s /= temperature
    return s


def softmax(z, axis=-1, temperature=1.0):
    r"""Softmax of logits ``z`` along ``axis``, with temperature ``T``.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Finite logits; the classes lie along ``axis``.
    axis : int, default -1
        The class axis.
    temperature : float, default 1.0
        ``T > 0``. Large ``T`` flattens q towards uniform; small ``T`` sharpens it towards
        the arg-max.

    Returns
    -------
    q : ndarray, same shape as z
        Probabilities, non-negative and summing to 1 along ``axis``. float32 in gives float32
        out; integers and lists give float64.

    Notes
    -----
    .. math:: q_i = \frac{e^{(z_i - m)/T}}{\sum_j e^{(z_j - m)/T}}, \qquad m = \max_j z_j

    Shifting by the maximum ``m`` leaves q unchanged and keeps every exponent at or below 0.

    Examples
    --------
    The four-class example of seed 002 (dog, cat, horse, cheetah):

    >>> from xentviz import softmax
    >>> softmax([3.2, 1.3, 0.2, 0.8]).round(4)
    array([0.7751, 0.1159, 0.0386, 0.0703])

    Huge logits are no problem, where the textbook formula overflows:

    >>> softmax([1000.0, 0.0])
    array([1., 0.])

    Temperature: T = 2 softens, T = 0.5 sharpens.

    >>> softmax([2.0, 4.0], temperature=2.0).round(3)
    array([0.269, 0.731])
    >>> softmax([2.0, 4.0], temperature=0.5).round(3)
    array([0.018, 0.982])
    """
    z = v.logits_array(z, "z", axis)
    temperature = v.temperature_value(temperature)
    q = _shifted(z, axis, temperature)
    np.exp(q, out=q)
    q /= _sum(q, axis)
    return q


def log_softmax(z, axis=-1, temperature=1.0):
    r"""Log of the softmax of ``z``, computed without forming the softmax.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Finite logits; the classes lie along ``axis``.
    axis : int, default -1
        The class axis.
    temperature : float, default 1.0
        ``T > 0``.

    Returns
    -------
    log_q : ndarray, same shape as z
        ``log q``, every entry <= 0 and finite.

    Notes
    -----
    .. math:: \log q_i = \frac{z_i - m}{T} - \log \sum_j e^{(z_j - m)/T}

    Taking ``np.log(softmax(z))`` instead gives ``-inf`` wherever q underflows to 0, although
    the true log-probability is an ordinary number.

    Examples
    --------
    >>> import numpy as np
    >>> from xentviz import log_softmax, softmax
    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])
    >>> with np.errstate(divide="ignore"):
    ...     np.log(softmax([1000.0, 1.0]))
    array([  0., -inf])
    """
    z = v.logits_array(z, "z", axis)
    temperature = v.temperature_value(temperature)
    out = _shifted(z, axis, temperature)
    # The sum includes e^0 = 1, so the log is >= 0 and never log(0).
    out -= np.log(_sum(np.exp(out), axis))
    return out


def logsumexp(z, axis=-1):
    r"""``log sum_j exp(z_j)`` along ``axis``, without overflow.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Finite values.
    axis : int, default -1
        The axis to reduce.

    Returns
    -------
    lse : ndarray or scalar, shape z.shape without ``axis``

    Notes
    -----
    .. math:: \operatorname{LSE}(z) = m + \log \sum_j e^{z_j - m}, \qquad m = \max_j z_j

    It is a smooth maximum: ``max z <= LSE(z) <= max z + log K``.

    Examples
    --------
    >>> from xentviz import logsumexp
    >>> print(logsumexp([1000.0, 1000.0]))  # 1000 + log 2; the naive formula gives inf
    1000.6931471805599
    """
    z = v.logits_array(z, "z", axis)
    m = _max(z, axis)
    with np.errstate(over="ignore"):
        e = np.subtract(z, m)
    np.exp(e, out=e)
    lse = np.log(_sum(e, axis))
    lse += m
    return np.squeeze(lse, axis=axis)[()]


def sigmoid(x):
    r"""The logistic sigmoid ``1 / (1 + e^-x)``, stable for large ``|x|``.

    Parameters
    ----------
    x : array_like
        Finite numbers, any shape.

    Returns
    -------
    ndarray or scalar, same shape as x
        Values in [0, 1].

    Notes
    -----
    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}} = \frac{e^{x}}{1 + e^{x}}

    With ``u = e^{-|x|}`` (never above 1) the first form is used for ``x >= 0`` and the second
    for ``x < 0``, so no exponential overflows and tiny values keep their precision. A 2-class
    softmax is a sigmoid of the logit difference: ``softmax([a, b])[0] == sigmoid(a - b)``.

    Examples
    --------
    >>> from xentviz import sigmoid
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    >>> print(sigmoid(-40.0))  # 1 - sigmoid(40) would give 0
    4.248354255291589e-18
    """
    x = v.finite_array(x, "x")
    u = np.exp(-np.abs(x))
    return (np.where(x >= 0, 1.0, u) / (1.0 + u))[()]


def softmax_jacobian(z, temperature=1.0):
    r"""Jacobian of the softmax: ``J[..., k, j] = d q_k / d z_j``.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Finite logits, classes on the last axis.
    temperature : float, default 1.0
        ``T > 0``.

    Returns
    -------
    J : ndarray, shape (..., K, K)
        Symmetric; every row and column sums to 0.

    Notes
    -----
    .. math:: \frac{\partial q_k}{\partial z_j} = \frac{q_k (\delta_{kj} - q_j)}{T}

    (seed 001, equation 2, there with T = 1).

    Examples
    --------
    >>> from xentviz import softmax_jacobian
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    q = softmax(z, temperature=temperature)
    jac = -q[..., :, None] * q[..., None, :]
    diagonal = np.einsum("...kk->...k", jac)  # a writable view of the diagonal
    diagonal += q
    jac /= temperature
    return jac


def standard_normalization(z, axis=-1):
    r"""The "standard normalisation" ``z / sum(z)`` that seed 002 compares softmax with.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Finite values.
    axis : int, default -1
        The axis to normalise along.

    Returns
    -------
    ndarray, same shape as z

    Notes
    -----
    .. math:: \operatorname{std\_norm}(z)_i = \frac{z_i}{\sum_j z_j}

    Unlike softmax it only sees proportions: [2, 4] and [4, 8] give the same [1/3, 2/3], and
    negative entries give negative "probabilities". It is undefined when the sum is 0.

    Examples
    --------
    >>> from xentviz import standard_normalization
    >>> standard_normalization([2.0, 4.0]).round(3)
    array([0.333, 0.667])
    >>> standard_normalization([-1.0, 2.0])
    array([-1.,  2.])
    """
    z = v.logits_array(z, "z", axis)
    with np.errstate(over="ignore"):
        total = np.sum(z, axis=axis, keepdims=True)
    if (total == 0).any():
        raise ValueError("z sums to 0, so z / sum(z) is undefined; softmax has no such problem")
    if not np.isfinite(total).all():
        raise ValueError("z sums beyond the float range, so z / sum(z) cannot be computed")
    return z / total
