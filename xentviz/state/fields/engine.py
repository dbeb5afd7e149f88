"""The engine of the field codecs: a page's state is a frozen dataclass of :class:`PageState`
whose every field names its codec (:func:`param`); :func:`parse` reads a link into a state,
:func:`to_query` writes one back, :func:`refitted` makes the fields that depend on a changed one
(a codec's ``depends_on``) fit it. Fields are read, checked and written in their declared
order, so a field may depend on those before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, field, fields
from typing import Any, TypeVar

__all__ = [
    "Codec", "PageState", "param", "parse", "to_query", "refitted", "url_keys", "codec_of",
    "MAX_PARAM_LENGTH",
]  # fmt: skip

S = TypeVar("S", bound="PageState")

MAX_PARAM_LENGTH = 2000  #: longer values are refused before any parsing


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

    #: The fields declared before this one that it depends on (a target among the classes, one
    #: logit per class): when one of them changes, this field is refitted
    #: (:func:`refitted`) and its widget redrawn.
    depends_on: tuple[str, ...] = ()

    def refit(self, value: Any, known: Mapping[str, Any]) -> Any:
        """``value`` made to fit new values of the fields before it (``known``): new class
        names, say. By default it must fit as it is."""
        return value


def param(codec: Codec, default: Any):
    """A state field read from and written to the URL parameter ``codec.key``."""
    return field(default=default, metadata={"codec": codec})


def codec_of(f) -> Codec:
    """The codec of a state's dataclass field ``f``."""
    return f.metadata["codec"]


class PageState:
    """Base of every page's state: building one checks and normalises each field in order."""

    def __post_init__(self) -> None:
        known: dict[str, Any] = {}
        for f in fields(self):
            value = codec_of(f).check(getattr(self, f.name), known)
            object.__setattr__(self, f.name, value)
            known[f.name] = value


def url_keys(cls: type[PageState]) -> tuple[str, ...]:
    """The URL parameters a page's state reads, in order."""
    return tuple(codec_of(f).key for f in fields(cls))


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
            codec = codec_of(f)
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
    codec's ``depends_on``) made to fit, as its codec's ``refit`` says: logits
    kept by position for new classes, a step shown within the steps taken. The changes to
    pass to ``replace``."""
    out = dict(changes)
    known: dict[str, Any] = {}
    changed = set(changes)
    for f in fields(state):
        codec = codec_of(f)
        value = out.get(f.name, getattr(state, f.name))
        if f.name not in changes and set(codec.depends_on) & changed:
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
        codec, value = codec_of(f), getattr(state, f.name)
        if value != codec.absent(known, given, _default(f)):
            query[codec.key] = codec.encode(value)
            given.add(f.name)
        known[f.name] = value
    return query
