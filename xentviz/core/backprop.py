"""The gradient of the loss, step by step as Wocjan (2019) derives it, and the likelihood view of
seeds 000 and 004.

:func:`chain_rule` gives every factor of dL/dz = dL/dq . dq/dz for one example (eqs. 5-8 of
Wocjan (2019)): dL/dq_k = -p_k / q_k, the softmax Jacobian, and their product, which is q - p.
:func:`likelihood` gives, for a batch, the product of the true classes' probabilities, its log,
the sum of the logs, and the mean negative log-likelihood, which equals the mean cross-entropy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .losses import one_hot, softmax_cross_entropy, softmax_cross_entropy_grad
from .softmax import log_softmax, softmax, softmax_jacobian
from .validation import labels_array, logits_array

__all__ = ["ChainRule", "chain_rule", "Likelihood", "likelihood"]


@dataclass(frozen=True)
class ChainRule:
    """Each factor of the backward pass for one example (loss in nats)."""

    q: np.ndarray  #: softmax(z)
    p: np.ndarray  #: the one-hot target
    loss: float  #: -log q_y
    dL_dq: np.ndarray  #: -p_k / q_k (0 where p_k = 0)
    jacobian: np.ndarray  #: dq_k / dz_j = q_k (delta_kj - q_j)
    dL_dz: np.ndarray  #: dL/dq . dq/dz, the product
    gradient: np.ndarray  #: the core's gradient q - p, which the product equals


def chain_rule(logits, target: int) -> ChainRule:
    """The backward pass through softmax and cross-entropy for one example with true class
    ``target``, each factor computed on its own and their product beside the core's gradient.
    dL/dq_y = -1/q_y is the one factor that can be huge (q_y tiny): where it overflows, the
    product is not formed from it and the core's gradient stands (``dL_dz`` is then NaN)."""
    z = logits_array(logits, "logits")
    if z.ndim != 1:
        raise ValueError(f"logits must be one example (a vector), got shape {z.shape}")
    y = int(labels_array(target, z.size, "target"))
    q = softmax(z)
    p = one_hot(y, z.size)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        dL_dq = np.where(p > 0, -p / q, 0.0)
        J = softmax_jacobian(z)
        product = dL_dq @ J if np.all(np.isfinite(dL_dq)) else np.full(z.size, np.nan)
    return ChainRule(
        q=q,
        p=p,
        loss=float(softmax_cross_entropy(z, y)),
        dL_dq=dL_dq,
        jacobian=J,
        dL_dz=product,
        gradient=softmax_cross_entropy_grad(z, y),
    )


@dataclass(frozen=True)
class Likelihood:
    """A batch's likelihood of its labels under the model, four ways."""

    probabilities: np.ndarray  #: q of each example's true class
    product: float  #: prod q_y (underflows to 0 for a long batch)
    log_product: float  #: log of that product as computed (-inf once it underflowed)
    sum_of_logs: float  #: sum log q_y (never underflows)
    mean_nll: float  #: -mean log q_y: the mean cross-entropy


def likelihood(logits, labels) -> Likelihood:
    """For a batch of logits (rows) and labels: the product of the true classes'
    probabilities, its log, the sum of their logs and the mean negative log-likelihood (in
    nats), which is the mean softmax cross-entropy."""
    z = logits_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be a batch (examples x classes), got shape {z.shape}")
    y = labels_array(labels, z.shape[1], "labels")
    if y.shape != (z.shape[0],):
        raise ValueError(f"labels must hold one label per row of logits, got shape {y.shape}")
    logs = log_softmax(z)[np.arange(len(y)), y]
    probabilities = np.exp(logs)
    product = float(np.prod(probabilities))
    log_product = math.log(product) if product > 0 else -math.inf
    return Likelihood(
        probabilities=probabilities,
        product=product,
        log_product=log_product,
        sum_of_logs=float(math.fsum(logs)),
        mean_nll=-math.fsum(logs) / len(y),
    )
