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

__all__ = ["Step", "loss", "gradient", "step_change", "steps", "ratio_log10", "DIGITS"]

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


def loss(logits, target, *, base=None, digits: int = 60):
    """The exact softmax cross-entropy of float64 ``logits`` and class ``target`` (an mpf to
    ``digits`` significant digits), in nats or in ``base``."""
    z, y = _checked(logits, target)
    ctx = _context(digits)
    return _loss(ctx, [ctx.mpf(v) for v in z], y) / _unit(ctx, base)


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


def ratio_log10(log_ratio: float) -> float:
    """log10 of a ratio given as a natural log (for ratios beyond float64's range)."""
    return log_ratio / math.log(10)
