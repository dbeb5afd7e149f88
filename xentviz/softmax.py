r"""Softmax and its relatives: turning logits z into probabilities q.

.. math:: q_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

Every function here subtracts the maximum logit before exponentiating. Softmax does not change
when the same number is added to every logit, and after the shift the largest exponent is
``e^0 = 1``: nothing overflows and the denominator is at least 1, for any finite logits.
"""

from __future__ import annotations

import math

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


def _divide(a: np.ndarray, by: float) -> np.ndarray:
    """``a / by`` in place, by the float64 ``by`` itself: a tiny temperature that float32 would
    round to 0 (or a huge one it would round to inf) still divides as the number it is."""
    # Beyond the float range the correctly rounded quotient is +-inf; 0 / by stays 0.
    with np.errstate(over="ignore", under="ignore"):
        np.divide(a, np.float64(by), out=a, casting="same_kind")
    return a


def _shifted(z: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    """A new array ``(z - max z) / T``: every entry <= 0 and the maximum exactly 0."""
    # Logits spanning more than the float range, or a tiny temperature, can push an entry
    # below -1.8e308; -inf is then the correctly rounded value and exp(-inf) = 0 is right.
    with np.errstate(over="ignore"):
        s = np.subtract(z, _max(z, axis))
    if temperature != 1.0:
        _divide(s, temperature)
    return s


def _others(x: np.ndarray, index: np.ndarray, axis: int) -> np.ndarray:
    """For each slice along ``axis``: the sum of its entries other than the one at ``index``
    (shape with ``axis`` kept as length 1). Summed directly, not as ``sum - x[index]``, which
    loses everything when ``x[index]`` is nearly the whole sum (q_y = 1 - 4e-18)."""
    rest = x.copy()
    np.put_along_axis(rest, index, 0.0, axis)
    return _sum(rest, axis)


def _log_normalizer(
    s: np.ndarray, axis: int, overwrite: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """``(e, log sum e)`` for shifted logits ``s`` (max exactly 0), with ``e = exp(s)``; the
    log keeps ``axis`` as length 1. ``overwrite``: ``e`` takes the place of ``s`` (no new
    array, where the caller needs ``s`` no more).

    The sum is ``1 + rest``, where ``rest`` sums every term but one largest, so its log is
    ``log1p(rest)``: exact to a few ulps even when ``rest`` is 4e-18 (a lead of 40), where
    ``log(1 + rest)`` would give 0. ``rest`` is ``sum - 1`` where that is exact enough (the
    sum at least 1.5); the other slices, where one class dominates, sum their other terms
    directly.
    """
    e = np.exp(s, out=s if overwrite else None)
    total = _sum(e, axis)
    rest = total - 1.0
    low = total < 1.5
    if low.any():
        dominated = np.moveaxis(low, axis, -1)[..., 0]
        others = np.moveaxis(e, axis, -1)[dominated]  # a copy: (slices, K)
        others[np.arange(len(others)), np.argmax(others, axis=-1)] = 0.0
        np.moveaxis(rest, axis, -1)[dominated, 0] = _sum(others, -1)[:, 0]
    return e, np.log1p(rest)


#: Elements a block: big arrays are worked through in blocks of rows whose temporaries stay in
#: the CPU's cache, 1.3 to 1.6 times faster at 10^7 elements than whole-array passes
#: (benchmarks/bench_core.py).
_BLOCK = 1 << 15


def _blocks(rows: int, k: int):
    """Slices of ``rows`` rows of ``k`` classes, about ``_BLOCK`` elements each."""
    step = max(1, _BLOCK // k)
    return (slice(start, start + step) for start in range(0, rows, step))


def _rowwise(z: np.ndarray, axis: int, rows_fn) -> np.ndarray:
    """``rows_fn`` (a (n, K) block in, the same shape out) over ``z`` with its class axis
    last, block by block; the result in ``z``'s layout."""
    moved = np.moveaxis(z, axis, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.empty_like(rows)
    for block in _blocks(*rows.shape):
        out[block] = rows_fn(rows[block])
    return np.moveaxis(out.reshape(moved.shape), -1, axis)


def _softmax_rows(rows: np.ndarray, temperature: float) -> np.ndarray:
    q = _shifted(rows, -1, temperature)
    np.exp(q, out=q)
    q /= _sum(q, -1)
    return q


def _log_softmax_rows(rows: np.ndarray, temperature: float) -> np.ndarray:
    out = _shifted(rows, -1, temperature)
    out -= _log_normalizer(out, -1)[1]
    return out


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
    return _rowwise(z, axis, lambda rows: _softmax_rows(rows, temperature))


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
    return _rowwise(z, axis, lambda rows: _log_softmax_rows(rows, temperature))


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
        s = np.subtract(z, m)
    lse = _log_normalizer(s, axis, overwrite=True)[1]
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

    (seed 001, equation 2, there with T = 1).

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
    return _divide(products, temperature) if temperature != 1.0 else products


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
