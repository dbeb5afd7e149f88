"""Softmax regression by SGD (xentviz/core/training.py): its data, its gradient against finite
differences and a per-example loop, its runs reproducible from a seed, and its weights against an
independent twin written here with plain numpy (not xentviz) after 100 steps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from xentviz.core.training import (
    Params,
    accuracy,
    init_params,
    loss_and_grads,
    make_blobs,
    sgd,
)


def test_blobs_are_reproducible_and_balanced():
    X, y = make_blobs(301, 4, noise=0.5, seed=7)
    X2, y2 = make_blobs(301, 4, noise=0.5, seed=7)
    assert X.shape == (301, 2) and y.shape == (301,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make_blobs(301, 4, noise=0.5, seed=8)[0])
    assert sorted(np.bincount(y)) == [75, 75, 75, 76]
    # With no noise every point is its blob's centre, on the circle of radius 3.
    X0, _ = make_blobs(10, 5, noise=0.0)
    np.testing.assert_allclose(np.hypot(X0[:, 0], X0[:, 1]), 3.0)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: make_blobs(0), "n_points"),
        (lambda: make_blobs(10, 6), "n_classes"),
        (lambda: make_blobs(10, 3, noise=-1), "noise"),
        (lambda: make_blobs(10, 3, noise=math.nan), "noise"),
        (lambda: make_blobs(10, 3, seed=-1), "seed"),
        (lambda: make_blobs(10.5), "n_points"),
        (lambda: init_params(2, 1), "n_classes"),
        (lambda: sgd(*make_blobs(10), init_params(2, 3), learning_rate=-1), "learning_rate"),
        (lambda: sgd(*make_blobs(10), init_params(2, 3), batch_size=11), "batch_size"),
        (lambda: sgd(*make_blobs(10), init_params(2, 3), batch_size=5, steps=True), "steps"),
        (lambda: loss_and_grads(init_params(3, 3), *make_blobs(10)), "X"),
        (lambda: loss_and_grads(init_params(2, 3), make_blobs(10)[0], [0] * 9), "y"),
        (lambda: loss_and_grads(init_params(2, 3), make_blobs(10)[0], [3] * 10), "y"),
        (lambda: loss_and_grads(Params(np.full((3, 2), np.inf), np.zeros(3)), *make_blobs(3)), "W"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def random_problem(seed=0, n=12, k=4, d=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) * 2
    y = rng.integers(0, k, n)
    return Params(rng.standard_normal((k, d)), rng.standard_normal(k)), X, y


@pytest.mark.parametrize("seed", range(5))
def test_the_gradient_matches_finite_differences(seed):
    params, X, y = random_problem(seed)
    _, grads = loss_and_grads(params, X, y)
    h = 1e-6
    for name in ("W", "b"):
        value = getattr(params, name)
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            up, down = value.copy(), value.copy()
            up[index] += h
            down[index] -= h
            moved = {name: up}
            loss_up = loss_and_grads(Params(**{"W": params.W, "b": params.b, **moved}), X, y)[0]
            moved = {name: down}
            loss_down = loss_and_grads(Params(**{"W": params.W, "b": params.b, **moved}), X, y)[0]
            numeric[index] = (loss_up - loss_down) / (2 * h)
        np.testing.assert_allclose(getattr(grads, name), numeric, rtol=1e-6, atol=1e-8)


def test_the_gradient_is_the_mean_of_q_minus_p_times_x():
    """Seed 001 section 5, one example at a time: dL/dW = (q - p) x^T, dL/db = q - p."""
    params, X, y = random_problem(3)
    _, grads = loss_and_grads(params, X, y)
    dW, db = np.zeros_like(params.W), np.zeros_like(params.b)
    for x, label in zip(X, y, strict=True):
        z = params.W @ x + params.b
        q = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        p = np.eye(len(z))[label]
        dW += np.outer(q - p, x) / len(X)
        db += (q - p) / len(X)
    np.testing.assert_allclose(grads.W, dW, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grads.b, db, rtol=1e-12, atol=1e-15)


def test_in_bits_the_loss_and_gradient_are_the_nats_over_ln_2():
    params, X, y = random_problem(4)
    nats, g = loss_and_grads(params, X, y)
    bits, g2 = loss_and_grads(params, X, y, base=2)
    assert bits == pytest.approx(nats / math.log(2), rel=1e-14)
    np.testing.assert_allclose(g2.W, g.W / math.log(2), rtol=1e-13)


def test_the_loss_falls_on_separable_data():
    X, y = make_blobs(300, 3, noise=0.3, seed=1)
    run = sgd(X, y, init_params(2, 3, seed=1), learning_rate=0.5, batch_size=16, steps=300)
    assert len(run.params) == len(run.losses) == 301
    assert run.losses[-1] < run.losses[0] / 10
    assert accuracy(run.last, X, y) == 1.0
    assert accuracy(run.params[0], X, y) < 1.0


def test_the_same_seed_gives_the_same_run():
    X, y = make_blobs(200, 4, noise=1.0, seed=2)
    runs = [sgd(X, y, init_params(2, 4, seed=3), steps=50, seed=s) for s in (5, 5, 6)]
    np.testing.assert_array_equal(runs[0].losses, runs[1].losses)
    np.testing.assert_array_equal(runs[0].last.W, runs[1].last.W)
    assert not np.array_equal(runs[0].last.W, runs[2].last.W)


def test_a_step_moves_the_weights_against_the_batch_gradient():
    X, y = make_blobs(50, 3, seed=4)
    start = init_params(2, 3, seed=4)
    run = sgd(X, y, start, learning_rate=0.3, batch_size=10, steps=1, seed=9)
    batch = np.random.default_rng(9).permutation(50)[:10]  # the order sgd draws from its seed
    _, grads = loss_and_grads(start, X[batch], y[batch])
    np.testing.assert_array_equal(run.last.W, start.W - 0.3 * grads.W)
    np.testing.assert_array_equal(run.last.b, start.b - 0.3 * grads.b)


def twin_gradient_descent(X, y, W, b, rate, steps):
    """The same model and steps written again from the formulas, without xentviz."""
    W, b = W.copy(), b.copy()
    targets = np.eye(W.shape[0])[y]
    for _ in range(steps):
        z = X @ W.T + b
        z = z - z.max(axis=1, keepdims=True)
        q = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        delta = (q - targets) / len(X)
        W = W - rate * delta.T @ X
        b = b - rate * delta.sum(axis=0)
    return W, b


@pytest.mark.parametrize("seed", range(3))
def test_the_weights_after_100_steps_equal_an_independent_twin(seed):
    """Full batches (the order of a batch's points changes only the order of a sum), 100
    steps: xentviz's weights and the twin's agree to 1e-10."""
    X, y = make_blobs(120, 3 + seed, noise=1.5, seed=seed)
    start = init_params(2, 3 + seed, seed=seed)
    run = sgd(X, y, start, learning_rate=0.8, batch_size=len(X), steps=100, seed=seed)
    W, b = twin_gradient_descent(X, y, start.W, start.b, 0.8, 100)
    np.testing.assert_allclose(run.last.W, W, rtol=0, atol=1e-10)
    np.testing.assert_allclose(run.last.b, b, rtol=0, atol=1e-10)
