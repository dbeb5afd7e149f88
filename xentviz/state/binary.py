"""The binary page's state: the setting picked from Wocjan's table (2019), one binary example,
a small batch, and classes with logits, a true class and labels for the multi-class and
multi-label settings (named as on the Playground, so a link carries them across).

``?setting=multi-label&z=1&t=1&ts=1,0,1&ps=0.9,0.2,0.6&classes=dog,cat&logits=1,2&labels=1,1``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.presets import DOG_CAT_HORSE_CHEETAH
from ..worked.binary import BinaryWorked, worked_binary
from .bases import LOG_BASES, InBase
from .fields import Choice, Count, Real, Reals, param
from .playground import LOGIT_LIMIT, ClassesState

__all__ = ["SETTINGS", "MAX_BATCH", "BinaryState"]

#: The rows of Wocjan's (2019) table, by their URL value.
SETTINGS = ("binary", "multi-class", "multi-label")
MAX_BATCH = 8
_SEED = DOG_CAT_HORSE_CHEETAH


@dataclass(frozen=True)
class BinaryState(InBase, ClassesState):
    """Everything that defines a picture of the binary page."""

    setting: str = param(Choice("setting", SETTINGS), "binary")
    z: float = param(Real("z", -LOGIT_LIMIT, LOGIT_LIMIT), 2.0)  #: one example's logit
    t: int = param(Count("t", 0, 1), 1)  #: its target
    ts: tuple[float, ...] = param(
        Reals("ts", bounds=(0.0, 1.0), count=(1, MAX_BATCH), whole=True), (1.0, 0.0, 1.0, 1.0)
    )
    ps: tuple[float, ...] = param(
        Reals("ps", per="ts", level=0.5, bounds=(0.0, 1.0)), (0.9, 0.2, 0.6, 0.7)
    )
    #: multi-label targets, one per class (a photo of a dog chasing a cheetah)
    labels: tuple[float, ...] = param(
        Reals("labels", per="classes", bounds=(0.0, 1.0), whole=True), (1.0, 0.0, 0.0, 1.0)
    )
    base: str = param(Choice("base", LOG_BASES), "e")

    def worked(self) -> BinaryWorked:
        """The core's worked example of this state: every number the binary page prints."""
        return worked_binary(
            self.z, self.t, self.ts, self.ps, self.logits, self.target, self.labels,
            base=self.core_base,
        )  # fmt: skip
