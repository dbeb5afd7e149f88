"""The training page's state: the data set (its seed, classes, noise and size), the run of SGD
(learning rate, batch size, steps), the step shown, the point looked at, and the batch of the
likelihood view. A link gives the same data, the same first weights and the same run.

``?seed=7&classes=4&noise=1.5&points=300&rate=0.5&batch=32&steps=200&at=50&point=3&n=10``
"""

from __future__ import annotations

from dataclasses import dataclass

from .bases import LOG_BASES, InBase
from .fields import Choice, Count, PageState, Real, UpTo, param

__all__ = ["MAX_STEPS", "MAX_POINTS", "NOISE_LIMIT", "RATE_LIMIT", "TrainingState"]

MAX_STEPS = 2000
MAX_POINTS = 1000
NOISE_LIMIT = 3.0
RATE_LIMIT = 10.0


@dataclass(frozen=True)
class TrainingState(InBase, PageState):
    """Everything that defines a picture of the training page."""

    seed: int = param(Count("seed", 0, 9999), 0)  #: the data, the first weights and the batches
    n_classes: int = param(Count("classes", 3, 5), 3)
    noise: float = param(Real("noise", 0.0, NOISE_LIMIT), 1.0)
    points: int = param(Count("points", 30, MAX_POINTS), 300)
    rate: float = param(Real("rate", 0.001, RATE_LIMIT, label="rate (learning rate)"), 0.5)
    batch: int = param(UpTo("batch", 1, of="points"), 32)
    steps: int = param(Count("steps", 1, MAX_STEPS), 200)
    #: the step shown (0: the first weights); a link that sets steps shows the last
    at: int = param(UpTo("at", 0, of="steps", fill="high"), 200)
    point: int = param(UpTo("point", 0, of="points", below=True), 0)  #: the point looked at
    n: int = param(UpTo("n", 1, of="points"), 10)  #: the likelihood view's batch: the first n
    base: str = param(Choice("base", LOG_BASES), "e")
