"""The loss landscape (xentviz/core/landscape.py): every value the core's loss at that state, the
gradient step, the simplex, the finite-difference V, and the naive softmax's overflow."""

from __future__ import annotations

import math

import numpy as np
import pytest

from xentviz import log_softmax, softmax, softmax_cross_entropy, softmax_cross_entropy_grad
from xentviz.core.landscape import (
    finite_difference_errors,
    gradient_step,
    log_of_softmax,
    loss_along,
    loss_surface,
    naive_softmax,
    simplex_grid,
    simplex_loss,
    simplex_xy,
)

Z = [3.2, 1.3, 0.2, 0.8]


@pytest.mark.parametrize("target", [0, 2, [0.7, 0.1, 0.1, 0.1]])
@pytest.mark.parametrize("base", [None, 2])
def test_along_one_logit_each_value_is_the_cores_loss(target, base):
    values = np.linspace(-12, 12, 25)
    got = loss_along(Z, target, 1, values, base=base, temperature=0.5)
    for v, loss in zip(values, got, strict=True):
        z = list(Z)
        z[1] = v
        # A batch sums in another order than one row: equal to a few ulps.
        assert loss == pytest.approx(
            softmax_cross_entropy(z, target, base=base, temperature=0.5), rel=1e-15
        )


def test_the_slope_along_a_logit_is_the_gradient_component():
    h = 1e-5
    for j in range(4):
        up, down = loss_along(Z, 0, j, [Z[j] + h, Z[j] - h])
        assert (up - down) / (2 * h) == pytest.approx(softmax_cross_entropy_grad(Z, 0)[j], abs=1e-9)


def test_the_surface_rows_follow_y_and_columns_x():
    xs, ys = np.linspace(-5, 5, 7), np.linspace(-3, 3, 4)
    surface = loss_surface(Z, 3, 0, 2, xs, ys, base=2)
    assert surface.shape == (4, 7)
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            expected = softmax_cross_entropy([x, 1.3, y, 0.8], 3, base=2)
            assert surface[r, c] == pytest.approx(expected, rel=1e-15)


def test_a_small_gradient_step_lowers_the_loss():
    z = np.array(Z)
    for target in (0, 1, 3):
        moved = gradient_step(z, target, 0.1)
        np.testing.assert_array_equal(moved, z - 0.1 * softmax_cross_entropy_grad(z, target))
        assert softmax_cross_entropy(moved, target) < softmax_cross_entropy(z, target)
    np.testing.assert_array_equal(gradient_step(z, 0, 0.0), z)


def test_the_simplex_lattice_is_inside_the_triangle():
    for n in (1, 2, 10):
        q = simplex_grid(n)
        assert q.shape == (n * (n + 1) // 2, 3)
        assert np.all(q > 0)
        np.testing.assert_allclose(q.sum(axis=1), 1.0)
    np.testing.assert_allclose(
        simplex_xy(np.eye(3)), [[0, 0], [1, 0], [0.5, math.sqrt(3) / 2]], atol=1e-15
    )
    np.testing.assert_allclose(simplex_xy([1 / 3] * 3), [0.5, math.sqrt(3) / 6])


def test_on_the_simplex_the_cross_entropy_is_least_at_the_target():
    q = simplex_grid(30)
    p = q[len(q) // 3]
    losses = simplex_loss(p, q, base=2)
    assert np.argmin(losses) == len(q) // 3
    assert losses.min() == pytest.approx(-(p * np.log2(p)).sum())  # H(p, p) = H(p)


def test_the_finite_difference_error_is_a_v_over_h():
    hs = np.logspace(-1, -13, 13)
    errors = finite_difference_errors(Z, 0, hs)
    best = int(np.argmin(errors))
    assert 2 < best < 10, errors  # somewhere near h = 1e-5, not at either end
    assert errors[0] > 100 * errors[best] and errors[-1] > 100 * errors[best]
    # Truncation: halving a large h quarters the error (it falls as h^2).
    big = finite_difference_errors(Z, 0, [0.1, 0.05])
    assert big[1] / big[0] == pytest.approx(0.25, rel=0.02)


def test_the_naive_softmax_overflows_where_the_stable_one_does_not():
    for z, dtype in (
        ([1000.0, 0.0], np.float64),
        ([89.0, 0.0], np.float32),
        ([12.0, 0.0], np.float16),
    ):
        naive = naive_softmax(z, dtype)
        assert naive.dtype == dtype and np.isnan(naive[0])
        # Adding a small epsilon to the logits changes nothing: softmax ignores a common shift.
        assert np.isnan(naive_softmax(np.array(z) + 1e-8, dtype)[0])
        stable = softmax(np.asarray(z, dtype=dtype if dtype != np.float16 else np.float32))
        assert np.all(np.isfinite(stable)) and stable[0] == pytest.approx(1.0, abs=1e-5)
    small = [3.2, 1.3, 0.2, 0.8]
    np.testing.assert_allclose(naive_softmax(small), softmax(small), rtol=1e-15)


def test_the_log_of_a_rounded_softmax_loses_what_log_softmax_keeps():
    z = [40.0, 0.0]
    assert log_of_softmax(z)[0] == 0.0  # q rounded to 1.0 first
    assert log_softmax(z)[0] == pytest.approx(-4.248354255291589e-18, rel=1e-15)
    assert log_of_softmax([0.0, 1000.0])[0] == -math.inf  # q underflowed to 0
    assert log_softmax([0.0, 1000.0])[0] == -1000.0


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: loss_along(Z, 0, 4, [0.0]), "j"),
        (lambda: loss_along(Z, 0, True, [0.0]), "j"),
        (lambda: loss_along(Z, 0, 1, [math.inf]), "values"),
        (lambda: loss_along([1.0, math.nan], 0, 1, [0.0]), "logits"),
        (lambda: loss_surface(Z, 0, 1, 1, [0.0], [0.0]), "different"),
        (lambda: gradient_step(Z, 0, -0.1), "learning_rate"),
        (lambda: finite_difference_errors(Z, 0, [0.0]), "hs"),
        (lambda: simplex_grid(0), "n"),
        (lambda: simplex_xy([0.5, 0.5]), "q"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
