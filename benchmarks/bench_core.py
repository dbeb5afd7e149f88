"""Time the maths core against naive numpy and scipy.special on the same arrays, in one run.

Run: ``python benchmarks/bench_core.py`` (add ``--quick`` to skip the 10^7 arrays).

For softmax, log_softmax and the mean softmax cross-entropy with integer labels, on float64
arrays of 10^5 and 10^7 elements with K = 10 and K = 1000 classes (and K = 10 with every
row's true class leading by 40, where the log of the sum takes its exact path), it prints the
best of
several runs for each implementation and the ratios xentviz / scipy and xentviz / naive
(below 1.0 means xentviz is faster). Timings on a shared machine drift; the ratios, measured
side by side, are what to compare.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.special

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, no install

import xentviz


def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def naive_log_softmax(z):
    return np.log(naive_softmax(z))


def naive_cross_entropy(z, y):
    q = naive_softmax(z)
    return -np.mean(np.log(q[np.arange(len(y)), y]))


def scipy_cross_entropy(z, y):
    return -np.mean(scipy.special.log_softmax(z, axis=-1)[np.arange(len(y)), y])


CASES = {
    "softmax": (
        lambda z, y: xentviz.softmax(z),
        lambda z, y: scipy.special.softmax(z, axis=-1),
        lambda z, y: naive_softmax(z),
    ),
    "log_softmax": (
        lambda z, y: xentviz.log_softmax(z),
        lambda z, y: scipy.special.log_softmax(z, axis=-1),
        lambda z, y: naive_log_softmax(z),
    ),
    "cross_entropy(mean)": (
        lambda z, y: xentviz.softmax_cross_entropy(z, y),
        scipy_cross_entropy,
        naive_cross_entropy,
    ),
}


def best_time(fn, *args, repeat: int) -> float:
    fn(*args)  # warm up caches and page in the output
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 10^5-element arrays")
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing (best is kept)")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    sizes = [10**5] if args.quick else [10**5, 10**7]
    print(f"numpy {np.__version__}, scipy {scipy.__version__}; best of {args.repeat} runs, ms")
    header = (
        f"{'function':<20} {'logits':<10} {'N':>9} {'K':>5} {'xentviz':>9} {'scipy':>9} "
        f"{'naive':>9}"
    )
    print(f"{header} {'x/scipy':>8} {'x/naive':>8}")
    worst = 0.0
    for n in sizes:
        for k, kind in ((10, "spread"), (10, "confident"), (1000, "spread")):
            z = rng.normal(scale=3.0, size=(n // k, k))
            y = rng.integers(0, k, size=n // k)
            if kind == "confident":  # every row's true class leads by 40: the exact path
                z[np.arange(n // k), y] += 40.0
            for name, (ours, theirs, naive) in CASES.items():
                np.testing.assert_allclose(ours(z, y), theirs(z, y), rtol=1e-10, atol=1e-12)
                t_ours, t_scipy, t_naive = (
                    best_time(f, z, y, repeat=args.repeat) for f in (ours, theirs, naive)
                )
                ratio = t_ours / t_scipy
                if n == sizes[-1]:
                    worst = max(worst, ratio)
                print(
                    f"{name:<20} {kind:<10} {n:>9.0e} {k:>5} {t_ours * 1e3:>9.2f} "
                    f"{t_scipy * 1e3:>9.2f} {t_naive * 1e3:>9.2f} {ratio:>8.2f} "
                    f"{t_ours / t_naive:>8.2f}"
                )
    print(f"worst xentviz/scipy ratio at N = {sizes[-1]:.0e}: {worst:.2f}")


if __name__ == "__main__":
    main()
