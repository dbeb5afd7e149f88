"""The entropy page's state: kinds of shapes, containers of counts, the base, a comparison,
a sample and a challenge.

``?counts=26,4;14,16;1,29&shapes=triangle,circle&base=2&compare=0,1&n=1000&seed=0``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.presets import CONTAINERS
from ..worked.entropy import WorkedEntropy, worked_entropy
from .bases import LOG_BASES, InBase
from .fields import Choice, Count, CountRows, Names, PageState, Real, RowPair, RowRef, param

__all__ = [
    "SHAPES",
    "MAX_CONTAINERS",
    "MAX_COUNT",
    "MAX_DRAWS",
    "CHALLENGE_TOTAL",
    "EntropyState",
]

#: The markers kinds are drawn with, in order (a kind's name is the user's: triangle, dog...).
SHAPES = ("triangle", "circle", "square", "diamond", "star", "cross")
MAX_NAME_LENGTH = 24
MAX_CONTAINERS = 4
MAX_COUNT = 500  #: items of one kind in one container
MAX_DRAWS = 10_000
#: Items in the challenge's container: up to 100 the search for the nearest counts stays under
#: a second (100 items of 6 kinds: 189,509 containers to try).
CHALLENGE_TOTAL = (1, 100)


@dataclass(frozen=True)
class EntropyState(InBase, PageState):
    """Everything that defines a picture of the entropy page."""

    shapes: tuple[str, ...] = param(
        Names("shapes", (2, len(SHAPES)), MAX_NAME_LENGTH, noun="kind"), CONTAINERS[0].shapes
    )
    counts: tuple[tuple[int, ...], ...] = param(
        CountRows("counts", (1, MAX_CONTAINERS), MAX_COUNT, per="shapes"),
        tuple(c.counts for c in CONTAINERS),
    )
    base: str = param(Choice("base", LOG_BASES), "2")
    compare: tuple[int, ...] = param(RowPair("compare", of="counts"), (0, 1))
    sample: int = param(RowRef("sample", of="counts"), 0)  #: the container drawn from
    n: int = param(Count("n", 1, MAX_DRAWS), 1000)  #: enough picks to see the mean settle
    seed: int = param(Count("seed", 0, 2**31 - 1), 0)
    goal: float = param(Real("goal", 0.0, 10.0), 0.5)  #: the challenge's entropy, in bits

    def worked(self) -> WorkedEntropy:
        """Every number the page shows for this state, from the core."""
        return worked_entropy(
            self.counts, self.core_base, self.compare, self.sample, self.n, self.seed
        )
