"""Codecs of numbers: one (:class:`Real`, :class:`Count`, :class:`UpTo`), one per item of
another field or a list (:class:`Reals`), rows of counts (:class:`CountRows`) and pairs
(:class:`Pairs`). A number in a link is written as Python's shortest repr and read only as
ASCII decimal text."""

from __future__ import annotations

import math
import re
from typing import Any

from .engine import Codec

__all__ = ["Real", "Reals", "Count", "UpTo", "CountRows", "Pairs", "fmt"]


def fmt(x: float) -> str:
    """Shortest text that reads back as the same float (repr), without a trailing '.0'."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


#: A number as a link writes it: ASCII digits, a point, an exponent. Python's float() also
#: reads other scripts' digits ("١") and underscores ("1_0"), which a link should not carry.
_DECIMAL = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", re.ASCII)


def number(text: str, label: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{label}: {text[:40]!r} is not a number")
    x = float(text)
    if not math.isfinite(x):
        raise ValueError(f"{label} must be a finite number")
    return x


def real(value: Any, label: str) -> float:
    """``value`` as a float, refusing bools and anything that is not a real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{label} must be a number, got {value!r}")
    return float(value)


class Real(Codec):
    """One finite number in ``[low, high]``."""

    def __init__(self, key: str, low: float, high: float, label: str | None = None):
        super().__init__(key, label)
        self.low, self.high = low, high

    def decode(self, text, known):
        return number(text, self.label)

    def encode(self, value):
        return fmt(value)

    def check(self, value, known):
        x = real(value, self.label)
        if not (math.isfinite(x) and self.low <= x <= self.high):
            raise ValueError(f"{self.label} must lie in [{self.low:g}, {self.high:g}]")
        return x


class Count(Codec):
    """A whole number in ``[low, high]`` (a sample size, a seed, a number of steps)."""

    def __init__(self, key: str, low: int, high: int):
        super().__init__(key)
        self.low, self.high = low, high

    def decode(self, text, known):
        text = text.strip()
        if not (text.isascii() and text.isdigit()):
            raise ValueError(f"{self.key}: {text[:40]!r} is not a whole number")
        return int(text)

    def encode(self, value):
        return str(value)

    def check(self, value, known):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{self.key} must be a whole number, got {value!r}")
        if not self.low <= value <= self.high:
            raise ValueError(f"{self.key} must lie in [{self.low}, {self.high}]")
        return value


class Reals(Codec):
    """Comma-separated finite numbers in ``[low, high]`` (``+-limit`` by default), one per item
    of the field ``per``, or ``count`` of them when ``per`` is None.

    When a link sets ``per`` but leaves these out, every item gets ``level`` (new class names
    without logits start level: maximum entropy)."""

    def __init__(
        self,
        key: str,
        limit: float = math.inf,
        per: str | None = None,
        level: float = 0.0,
        bounds: tuple[float, float] | None = None,
        count: tuple[int, int] = (1, 12),
        whole: bool = False,
    ):
        super().__init__(key)
        self.per, self.level, self.count, self.whole = per, level, count, whole
        self.depends_on = (per,) if per is not None else ()
        self.low, self.high = bounds if bounds is not None else (-limit, limit)

    def decode(self, text, known):
        return tuple(number(x, self.key) for x in text.split(","))

    def encode(self, value):
        return ",".join(fmt(x) for x in value)

    def check(self, value, known):
        values = tuple(real(x, self.key) for x in value)
        if self.per is not None:
            n = len(known[self.per])
            if len(values) != n:
                raise ValueError(
                    f"{self.key}: need one per {self.per} item ({n}), got {len(values)}"
                )
        elif not self.count[0] <= len(values) <= self.count[1]:
            lo, hi = self.count
            raise ValueError(f"{self.key}: need {lo} to {hi} numbers, got {len(values)}")
        if not all(math.isfinite(x) and self.low <= x <= self.high for x in values):
            if self.low == -self.high:
                raise ValueError(f"{self.key} must be finite numbers within +-{self.high:g}")
            raise ValueError(f"{self.key} must be numbers in [{self.low:g}, {self.high:g}]")
        if self.whole and any(x != int(x) for x in values):
            raise ValueError(f"{self.key} must be whole numbers")
        return values

    def absent(self, known, given, default):
        if self.per is not None and self.per in given:
            return (self.level,) * len(known[self.per])
        return default

    def refit(self, value, known):
        """Kept by position; new items start at ``level``."""
        if self.per is None:
            return value
        n = len(known[self.per])
        return (*value[:n], *(self.level,) * (n - len(value)))


class CountRows(Codec):
    """Rows of whole-number counts, ``26,4;14,16;1,29``: ``rows`` rows, every row as long as
    the field ``per`` (one count per kind), each count in ``[0, high]`` and no row all zero."""

    def __init__(self, key: str, rows: tuple[int, int], high: int, per: str, fill: int = 10):
        super().__init__(key)
        self.rows, self.high, self.per, self.fill = rows, high, per, fill
        self.depends_on = (per,)

    def decode(self, text, known):
        return tuple(
            tuple(Count(self.key, 0, self.high).decode(c, known) for c in row.split(","))
            for row in text.split(";")
        )

    def encode(self, value):
        return ";".join(",".join(map(str, row)) for row in value)

    def absent(self, known, given, default):
        """New kinds without counts: one container of ``fill`` of each."""
        width = len(known[self.per])
        if self.per in given and any(len(row) != width for row in default):
            return ((self.fill,) * width,)
        return default

    def check(self, value, known):
        lo, hi = self.rows
        rows = tuple(tuple(row) for row in value)
        if not lo <= len(rows) <= hi:
            raise ValueError(f"{self.key}: need {lo} to {hi} rows, got {len(rows)}")
        width = len(known[self.per])
        count = Count(self.key, 0, self.high)
        for row in rows:
            if len(row) != width:
                raise ValueError(f"{self.key}: need {width} counts a row, got {len(row)}")
            for c in row:
                count.check(c, known)
            if not any(row):
                raise ValueError(f"{self.key}: a row has no items (all counts are 0)")
        return rows


class UpTo(Count):
    """A whole number from ``low`` up to the field ``of`` (below it, with ``below``): a batch
    no larger than the data, the step shown among the steps taken."""

    def __init__(self, key: str, low: int, of: str, below: bool = False, fill: str = "low"):
        super().__init__(key, low, 10**9)
        self.of, self.below, self.fill = of, below, fill
        self.depends_on = (of,)

    def _high(self, known) -> int:
        return known[self.of] - 1 if self.below else known[self.of]

    def check(self, value, known):
        value = super().check(value, known)
        if value > self._high(known):
            raise ValueError(f"{self.key} must lie in [{self.low}, {self._high(known)}]")
        return value

    def absent(self, known, given, default):
        """The default if it fits, else the highest that does; ``fill="high"``: the highest
        whenever ``of`` was given (the last step of a run a link asked for)."""
        if self.fill == "high" and self.of in given:
            return self._high(known)
        return min(default, self._high(known))

    def refit(self, value, known):
        return max(self.low, min(value, self._high(known)))


class Pairs(Codec):
    """Pairs of finite numbers within +-``limit``, ``1,2;1.5,1.8``: from none up to ``most``
    of them (the points a trail went through)."""

    def __init__(self, key: str, limit: float, most: int):
        super().__init__(key)
        self.limit, self.most = limit, most

    def decode(self, text, known):
        return tuple(
            tuple(number(x, self.key) for x in pair.split(",")) for pair in text.split(";")
        )

    def encode(self, value):
        return ";".join(",".join(fmt(x) for x in pair) for pair in value)

    def check(self, value, known):
        pairs = tuple(tuple(real(x, self.key) for x in pair) for pair in value)
        if len(pairs) > self.most:
            raise ValueError(f"{self.key}: at most {self.most} points, got {len(pairs)}")
        for pair in pairs:
            if len(pair) != 2:
                raise ValueError(f"{self.key}: each point is two numbers, got {len(pair)}")
            if not all(math.isfinite(x) and abs(x) <= self.limit for x in pair):
                raise ValueError(f"{self.key} must be finite numbers within +-{self.limit:g}")
        return pairs
