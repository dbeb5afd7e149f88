"""Every number the entropy page shows for one state, from the core
(:mod:`xentviz.core.containers`): each container's entropy and its terms, two containers
compared (cross-entropy and KL), and a sample drawn from one container with its running average
surprise and its shares."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.containers import (
    Comparison,
    Container,
    compare,
    describe,
    draw,
    frequencies,
    running_surprise,
)

__all__ = ["WorkedEntropy", "worked_entropy"]


@dataclass(frozen=True)
class WorkedEntropy:
    boxes: tuple[Container, ...]  #: each container's numbers, in order
    comparison: Comparison | None  #: the pair compared, if any
    picks: np.ndarray  #: the kinds drawn from the sampled container
    running: np.ndarray  #: the average surprise after each pick
    freqs: np.ndarray  #: each kind's share of the picks


def worked_entropy(
    counts, base, compared: tuple[int, ...], sample: int, n: int, seed: int
) -> WorkedEntropy:
    """The entropy page's numbers: ``counts`` one row per container, in log ``base`` (None:
    nats); the containers ``compared`` (a pair, or none); ``n`` picks from container ``sample``
    drawn with ``seed``.

    >>> w = worked_entropy([(4, 4), (7, 1)], 2, (0, 1), 1, 10, 0)
    >>> [round(b.entropy, 4) for b in w.boxes], len(w.running)
    ([1.0, 0.5436], 10)
    """
    boxes = tuple(describe(c, base=base) for c in counts)
    comparison = compare(counts[compared[0]], counts[compared[1]], base=base) if compared else None
    picks = draw(counts[sample], n, seed)
    running = running_surprise(picks, counts[sample], base=base)
    return WorkedEntropy(boxes, comparison, picks, running, frequencies(picks, len(counts[0])))
