"""The Playground's state: classes, logits, the true class, T, the log base and smoothing.

``?classes=cat,dog,bird&logits=1,2,0.5&target=dog&T=1.5&base=2&smoothing=0.1``; parameters at
their defaults are left out of a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.presets import (
    DOG_CAT_HORSE_CHEETAH,
    LOGITS_EXAMPLES,
    SOFTMAX_VS_STANDARD,
    TEACHING_STATES,
)
from ..worked import LOGIT_SPAN, LOGIT_STEP
from ..worked.playground import WorkedExample, worked_example
from .bases import LOG_BASES, InBase, log_base_of
from .fields import Choice, ClassRef, Names, PageState, Real, Reals, param

__all__ = [
    "MIN_CLASSES",
    "MAX_CLASSES",
    "MAX_NAME_LENGTH",
    "LOGIT_LIMIT",
    "LOGIT_SPAN",
    "LOGIT_STEP",
    "T_MIN",
    "T_MAX",
    "T_STOPS",
    "MAX_SMOOTHING",
    "CLASSES",
    "ClassesState",
    "PlaygroundState",
    "PLAYGROUND_PRESETS",
    "temperature_stops",
]

MIN_CLASSES, MAX_CLASSES = 2, 12
MAX_NAME_LENGTH = 24
LOGIT_LIMIT = 1000.0  #: |z| allowed from a link or an exact entry
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
#: Class names, as every page with classes reads them.
CLASSES = Names("classes", (MIN_CLASSES, MAX_CLASSES), MAX_NAME_LENGTH, noun="class name")


def temperature_stops(current: float) -> tuple[float, ...]:
    """The slider's stops, with the current temperature added in order when a link set one
    between them (T=0.37 stays 0.37 until the slider is moved).

    >>> temperature_stops(1.0) == T_STOPS
    True
    >>> temperature_stops(0.37)[8:11]
    (0.3, 0.37, 0.4)
    """
    return tuple(sorted({*T_STOPS, float(current)}))


_SEED = DOG_CAT_HORSE_CHEETAH


@dataclass(frozen=True)
class ClassesState(PageState):
    """Classes, their logits and the true class, as every page with classes names them (so a
    link carries them from page to page): Chaurasia's (2023) dog, cat, horse and cheetah."""

    classes: tuple[str, ...] = param(CLASSES, _SEED.classes)
    logits: tuple[float, ...] = param(Reals("logits", LOGIT_LIMIT, per="classes"), _SEED.logits)
    target: int = param(ClassRef("target", of="classes"), _SEED.target)


@dataclass(frozen=True)
class PlaygroundState(InBase, ClassesState):
    """Everything that defines a Playground picture."""

    temperature: float = param(Real("T", T_MIN, T_MAX, label="T (temperature)"), 1.0)
    base: str = param(Choice("base", LOG_BASES), "e")
    smoothing: float = param(Real("smoothing", 0.0, MAX_SMOOTHING), 0.0)

    def worked(self) -> WorkedExample:
        """The core's worked example of this state: every number the Playground prints."""
        return worked_example(
            self.logits,
            self.target,
            temperature=self.temperature,
            base=self.core_base,
            label_smoothing=self.smoothing,
        )


def _playground_presets() -> dict[str, tuple[str, PlaygroundState]]:
    """Button title and state of every Playground preset, by key."""
    presets = {
        e.key: (
            e.title,
            PlaygroundState(e.classes, e.logits, e.target, base=log_base_of(e.printed_base).key),
        )
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
