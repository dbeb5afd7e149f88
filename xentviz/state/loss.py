"""The loss page's state: classes, logits and the true class (named as on the Playground, so a
link carries them across), the two logits of the map, the learning rate and the trail of its
steps, the temperature marked on the sweep and the shift of the stability lab.

``?classes=cat,dog,bird&logits=1,2,0.5&target=1&i=1&j=0&rate=1&trail=0.5,1.2;0.8,1.1&T=2``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.presets import CAT_DOG_BIRD
from ..worked.loss import WorkedLoss, worked_loss
from .bases import LOG_BASES, InBase
from .fields import Choice, ClassRef, OtherRef, Pairs, Real, Reals, param
from .playground import CLASSES, LOGIT_LIMIT, T_MAX, T_MIN, ClassesState

__all__ = ["MAX_TRAIL", "RATE_LIMITS", "SHIFT_LIMIT", "LossState"]

MAX_TRAIL = 100  #: points a trail keeps (the oldest go first)
RATE_LIMITS = (0.01, 10.0)  #: the learning rate's range
SHIFT_LIMIT = 1000.0  #: the stability lab's shift of every logit
_SEED = CAT_DOG_BIRD


@dataclass(frozen=True)
class LossState(InBase, ClassesState):
    """Everything that defines a picture of the loss page. The classes default to Bahumi's
    cat, dog and bird: three classes, so the simplex is drawn."""

    classes: tuple[str, ...] = param(CLASSES, _SEED.classes)
    logits: tuple[float, ...] = param(Reals("logits", LOGIT_LIMIT, per="classes"), _SEED.logits)
    target: int = param(ClassRef("target", of="classes"), _SEED.target)
    base: str = param(Choice("base", LOG_BASES), "e")
    i: int = param(ClassRef("i", of="classes"), 1)  #: the map's x axis, and the 1-D slice
    j: int = param(OtherRef("j", of="classes", other="i"), 0)  #: the map's y axis
    rate: float = param(Real("rate", *RATE_LIMITS, label="rate (learning rate)"), 1.0)
    #: (z_i, z_j) before each step taken on the map, oldest first
    trail: tuple[tuple[float, float], ...] = param(Pairs("trail", LOGIT_LIMIT, MAX_TRAIL), ())
    temperature: float = param(Real("T", T_MIN, T_MAX, label="T (temperature)"), 1.0)
    shift: float = param(Real("shift", 0.0, SHIFT_LIMIT), 0.0)  #: added to every logit in the lab

    def worked(self, full: bool = True) -> WorkedLoss:
        """Every number the loss page shows, from the core (without ``full``, those a dragged
        logit previews)."""
        return worked_loss(
            self.logits, self.target, i=self.i, j=self.j, rate=self.rate, trail=self.trail,
            temperature=self.temperature, shift=self.shift, base=self.core_base, full=full,
        )  # fmt: skip
