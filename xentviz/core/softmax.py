r"""Softmax and its relatives: turning logits z into probabilities q.

.. math:: q_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

Every function here subtracts the maximum logit before exponentiating. Softmax does not change
when the same number is added to every logit, and after the shift the largest exponent is
``e^0 = 1``: nothing overflows and the denominator is at least 1, for any finite logits.
"""

from __future__ import annotations

import math

import numpy as np

from . import _kernels as kern
from . import validation as v

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "softmax_jacobian",
    "standard_normalization",
]


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
    The four-class example of Chaurasia (2023) (dog, cat, horse, cheetah):

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
    return kern.rowwise(z, axis, lambda rows: kern.softmax_rows(rows, temperature))


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

    The sum's log is taken as ``log1p`` of every term but the largest (which is ``e^0 = 1``),
    so a class leading by 40 gets ``log q = -4.25e-18``, not 0. Taking ``np.log(softmax(z))``
    instead gives ``-inf`` wherever q underflows to 0, although the true log-probability is an
    ordinary number.

    Examples
    --------
    >>> import numpy as np
    >>> from xentviz import log_softmax, softmax
    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])
    >>> with np.errstate(divide="ignore"):
    ...     np.log(softmax([1000.0, 1.0]))
    array([  0., -inf])
    >>> print(log_softmax([40.0, 0.0])[0])  # log(1 - 4.25e-18); np.log(softmax(...)) gives 0
    -4.248354255291589e-18
    """
    z = v.logits_array(z, "z", axis)
    temperature = v.temperature_value(temperature)
    return kern.rowwise(z, axis, lambda rows: kern.log_softmax_rows(rows, temperature))


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
    m = kern.max_of(z, axis)
    with np.errstate(over="ignore"):
        s = np.subtract(z, m)
    lse = kern.log_normalizer(s, axis, overwrite=True)[1]
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
        Symmetric; every row and column sums to 0 (up to rounding). The diagonal is
        ``q_k * sum(q_j, j != k) / T``, exact where ``1 - q_k`` would round to 0.

    Notes
    -----
    .. math:: \frac{\partial q_k}{\partial z_j} = \frac{q_k (\delta_{kj} - q_j)}{T}

    (Wocjan (2019), equation 2, there with T = 1).

    Examples
    --------
    >>> from xentviz import softmax_jacobian
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    q = softmax(z, temperature=temperature)
    temperature = v.temperature_value(temperature)
    products = q[..., :, None] * q[..., None, :]  # q_k q_j
    diagonal = np.einsum("...kk->...k", products)  # a writable view of the diagonal
    diagonal[...] = 0.0
    # q_k (1 - q_k) as q_k * sum(q_j, j != k): the row's own off-diagonal products, so a row
    # sums to 0 and J_kk keeps its value where 1 - q_k would round to 0.
    own = np.sum(products, axis=-1)
    np.negative(products, out=products)
    products += 0.0  # no -0.0 where a product underflowed
    diagonal += own
    return kern.divide(products, temperature) if temperature != 1.0 else products


def standard_normalization(z, axis=-1):
    r"""The "standard normalisation" ``z / sum(z)`` that Chaurasia (2023) compares softmax with.

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
    negative entries give negative "probabilities". The sum is exact (``math.fsum``), so
    ``[1e16, 3, -1e16]`` gives ``[3.3e15, 1, -3.3e15]``, and a sum beyond the float range is
    no obstacle (``[1e308, 1e308]`` gives ``[0.5, 0.5]``). A ``ValueError`` says so when the
    sum is exactly 0 (undefined) or so small beside the entries that a quotient overflows.

    Examples
    --------
    >>> from xentviz import standard_normalization
    >>> standard_normalization([2.0, 4.0]).round(3)
    array([0.333, 0.667])
    >>> standard_normalization([-1.0, 2.0])
    array([-1.,  2.])
    >>> standard_normalization([1e16, 3.0, -1e16])
    array([ 3.33333333e+15,  1.00000000e+00, -3.33333333e+15])
    """
    z = v.logits_array(z, "z", axis)
    axis = v.class_axis(z, axis, "z")
    # An exact sum (math.fsum): [1e16, 3, -1e16] sums to 3, not to 0 or 4.
    z64 = z.astype(np.float64)
    try:
        total = np.apply_along_axis(math.fsum, axis, z64)
    except OverflowError:
        # A sum beyond the float range: z / sum(z) is the same for z scaled by a power of 2
        # (exactly), and [1e308, 1e308] still gives [0.5, 0.5].
        z64 = np.ldexp(z64, -np.frexp(np.max(np.abs(z64), axis=axis, keepdims=True))[1])
        total = np.apply_along_axis(math.fsum, axis, z64)
    total = np.expand_dims(total, axis)
    if (total == 0).any():
        raise ValueError(
            "z sums to exactly 0, so z / sum(z) is undefined; softmax has no such problem"
        )
    with np.errstate(over="ignore"):
        out = z64 / total
    if not np.isfinite(out).all():
        smallest = float(np.min(np.abs(total)))
        raise ValueError(
            f"z / sum(z) goes beyond the float range: the sum ({smallest:.3g}) is tiny beside the "
            "entries"
        )
    return out.astype(z.dtype, copy=False)
