"""Field codecs: one URL parameter <-> one typed, validated field of a page's state.

A page's state is a frozen dataclass of :class:`PageState` whose every field names its codec::

    @dataclass(frozen=True)
    class Coins(PageState):
        n: int = param(Count("n", 1, 100), 10)

Building a state checks every field (a ``ValueError`` names the parameter), so a state that
exists is valid. :func:`parse` reads a query string into a state, or gives the defaults and one
message; :func:`to_query` gives back the parameters a link needs. A field may depend on the
fields declared before it (a target among the classes, one logit per class), so fields are
read, checked and written in their declared order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar

__all__ = [
    "Codec",
    "Names",
    "Reals",
    "Real",
    "ClassRef",
    "Choice",
    "Count",
    "CountRows",
    "RowRef",
    "RowPair",
    "ClassRefs",
    "Order",
    "OtherRef",
    "UpTo",
    "Pairs",
    "PageState",
    "param",
    "refitted",
    "parse",
    "to_query",
    "url_keys",
    "MAX_PARAM_LENGTH",
]

S = TypeVar("S", bound="PageState")

MAX_PARAM_LENGTH = 2000  #: longer values are refused before any parsing


def _fmt(x: float) -> str:
    """Shortest text that reads back as the same float (repr), without a trailing '.0'."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


#: A number as a link writes it: ASCII digits, a point, an exponent. Python's float() also
#: reads other scripts' digits ("١") and underscores ("1_0"), which a link should not carry.
_DECIMAL = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", re.ASCII)


def _number(text: str, label: str) -> float:
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{label}: {text[:40]!r} is not a number")
    x = float(text)
    if not math.isfinite(x):
        raise ValueError(f"{label} must be a finite number")
    return x


def _real(value: Any, label: str) -> float:
    """``value`` as a float, refusing bools and anything that is not a real number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{label} must be a number, got {value!r}")
    return float(value)


def _hidden(ch: str) -> bool:
    """A control character (newline, tab, NUL...) or an invisible format character (zero-width
    space, right-to-left override...): never part of a name, and it can make two different
    names look the same or turn a name around. The joiners that emoji and some scripts need
    are not hidden."""
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d"


#: Letters of other scripts that look like Latin ones, for telling look-alike names apart
#: (after NFKC, which already folds full-width forms and ligatures).
_LOOK_ALIKE = str.maketrans(
    "аВвЕеКкМмНОоРрСсТтуХхІіЈјЅѕԁ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟοΡρΤΥυΧχνικ",  # Greek
    "aBbEeKkMmHOoPpCcTtyXxIiJjSsdABEZHIKMNOoPpTYuXxvik",
)


def _skeleton(name: str) -> str:
    """What a name looks like: 'dоg' with a Cyrillic о looks like 'dog'."""
    return name.translate(_LOOK_ALIKE)


class Codec:
    """How one field is read from and written to its URL parameter ``key``.

    ``decode`` turns the parameter's text into a value, ``check`` validates a value (from a
    link, a widget or code) and returns it normalised, ``encode`` writes it back as text that
    ``decode`` reads as the same value. ``known`` holds the fields declared before this one.
    """

    def __init__(self, key: str, label: str | None = None) -> None:
        self.key = key
        self.label = label or key  #: how messages name the field

    def decode(self, text: str, known: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def encode(self, value: Any) -> str:
        raise NotImplementedError

    def check(self, value: Any, known: Mapping[str, Any]) -> Any:
        return value

    def absent(self, known: Mapping[str, Any], given: set[str], default: Any) -> Any:
        """The value when the link leaves this parameter out (``given``: the fields it set)."""
        return default

    def refit(self, value: Any, known: Mapping[str, Any]) -> Any:
        """``value`` made to fit new values of the fields before it (``known``): new class
        names, say. By default it must fit as it is."""
        return value


class Names(Codec):
    """Comma-separated names: ``count`` of them, unique, non-empty, at most ``length``
    characters, no commas, and nothing in them that does not show."""

    def __init__(self, key: str, count: tuple[int, int], length: int, noun: str = "name"):
        super().__init__(key)
        self.count, self.length, self.noun = count, length, noun

    def decode(self, text, known):
        return tuple(text.split(","))

    def encode(self, value):
        return ",".join(value)

    def check(self, value, known):
        if isinstance(value, str):
            raise ValueError(f"{self.key}: need a sequence of names, got one string")
        # NFKC: a full-width ｄｏｇ is dog, so two names cannot differ only in such a form.
        names = tuple(unicodedata.normalize("NFKC", str(n)).strip() for n in value)
        lo, hi = self.count
        noun = self.noun
        if not lo <= len(names) <= hi:
            raise ValueError(f"{self.key}: need {lo} to {hi} {noun}s, got {len(names)}")
        if any(not n for n in names):
            raise ValueError(f"{self.key}: a {noun} is empty")
        if any(len(n) > self.length for n in names):
            raise ValueError(f"{self.key}: {noun}s must be at most {self.length} characters")
        if any("," in n for n in names):
            raise ValueError(f"{self.key}: a {noun} must not contain a comma")
        hidden = next((ch for n in names for ch in n if _hidden(ch)), None)
        if hidden is not None:
            raise ValueError(
                f"{self.key}: a {noun} has a control or invisible character (U+{ord(hidden):04X})"
            )
        if len(set(names)) != len(names):
            raise ValueError(f"{self.key}: {noun}s must be different from each other")
        seen: dict[str, str] = {}
        for name in names:
            other = seen.setdefault(_skeleton(name), name)
            if other != name:
                raise ValueError(
                    f"{self.key}: two {noun}s look the same ({other} and {name}, one with a "
                    "letter of another alphabet)"
                )
        return names


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
        self.low, self.high = bounds if bounds is not None else (-limit, limit)

    def decode(self, text, known):
        return tuple(_number(x, self.key) for x in text.split(","))

    def encode(self, value):
        return ",".join(_fmt(x) for x in value)

    def check(self, value, known):
        values = tuple(_real(x, self.key) for x in value)
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


class Real(Codec):
    """One finite number in ``[low, high]``."""

    def __init__(self, key: str, low: float, high: float, label: str | None = None):
        super().__init__(key, label)
        self.low, self.high = low, high

    def decode(self, text, known):
        return _number(text, self.label)

    def encode(self, value):
        return _fmt(value)

    def check(self, value, known):
        x = _real(value, self.label)
        if not (math.isfinite(x) and self.low <= x <= self.high):
            raise ValueError(f"{self.label} must lie in [{self.low:g}, {self.high:g}]")
        return x


class ClassRef(Codec):
    """One item of the field ``of``, by its index (0, 1, ...) or by its name; kept as an index.

    A number is always an index, even where an item is named "1": a link must mean one thing.
    """

    def __init__(self, key: str, of: str):
        super().__init__(key)
        self.of = of

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
        n = len(known[self.of])
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
            raise ValueError(f"{self.key} must be one of the {n} {self.of}")
        return value

    def refit(self, value, known):
        """Kept while it still exists, else the first."""
        return value if value < len(known[self.of]) else 0


class Choice(Codec):
    """One of a fixed set of words (the keys of ``options``)."""

    def __init__(self, key: str, options: Sequence[str] | Mapping[str, Any]):
        super().__init__(key)
        self.options = tuple(options)

    def decode(self, text, known):
        return text.strip()

    def encode(self, value):
        return value

    def check(self, value, known):
        if value not in self.options:
            raise ValueError(f"{self.key} must be one of {', '.join(self.options)}")
        return value


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


class CountRows(Codec):
    """Rows of whole-number counts, ``26,4;14,16;1,29``: ``rows`` rows, every row as long as
    the field ``per`` (one count per kind), each count in ``[0, high]`` and no row all zero."""

    def __init__(self, key: str, rows: tuple[int, int], high: int, per: str, fill: int = 10):
        super().__init__(key)
        self.rows, self.high, self.per, self.fill = rows, high, per, fill

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


class RowRef(Codec):
    """One row of the field ``of`` (a container among the containers), by its index."""

    def __init__(self, key: str, of: str):
        super().__init__(key)
        self.of = of

    def decode(self, text, known):
        return Count(self.key, 0, 10**6).decode(text, known)

    def encode(self, value):
        return str(value)

    def check(self, value, known):
        n = len(known[self.of])
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
            raise ValueError(f"{self.key} must be one of the {n} rows of {self.of}")
        return value

    def absent(self, known, given, default):
        return min(default, len(known[self.of]) - 1)


class RowPair(Codec):
    """Two different rows of the field ``of``, in order (``compare=0,1``); none while ``of``
    has a single row."""

    def __init__(self, key: str, of: str):
        super().__init__(key)
        self.of = of

    def decode(self, text, known):
        if len(known[self.of]) < 2:
            raise ValueError(f"{self.key}: there is only one row of {self.of} to compare")
        return tuple(RowRef(self.key, self.of).decode(t, known) for t in text.split(","))

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        pair = tuple(value)
        n = len(known[self.of])
        if n < 2:  # nothing to compare (a link that asks anyway is refused by decode)
            return ()
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"{self.key} must name two different rows of {self.of}")
        for index in pair:
            RowRef(self.key, self.of).check(index, known)
        return pair

    def absent(self, known, given, default):
        return default if len(known[self.of]) >= 2 else ()


class ClassRefs(Codec):
    """Several items of the field ``of`` by index, ``count`` of them (a batch of labels)."""

    def __init__(self, key: str, of: str, count: tuple[int, int]):
        super().__init__(key)
        self.of, self.count = of, count

    def decode(self, text, known):
        return tuple(Count(self.key, 0, 10**6).decode(t, known) for t in text.split(","))

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        refs = tuple(value)
        lo, hi = self.count
        if not lo <= len(refs) <= hi:
            raise ValueError(f"{self.key}: need {lo} to {hi} of them, got {len(refs)}")
        for ref in refs:
            ClassRef(self.key, self.of).check(ref, known)
        return refs

    def absent(self, known, given, default):
        n = len(known[self.of])
        return default if all(ref < n for ref in default) else tuple(range(min(n, self.count[1])))

    def refit(self, value, known):
        """The references that still exist (the first item if none does)."""
        n = len(known[self.of])
        return tuple(ref for ref in value if ref < n) or (0,)


class Order(Codec):
    """A code for each item of the field ``of``: a rearrangement of 0, 1, ..., K - 1."""

    def __init__(self, key: str, of: str):
        super().__init__(key)
        self.of = of

    def decode(self, text, known):
        return tuple(Count(self.key, 0, 10**6).decode(t, known) for t in text.split(","))

    def encode(self, value):
        return ",".join(map(str, value))

    def check(self, value, known):
        order = tuple(value)
        n = len(known[self.of])
        if sorted(order) != list(range(n)) or any(isinstance(x, bool) for x in order):
            raise ValueError(f"{self.key} must give each of the {n} {self.of} a different code")
        return order

    def absent(self, known, given, default):
        n = len(known[self.of])
        return default if len(default) == n else tuple(range(n))

    def refit(self, value, known):
        """The items kept keep their codes' order; new items get the codes after."""
        n = len(known[self.of])
        kept = value[:n]
        ranks = {code: rank for rank, code in enumerate(sorted(kept))}
        return (*(ranks[code] for code in kept), *range(len(kept), n))


class OtherRef(ClassRef):
    """An item of the field ``of`` other than the one the field ``other`` names (the second
    axis of a map of two logits)."""

    def __init__(self, key: str, of: str, other: str):
        super().__init__(key, of)
        self.other = other

    def check(self, value, known):
        value = super().check(value, known)
        if value == known[self.other]:
            raise ValueError(f"{self.key} must differ from {self.other}")
        return value

    def _first_free(self, known) -> int:
        return next(k for k in range(len(known[self.of])) if k != known[self.other])

    def absent(self, known, given, default):
        n = len(known[self.of])
        return default if default < n and default != known[self.other] else self._first_free(known)

    def refit(self, value, known):
        """Kept while it exists and differs from ``other``, else the first that does."""
        return self.absent(known, set(), value)


class UpTo(Count):
    """A whole number from ``low`` up to the field ``of`` (below it, with ``below``): a batch
    no larger than the data, the step shown among the steps taken."""

    def __init__(self, key: str, low: int, of: str, below: bool = False, fill: str = "low"):
        super().__init__(key, low, 10**9)
        self.of, self.below, self.fill = of, below, fill

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
            tuple(_number(x, self.key) for x in pair.split(",")) for pair in text.split(";")
        )

    def encode(self, value):
        return ";".join(",".join(_fmt(x) for x in pair) for pair in value)

    def check(self, value, known):
        pairs = tuple(tuple(_real(x, self.key) for x in pair) for pair in value)
        if len(pairs) > self.most:
            raise ValueError(f"{self.key}: at most {self.most} points, got {len(pairs)}")
        for pair in pairs:
            if len(pair) != 2:
                raise ValueError(f"{self.key}: each point is two numbers, got {len(pair)}")
            if not all(math.isfinite(x) and abs(x) <= self.limit for x in pair):
                raise ValueError(f"{self.key} must be finite numbers within +-{self.limit:g}")
        return pairs


def param(codec: Codec, default: Any):
    """A state field read from and written to the URL parameter ``codec.key``."""
    return field(default=default, metadata={"codec": codec})


def _codec(f) -> Codec:
    return f.metadata["codec"]


@dataclass(frozen=True)
class PageState:
    """Base of every page's state: building one checks and normalises each field in order."""

    def __post_init__(self) -> None:
        known: dict[str, Any] = {}
        for f in fields(self):
            value = _codec(f).check(getattr(self, f.name), known)
            object.__setattr__(self, f.name, value)
            known[f.name] = value


def url_keys(cls: type[PageState]) -> tuple[str, ...]:
    """The URL parameters a page's state reads, in order."""
    return tuple(_codec(f).key for f in fields(cls))


def _single(params: Mapping, key: str) -> str | None:
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        if len(value) != 1:
            raise ValueError(f"{key} is given {len(value)} times")
        value = value[0]
    value = str(value)
    if len(value) > MAX_PARAM_LENGTH:
        raise ValueError(f"{key} is too long ({len(value)} characters)")
    return value


def _default(f) -> Any:
    return f.default_factory() if f.default is MISSING else f.default


def parse(params: Mapping, cls: type[S]) -> tuple[S, str | None]:
    """The state a link describes, or the defaults and a message saying what was wrong.

    ``params`` maps parameter names to strings (or lists of strings, for repeated keys).
    Unknown parameters are ignored; missing ones take their defaults.
    """
    try:
        known: dict[str, Any] = {}
        given: set[str] = set()
        for f in fields(cls):
            codec = _codec(f)
            text = _single(params, codec.key)
            if text is None:
                value = codec.absent(known, given, _default(f))
            else:
                value = codec.decode(text, known)
                given.add(f.name)
            known[f.name] = codec.check(value, known)
        return cls(**known), None
    except ValueError as err:
        return cls(), f"This link's settings could not be used ({err}); showing the defaults."


def refitted(state: PageState, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` to ``state``, with every later field that depends on a changed one (its
    codec's ``per``, ``of`` or ``other``) made to fit, as its codec's ``refit`` says: logits
    kept by position for new classes, a step shown within the steps taken. The changes to
    pass to ``replace``."""
    out = dict(changes)
    known: dict[str, Any] = {}
    changed = set(changes)
    for f in fields(state):
        codec = _codec(f)
        value = out.get(f.name, getattr(state, f.name))
        parents = {getattr(codec, a, None) for a in ("per", "of", "other")}
        if f.name not in changes and parents & changed:
            fitted = codec.refit(value, known)
            if fitted != value:
                out[f.name] = value = fitted
                changed.add(f.name)
        known[f.name] = value
    return out


def to_query(state: PageState) -> dict[str, str]:
    """The query parameters that reproduce ``state``: only those whose value differs from the
    one :func:`parse` would fill in without them, so links stay short."""
    query: dict[str, str] = {}
    known: dict[str, Any] = {}
    given: set[str] = set()
    for f in fields(state):
        codec, value = _codec(f), getattr(state, f.name)
        if value != codec.absent(known, given, _default(f)):
            query[codec.key] = codec.encode(value)
            given.add(f.name)
        known[f.name] = value
    return query
