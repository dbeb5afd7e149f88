"""The private kernels the softmax functions, the losses and the worked example share: a
stable shift by the largest logit, the log-normaliser, exact sums and divisions, blockwise rows,
a target read as labels or distributions, label smoothing, q - p and the reductions. Not public
API: the public functions validate their arguments and call these.
"""

from __future__ import annotations

import numpy as np

from . import validation as v

# Up to this many classes, a column-by-column maximum beats numpy's reduction over a short
# last axis (about 1.5x at K = 10; 3 to 10x at K = 2 to 4).
NARROW = 12


def max_of(a: np.ndarray, axis: int) -> np.ndarray:
    """Maximum along ``axis``, kept as a length-1 axis."""
    if axis in (-1, a.ndim - 1) and a.ndim > 1 and a.shape[-1] <= NARROW:
        m = a[..., 0].copy()
        for j in range(1, a.shape[-1]):
            np.maximum(m, a[..., j], out=m)
        return m[..., None]
    return np.max(a, axis=axis, keepdims=True)


def sum_of(a: np.ndarray, axis: int) -> np.ndarray:
    """Sum along ``axis``, kept as a length-1 axis.

    Along the last axis a matrix-vector product with ones does it: BLAS runs 3 to 10x faster
    than numpy's row reduction and agrees to a few ulps.
    """
    if axis in (-1, a.ndim - 1):
        return np.asarray(a @ np.ones(a.shape[-1], dtype=a.dtype))[..., None]
    return np.sum(a, axis=axis, keepdims=True)


def divide(a: np.ndarray, by: float) -> np.ndarray:
    """``a / by`` in place, by the float64 ``by`` itself: a tiny temperature that float32 would
    round to 0 (or a huge one it would round to inf) still divides as the number it is."""
    # Beyond the float range the correctly rounded quotient is +-inf; 0 / by stays 0.
    with np.errstate(over="ignore", under="ignore"):
        np.divide(a, np.float64(by), out=a, casting="same_kind")
    return a


def shifted(z: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    """A new array ``(z - max z) / T``: every entry <= 0 and the maximum exactly 0."""
    # Logits spanning more than the float range, or a tiny temperature, can push an entry
    # below -1.8e308; -inf is then the correctly rounded value and exp(-inf) = 0 is right.
    with np.errstate(over="ignore"):
        s = np.subtract(z, max_of(z, axis))
    if temperature != 1.0:
        divide(s, temperature)
    return s


def others(x: np.ndarray, index: np.ndarray, axis: int) -> np.ndarray:
    """For each slice along ``axis``: the sum of its entries other than the one at ``index``
    (shape with ``axis`` kept as length 1). Summed directly, not as ``sum - x[index]``, which
    loses everything when ``x[index]`` is nearly the whole sum (q_y = 1 - 4e-18)."""
    rest = x.copy()
    np.put_along_axis(rest, index, 0.0, axis)
    return sum_of(rest, axis)


def log_normalizer(
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
    total = sum_of(e, axis)
    rest = total - 1.0
    low = total < 1.5
    if low.any():
        dominated = np.moveaxis(low, axis, -1)[..., 0]
        others = np.moveaxis(e, axis, -1)[dominated]  # a copy: (slices, K)
        others[np.arange(len(others)), np.argmax(others, axis=-1)] = 0.0
        np.moveaxis(rest, axis, -1)[dominated, 0] = sum_of(others, -1)[:, 0]
    return e, np.log1p(rest)


#: Elements a block: big arrays are worked through in blocks of rows whose temporaries stay in
#: the CPU's cache, 1.3 to 1.6 times faster at 10^7 elements than whole-array passes
#: (benchmarks/bench_core.py).
BLOCK = 1 << 15


def blocks(rows: int, k: int):
    """Slices of ``rows`` rows of ``k`` classes, about ``BLOCK`` elements each."""
    step = max(1, BLOCK // k)
    return (slice(start, start + step) for start in range(0, rows, step))


def rowwise(z: np.ndarray, axis: int, rows_fn) -> np.ndarray:
    """``rows_fn`` (a (n, K) block in, the same shape out) over ``z`` with its class axis
    last, block by block; the result in ``z``'s layout."""
    moved = np.moveaxis(z, axis, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.empty_like(rows)
    for block in blocks(*rows.shape):
        out[block] = rows_fn(rows[block])
    return np.moveaxis(out.reshape(moved.shape), -1, axis)


def softmax_rows(rows: np.ndarray, temperature: float) -> np.ndarray:
    q = shifted(rows, -1, temperature)
    np.exp(q, out=q)
    q /= sum_of(q, -1)
    return q


def log_softmax_rows(rows: np.ndarray, temperature: float) -> np.ndarray:
    out = shifted(rows, -1, temperature)
    out -= log_normalizer(out, -1)[1]
    return out


def smooth(p: np.ndarray, e: float) -> np.ndarray:
    return (1.0 - e) * p + e / p.shape[-1] if e else p


def as_target(target, z: np.ndarray, name: str = "target"):
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


def reduce(per_sample: np.ndarray, reduction: str):
    if reduction == "none":
        return per_sample[()]
    if reduction == "sum":
        return per_sample.sum()[()]
    if per_sample.size == 0:
        raise ValueError("reduction='mean' of an empty batch is undefined; use 'sum' or 'none'")
    return per_sample.mean()[()]


def q_minus_p(q: np.ndarray, is_labels: bool, t: np.ndarray, e: float) -> np.ndarray:
    """``q - p`` (in place of q) for the smoothed target p of labels or distributions ``t``,
    with the component where q is nearly 1 kept exact (see the gradient's Notes)."""
    k = q.shape[-1]
    if is_labels:
        y = t[..., None]
        # q_y - p_y as (1 - p_y) - sum(q_i, i != y): q_y - 1 rounds to 0 when q_y = 1 - 4e-18.
        true = e * (k - 1) / k - others(q, y, -1)
        if e:
            q -= e / k
        np.put_along_axis(q, y, true, -1)
        return q
    p = smooth(t, e)
    mass = np.sum(p, axis=-1, keepdims=True)
    # q * sum(p) - p is the exact derivative of the loss and sums to 0. Where q_i is nearly 1
    # (at most one class, q's arg-max), q_i sum(p) - p_i is taken as
    # sum(p_j, j != i) - sum(p) * sum(q_j, j != i), which keeps a tiny difference.
    top = np.argmax(q, axis=-1, keepdims=True)
    near_one = others(p, top, -1) - mass * others(q, top, -1)
    q *= mass
    q -= p
    np.put_along_axis(q, top, near_one, -1)
    return q
