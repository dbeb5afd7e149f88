"""The encoding page's numbers, each from the core's own function: the labels as codes under
two codings, the loss under each, the codes used as numbers, softmax beside the standard
normalisation, and softmax after a shift and a scale of the logits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.encodings import loss_under, mean_code, nearest_codes, recode
from ..core.losses import one_hot
from ..core.softmax import softmax, standard_normalization
from .playground import WorkedExample, worked_example

__all__ = ["EncodingWorked", "worked_encoding"]


@dataclass(frozen=True)
class EncodingWorked:
    example: WorkedExample  #: the true class's loss, worked (one-hot selects -log q_y)
    one_hot: np.ndarray  #: the labels as one-hot rows
    codes: tuple[np.ndarray, np.ndarray]  #: the labels' codes: classes in order, and recoded
    losses: tuple[float, float]  #: the mean loss of the labels under each coding (equal)
    means: tuple[float, float]  #: the mean of the codes under each coding
    nearest: tuple[tuple[int, ...], tuple[int, ...]]  #: the classes nearest each mean
    ratio: np.ndarray | None  #: z / sum z, the standard normalisation (None: undefined)
    ratio_error: str | None  #: why it is undefined
    shifted: np.ndarray  #: softmax(z + c)
    scaled: np.ndarray  #: softmax(a z), that is softmax at T = 1 / a


def worked_encoding(logits, target, ys, order, shift, scale, *, base=None) -> EncodingWorked:
    """Work the encoding page's numbers.

    >>> from xentviz.worked.encoding import worked_encoding
    >>> w = worked_encoding([2.0, 4.0], 1, [0, 1], [1, 0], 5.0, 2.0)
    >>> w.ratio.round(4), w.shifted.round(4), w.scaled.round(4)  # Chaurasia (2023)
    (array([0.3333, 0.6667]), array([0.1192, 0.8808]), array([0.018, 0.982]))
    """
    k = len(logits)
    identity = list(range(k))
    codes = (recode(ys, identity), recode(ys, order))
    means = (mean_code(ys, identity), mean_code(ys, order))
    batch = np.tile(np.asarray(logits, dtype=np.float64), (len(ys), 1))
    try:
        ratio, error = standard_normalization(logits), None
    except ValueError as err:
        ratio, error = None, str(err)
    return EncodingWorked(
        example=worked_example(logits, target, base=base),
        one_hot=one_hot(ys, k),
        codes=codes,
        losses=(
            loss_under(batch, ys, identity, base=base),
            loss_under(batch, ys, order, base=base),
        ),
        means=means,
        nearest=(nearest_codes(means[0], identity), nearest_codes(means[1], order)),
        ratio=ratio,
        ratio_error=error,
        shifted=softmax(np.add(logits, shift)),
        scaled=softmax(logits, temperature=1.0 / scale),
    )
