r"""The softmax cross-entropy of one example, worked step by step as Chaurasia (2023) does.

A page prints these numbers as they are; it never recomputes any of them. Every step is the
arithmetic the core does, in the order it does it, so a student can redo each line:

.. math::

    s_i = \frac{z_i - m}{T}, \quad e_i = e^{s_i}, \quad S = \sum_j e_j, \quad
    q_i = \frac{e_i}{S}, \quad \log q_i = s_i - \ln S, \quad
    L = -\sum_i p_i \log q_i, \quad \frac{\partial L}{\partial z_i} = \frac{q_i - p_i}{T \ln b}

with ``m = max z``: the largest e_i is exactly 1, so S >= 1 never underflows or overflows, and
``log q`` is finite even where ``q`` underflows to 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core import _kernels as kern
from ..core import validation as v
from ..core.information import entropy, kl_divergence

__all__ = ["WorkedExample", "worked_example"]


@dataclass(frozen=True)
class WorkedExample:
    """Every number of one softmax cross-entropy computation, for printing.

    Logs, entropies, the loss and the gradient are in the log ``base`` asked for (the gradient
    is that of the loss as printed, ``(q - p) / (T ln b)``).
    """

    logits: np.ndarray  #: z, shape (K,)
    temperature: float  #: T
    base: float | None  #: None for nats, else the log base
    scaled: np.ndarray  #: z / T, what the softmax compares (for display; not used below)
    max_logit: float  #: m, the largest logit, subtracted before dividing by T
    shifted: np.ndarray  #: s = (z - m) / T, all <= 0, the largest exactly 0
    exps: np.ndarray  #: e = exp(s), the largest exactly 1
    total: float  #: S, the sum of ``exps`` (>= 1)
    log_total: float  #: ln S, in nats (log1p of every term but the largest)
    q: np.ndarray  #: e / S = softmax(z / T)
    log_q: np.ndarray  #: (s - ln S) / ln b: log q in ``base``, finite where q underflows
    target_index: int | None  #: the true class y, or None for a distribution target
    label_smoothing: float  #: epsilon
    p: np.ndarray  #: the target distribution after smoothing
    contributions: np.ndarray  #: -p_i log q_i, summing to ``loss``
    loss: float  #: H(p, q), the sum of ``contributions``
    entropy_q: float  #: H(q), the model's uncertainty
    entropy_p: float  #: H(p), the floor of the loss: H(p, q) >= H(p)
    kl: float  #: KL(p || q) = H(p, q) - H(p), computed directly
    grad: np.ndarray  #: dL/dz = (q - p) / (T ln b)
    tied: tuple[int, ...]  #: the classes with the largest logit (one, unless they tie)

    @property
    def num_classes(self) -> int:
        return int(self.logits.shape[0])

    @property
    def predicted(self) -> int:
        """arg-max q: the first of the classes with the largest logit."""
        return self.tied[0]

    @property
    def predicted_probability(self) -> float:
        return float(self.q[self.predicted])

    @property
    def grad_sum(self) -> float:
        """Sum of the gradient over classes: 0 up to rounding, since q and p both sum to 1."""
        return float(np.sum(self.grad))


def worked_example(logits, target, *, base=None, temperature=1.0, label_smoothing=0.0):
    r"""Work through ``softmax_cross_entropy`` for one example, keeping every step.

    Parameters
    ----------
    logits : array_like, shape (K,)
        Finite logits z of one example.
    target : int or array_like, shape (K,)
        The true class index y, or a target distribution p.
    base : float or None, default None
        Log base of the printed logs, loss, entropies and gradient: None for nats, 2 for bits.
    temperature : float, default 1.0
        T > 0.
    label_smoothing : float in [0, 1], default 0.0
        epsilon: the target becomes ``(1 - epsilon) p + epsilon / K``.

    Returns
    -------
    WorkedExample

    Notes
    -----
    One pass: the arguments are checked once, ``exp`` is taken once, and the loss is the sum
    of the contributions that the page prints.

    Examples
    --------
    Seed 002's softmax III slide. The seed prints e^{z_i} (24.5325, 3.6693, ...); shifted by
    the largest logit, 3.2, they are the same numbers divided by e^{3.2}, and q is unchanged:

    >>> from xentviz import worked_example
    >>> w = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
    >>> (w.exps * np.exp(3.2)).round(4)
    array([24.5325,  3.6693,  1.2214,  2.2255])
    >>> print(round(w.total, 4), round(w.loss, 4), w.predicted)
    1.2901 0.3675 0
    """
    z = v.logits_array(logits, "logits")
    if z.ndim != 1:
        raise ValueError(f"logits must be one example of shape (K,), got shape {z.shape}")
    is_label, t = kern.as_target(target, z)
    base_log = v.log_base(base)
    temperature = v.temperature_value(temperature)
    e = v.smoothing_value(label_smoothing)
    k = z.shape[0]

    s = kern.shifted(z, -1, temperature)
    exps, log_total = kern.log_normalizer(s, -1)
    log_total = float(log_total[0])
    q = exps / np.sum(exps)
    log_q = (s - log_total) / base_log

    p = kern.smooth(_one_hot_row(int(t), k, z.dtype) if is_label else t, e)
    contributions = np.zeros_like(log_q)
    # Only classes the target weighs contribute (0 * log q = 0 even where log q is -inf).
    np.multiply(-p, log_q, out=contributions, where=p > 0)
    contributions += 0.0  # no -0.0
    loss = float(np.sum(contributions))

    positive = q > 0
    entropy_q = float(-np.sum(q[positive] * log_q[positive])) + 0.0
    entropy_p = float(entropy(p, base=base))
    where = p > 0
    if is_label and e == 0:  # H(p) = 0: KL is the loss, exact even where q_y rounds to 1
        kl = loss
    elif (q[where] > 0).all():
        kl = float(kl_divergence(p, q, base=base))
    else:  # q underflowed where p > 0: KL is large, and the difference of logs exact enough
        kl = float(np.sum(p[where] * (np.log(p[where]) / base_log - log_q[where])))

    grad = kern.q_minus_p(q.copy(), is_label, t, e)
    if temperature != 1.0:
        kern.divide(grad, temperature)
    grad /= base_log

    m = float(np.max(z))
    with np.errstate(over="ignore"):  # display only: beyond the float range it shows as inf
        scaled = (z / np.float64(temperature)).astype(z.dtype, copy=False)
    return WorkedExample(
        logits=z,
        temperature=temperature,
        base=base,
        scaled=scaled,
        max_logit=m,
        shifted=s,
        exps=exps,
        total=float(np.sum(exps)),
        log_total=log_total,
        q=q,
        log_q=log_q,
        target_index=int(t) if is_label else None,
        label_smoothing=e,
        p=p,
        contributions=contributions,
        loss=loss,
        entropy_q=entropy_q,
        entropy_p=entropy_p,
        kl=kl,
        grad=grad,
        tied=tuple(int(i) for i in np.flatnonzero(z == m)),
    )


def _one_hot_row(y: int, k: int, dtype) -> np.ndarray:
    row = np.zeros(k, dtype=dtype)
    row[y] = 1.0
    return row
