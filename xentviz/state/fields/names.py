"""Codecs of words: names a user gives (:class:`Names`: classes, kinds) and one of a fixed set
(:class:`Choice`). A name must show as what it is: no hidden characters, no look-alike twins."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from .engine import Codec

__all__ = ["Names", "Choice"]


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
