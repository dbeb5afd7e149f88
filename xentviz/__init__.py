"""xentviz: softmax, entropy and cross-entropy, computed exactly and shown live.

The maths core is pure numpy; every number the app shows comes from here::

    >>> from xentviz import softmax, softmax_cross_entropy
    >>> softmax([3.2, 1.3, 0.2, 0.8]).round(4)
    array([0.7751, 0.1159, 0.0386, 0.0703])
"""

from .core.binary_losses import (
    binary_cross_entropy,
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_grad,
    sigmoid_squared_error,
    sigmoid_squared_error_grad,
)
from .core.information import (
    binary_entropy,
    cross_entropy,
    distribution_from_counts,
    entropy,
    kl_divergence,
)
from .core.losses import (
    one_hot,
    smoothed_target,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from .core.softmax import (
    log_softmax,
    logsumexp,
    sigmoid,
    softmax,
    softmax_jacobian,
    standard_normalization,
)
from .worked.playground import WorkedExample, worked_example

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "softmax_jacobian",
    "standard_normalization",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "binary_entropy",
    "distribution_from_counts",
    "one_hot",
    "smoothed_target",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "binary_cross_entropy",
    "sigmoid_cross_entropy",
    "sigmoid_cross_entropy_grad",
    "sigmoid_squared_error",
    "sigmoid_squared_error_grad",
    "WorkedExample",
    "worked_example",
]
