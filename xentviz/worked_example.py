r"""The softmax cross-entropy of one example, worked step by step as seed 002 does by hand.

A page prints these numbers as they are; it never recomputes any of them:

.. math::

    e_i = e^{z_i / T - c}, \quad S = \sum_j e_j, \quad q_i = \frac{e_i}{S}, \quad
    L = -\sum_i p_i \log q_i, \quad \frac{\partial L}{\partial z_i} = \frac{q_i - p_i}{T}

where the shift c is 0 whenever ``e^{z_i / T}`` can be printed (as in the seed), and the
largest scaled logit otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import _validation as v
from .information import entropy
from .losses import _smooth, _target, softmax_cross_entropy, softmax_cross_entropy_grad
from .softmax import log_softmax, softmax

__all__ = ["WorkedExample", "worked_example"]

#: The largest exponent whose exp is printed unshifted: e^700 ~ 1e304 still sums safely.
_PRINTABLE_EXPONENT = 700.0


@dataclass(frozen=True)
class WorkedExample:
    """Every number of one softmax cross-entropy computation, for printing.

    Entropies, the loss and ``log_q`` are in the log ``base`` asked for; the gradient is of the
    loss in nats, ``(q - p) / T``, as the seeds derive it.
    """

    logits: np.ndarray  #: z, shape (K,)
    temperature: float  #: T
    base: float | None  #: None for nats, else the log base
    scaled: np.ndarray  #: z / T
    shift: float  #: c, subtracted from z / T before exponentiating (0 if not needed)
    exps: np.ndarray  #: e^(z/T - c)
    total: float  #: S, the sum of ``exps``
    q: np.ndarray  #: softmax(z / T)
    log_q: np.ndarray  #: log q in ``base``, finite even where q underflows to 0
    target_index: int | None  #: the true class y, or None for a distribution target
    label_smoothing: float  #: e
    p: np.ndarray  #: the target distribution after smoothing
    contributions: np.ndarray  #: -p_i log q_i, summing to ``loss``
    loss: float  #: H(p, q)
    entropy_q: float  #: H(q), the model's uncertainty
    entropy_p: float  #: H(p), the least loss any q could reach
    kl: float  #: KL(p || q) = H(p, q) - H(p)
    grad: np.ndarray  #: dL/dz = (q - p) / T, in nats
    predicted: int  #: arg-max q (the first, on ties)

    @property
    def num_classes(self) -> int:
        return int(self.logits.shape[0])

    @property
    def predicted_probability(self) -> float:
        return float(self.q[self.predicted])

    @property
    def grad_sum(self) -> float:
        """Sum of the gradient over classes: 0 up to rounding, since q and p both sum to 1."""
        return float(np.sum(self.grad))


def worked_example(logits, target, temperature=1.0, base=None, label_smoothing=0.0):
    r"""Work through ``softmax_cross_entropy`` for one example, keeping every step.

    Parameters
    ----------
    logits : array_like, shape (K,)
        Finite logits z of one example.
    target : int or array_like, shape (K,)
        The true class index y, or a target distribution p.
    temperature : float, default 1.0
        T > 0.
    base : float or None, default None
        Log base of the printed loss and entropies: None for nats, 2 for bits.
    label_smoothing : float in [0, 1], default 0.0
        e: the target becomes ``(1 - e) p + e / K``.

    Returns
    -------
    WorkedExample

    Examples
    --------
    Seed 002's softmax III slide, exact where the seed rounds (its rounded exps add up to
    31.6487):

    >>> from xentviz import worked_example
    >>> w = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
    >>> w.exps.round(4)
    array([24.5325,  3.6693,  1.2214,  2.2255])
    >>> print(round(w.total, 4), round(w.loss, 4), w.predicted)
    31.6488 0.3675 0
    """
    z = v.logits_array(logits, "logits")
    if z.ndim != 1:
        raise ValueError(f"logits must be one example of shape (K,), got shape {z.shape}")
    is_label, t = _target(target, z)
    temperature = v.temperature_value(temperature)
    e = v.smoothing_value(label_smoothing)
    base_log = v.log_base(base)
    k = z.shape[0]

    with np.errstate(over="ignore"):  # display only; softmax itself never forms z / T
        scaled = z / temperature
    top = float(np.max(scaled))
    shift = 0.0 if top <= _PRINTABLE_EXPONENT - math.log(k) else top
    with np.errstate(under="ignore", over="ignore"):
        exps = np.exp(scaled - shift)

    p = _smooth(np.eye(k, dtype=z.dtype)[t] if is_label else t, e)
    log_q = log_softmax(z, temperature=temperature) / base_log
    contributions = np.zeros_like(log_q)
    np.multiply(-p, log_q, out=contributions, where=p > 0)
    loss = float(softmax_cross_entropy(z, t, base, temperature, e))
    q = softmax(z, temperature=temperature)
    entropy_p = float(entropy(p, base=base))
    return WorkedExample(
        logits=z,
        temperature=temperature,
        base=base,
        scaled=scaled,
        shift=shift,
        exps=exps,
        total=float(np.sum(exps)),
        q=q,
        log_q=log_q,
        target_index=int(t) if is_label else None,
        label_smoothing=e,
        p=p,
        contributions=contributions + 0.0,
        loss=loss,
        entropy_q=float(entropy(q, base=base)),
        entropy_p=entropy_p,
        # H(p, q) - H(p) is >= 0; a difference of two rounded numbers may dip a few ulps below.
        kl=max(loss - entropy_p, 0.0),
        grad=softmax_cross_entropy_grad(z, t, temperature, e),
        predicted=int(np.argmax(q)),
    )
