"""Time SGD on softmax regression (xentviz/training.py) beside a plain numpy loop doing the same
steps, in one run.

Run: ``python benchmarks/bench_training.py``.

1,000 SGD steps (batches of 32) on 1,000 points in 3 blobs, recording the weights and the whole
data set's loss after every step as a page needs them; the plain loop does the same steps and
the same whole-data loss, with no checks of its input and no history. It prints the best of
several runs of each and their ratio. The budget: under 1 s of server time for xentviz.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, no install

from xentviz.training import init_params, make_blobs, sgd


def plain_loop(X, y, W, b, rate, batch_size, steps, seed):
    """The same steps in plain numpy: the batch order sgd draws, the same updates."""
    rng = np.random.default_rng(seed)
    targets = np.eye(W.shape[0])[y]
    order, at = rng.permutation(len(X)), 0
    losses = []
    for _ in range(steps):
        if at + batch_size > len(order):
            order, at = rng.permutation(len(X)), 0
        batch = order[at : at + batch_size]
        at += batch_size
        z = X[batch] @ W.T + b
        z = z - z.max(axis=1, keepdims=True)
        q = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        delta = (q - targets[batch]) / batch_size
        W = W - rate * delta.T @ X[batch]
        b = b - rate * delta.sum(axis=0)
        z = X @ W.T + b
        m = z.max(axis=1, keepdims=True)
        log_q = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
        losses.append(-log_q[np.arange(len(X)), y].mean())
    return W, b, losses


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    X, y = make_blobs(args.points, 3, noise=1.0, seed=0)
    start = init_params(2, 3, seed=0)
    run = sgd(X, y, start, learning_rate=0.5, batch_size=32, steps=args.steps, seed=0)
    W, b, _ = plain_loop(X, y, start.W, start.b, 0.5, 32, args.steps, 0)
    agree = np.allclose(run.last.W, W, rtol=0, atol=1e-9)
    assert agree and np.allclose(run.last.b, b, rtol=0, atol=1e-9), "the two loops disagree"

    ours = best_of(
        lambda: sgd(X, y, start, learning_rate=0.5, batch_size=32, steps=args.steps, seed=0),
        args.repeats,
    )
    plain = best_of(
        lambda: plain_loop(X, y, start.W, start.b, 0.5, 32, args.steps, 0), args.repeats
    )
    print(f"{args.steps} SGD steps on {args.points} points, best of {args.repeats}:")
    print(f"    xentviz.training.sgd  {ours * 1e3:8.1f} ms  (budget 1000 ms)")
    print(f"    plain numpy loop      {plain * 1e3:8.1f} ms")
    print(f"    ratio                 {ours / plain:8.2f}")
    print(f"    loss {run.losses[0]:.4f} -> {run.losses[-1]:.4f}")


if __name__ == "__main__":
    main()
