"""Every number the gradients page shows for one state, from the core: the chain rule factor
by factor (-p/q, the softmax Jacobian, q - p), the finite-difference check and its V over h.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.backprop import ChainRule, chain_rule
from ..core.landscape import (
    central_differences,
    finite_difference_errors,
)

__all__ = ["HS", "WorkedGradients", "worked_gradients"]


HS = np.logspace(-12, -1, 45)  #: the steps h of the finite-difference V


@dataclass(frozen=True)
class WorkedGradients:
    chain: ChainRule  #: every factor of the backward pass (nats)
    slopes: np.ndarray  #: the central differences at h, one per logit
    errors: np.ndarray  #: |slope - gradient| per logit
    hs: np.ndarray  #: HS
    v: np.ndarray  #: the largest error over the logits, at each h of HS
    at_h: float  #: the largest error at the state's h
    best_h: float  #: the h of HS with the smallest error
    grad_sum: float  #: the sum of the gradient's components (0 up to rounding)


def worked_gradients(logits, target: int, h: float) -> WorkedGradients:
    """The chain rule for the logits and true class, and the finite-difference check at h."""
    chain = chain_rule(logits, target)
    slopes = central_differences(logits, target, h)
    errors = np.abs(slopes - chain.gradient)
    v = finite_difference_errors(logits, target, HS)
    return WorkedGradients(
        chain=chain,
        slopes=slopes,
        errors=errors,
        hs=HS,
        v=v,
        at_h=float(errors.max()),
        best_h=float(HS[int(np.argmin(v))]),
        grad_sum=math.fsum(chain.gradient),
    )
