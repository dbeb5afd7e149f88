"""The handwritten digits page's numbers: a real classifier, from its data to its loss.

The data is scikit-learn's bundled handwritten digits (``sklearn.datasets.load_digits``: 1,797
images of 8 x 8 pixels, 10 classes), which ships with the package: nothing is fetched. Pixels
are scaled from 0..16 to 0..1. A seeded split keeps a quarter of the images for testing. The
model is softmax regression, z = Wx + b, trained by the core's minibatch SGD
(:func:`xentviz.core.training.sgd`), which records the weights after every step; the test
images' mean loss is read from those weights step by step. Everything a page shows of it —
the loss curves, the accuracies, the confusion matrix, an image's logits, q, loss and gradient,
the class templates (the rows of W) — is computed here from the core.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..core.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from ..core.softmax import softmax
from ..core.training import Params, Run, accuracy, init_params, sgd
from ..core.validation import real_value, whole_value

__all__ = [
    "SIDE", "PIXELS", "CLASSES", "TEST_SHARE", "IMAGES", "TEST_IMAGES", "WRONG_SHOWN", "images",
    "split", "DigitsModel", "train", "Image", "image", "Drawn", "drawn", "WorkedDigits",
    "worked_digits",
]  # fmt: skip

SIDE = 8  #: an image is SIDE x SIDE pixels
PIXELS = SIDE * SIDE
CLASSES = 10
TEST_SHARE = 0.25  #: the share of the images kept for testing
IMAGES = 1797  #: images in the data set (scikit-learn's digits; checked when they load)
TEST_IMAGES = round(IMAGES * TEST_SHARE)  #: the first TEST_IMAGES of a seed's permutation
_LEVELS = 16.0  #: the data's pixels run from 0 to 16
WRONG_SHOWN = 5  #: the costliest mistakes listed (wrong test images of highest loss)


@functools.cache
def images() -> tuple[np.ndarray, np.ndarray]:
    """Every image as a row of 64 pixels in [0, 1] (read row by row), and its digit."""
    from sklearn.datasets import load_digits  # the data ships with scikit-learn

    data = load_digits()
    X = np.asarray(data.data, dtype=float) / _LEVELS
    y = np.asarray(data.target, dtype=int)
    if X.shape != (IMAGES, PIXELS):
        raise RuntimeError(f"expected {IMAGES} images of {PIXELS} pixels, got {X.shape}")
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def split(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The indices of the training and the test images, from a permutation drawn from
    ``seed``: the first :data:`TEST_SHARE` of it is the test set."""
    seed = whole_value(seed, "seed", 0)
    order = np.random.default_rng(seed).permutation(IMAGES)
    return np.sort(order[TEST_IMAGES:]), np.sort(order[:TEST_IMAGES])


@dataclass(frozen=True)
class DigitsModel:
    """A trained model and what it does: the run (weights after each step), the training
    and test images' mean loss after each step (nats), the accuracies and the test set's
    confusion matrix (row: true digit, column: predicted)."""

    run: Run
    train: np.ndarray  #: indices of the training images
    test: np.ndarray  #: indices of the test images
    train_losses: np.ndarray
    test_losses: np.ndarray
    train_accuracy: float
    test_accuracy: float
    confusion: np.ndarray

    @property
    def params(self) -> Params:
        return self.run.last


@functools.lru_cache(maxsize=16)
def train(
    seed: int = 0, learning_rate: float = 1.0, batch_size: int = 32, steps: int = 500
) -> DigitsModel:
    """Softmax regression on the digits, trained by the core's SGD from small random weights
    (all drawn from ``seed``, like the split and the batches); kept for its settings, so every
    session asking for the same model shares one."""
    seed = whole_value(seed, "seed", 0)
    learning_rate = real_value(learning_rate, "learning_rate", 0.0, 100.0)
    steps = whole_value(steps, "steps", 0, 100_000)
    X, y = images()
    tr, te = split(seed)
    batch_size = whole_value(batch_size, "batch_size", 1, len(tr))
    start = init_params(PIXELS, CLASSES, seed=seed)
    run = sgd(X[tr], y[tr], start, learning_rate=learning_rate, batch_size=batch_size,
              steps=steps, seed=seed)  # fmt: skip
    W = np.stack([p.W for p in run.params])  # (steps + 1, classes, pixels)
    b = np.stack([p.b for p in run.params])
    z = np.einsum("spk,nk->snp", W, X[te]) + b[:, None, :]  # each step's test logits
    each = softmax_cross_entropy(z, np.broadcast_to(y[te], z.shape[:-1]), reduction="none")
    test_losses = np.asarray(each).mean(axis=-1)
    predicted = np.argmax(z[-1], axis=-1)
    confusion = np.zeros((CLASSES, CLASSES), dtype=int)
    np.add.at(confusion, (y[te], predicted), 1)
    return DigitsModel(
        run=run,
        train=tr,
        test=te,
        train_losses=run.losses,
        test_losses=test_losses,
        train_accuracy=accuracy(run.last, X[tr], y[tr]),
        test_accuracy=accuracy(run.last, X[te], y[te]),
        confusion=confusion,
    )


@dataclass(frozen=True)
class Image:
    """One image through the model: its pixels, its true digit, the logits z = Wx + b, q =
    softmax(z), the loss -log q_y and its gradient (q - p) / ln b, in the base asked for."""

    pixels: np.ndarray
    label: int
    z: np.ndarray
    q: np.ndarray
    loss: float
    gradient: np.ndarray

    @property
    def predicted(self) -> int:
        return int(np.argmax(self.q))


def _through(model: DigitsModel, pixels) -> tuple[np.ndarray, np.ndarray]:
    """``pixels`` checked (64 numbers in [0, 1]) and their logits z = Wx + b."""
    x = np.asarray(pixels, dtype=float)
    if x.shape != (PIXELS,) or not np.all(np.isfinite(x)) or x.min() < 0 or x.max() > 1:
        raise ValueError(f"pixels must be {PIXELS} numbers in [0, 1]")
    return x, model.params.W @ x + model.params.b


def image(model: DigitsModel, pixels, label: int, base=None) -> Image:
    """``pixels`` (64 numbers in [0, 1], row by row) through ``model``, its true digit
    ``label``; the loss in ``base`` (nats if None)."""
    x, z = _through(model, pixels)
    label = whole_value(label, "label", 0, CLASSES - 1)
    return Image(
        pixels=x,
        label=label,
        z=z,
        q=softmax(z),
        loss=float(softmax_cross_entropy(z, label, base=base)),
        gradient=np.asarray(softmax_cross_entropy_grad(z, label, base=base)),
    )


@dataclass(frozen=True)
class Drawn:
    """A drawn digit through the model: its logits, q and the class it predicts (no true
    class: nobody said which digit it was meant to be)."""

    pixels: np.ndarray
    z: np.ndarray
    q: np.ndarray

    @property
    def predicted(self) -> int:
        return int(np.argmax(self.q))


def drawn(model: DigitsModel, pixels) -> Drawn:
    """``pixels`` (64 numbers in [0, 1], row by row) through ``model``."""
    x, z = _through(model, pixels)
    return Drawn(pixels=x, z=z, q=softmax(z))


@dataclass(frozen=True)
class WorkedDigits:
    """Every number the digits page shows: the model, the test image looked at (its place in
    the data set and through the model), the term of its predicted class's logit pixel by
    pixel (x_i W_ci, summing with b_c to z_c), each test image's loss, the costliest
    mistakes and their share of the test loss, the least certain one, and a drawing."""

    model: DigitsModel
    position: int  #: the image's place among the test images
    index: int  #: its place in the data set
    shown: Image
    terms: np.ndarray  #: x_i W_ci for the predicted class c, pixel by pixel
    labels: np.ndarray  #: each test image's digit
    q: np.ndarray  #: each test image's q (test images x digits)
    losses: np.ndarray  #: each test image's loss, in the base asked for
    wrong: tuple[int, ...]  #: test positions of the costliest mistakes, highest loss first
    unsure: int  #: the test position whose largest q is the smallest
    drawing: Drawn | None  #: None when nothing is drawn
    #: the model's mean losses in the base asked for: training at the first and the last step,
    #: test at the last (the model keeps them in nats)
    curve_ends: tuple[float, float, float] = (math.nan, math.nan, math.nan)

    @property
    def wrong_share(self) -> float:
        """The share of the whole test loss the listed wrong images carry."""
        return float(self.losses[list(self.wrong)].sum() / self.losses.sum())


def worked_digits(model: DigitsModel, position: int, drawing, base=None) -> WorkedDigits:
    """The digits page's numbers for ``model``, test image ``position`` and ``drawing``
    (64 numbers in [0, 1]; all 0: nothing drawn), losses in ``base`` (nats if None)."""
    position = whole_value(position, "position", 0, len(model.test) - 1)
    X, y = images()
    index = int(model.test[position])
    shown = image(model, X[index], int(y[index]), base=base)
    p = model.params
    terms = X[index] * p.W[shown.predicted]
    z = X[model.test] @ p.W.T + p.b
    losses = np.asarray(softmax_cross_entropy(z, y[model.test], base=base, reduction="none"))
    q = softmax(z)
    wrong_at = np.flatnonzero(np.argmax(q, axis=-1) != y[model.test])
    worst = wrong_at[np.argsort(-losses[wrong_at], kind="stable")][:WRONG_SHOWN]
    pixels = np.asarray(drawing, dtype=float)
    return WorkedDigits(
        model=model,
        position=position,
        index=index,
        shown=shown,
        terms=terms,
        labels=np.asarray(y[model.test]),
        q=q,
        losses=losses,
        wrong=tuple(int(k) for k in worst),
        unsure=int(np.argmin(q.max(axis=-1))),
        drawing=drawn(model, pixels) if pixels.any() else None,
        curve_ends=tuple(
            float(nats) / (1.0 if base is None else math.log(base))
            for nats in (model.train_losses[0], model.train_losses[-1], model.test_losses[-1])
        ),
    )
