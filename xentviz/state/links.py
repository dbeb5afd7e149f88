"""One page's state as another's, for "open this in the Playground" and back.

A container of counts c_i is the softmax of the logits ln c_i (softmax(ln c) = c / sum c), so
a container opens in the Playground with its kinds as classes and ln c_i as logits; a kind
with no items gets the lowest logit a link allows (its q is then about e^-1000, not 0).
Back, the Playground's q becomes a container of :data:`ITEMS` items, rounded to whole counts
by the largest remainder.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.softmax import softmax
from .binary import BinaryState
from .encoding import EncodingState
from .entropy import MAX_NAME_LENGTH, SHAPES, EntropyState
from .gradients import GradientsState
from .loss import LossState
from .playground import LOGIT_LIMIT, ClassesState, PlaygroundState

__all__ = [
    "ITEMS",
    "playground_from_container",
    "container_from_playground",
    "binary_from_playground",
    "encoding_from_playground",
    "loss_from_playground",
    "gradients_from_playground",
    "playground_from",
    "playground_from_point",
    "playground_from_digit",
]

ITEMS = 30  #: items in a container made from the Playground's q, as in Chaurasia's containers


def playground_from_container(state: EntropyState, j: int) -> PlaygroundState:
    """Container ``j``'s kinds and counts as the Playground's classes and logits (ln c_i)."""
    logits = tuple(math.log(c) if c else -LOGIT_LIMIT for c in state.counts[j])
    top = max(range(len(logits)), key=lambda i: logits[i])  # the commonest kind is the target
    return PlaygroundState(classes=state.shapes, logits=logits, target=top, base=state.base)


def _whole_counts(q: np.ndarray, items: int) -> tuple[int, ...]:
    """``items`` whole counts in the proportions q, by the largest remainder."""
    exact = q * items
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts), kind="stable")[: items - counts.sum()]:
        counts[i] += 1
    return tuple(int(c) for c in counts)


def container_from_playground(state: PlaygroundState) -> EntropyState | None:
    """The Playground's q as a container of :data:`ITEMS` items with its classes as kinds; None
    where the entropy page cannot hold it (more classes than it has markers for)."""
    if len(state.classes) > len(SHAPES) or any(len(c) > MAX_NAME_LENGTH for c in state.classes):
        return None
    q = softmax(state.logits, temperature=state.temperature)
    return EntropyState(
        shapes=state.classes, counts=(_whole_counts(q, ITEMS),), base=state.base, compare=()
    )


def binary_from_playground(state: PlaygroundState) -> BinaryState:
    """The Playground's classes, logits, true class and base on the binary page, in its
    multi-class row; the multi-label targets mark the true class only."""
    labels = tuple(1.0 if i == state.target else 0.0 for i in range(len(state.classes)))
    return BinaryState(
        setting="multi-class",
        classes=state.classes,
        logits=state.logits,
        target=state.target,
        labels=labels,
        base=state.base,
    )


def encoding_from_playground(state: PlaygroundState) -> EncodingState:
    """The Playground's classes, logits, true class and base on the encoding page, with one
    label of each class and the classes coded in reverse as the second coding."""
    k = len(state.classes)
    return EncodingState(
        classes=state.classes,
        logits=state.logits,
        target=state.target,
        ys=tuple(range(min(k, 8))),
        order=tuple(range(k - 1, -1, -1)),
        base=state.base,
    )


def loss_from_playground(state: PlaygroundState) -> LossState:
    """The Playground's classes, logits, true class and base on the loss page, the map over the
    true class's logit and its strongest rival's."""
    rival = max((k for k in range(len(state.logits)) if k != state.target),
                key=lambda k: state.logits[k])  # fmt: skip
    return LossState(
        classes=state.classes, logits=state.logits, target=state.target, base=state.base,
        i=state.target, j=rival,
    )  # fmt: skip


def gradients_from_playground(state: PlaygroundState) -> GradientsState:
    """The Playground's classes, logits and true class on the gradients page."""
    return GradientsState(state.classes, state.logits, state.target)


def playground_from(state: ClassesState) -> PlaygroundState:
    """A page's classes, logits, true class and base (if it has one) in the Playground."""
    base = getattr(state, "base", "e")
    return PlaygroundState(state.classes, state.logits, state.target, base=base)


def playground_from_point(z, label: int, base: str = "e") -> PlaygroundState | None:
    """One point's logits z = W x + b and class on the training page, as the Playground's
    classes "class 0", "class 1", ...; None if a logit is beyond what a link allows."""
    if any(abs(v) > LOGIT_LIMIT for v in z):
        return None
    classes = tuple(f"class {c}" for c in range(len(z)))
    return PlaygroundState(classes, tuple(float(v) for v in z), int(label), base=base)


def playground_from_digit(z, label: int, base: str = "e") -> PlaygroundState | None:
    """An image's ten logits on the digits page and its digit, as the Playground's classes
    "0" to "9"; None if a logit is beyond what a link allows."""
    if any(abs(v) > LOGIT_LIMIT for v in z):
        return None
    classes = tuple(str(d) for d in range(len(z)))
    return PlaygroundState(classes, tuple(float(v) for v in z), int(label), base=base)
