"""Checks made once at the public boundary of the maths core.

Every public function turns its arguments into arrays and checks them here, then trusts them
inside. Each failure is a ``ValueError`` whose message starts with the argument's name, so a
page can show it as it is and a notebook user knows which argument to fix.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

#: How far a distribution's sum may stray from 1 and still be accepted.
SUM_TOLERANCE = 1e-6

REDUCTIONS = ("mean", "sum", "none")


def as_float_array(x, name: str) -> np.ndarray:
    """``x`` as a real floating array: float32 (and float16) stay float32, the rest float64."""
    try:
        a = np.asarray(x)
    except (ValueError, TypeError) as err:  # ragged nested lists, unconvertible objects
        raise ValueError(f"{name} must be an array of numbers ({err})") from None
    kind = a.dtype.kind
    if kind == "f":
        return a.astype(np.float32, copy=False) if a.dtype.itemsize <= 4 else a
    if kind in "iu":
        return a.astype(np.float64)
    if kind == "b":
        # One rule everywhere: True and False are not numbers (nor class labels), so a mask
        # passed by mistake is refused rather than read as 1s and 0s.
        raise ValueError(f"{name} must contain numbers, got booleans")
    raise ValueError(f"{name} must contain real numbers, got dtype {a.dtype}")


def finite_array(x, name: str) -> np.ndarray:
    a = as_float_array(x, name)
    # One cheap reduction settles the common case: the sum of finite numbers is finite unless it
    # overflows, and then the element-wise test decides.
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(a)
    if not np.isfinite(total) and not np.isfinite(a).all():
        raise ValueError(f"{name} must be finite (no NaN or infinity)")
    return a


def logits_array(z, name: str, axis: int = -1) -> np.ndarray:
    """Finite values with at least one class along ``axis``."""
    a = finite_array(z, name)
    class_axis(a, axis, name)
    if a.shape[axis] == 0:
        raise ValueError(f"{name} must have at least one class on axis {axis}")
    return a


def class_axis(a: np.ndarray, axis: int, name: str) -> int:
    if a.ndim == 0:
        raise ValueError(f"{name} must have a class axis, got a scalar")
    if not isinstance(axis, numbers.Integral) or not -a.ndim <= axis < a.ndim:
        raise ValueError(f"axis {axis!r} is out of range for {name} with {a.ndim} dimension(s)")
    return int(axis)


def distribution_array(p, name: str, axis: int = -1) -> np.ndarray:
    """Probabilities along ``axis``: finite, non-negative, each slice summing to 1."""
    a = logits_array(p, name, axis)
    if (a < 0).any():
        raise ValueError(f"{name} must not have negative entries (min {a.min():g})")
    off = np.abs(np.sum(a, axis=axis, dtype=np.float64) - 1.0)
    if (off > SUM_TOLERANCE).any():
        worst = float(off.max())
        raise ValueError(f"{name} must sum to 1 along axis {axis} (off by up to {worst:.3g})")
    return a


def probability_array(p, name: str) -> np.ndarray:
    """Finite numbers in [0, 1], one probability per element."""
    a = finite_array(p, name)
    if ((a < 0) | (a > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1]")
    return a


def same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def _positive_finite(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be finite and > 0, got {value!r}")
    return v


def whole_value(value, name: str, lo: int, hi: int | None = None) -> int:
    """``value`` as an int, if it is a whole number from ``lo`` to ``hi`` (no bound if None)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        bound = f"from {lo} to {hi}" if hi is not None else f"at least {lo}"
        raise ValueError(f"{name} must be {bound}, got {value!r}")
    return int(value)


def real_value(value, name: str, lo: float, hi: float = math.inf) -> float:
    """``value`` as a float, if it is a finite real number from ``lo`` to ``hi``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not (math.isfinite(v) and lo <= v <= hi):
        raise ValueError(f"{name} must be a finite number from {lo:g} to {hi:g}, got {value!r}")
    return v


def temperature_value(temperature) -> float:
    return _positive_finite(temperature, "temperature")


def log_base(base) -> float:
    """The natural log of ``base`` (1.0 for ``None``, meaning nats), to divide logs by.

    A base must exceed 1: log base 1 is undefined, and a base below 1 turns every entropy
    and loss negative (0 <= H <= log K holds only for b > 1).
    """
    if base is None:
        return 1.0
    b = _positive_finite(base, "base")
    if b <= 1:
        raise ValueError(f"base must be greater than 1 (2 for bits, 10 for bans), got {base!r}")
    return math.log(b)


def smoothing_value(label_smoothing) -> float:
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, numbers.Real):
        raise ValueError(f"label_smoothing must be a real number, got {label_smoothing!r}")
    e = float(label_smoothing)
    if not 0.0 <= e <= 1.0:  # NaN fails this too
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    return e


def reduction_value(reduction) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")
    return reduction


def labels_array(labels, num_classes: int, name: str) -> np.ndarray:
    """Integer class indices in ``[0, num_classes)`` as an intp array.

    Floats are accepted when they hold whole numbers (labels read from a CSV often do).
    """
    try:
        a = np.asarray(labels)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name} must be integer class indices ({err})") from None
    if a.dtype.kind == "f":
        if not np.isfinite(a).all() or (a != np.round(a)).any():
            raise ValueError(f"{name} must be integer class indices, got non-integer values")
    elif a.dtype.kind not in "iu":
        raise ValueError(f"{name} must be integer class indices, got dtype {a.dtype}")
    if a.size and (a.min() < 0 or a.max() >= num_classes):
        raise ValueError(
            f"{name} must lie in [0, {num_classes - 1}] for {num_classes} classes, "
            f"got values from {a.min():g} to {a.max():g}"
        )
    return a.astype(np.intp)


def num_classes_value(num_classes) -> int:
    if isinstance(num_classes, bool) or not isinstance(num_classes, numbers.Integral):
        raise ValueError(f"num_classes must be an integer, got {num_classes!r}")
    if num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, got {num_classes!r}")
    return int(num_classes)
