r"""Containers of shapes: entropy made tangible (Chaurasia's (2023) 26/4, 14/16 and 1/29 of 30).

Picking one item at random from a container of counts :math:`c_1, \dots, c_K` is a
distribution :math:`p_i = c_i / N`; its entropy is the average surprise :math:`-\log p_i` of a
pick. This module draws picks (seeded, reproducible), follows their average surprise as it
approaches the entropy, and finds the integer counts whose entropy is nearest a goal.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from . import validation as v
from ._kept import kept
from .exact import counts_cross_entropy_order
from .information import cross_entropy, distribution_from_counts, entropy, kl_divergence

__all__ = [
    "Container",
    "Comparison",
    "describe",
    "compare",
    "draw",
    "running_surprise",
    "frequencies",
    "nearest_counts",
    "effective_number",
]


@dataclass(frozen=True)
class Container:
    """Every number the page prints about one container, in the log ``base`` asked for."""

    counts: np.ndarray  #: c_i
    total: int  #: N
    p: np.ndarray  #: c_i / N
    surprise: np.ndarray  #: -log p_i (inf for a kind with no items: never picked)
    terms: np.ndarray  #: -p_i log p_i, summing to ``entropy`` (0 where p_i = 0)
    entropy: float  #: H(p)
    most: float  #: log K, the entropy of K equally likely kinds
    effective: float  #: b^H: how many equally likely kinds are as uncertain


@dataclass(frozen=True)
class Comparison:
    """Two containers' distributions p and q coded with each other's code."""

    h_p: float  #: H(p)
    h_q: float  #: H(q)
    h_pq: float  #: H(p, q) = H(p) + KL(p || q); inf when q lacks a kind p has
    h_qp: float  #: H(q, p) = H(q) + KL(q || p)
    kl_pq: float  #: KL(p || q)
    kl_qp: float  #: KL(q || p)
    missing_in_q: tuple[int, ...]  #: kinds p has and q lacks (each makes H(p, q) infinite)
    missing_in_p: tuple[int, ...]  #: kinds q has and p lacks
    #: the sign of H(p, q) - H(q, p), decided exactly on the counts (float64 may give the two
    #: a last digit apart where they are equal: counts 1, 2 against 2, 1)
    order: int = 0


def _counts(counts) -> np.ndarray:
    c = v.logits_array(counts, "counts")
    if c.ndim != 1:
        raise ValueError(f"counts must be one container, shape (K,), got shape {c.shape}")
    if (c < 0).any() or (c != np.round(c)).any():
        raise ValueError("counts must be whole numbers >= 0")
    if c.sum() == 0:
        raise ValueError("counts must have at least one item (an empty container has no entropy)")
    return c


def describe(counts, base=None) -> Container:
    """One container's probabilities, surprises, entropy terms, entropy, log K and b^H.

    Examples
    --------
    Seed 002's containers (it prints 0.5665, 0.9968 and 0.2108 bits):

    >>> from xentviz.core.containers import describe
    >>> [round(describe(c, base=2).entropy, 4) for c in ([26, 4], [14, 16], [1, 29])]
    [0.5665, 0.9968, 0.2108]
    """
    c = _counts(counts)
    base_log = v.log_base(base)
    p = distribution_from_counts(c)
    with np.errstate(
        divide="ignore"
    ):  # a kind with no items is never picked: infinitely surprising
        surprise = -np.log(p) / base_log
    terms = np.zeros_like(p)
    np.multiply(p, surprise, out=terms, where=p > 0)
    h = float(entropy(p, base=base))
    return Container(
        counts=c.astype(np.int64),
        total=int(c.sum()),
        p=p,
        surprise=surprise,
        terms=terms + 0.0,
        entropy=h,
        most=math.log(len(p)) / base_log,
        effective=float(math.exp(h * base_log)),
    )


def compare(p_counts, q_counts, base=None) -> Comparison:
    """H(p, q), H(q, p) and both KL divergences of two containers with the same kinds.

    Examples
    --------
    >>> from xentviz.core.containers import compare
    >>> c = compare([26, 4], [14, 16], base=2)
    >>> print(round(c.h_pq, 4), round(c.h_qp, 4), round(c.kl_pq, 4), round(c.kl_qp, 4))
    1.0738 1.6467 0.5073 0.6499
    >>> compare([26, 4], [30, 0]).h_pq  # q never planned for a circle
    inf
    """
    p = distribution_from_counts(_counts(p_counts))
    q = distribution_from_counts(_counts(q_counts))
    v.same_shape(p, q, "p_counts", "q_counts")
    return Comparison(
        h_p=float(entropy(p, base=base)),
        h_q=float(entropy(q, base=base)),
        h_pq=float(cross_entropy(p, q, base=base)),
        h_qp=float(cross_entropy(q, p, base=base)),
        kl_pq=float(kl_divergence(p, q, base=base)),
        kl_qp=float(kl_divergence(q, p, base=base)),
        missing_in_q=tuple(int(i) for i in np.flatnonzero((p > 0) & (q == 0))),
        missing_in_p=tuple(int(i) for i in np.flatnonzero((q > 0) & (p == 0))),
        order=counts_cross_entropy_order((p_counts, q_counts), (q_counts, p_counts)),
    )


def _whole(value, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    return int(value)


def draw(counts, n: int, seed: int) -> np.ndarray:
    """``n`` picks from a container, each put back before the next: the index of the kind
    picked, reproducible from ``seed``.

    Examples
    --------
    >>> from xentviz.core.containers import draw
    >>> draw([26, 4], 10, seed=0)
    array([0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
    """
    p = distribution_from_counts(_counts(counts))
    n = _whole(n, "n", 0)
    seed = _whole(seed, "seed", 0)
    # Inverse transform sampling with numpy's PCG64: the same picks on every machine.
    u = np.random.default_rng(seed).random(n)
    edges = np.cumsum(p)
    edges[-1] = 1.0
    return np.searchsorted(edges, u, side="right").astype(np.intp)


def running_surprise(picks, counts, base=None) -> np.ndarray:
    r"""The average surprise :math:`-\log p` of the first 1, 2, ..., n picks: by the law of large
    numbers it approaches the entropy H(p) as n grows.

    Examples
    --------
    >>> from xentviz.core.containers import running_surprise
    >>> running_surprise([0, 1], [1, 1], base=2)
    array([1., 1.])
    """
    p = distribution_from_counts(_counts(counts))
    picks = v.labels_array(picks, len(p), "picks")
    if picks.ndim != 1:
        raise ValueError("picks must be one sequence of kinds")
    with np.errstate(divide="ignore"):  # a pick of a kind with p = 0 cannot happen
        surprise = -np.log(p[picks]) / v.log_base(base)
    return np.cumsum(surprise) / np.arange(1, len(picks) + 1)


def frequencies(picks, kinds: int) -> np.ndarray:
    """The share of each kind among the picks (all 0 for no picks).

    >>> from xentviz.core.containers import frequencies
    >>> frequencies([0, 0, 1, 0], 3)
    array([0.75, 0.25, 0.  ])
    """
    kinds = _whole(kinds, "kinds", 1)
    picks = v.labels_array(picks, kinds, "picks")
    tally = np.bincount(picks.ravel(), minlength=kinds).astype(np.float64)
    return tally / max(picks.size, 1)


def effective_number(counts) -> float:
    """e^H (H in nats), or equally 2^H with H in bits: how many equally likely kinds would
    be as uncertain as this container.

    >>> from xentviz.core.containers import effective_number
    >>> print(round(effective_number([14, 16]), 4))
    1.9956
    """
    return float(math.exp(entropy(distribution_from_counts(_counts(counts)))))


def _partitions(total: int, parts: int, largest: int):
    """Every way of writing ``total`` as ``parts`` counts >= 0, largest first, none above
    ``largest``."""
    if parts == 1:
        if total <= largest:
            yield (total,)
        return
    for first in range(min(total, largest), -1, -1):
        if first * parts < total:  # the rest could not reach the total below ``first``
            break
        for rest in _partitions(total - first, parts - 1, first):
            yield (first, *rest)


#: The most containers nearest_counts examines (partitions of the total into the kinds): 100
#: items of 6 kinds give 189,509 of them.
MAX_PARTITIONS = 500_000


def nearest_counts(goal: float, total: int, kinds: int, base=None) -> tuple[tuple[int, ...], float]:
    """The counts of ``kinds`` kinds adding up to ``total`` whose entropy (in ``base``) is
    nearest ``goal``, largest count first, with that entropy.

    Only the multiset of counts matters to the entropy, so each partition of ``total`` into at
    most ``kinds`` parts is tried once.

    Examples
    --------
    Half a bit with 30 shapes of two kinds: 27 and 3 give 0.469 bits, 26 and 4 give 0.567;
    27/3 is nearer.

    >>> from xentviz.core.containers import nearest_counts
    >>> counts, h = nearest_counts(0.5, 30, 2, base=2)
    >>> counts, round(h, 4)
    ((27, 3), 0.469)
    """
    if isinstance(goal, bool) or not isinstance(goal, int | float) or not math.isfinite(goal):
        raise ValueError(f"goal must be a finite number, got {goal!r}")
    total = _whole(total, "total", 1)
    kinds = _whole(kinds, "kinds", 1)
    base_log = v.log_base(base)
    rows, nats = _containers(total, kinds)
    h = nats / base_log
    best = int(np.argmin(np.abs(h - goal)))
    return tuple(int(c) for c in rows[best]), float(h[best])


@kept(maxsize=8)
def _containers(total: int, kinds: int) -> tuple[np.ndarray, np.ndarray]:
    """Each partition of ``total`` into at most ``kinds`` parts (largest first, a row each),
    and its entropy in nats; kept for every session (100 items of 6 kinds: 189,509 rows, 0.4 s
    to make, 2.6 MB kept), read-only."""
    tried = list(itertools.islice(_partitions(total, kinds, total), MAX_PARTITIONS + 1))
    if len(tried) > MAX_PARTITIONS:
        raise ValueError(
            f"total: {total} items of {kinds} kinds make over {MAX_PARTITIONS} containers to try"
        )
    rows = np.array(tried, dtype=np.float64)
    nats = entropy(rows / total)
    small = rows.astype(np.uint16 if total < 2**16 else np.int64)
    small.flags.writeable = nats.flags.writeable = False
    return small, nats
