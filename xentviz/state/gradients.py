"""The gradients page's state: classes, logits and the true class (named as on the Playground,
so a link carries them across) and the step h of the finite-difference check.

``?classes=cat,dog,bird&logits=1,2,0.5&target=1&h=1e-05``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..worked.gradients import WorkedGradients, worked_gradients
from .fields import Real, param
from .playground import ClassesState

__all__ = ["H_MIN", "H_MAX", "H_STOPS", "h_stops", "GradientsState"]

H_MIN, H_MAX = 1e-12, 0.1
#: The h slider's stops: 1, 3 in every decade from 1e-12 to 0.1 (two a decade on a log scale).
H_STOPS = tuple(
    sorted({float(f"{m}e{e}") for e in range(-12, 0) for m in (1, 3) if m * 10.0**e <= H_MAX})
)


def h_stops(current: float) -> tuple[float, ...]:
    """The slider's stops, with a value a link set between them added in order.

    >>> h_stops(1e-5) == H_STOPS
    True
    >>> len(h_stops(2e-5)) - len(H_STOPS)
    1
    """
    return tuple(sorted({*H_STOPS, float(current)}))


@dataclass(frozen=True)
class GradientsState(ClassesState):
    """Everything that defines a picture of the gradients page (losses in nats: the chain rule
    of Wocjan (2019) is written in them)."""

    h: float = param(Real("h", H_MIN, H_MAX, label="h (finite-difference step)"), 1e-5)

    def worked(self) -> WorkedGradients:
        """Every number the gradients page shows, from the core."""
        return worked_gradients(self.logits, self.target, self.h)
