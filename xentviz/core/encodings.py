r"""Integer codes and one-hot vectors: the same labels written two ways (Chaurasia, 2023).

For a softmax classifier an integer label is only an index: it picks which probability the
loss reads, :math:`-\log q_y`, and renaming the classes changes nothing. The order of the codes
matters only when the integer is used as a number: averaged, subtracted, regressed on.
"""

from __future__ import annotations

import numpy as np

from . import validation as v
from .losses import softmax_cross_entropy

__all__ = ["recode", "mean_code", "nearest_codes", "loss_under"]


def _order(order) -> np.ndarray:
    o = np.asarray(order)
    o = v.labels_array(o, max(o.size, 1), "order")
    if o.ndim != 1 or sorted(o.tolist()) != list(range(len(o))):
        raise ValueError("order must give each class a different code 0, 1, ..., K - 1")
    return o


def recode(labels, order) -> np.ndarray:
    """The labels' integer codes when class k is coded ``order[k]``.

    >>> from xentviz.core.encodings import recode
    >>> recode([0, 3, 1], [2, 0, 3, 1])  # dog=2, cat=0, horse=3, cheetah=1
    array([2, 1, 0])
    """
    o = _order(order)
    return o[v.labels_array(labels, len(o), "labels")]


def mean_code(labels, order) -> float:
    """The mean of the labels' codes: what a model averaging the integers would predict.

    >>> from xentviz.core.encodings import mean_code
    >>> mean_code([0, 2], [0, 1, 2, 3])  # dog and horse average to cat's code
    1.0
    """
    return float(np.mean(recode(labels, order)))


def nearest_codes(value: float, order) -> tuple[int, ...]:
    """The classes whose codes are nearest ``value``: one, or two when it lies halfway
    between them (in the order of their codes).

    >>> from xentviz.core.encodings import nearest_codes
    >>> nearest_codes(1.75, [0, 1, 2, 3]), nearest_codes(1.5, [0, 1, 2, 3])
    ((2,), (1, 2))
    """
    o = _order(order)
    distance = np.abs(o - value)
    nearest = np.flatnonzero(distance == distance.min())
    return tuple(int(k) for k in nearest[np.argsort(o[nearest])])


def loss_under(logits, labels, order, *, base=None) -> float:
    """The mean softmax cross-entropy of the labels with the classes recoded by ``order``:
    the logits are recoded along with them (the model's outputs follow the classes), so the
    loss is the same for every order.

    >>> from xentviz.core.encodings import loss_under
    >>> z = [[3.2, 1.3, 0.2, 0.8]]
    >>> [round(loss_under(z, [0], order), 4) for order in ([0, 1, 2, 3], [3, 2, 1, 0])]
    [0.2547, 0.2547]
    """
    o = _order(order)
    z = v.logits_array(logits, "logits")
    recoded = np.empty_like(z)
    recoded[..., o] = z  # the logit of class k now sits at its new code
    return float(softmax_cross_entropy(recoded, recode(labels, order), base=base))
