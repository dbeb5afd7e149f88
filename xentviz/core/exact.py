"""The exact value behind a float64 result, for the sentences that compare or call something 0.

A page that says "the loss stays the same" or "each step is shorter" must say it of the exact
value, not of two float64 numbers that happen to round alike. Here the float64 logits are taken
as the exact numbers they are, and softmax cross-entropy, its gradient and a gradient step are
computed from them in arbitrary precision (mpmath), with as many digits as the comparison
needs: a loss that falls by 2.9e-30 from 3.4e-15 is decided with 60 digits, one that falls by
1e-868 with ~900.

Everything is for a one-hot target (an integer class), as on the loss page.

>>> fall = step_change([34.0, 0.0, 0.0], 0, 1.0, only=(0, 1))
>>> fall.falls, float(fall.before - fall.after) > 0
(True, True)
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import mpmath

from .validation import logits_array, real_value, whole_value

__all__ = [
    "Step", "loss", "gradient", "step_change", "steps", "ratio_log10", "DIGITS", "entropy",
    "sigmoid_minus_softmax", "largest_move", "Move", "counts_entropy_order",
    "counts_cross_entropy_order", "cross_entropy",
]  # fmt: skip

#: The most digits a comparison may take before it is left undecided (a few ms each).
DIGITS = 4000


def _context(digits: int):
    """A context of its own (mpmath's global one is shared by every thread of the server)."""
    ctx = mpmath.MPContext()
    ctx.dps = digits
    return ctx


def _terms(ctx, z, y: int):
    """(m, S, R): the largest logit's lead over z_y, m = max(z) - z_y >= 0, with
    S = sum_k e^(z_k - max z) and R = sum_{k != y} e^(z_k - max z) (no cancellation)."""
    top = max(z)
    e = [ctx.exp(v - top) for v in z]
    r = ctx.fsum(e[k] for k in range(len(z)) if k != y)
    return top - z[y], e[y] + r, r, e


def _loss(ctx, z, y: int):
    """-log q_y = m + log S, with log(1 + R) as ``log1p`` when the true class leads."""
    m, s, r, _ = _terms(ctx, z, y)
    return ctx.log1p(r) if m == 0 else m + ctx.log(s)


def _gradient(ctx, z, y: int):
    """q - p: q_k = e_k / S, and q_y - 1 = -R / S (no cancellation)."""
    _, s, r, e = _terms(ctx, z, y)
    return [(-r if k == y else e[k]) / s for k in range(len(z))]


def _checked(logits, target):
    z = logits_array(logits, "logits")
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"logits must be one vector of at least 2 classes, got shape {z.shape}")
    y = whole_value(target, "target", 0, z.size - 1)
    return [float(v) for v in z], y


def _stepping(logits, target, learning_rate, only):
    """The checked inputs of a step: logits, target, rate and the logits that move."""
    z, y = _checked(logits, target)
    rate = real_value(learning_rate, "learning_rate", 0.0)
    only = range(len(z)) if only is None else [whole_value(j, "only", 0, len(z) - 1) for j in only]
    return z, y, rate, set(only)


def _unit(ctx, base):
    return 1 if base is None else ctx.log(base)


def _scaled(ctx, z, temperature):
    """z / T, exactly as mpf (T a float64 > 0 taken as exact)."""
    t = ctx.mpf(real_value(temperature, "temperature", 0.0))
    if t <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature!r}")
    return [ctx.mpf(v) / t for v in z]


def loss(logits, target, *, base=None, temperature: float = 1.0, digits: int = 60):
    """The exact softmax cross-entropy of float64 ``logits`` (over ``temperature``) and class
    ``target`` (an mpf to ``digits`` significant digits), in nats or in ``base``."""
    z, y = _checked(logits, target)
    ctx = _context(digits)
    return _loss(ctx, _scaled(ctx, z, temperature), y) / _unit(ctx, base)


def _log_q(ctx, z, temperature):
    """log softmax(z / T) exactly enough for tiny q and for q that float64 rounds to 1: with n
    leaders tied at the largest s (each e^0 = 1), log S = log n + log1p(R / n)."""
    s = _scaled(ctx, z, temperature)
    top = max(s)
    lead = sum(1 for v in s if v == top)
    rest = ctx.fsum(ctx.exp(v - top) for v in s if v != top)
    log_s = ctx.log(lead) + ctx.log1p(rest / lead)
    return [v - top - log_s for v in s]


def _distribution(p, k: int) -> list[float]:
    p = logits_array(p, "p")
    if p.shape != (k,) or (p < 0).any():
        raise ValueError(f"p must be {k} values >= 0, got {p!r}")
    return [float(v) for v in p]


def cross_entropy(logits, p, *, base=None, temperature: float = 1.0, digits: int = 60):
    """The exact H(p, q) = -sum p_i log q_i of q = softmax(z / T) from float64 ``logits``
    against the float64 target ``p`` (both taken as exact), in nats or in ``base``: a sum of
    terms >= 0, to ``digits`` significant digits.

    >>> mpmath.nstr(cross_entropy([745.0, 0.0, 0.0], [1.0, 0.0, 0.0]), 4)  # float64: 9.881e-324
    '5.645e-324'
    """
    z, _ = _checked(logits, 0)
    weights = _distribution(p, len(z))
    ctx = _context(digits)
    log_q = _log_q(ctx, z, temperature)
    total = ctx.fsum(-w * lq for w, lq in zip(weights, log_q, strict=True) if w > 0)
    return total / _unit(ctx, base)


def entropy(logits, *, base=None, temperature: float = 1.0, digits: int = 60):
    """The exact entropy H(q) of q = softmax(z / T) from float64 ``logits``, in nats or in
    ``base``: -sum q_k log q_k with log q_k = s_k - log S, and log S of the leaders (tied at the
    largest logit, each e^0 = 1) as log(n) + log1p(R / n), so a q that float64 rounds to 1
    still gives its exact (tiny) share.

    >>> mpmath.nstr(entropy([745.0, 0.0, 0.0]), 4)  # float64's sum: 7.371e-321
    '4.211e-321'
    """
    z, _ = _checked(logits, 0)
    ctx = _context(digits)
    total = ctx.fsum(-ctx.exp(lq) * lq for lq in _log_q(ctx, z, temperature))
    return total / _unit(ctx, base)


def gradient(logits, target, *, base=None, digits: int = 60) -> list:
    """The exact d loss / d logits, (q - p) / ln b, to ``digits`` significant digits each."""
    z, y = _checked(logits, target)
    ctx = _context(digits)
    unit = _unit(ctx, base)
    return [g / unit for g in _gradient(ctx, [ctx.mpf(v) for v in z], y)]


@dataclass(frozen=True)
class Step:
    """One exact gradient step from float64 logits."""

    moved: tuple  #: the exact change of each logit, -rate * gradient (0 where it stays)
    before: object  #: the exact loss before (mpf)
    after: object  #: the exact loss after (mpf)
    falls: bool | None  #: decided exactly; None if DIGITS were not enough
    digits: int  #: the digits it took

    @property
    def change_log10(self) -> float:
        """log10 of |after - before| (-inf where it is 0)."""
        d = abs(self.after - self.before)
        return -math.inf if d == 0 else float(mpmath.log10(d))


def _one_step(ctx, z, y: int, rate, only, unit):
    g = _gradient(ctx, z, y)
    moved = [(-rate * g[k] / unit if k in only else ctx.mpf(0)) for k in range(len(z))]
    return moved, [a + b for a, b in zip(z, moved, strict=True)]


def step_change(logits, target, learning_rate: float, *, only=None, base=None) -> Step:
    """The exact loss before and after one gradient step of ``learning_rate`` on ``only`` (all
    logits by default), from the float64 ``logits`` taken as exact: the step a page draws,
    without float64's rounding. Digits are doubled until the change is resolved (to about 6
    significant digits), up to :data:`DIGITS`."""
    z, y, rate, only = _stepping(logits, target, learning_rate, only)
    digits = 40
    while True:
        ctx = _context(digits)
        zz = [ctx.mpf(v) for v in z]
        unit = _unit(ctx, base)
        moved, after = _one_step(ctx, zz, y, ctx.mpf(rate), only, unit)
        before_loss, after_loss = _loss(ctx, zz, y) / unit, _loss(ctx, after, y) / unit
        change = after_loss - before_loss
        # A logit rounded to ``digits`` moves each e^(z_k - max z) by a relative
        # scale * 10^-digits, and so each loss by that much of itself.
        scale = max([abs(v) for v in after] + [1])
        noise = max(abs(before_loss), abs(after_loss)) * scale * ctx.mpf(10) ** (8 - digits)
        decided = abs(change) > noise or rate == 0
        if decided or digits >= DIGITS:
            falls = (change < 0) if decided else None
            return Step(tuple(moved), before_loss, after_loss, falls, digits)
        digits *= 2


def steps(logits, target, learning_rate: float, n: int, *, only=None, base=None) -> list:
    """The lengths of ``n`` exact gradient steps on ``only`` from float64 ``logits`` (each the
    Euclidean length of its move), as mpf to 60 digits and more where the steps are tiny: the
    path float64 would take without rounding."""
    z, y, rate, only = _stepping(logits, target, learning_rate, only)
    digits = 60
    while True:
        ctx = _context(digits)
        unit = _unit(ctx, base)
        zz, lengths = [ctx.mpf(v) for v in z], []
        for _ in range(n):
            moved, zz = _one_step(ctx, zz, y, ctx.mpf(rate), only, unit)
            lengths.append(ctx.sqrt(ctx.fsum(m * m for m in moved)))
        scale = max([abs(v) for v in zz] + [1]) * ctx.mpf(10) ** (8 - digits)
        gaps = [(abs(a - b), a * scale) for a, b in itertools.pairwise(lengths)]
        if all(g > noise for g, noise in gaps) or digits >= DIGITS or rate == 0:
            return lengths
        digits *= 2


def _resolved(compute, digits: int = 40):
    """``compute(ctx) -> (difference, size)`` at doubling digits until the difference is
    resolved beside the rounding of ``size`` (its terms' magnitude), or is exactly 0 by
    construction (the caller forms it so), or :data:`DIGITS` are reached: (difference, digits)."""
    while True:
        ctx = _context(digits)
        difference, size = compute(ctx)
        if difference == 0 or abs(difference) > abs(size) * ctx.mpf(10) ** (8 - digits):
            return difference, digits
        if digits >= DIGITS:
            return difference, digits
        digits *= 2


def sigmoid_minus_softmax(logits, target):
    """σ(z_y) - softmax(z)_y exactly, from float64 ``logits`` (an mpf; its sign decided).

    With S = sum of e^(z_k) over the rivals k != y, σ(z_y) - softmax_y =
    e^(-z_y)(S - 1) / ((1 + e^(-z_y))(1 + e^(-z_y) S)): the sigmoid weighs one rival of logit 0
    (e^0 = 1) against the softmax's S. They are equal exactly when the rivals are one logit of
    exactly 0; otherwise S != 1 (by Lindemann-Weierstrass, e^a for distinct algebraic a are
    linearly independent over the algebraic numbers), and the digits are doubled until S - 1 is
    resolved.

    >>> mpmath.nstr(-sigmoid_minus_softmax([1000.0, -5.0], 0), 4)  # the softmax is larger
    '5.042e-435'
    >>> sigmoid_minus_softmax([3.0, 0.0], 0) == 0
    True
    """
    z, y = _checked(logits, target)
    rivals = [v for k, v in enumerate(z) if k != y]
    if rivals == [0.0]:
        return mpmath.mpf(0)

    def compute(ctx):
        zeros = sum(1 for v in rivals if v == 0)
        others = [ctx.exp(v) for v in rivals if v != 0]
        if zeros:  # S - 1 = (zeros - 1) + the rest: no cancellation
            s_minus_1 = ctx.fsum([zeros - 1, *others])
        elif len(others) == 1:
            s_minus_1 = ctx.expm1(rivals[0])
        else:
            s_minus_1 = ctx.fsum([*others, -1])
        s = ctx.fsum([zeros, *others])  # S itself, not (S - 1) + 1: S may be e^-930
        e = ctx.exp(-ctx.mpf(z[y]))
        size = max(ctx.fsum(others), 1) * e
        return e * s_minus_1 / ((1 + e) * (1 + e * s)), size / ((1 + e) * (1 + e * s))

    return _resolved(compute)[0]


@dataclass(frozen=True)
class Move:
    """Which logits one gradient step moves the most, decided exactly."""

    largest: tuple  #: the classes with the largest |q_k - p_k| (two only when they tie exactly)
    size: object  #: that largest |q_k - p_k| (mpf)
    margin: object  #: how much larger it is than the next class's (mpf; 0 for a tie)
    runner_up: int | None  #: the class with the next largest |q_k - p_k| (None if all tie)


def largest_move(logits, target, *, digits: int = 60) -> Move:
    """The logit a gradient step moves the most, for a one-hot target: |q_y - 1| = the sum of
    the rivals' q, so with three or more classes the true class leads every rival (each q > 0
    exactly), by the q of the rivals but the largest; with two classes the rival ties it.

    >>> m = largest_move([1000.0, 0.0, 0.0], 1)  # float64: cat's q and dog's |q - 1| are both 1
    >>> m.largest, m.runner_up, mpmath.nstr(m.margin, 4)
    ((1,), 0, '5.076e-435')
    """
    z, y = _checked(logits, target)
    ctx = _context(digits)
    zz = [ctx.mpf(v) for v in z]
    _, s, r, e = _terms(ctx, zz, y)
    rivals = sorted((k for k in range(len(z)) if k != y), key=lambda k: -e[k])
    top = rivals[0]
    if len(rivals) == 1:
        return Move((min(y, top), max(y, top)), r / s, ctx.mpf(0), None)
    return Move((y,), r / s, ctx.fsum(e[k] for k in rivals[1:]) / s, top)


def _prime_logs(n: int, times: int, into: dict) -> None:
    """Add ``times`` * log n to ``into`` as whole multiples of log p for the primes p of n."""
    p = 2
    while p * p <= n:
        while n % p == 0:
            into[p] = into.get(p, 0) + times
            n //= p
        p += 1
    if n > 1:
        into[n] = into.get(n, 0) + times


def _n_cross(p_counts, q_counts) -> tuple[int, dict | None]:
    """(N_p, N_p·H(p, q) as whole multiples of log prime), for distributions of whole counts:
    N_p·H(p, q) = N_p log N_q - sum c_p log c_q; None where it is infinite (some c_q = 0 where
    c_p > 0)."""
    a, b = [int(c) for c in p_counts], [int(c) for c in q_counts]
    if len(a) != len(b) or any(c < 0 for c in a + b) or sum(a) == 0 or sum(b) == 0:
        raise ValueError("counts must be whole, >= 0, as many in each and not all 0")
    n, logs = sum(a), {}
    if any(cp > 0 and cq == 0 for cp, cq in zip(a, b, strict=True)):
        return n, None
    _prime_logs(sum(b), n, logs)
    for cp, cq in zip(a, b, strict=True):
        if cp > 0 and cq > 1:
            _prime_logs(cq, -cp, logs)
    return n, logs


def counts_cross_entropy_order(first, second) -> int:
    """The sign of H(p, q) - H(p', q') for two pairs ``first`` = (p, q), ``second`` = (p', q')
    of distributions of whole counts (containers; H(p, p) is the entropy), decided exactly, in
    any base: N_p·H(p, q) = N_p log N_q - sum c_p log c_q is a sum of whole multiples of the logs
    of primes, which are linearly independent over the rationals, so the two are equal exactly
    when those multiples agree; otherwise mpmath decides the sign. (float64 may differ in the
    last digit for the same counts in another order.) An infinite one (q = 0 where p > 0) is
    larger than every finite one and equal to another infinite one.

    >>> counts_cross_entropy_order(([1, 2], [2, 1]), ([2, 1], [1, 2]))
    0
    """
    (na, la), (nb, lb) = _n_cross(*first), _n_cross(*second)
    if la is None or lb is None:
        return (la is None) - (lb is None)
    # H - H' = (nb·(N_a H) - na·(N_b H')) / (na nb)
    primes = sorted(set(la) | set(lb))
    weights = {p: nb * la.get(p, 0) - na * lb.get(p, 0) for p in primes}
    if not any(weights.values()):
        return 0

    def compute(ctx):
        terms = [w * ctx.log(p) for p, w in weights.items() if w]
        return ctx.fsum(terms), max(abs(t) for t in terms)

    difference, _ = _resolved(compute)
    return (difference > 0) - (difference < 0)


def counts_entropy_order(a, b) -> int:
    """The sign of H(a) - H(b) for two distributions of whole counts, decided exactly
    (:func:`counts_cross_entropy_order` of (a, a) and (b, b)).

    >>> counts_entropy_order([7, 7, 6], [6, 7, 7]), counts_entropy_order([1, 1], [2, 2])
    (0, 0)
    >>> counts_entropy_order([1, 1], [2, 1]), counts_entropy_order([3, 1], [2, 1])
    (1, -1)
    """
    return counts_cross_entropy_order((a, a), (b, b))


def ratio_log10(log_ratio: float) -> float:
    """log10 of a ratio given as a natural log (for ratios beyond float64's range)."""
    return log_ratio / math.log(10)
