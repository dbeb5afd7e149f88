"""Page state <-> URL query parameters: typed, validated, and nothing else reads the URL.

``parse_playground`` turns the query string into a :class:`PlaygroundState`; any bad or hostile
parameter gives the defaults and one message saying what was wrong. ``playground_query`` turns
a state back into the parameters a link needs (defaults left out, so links stay short).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .presets import (
    DOG_CAT_HORSE_CHEETAH,
    LOGITS_EXAMPLES,
    SOFTMAX_VS_STANDARD,
    TEACHING_STATES,
    LogitsExample,
)

MIN_CLASSES, MAX_CLASSES = 2, 12
MAX_NAME_LENGTH = 24
LOGIT_LIMIT = 1000.0  #: |z| allowed from a link or an exact entry; sliders cover +-10
T_MIN, T_MAX = 0.05, 20.0
#: The temperature slider's stops: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 in every decade, so each
#: factor of ten gets the same length of slider and 0.1, 0.5, 1, 2, 5 are all a short drag apart.
T_STOPS = tuple(
    t
    for t in (
        round(m * 10.0**e, 6) for e in range(-2, 2) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
    )
    if T_MIN <= t <= T_MAX
)
MAX_SMOOTHING = 0.99
BASES = {"e": None, "2": 2, "10": 10}  #: URL value -> the core's ``base``
UNITS = {"e": "nats", "2": "bits", "10": "bans"}
_MAX_PARAM_LENGTH = 2000  #: longer values are refused before any parsing


def temperature_stops(current: float) -> tuple[float, ...]:
    """The slider's stops, with the current temperature added in order when a link set one
    between them (T=0.37 stays 0.37 until the slider is moved).

    >>> temperature_stops(1.0) == T_STOPS
    True
    >>> temperature_stops(0.37)[8:11]
    (0.3, 0.37, 0.4)
    """
    return tuple(sorted({*T_STOPS, float(current)}))


@dataclass(frozen=True)
class PlaygroundState:
    """Everything that defines a Playground picture."""

    classes: tuple[str, ...] = DOG_CAT_HORSE_CHEETAH.classes
    logits: tuple[float, ...] = DOG_CAT_HORSE_CHEETAH.logits
    target: int = DOG_CAT_HORSE_CHEETAH.target
    temperature: float = 1.0
    base: str = "e"
    smoothing: float = 0.0

    @property
    def core_base(self):
        """The ``base`` argument for the maths core (None for nats)."""
        return BASES[self.base]

    @property
    def unit(self) -> str:
        return UNITS[self.base]


DEFAULT = PlaygroundState()


def _number(text: str, name: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise ValueError(f"{name}: {text[:40]!r} is not a number") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number")
    return x


def _hidden(ch: str) -> bool:
    """A control character (newline, tab, NUL...) or an invisible format character (zero-width
    space, right-to-left override...): never part of a name, and it can make two different
    names look the same or turn a name around. The joiners that emoji and some scripts need
    are not hidden."""
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d"


def check_classes(names) -> tuple[str, ...]:
    """Validated class names: 2 to 12, unique, non-empty, at most 24 characters each, and
    nothing in them that does not show (control or invisible format characters).

    >>> check_classes(["dog", "d\u200bog"])
    Traceback (most recent call last):
    ...
    ValueError: classes: a class name has a control or invisible character (U+200B)
    """
    names = tuple(str(n).strip() for n in names)
    if not MIN_CLASSES <= len(names) <= MAX_CLASSES:
        raise ValueError(f"classes: need {MIN_CLASSES} to {MAX_CLASSES} names, got {len(names)}")
    if any(not n for n in names):
        raise ValueError("classes: a class name is empty")
    if any(len(n) > MAX_NAME_LENGTH for n in names):
        raise ValueError(f"classes: names must be at most {MAX_NAME_LENGTH} characters")
    hidden = next((ch for n in names for ch in n if _hidden(ch)), None)
    if hidden is not None:
        raise ValueError(
            f"classes: a class name has a control or invisible character (U+{ord(hidden):04X})"
        )
    if len(set(names)) != len(names):
        raise ValueError("classes: names must be different from each other")
    return names


def check_state(s: PlaygroundState) -> PlaygroundState:
    """The state if every field is valid, else ValueError naming the first bad field."""
    classes = check_classes(s.classes)
    if len(s.logits) != len(classes):
        raise ValueError(f"logits: need one per class ({len(classes)}), got {len(s.logits)}")
    for z in s.logits:
        if not (math.isfinite(z) and abs(z) <= LOGIT_LIMIT):
            raise ValueError(f"logits must be finite numbers within +-{LOGIT_LIMIT:g}")
    if not 0 <= s.target < len(classes):
        raise ValueError(f"target must be one of the {len(classes)} classes")
    if not (math.isfinite(s.temperature) and T_MIN <= s.temperature <= T_MAX):
        raise ValueError(f"T (temperature) must lie in [{T_MIN:g}, {T_MAX:g}]")
    if s.base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}")
    if not (math.isfinite(s.smoothing) and 0 <= s.smoothing <= MAX_SMOOTHING):
        raise ValueError(f"smoothing must lie in [0, {MAX_SMOOTHING:g}]")
    return replace(s, classes=classes, logits=tuple(float(z) for z in s.logits))


def _single(params: Mapping, key: str) -> str | None:
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        if len(value) != 1:
            raise ValueError(f"{key} is given {len(value)} times")
        value = value[0]
    value = str(value)
    if len(value) > _MAX_PARAM_LENGTH:
        raise ValueError(f"{key} is too long ({len(value)} characters)")
    return value


def parse_playground(params: Mapping) -> tuple[PlaygroundState, str | None]:
    """The state a link describes, or the defaults and a message saying what was wrong.

    ``params`` maps parameter names to strings (or lists of strings, for repeated keys).
    Unknown parameters are ignored; missing ones take their defaults.
    """
    try:
        raw = {
            k: _single(params, k) for k in ("classes", "logits", "target", "T", "base", "smoothing")
        }
        classes = (
            DEFAULT.classes if raw["classes"] is None else check_classes(raw["classes"].split(","))
        )
        if raw["logits"] is not None:
            logits = tuple(_number(x, "logits") for x in raw["logits"].split(","))
        elif raw["classes"] is None:
            logits = DEFAULT.logits
        else:  # new class names without logits: start every class level (maximum entropy)
            logits = (0.0,) * len(classes)
        target = DEFAULT.target
        if raw["target"] is not None:
            t = raw["target"].strip()
            if t in classes:
                target = classes.index(t)
            elif t.isdigit():
                target = int(t)
            else:
                raise ValueError("target must be a class index or one of the class names")
        state = PlaygroundState(
            classes=classes,
            logits=logits,
            target=target,
            temperature=DEFAULT.temperature if raw["T"] is None else _number(raw["T"], "T"),
            base=DEFAULT.base if raw["base"] is None else raw["base"].strip(),
            smoothing=DEFAULT.smoothing
            if raw["smoothing"] is None
            else _number(raw["smoothing"], "smoothing"),
        )
        return check_state(state), None
    except ValueError as err:
        return DEFAULT, f"This link's settings could not be used ({err}); showing the defaults."


def _fmt(x: float) -> str:
    """Shortest text that reads back as the same float (repr), without a trailing '.0'."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def playground_query(s: PlaygroundState) -> dict[str, str]:
    """The query parameters that reproduce ``s``, leaving out those at their defaults."""
    query = {}
    if s.classes != DEFAULT.classes:
        query["classes"] = ",".join(s.classes)
    if s.logits != DEFAULT.logits or "classes" in query:
        query["logits"] = ",".join(_fmt(z) for z in s.logits)
    if s.target != DEFAULT.target:
        query["target"] = str(s.target)
    if s.temperature != DEFAULT.temperature:
        query["T"] = _fmt(s.temperature)
    if s.base != DEFAULT.base:
        query["base"] = s.base
    if s.smoothing != DEFAULT.smoothing:
        query["smoothing"] = _fmt(s.smoothing)
    return query


def unit_key(example: LogitsExample) -> str:
    """The URL ``base`` value of the unit a seed printed its loss in."""
    return "e" if example.printed_base is None else str(example.printed_base)


def _playground_presets() -> dict[str, tuple[str, PlaygroundState]]:
    """Button title and state of every Playground preset, by key."""
    presets = {
        e.key: (e.title, PlaygroundState(e.classes, e.logits, e.target, base=unit_key(e)))
        for e in LOGITS_EXAMPLES
    }
    for z in SOFTMAX_VS_STANDARD.logits:
        presets[f"pair-{z[0]:g}-{z[1]:g}"] = (
            f"Logits {list(z)} (softmax vs z / sum z)",
            PlaygroundState(("A", "B"), z, 1),
        )
    for e in TEACHING_STATES:
        presets[e.key] = (e.title, PlaygroundState(e.classes, e.logits, e.target))
    return presets


PLAYGROUND_PRESETS = _playground_presets()
