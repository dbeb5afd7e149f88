"""The training page's state: the data set (its seed, classes, noise and size), the run of SGD
(learning rate, batch size, steps), the step shown, the point looked at, and the batch of the
likelihood view. A link gives the same data, the same first weights and the same run; it
opens at step 0 unless it names a step (``at``).

The default blobs overlap (noise 1.8, seed 2: no line separates them), so a run has something
to show to its end: SGD's batches keep moving the regions after step 100 (134 of the map's 2,500
cells change class between steps 100 and 200; with the well-separated noise 1, 23).

``?seed=7&classes=4&noise=1.5&points=300&rate=0.5&batch=32&steps=200&at=50&point=3&n=10``
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..core._kept import kept
from ..core.training import Run, held_out_blobs, init_params, make_blobs, sgd
from ..worked.training import WorkedTraining, worked_training
from .bases import LOG_BASES, InBase
from .fields import Choice, Count, PageState, Real, UpTo, param

__all__ = [
    "data_of",
    "held_out_of",
    "HELD_OUT",
    "run_of",
    "MAX_STEPS",
    "MAX_POINTS",
    "NOISE_LIMIT",
    "RATE_LIMIT",
    "TrainingState",
]

MAX_STEPS = 2000
HELD_OUT = 300  #: points from the same blobs kept out of training, to measure accuracy on
MAX_POINTS = 1000
NOISE_LIMIT = 3.0
RATE_LIMIT = 10.0


@dataclass(frozen=True)
class TrainingState(InBase, PageState):
    """Everything that defines a picture of the training page."""

    seed: int = param(Count("seed", 0, 9999), 2)  #: the data, the first weights and the batches
    n_classes: int = param(Count("classes", 3, 5), 3)
    noise: float = param(Real("noise", 0.0, NOISE_LIMIT), 1.8)  #: blobs that overlap
    points: int = param(Count("points", 30, MAX_POINTS), 300)
    rate: float = param(Real("rate", 0.001, RATE_LIMIT, label="rate (learning rate)"), 0.5)
    batch: int = param(UpTo("batch", 1, of="points"), 32)
    steps: int = param(Count("steps", 1, MAX_STEPS), 200)
    #: the step shown (0: the first weights): a run starts at its start
    at: int = param(UpTo("at", 0, of="steps"), 0)
    point: int = param(UpTo("point", 0, of="points", below=True), 0)  #: the point looked at
    n: int = param(UpTo("n", 1, of="points"), 10)  #: the likelihood view's batch: the first n
    base: str = param(Choice("base", LOG_BASES), "e")

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The data set: X (points x 2) and the labels y."""
        return data_of(self.seed, self.n_classes, self.noise, self.points)

    def held_out(self) -> tuple[np.ndarray, np.ndarray]:
        """:data:`HELD_OUT` points from the same blobs that the run never trains on."""
        return held_out_of(self.seed, self.n_classes, self.noise, self.points)

    def run(self) -> Run:
        """The whole run of SGD this state shows a step of (the same for the same settings)."""
        return run_of(
            self.seed, self.n_classes, self.noise, self.points, self.rate, self.batch, self.steps
        )

    def worked(self) -> WorkedTraining:
        """Every number the training page shows, from the core."""
        X, y = self.data()
        return worked_training(
            X, y, self.run(), self.at, self.point, self.n, base=self.core_base,
            held_out=self.held_out(),
        )  # fmt: skip


@functools.lru_cache(maxsize=16)
def data_of(seed: int, n_classes: int, noise: float, points: int) -> tuple[np.ndarray, np.ndarray]:
    """The data set for these settings, kept (read-only): every frame of a run shows it."""
    X, y = make_blobs(points, n_classes, noise=noise, seed=seed)
    X.flags.writeable = y.flags.writeable = False
    return X, y


@functools.lru_cache(maxsize=16)
def held_out_of(
    seed: int, n_classes: int, noise: float, points: int
) -> tuple[np.ndarray, np.ndarray]:
    """The held-out points for these settings, kept (read-only)."""
    X, y = held_out_blobs(points, HELD_OUT, n_classes, noise=noise, seed=seed)
    X.flags.writeable = y.flags.writeable = False
    return X, y


@kept(maxsize=16)
def run_of(
    seed: int, n_classes: int, noise: float, points: int, rate: float, batch: int, steps: int
) -> Run:
    """The run for these settings, kept for every session and trained once however many ask
    at the same moment (a hall opening one link): moving the step shown or the point looked
    at, or stepping through a run, must not train again. The longest run a link can ask for
    (1,000 points, 2,000 full-batch steps) trains in about 1.1 s."""
    X, y = data_of(seed, n_classes, noise, points)
    start = init_params(2, n_classes, seed=seed)
    return sgd(X, y, start, learning_rate=rate, batch_size=batch, steps=steps, seed=seed)
