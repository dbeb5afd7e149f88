"""Codecs of references: a field whose value points into an earlier field ``of`` (a target
among the classes, a container among the containers), by index. :class:`Reference` holds what
they share (the field they point into, its size, one index checked); each codec says what it
picks: one item (:class:`ClassRef`, :class:`RowRef`, :class:`OtherRef`), two rows
(:class:`RowPair`), several items (:class:`ClassRefs`) or a code for every item
(:class:`Order`)."""

from __future__ import annotations

from typing import Any

from .engine import Codec
from .numbers import Count

__all__ = ["Reference", "ClassRef", "RowRef", "RowPair", "ClassRefs", "Order", "OtherRef"]

#: The largest index a link may write before it is checked against the field it points into.
_MAX_INDEX = 10**6


class Reference(Codec):
    """A field that points into the earlier field ``of`` by index: it depends on ``of``."""

    def __init__(self, key: str, of: str):
        super().__init__(key)
        self.of = of
        self.depends_on = (of,)

    def size(self, known) -> int:
        """How many items ``of`` has now."""
        return len(known[self.of])

    def index(self, value: Any, known, items: str) -> int:
        """``value`` checked as an index of ``of`` (``items``: how a message names them)."""
        n = self.size(known)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
            raise ValueError(f"{self.key} must be one of the {n} {items}")
        return value

    def _whole(self, text: str, known) -> int:
        return Count(self.key, 0, _MAX_INDEX).decode(text, known)

    def _wholes(self, text: str, known) -> tuple[int, ...]:
        return tuple(self._whole(t, known) for t in text.split(","))


class ClassRef(Reference):
    """One item of the field ``of``, by its index (0, 1, ...) or by its name; kept as an index.

    A number is always an index, even where an item is named "1": a link must mean one thing.
    """

    def decode(self, text, known):
        text = text.strip()
        if text.isdigit() and text.isascii():
            return int(text)
        if text in known[self.of]:
            return known[self.of].index(text)
        raise ValueError(f"{self.key} must be an index or one of the {self.of}")

    def encode(self, value):
        return str(value)

    def check(self, value, known):
        return self.index(value, known, self.of)

    def refit(self, value, known):
        """Kept while it still exists, else the first."""
        return value if value < self.size(known) else 0


class OtherRef(ClassRef):
    """An item of the field ``of`` other than the one the field ``other`` names (the second
    axis of a map of two logits)."""

    def __init__(self, key: str, of: str, other: str):
        super().__init__(key, of)
        self.other = other
        self.depends_on = (of, other)

    def check(self, value, known):
        value = super().check(value, known)
        if value == known[self.other]:
            raise ValueError(f"{self.key} must differ from {self.other}")
        return value

    def _first_free(self, known) -> int:
        return next(k for k in range(self.size(known)) if k != known[self.other])

    def absent(self, known, given, default):
        n = self.size(known)
        return default if default < n and default != known[self.other] else self._first_free(known)

    def refit(self, value, known):
        """Kept while it exists and differs from ``other``, else the first that does."""
        return self.absent(known, set(), value)


class RowRef(Reference):
    """One row of the field ``of`` (a container among the containers), by its index."""

    def decode(self, text, known):
        return self._whole(text, known)

    def encode(self, value):
        return str(value)

    def check(self, value, known):
        return self.index(value, known, f"rows of {self.of}")

    def absent(self, known, given, default):
        return min(default, self.size(known) - 1)


class RowPair(Reference):
    """Two different rows of the field ``of``, in order (``compare=0,1``); none while ``of``
    has a single row."""

    def decode(self, text, known):
        if self.size(known) < 2:
            raise ValueError(f"{self.key}: there is only one row of {self.of} to compare")
        return self._wholes(text, known)

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        pair = tuple(value)
        if self.size(known) < 2:  # nothing to compare (a link that asks anyway is refused)
            return ()
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"{self.key} must name two different rows of {self.of}")
        for index in pair:
            self.index(index, known, f"rows of {self.of}")
        return pair

    def absent(self, known, given, default):
        return default if self.size(known) >= 2 else ()


class ClassRefs(Reference):
    """Several items of the field ``of`` by index, ``count`` of them (a batch of labels)."""

    def __init__(self, key: str, of: str, count: tuple[int, int]):
        super().__init__(key, of)
        self.count = count

    def decode(self, text, known):
        return self._wholes(text, known)

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        refs = tuple(value)
        lo, hi = self.count
        if not lo <= len(refs) <= hi:
            raise ValueError(f"{self.key}: need {lo} to {hi} of them, got {len(refs)}")
        for ref in refs:
            self.index(ref, known, self.of)
        return refs

    def absent(self, known, given, default):
        n = self.size(known)
        return default if all(ref < n for ref in default) else tuple(range(min(n, self.count[1])))

    def refit(self, value, known):
        """The references that still exist (the first item if none does)."""
        n = self.size(known)
        return tuple(ref for ref in value if ref < n) or (0,)


class Order(Reference):
    """A code for each item of the field ``of``: a rearrangement of 0, 1, ..., K - 1."""

    def decode(self, text, known):
        return self._wholes(text, known)

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        order = tuple(value)
        n = self.size(known)
        if sorted(order) != list(range(n)) or any(isinstance(x, bool) for x in order):
            raise ValueError(f"{self.key} must give each of the {n} {self.of} a different code")
        return order

    def absent(self, known, given, default):
        n = self.size(known)
        return default if len(default) == n else tuple(range(n))

    def refit(self, value, known):
        """The items kept keep their codes' order; new items get the codes after."""
        n = self.size(known)
        kept = value[:n]
        ranks = {code: rank for rank, code in enumerate(sorted(kept))}
        return (*(ranks[code] for code in kept), *range(len(kept), n))
