"""The encoding page's state: classes with logits and a true class (named as on the
Playground), a batch of labels, a second coding of the classes, and a shift and a scale of
the logits.

``?classes=dog,cat,horse,cheetah&ys=0,3,3,1&order=2,0,3,1&shift=5&scale=2``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.presets import DOG_CAT_HORSE_CHEETAH
from ..worked.encoding import EncodingWorked, worked_encoding
from .bases import LOG_BASES, InBase
from .fields import Choice, ClassRefs, Order, Real, param
from .playground import LOGIT_LIMIT, ClassesState

__all__ = ["MAX_LABELS", "EncodingState"]

MAX_LABELS = 8
_SEED = DOG_CAT_HORSE_CHEETAH


@dataclass(frozen=True)
class EncodingState(InBase, ClassesState):
    """Everything that defines a picture of the encoding page."""

    ys: tuple[int, ...] = param(ClassRefs("ys", of="classes", count=(1, MAX_LABELS)), (0, 3, 3, 1))
    #: a second coding: class k gets code order[k] (the first is 0, 1, ..., K - 1)
    order: tuple[int, ...] = param(Order("order", of="classes"), (2, 0, 3, 1))
    shift: float = param(Real("shift", -LOGIT_LIMIT, LOGIT_LIMIT), 5.0)  #: c, added to every logit
    scale: float = param(Real("scale", 0.05, 20.0), 2.0)  #: a, every logit multiplied by it
    base: str = param(Choice("base", LOG_BASES), "e")

    def worked(self) -> EncodingWorked:
        """The core's worked example of this state: every number the encodings page prints."""
        return worked_encoding(
            self.logits, self.target, self.ys, self.order, self.shift, self.scale,
            base=self.core_base,
        )  # fmt: skip
