"""The digits page's state: the model's training settings (the seed of the split, the first
weights and the batches; the learning rate, batch size and steps), the test image looked at,
and a drawn digit (64 pixels, each inked or not, row by row). A link gives the same split, the
same model and the same image.

``?seed=3&rate=0.5&batch=64&steps=800&image=17&drawing=0,0,1,...``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..worked import digits
from .bases import LOG_BASES, InBase
from .fields import Choice, Count, PageState, Real, Reals, param

__all__ = ["MAX_STEPS", "MAX_BATCH", "RATE_LIMIT", "BLANK", "DigitsState"]

MAX_STEPS = 2000
MAX_BATCH = 256
RATE_LIMIT = 10.0
BLANK = (0.0,) * digits.PIXELS  #: no digit drawn
TEST_IMAGES = digits.TEST_IMAGES


@dataclass(frozen=True)
class DigitsState(InBase, PageState):
    """Everything that defines a picture of the digits page."""

    seed: int = param(Count("seed", 0, 9999), 0)  #: the split, the first weights, the batches
    rate: float = param(Real("rate", 0.01, RATE_LIMIT, label="rate (learning rate)"), 1.0)
    batch: int = param(Count("batch", 1, MAX_BATCH), 32)
    steps: int = param(Count("steps", 1, MAX_STEPS), 500)
    image: int = param(Count("image", 0, TEST_IMAGES - 1), 0)  #: which test image
    drawing: tuple[float, ...] = param(
        Reals("drawing", bounds=(0.0, 1.0), count=(digits.PIXELS, digits.PIXELS), whole=True),
        BLANK,
    )
    base: str = param(Choice("base", LOG_BASES), "e")

    def model(self) -> digits.DigitsModel:
        """The model these settings train (the same for the same settings, shared)."""
        return digits.train(self.seed, self.rate, self.batch, self.steps)

    def worked(self) -> digits.WorkedDigits:
        """Every number the digits page shows, from the core."""
        return digits.worked_digits(self.model(), self.image, self.drawing, base=self.core_base)
