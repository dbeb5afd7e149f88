"""The sources' worked examples as named data, each saying where it comes from.

The numbers a source printed are kept beside the inputs (``printed_*``), so that a page can show
the exact value next to the printed one and say why they differ. Each example names its source
by key (``seed``, a key of :data:`xentviz.lesson.sources.SOURCES`, which cites it) and the
place in it (``source``); the app never reads the sources themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LogitsExample",
    "NormalizationExample",
    "Container",
    "DOG_CAT_HORSE_CHEETAH",
    "CAT_DOG_BIRD",
    "AFTER_TRAINING",
    "SOFTMAX_VS_STANDARD",
    "CONTAINERS",
    "LOGITS_EXAMPLES",
    "TEACHING_STATES",
]


@dataclass(frozen=True)
class LogitsExample:
    """One example: class names, logits, the true class, and what the seed printed."""

    key: str  #: short identifier, for URLs and widget keys
    title: str
    classes: tuple[str, ...]
    logits: tuple[float, ...]
    target: int  #: index of the true class
    seed: str  #: the source it comes from, by its key in the lesson's list ("chaurasia")
    source: str  #: the place in the source, as a reader would find it ("Figure 2")
    printed_q: tuple[float, ...] | None = None  #: softmax output as the seed printed it
    printed_loss: float | None = None  #: the loss as the seed printed it
    printed_base: float | None = None  #: the log base of ``printed_loss`` (None: nats)
    note: str = ""  #: why the printed numbers differ from the exact ones, if they do


@dataclass(frozen=True)
class NormalizationExample:
    """Softmax against the standard normalisation z / sum(z) on two logit vectors."""

    key: str
    logits: tuple[tuple[float, ...], ...]
    seed: str
    source: str
    printed_softmax: tuple[tuple[float, ...], ...]
    printed_standard: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Container:
    """A container of shapes: picking one at random is a distribution with an entropy."""

    key: str
    counts: tuple[int, ...]
    shapes: tuple[str, ...]
    seed: str
    source: str
    printed_entropy: float  #: as the seed printed it
    printed_base: float = 2


# The sources, by their keys in the lesson's list (which cites them by author, title and year).
_SLIDES = "chaurasia"
_NOTES = "bahumi"

DOG_CAT_HORSE_CHEETAH = LogitsExample(
    key="dog-cat-horse-cheetah",
    title="Dog, cat, horse or cheetah",
    classes=("dog", "cat", "horse", "cheetah"),
    logits=(3.2, 1.3, 0.2, 0.8),
    target=0,
    seed=_SLIDES,
    source="slides 'Softmax III' and 'Cross-Entropy Loss Function XVI'",
    printed_q=(0.775, 0.116, 0.039, 0.070),
    printed_loss=0.3677,
    printed_base=2,
    note=(
        "The slides take -log2 of q rounded to 0.775; the exact q_dog is 0.77515, whose loss "
        "is 0.3675 bits. (Its loss line also misprints q_cat as 0.126.)"
    ),
)

CAT_DOG_BIRD = LogitsExample(
    key="cat-dog-bird",
    title="Cat, dog or bird",
    classes=("cat", "dog", "bird"),
    logits=(1.0, 2.0, 0.5),
    target=1,
    seed=_NOTES,
    source="Figure 2",
    printed_q=(0.23, 0.63, 0.14),
    printed_loss=0.462,
    printed_base=None,
    note=(
        "The notes take -ln of q rounded to 0.63; the exact q_dog is 0.62853, whose loss is "
        "0.4644 nats."
    ),
)

AFTER_TRAINING = LogitsExample(
    key="after-training",
    title="Dog after some training",
    classes=("dog", "cat", "horse", "cheetah"),
    # The slides show these logits only in a figure; raising the dog logit to 4.68 with the
    # others unchanged gives the printed q_dog = 0.938 (so does any value in [4.6705, 4.6875]).
    logits=(4.68, 1.3, 0.2, 0.8),
    target=0,
    seed=_SLIDES,
    source="slides 'Cross-Entropy Loss Function XVII-XVIII'",
    printed_q=(0.938,),
    printed_loss=0.095,
    printed_base=2,
    note=(
        "The slides show these logits only in a figure: the app raised the dog logit to 4.68, "
        "the others as before, which gives its q_dog = 0.938 (so does any dog logit from "
        "4.6705 to 4.6875). It prints 0.095 bits, but -log2(0.938) is 0.0923 bits."
    ),
)

SOFTMAX_VS_STANDARD = NormalizationExample(
    key="softmax-vs-standard",
    logits=((2.0, 4.0), (4.0, 8.0)),
    seed=_SLIDES,
    source="slides 'Softmax VII-VIII'",
    printed_softmax=((0.119, 0.881), (0.018, 0.982)),
    printed_standard=((0.333, 0.667), (0.333, 0.667)),
)

CONTAINERS = (
    Container(
        key="container-1",
        counts=(26, 4),
        shapes=("triangle", "circle"),
        seed=_SLIDES,
        source="slides 'Cross-Entropy Loss Function VI-VIII'",
        printed_entropy=0.5665,
    ),
    Container(
        key="container-2",
        counts=(14, 16),
        shapes=("triangle", "circle"),
        seed=_SLIDES,
        source="slides 'Cross-Entropy Loss Function VII, IX'",
        printed_entropy=0.9968,
    ),
    Container(
        key="container-3",
        counts=(1, 29),
        shapes=("triangle", "circle"),
        seed=_SLIDES,
        source="slides 'Cross-Entropy Loss Function VII, X'",
        printed_entropy=0.2108,
    ),
)

LOGITS_EXAMPLES = (DOG_CAT_HORSE_CHEETAH, CAT_DOG_BIRD, AFTER_TRAINING)

_TEACHING = "a teaching state (not from a source)"
_FOUR = DOG_CAT_HORSE_CHEETAH.classes

#: States that make one idea visible, beside the seeds' own examples.
TEACHING_STATES = (
    LogitsExample(
        "uniform", "All logits equal (maximum entropy)", _FOUR, (0.0,) * 4, 0, "", _TEACHING
    ),
    LogitsExample("right", "Confident and right", _FOUR, (8.0, 0.5, -1.0, 0.0), 0, "", _TEACHING),
    LogitsExample("wrong", "Confident and wrong", _FOUR, (8.0, 0.5, -1.0, 0.0), 1, "", _TEACHING),
)
