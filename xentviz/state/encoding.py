"""The encoding page's state: classes with logits and a true class (named as on the
Playground), a batch of labels, a second coding of the classes, and a shift and a scale of
the logits.

``?classes=dog,cat,horse,cheetah&ys=0,3,3,1&order=2,0,3,1&shift=5&scale=2``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..presets import DOG_CAT_HORSE_CHEETAH
from .bases import LOG_BASES, LogBase
from .fields import Choice, ClassRef, ClassRefs, Order, PageState, Real, Reals, param
from .playground import CLASSES, LOGIT_LIMIT

__all__ = ["MAX_LABELS", "EncodingState"]

MAX_LABELS = 8
_SEED = DOG_CAT_HORSE_CHEETAH


@dataclass(frozen=True)
class EncodingState(PageState):
    """Everything that defines a picture of the encoding page."""

    classes: tuple[str, ...] = param(CLASSES, _SEED.classes)
    logits: tuple[float, ...] = param(Reals("logits", LOGIT_LIMIT, per="classes"), _SEED.logits)
    target: int = param(ClassRef("target", of="classes"), _SEED.target)
    ys: tuple[int, ...] = param(ClassRefs("ys", of="classes", count=(1, MAX_LABELS)), (0, 3, 3, 1))
    #: a second coding: class k gets code order[k] (the first is 0, 1, ..., K - 1)
    order: tuple[int, ...] = param(Order("order", of="classes"), (2, 0, 3, 1))
    shift: float = param(Real("shift", -LOGIT_LIMIT, LOGIT_LIMIT), 5.0)  #: c, added to every logit
    scale: float = param(Real("scale", 0.05, 20.0), 2.0)  #: a, every logit multiplied by it
    base: str = param(Choice("base", LOG_BASES), "e")

    @property
    def log_base(self) -> LogBase:
        return LOG_BASES[self.base]

    @property
    def core_base(self) -> float | None:
        return self.log_base.base

    @property
    def unit(self) -> str:
        return self.log_base.unit
