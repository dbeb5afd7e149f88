"""The backward pass factor by factor (seed 001 eqs. 5-8) and the likelihood of a batch (seeds
000 and 004), against the core's loss and gradient."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xentviz import softmax_cross_entropy, softmax_cross_entropy_grad
from xentviz.core.backprop import chain_rule, likelihood

logit_vectors = st.lists(st.floats(-30, 30), min_size=2, max_size=8)


@given(logit_vectors, st.data())
def test_the_product_of_the_factors_is_q_minus_p(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    c = chain_rule(z, y)
    np.testing.assert_allclose(c.dL_dz, c.q - c.p, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(c.gradient, softmax_cross_entropy_grad(z, y))
    assert c.loss == softmax_cross_entropy(z, y)
    # Only the true class's factor is nonzero: -1 / q_y.
    assert c.dL_dq[y] == -1 / c.q[y] and np.count_nonzero(c.dL_dq) == 1


@given(logit_vectors, st.data())
def test_the_seeds_observations_about_the_gradient(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    g = chain_rule(z, y).gradient
    assert g[y] <= 0 and np.all(np.delete(g, y) >= 0)
    assert abs(math.fsum(g)) <= 1e-15


def test_everything_is_0_when_q_y_is_1():
    c = chain_rule([1000.0, 0.0, -5.0], 0)
    assert c.q[0] == 1.0 and c.loss == 0.0
    np.testing.assert_array_equal(c.gradient, 0.0)


def test_a_vanishing_q_y_leaves_the_cores_gradient():
    c = chain_rule([0.0, 1000.0], 0)  # q_0 = e^-1000 is 0 in float64: -1/q_0 overflows
    assert c.dL_dq[0] == -math.inf and np.all(np.isnan(c.dL_dz))
    np.testing.assert_array_equal(c.gradient, [-1.0, 1.0])
    assert c.loss == 1000.0


def test_the_mean_nll_is_the_mean_cross_entropy_and_logs_do_not_underflow():
    z = np.zeros((2000, 2))  # every q_y = 1/2
    y = np.arange(2000) % 2
    got = likelihood(z, y)
    assert got.product == 0.0 and got.log_product == -math.inf  # 2^-2000 underflowed
    assert got.sum_of_logs == pytest.approx(-2000 * math.log(2), rel=1e-15)
    assert got.mean_nll == pytest.approx(math.log(2), rel=1e-15)
    assert got.mean_nll == pytest.approx(softmax_cross_entropy(z, y), rel=1e-15)


def test_a_short_batch_four_ways():
    z = [[3.2, 1.3, 0.2, 0.8], [0.5, 2.0, 0.1, 0.1], [1.0, 1.0, 3.0, 0.0]]
    y = [0, 1, 2]
    got = likelihood(z, y)
    assert got.product == pytest.approx(np.prod(got.probabilities))
    assert got.log_product == pytest.approx(got.sum_of_logs, rel=1e-14)
    assert got.mean_nll == pytest.approx(softmax_cross_entropy(z, y), rel=1e-15)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: chain_rule([1.0, 2.0], 2), "target"),
        (lambda: chain_rule([[1.0, 2.0]], 0), "logits"),
        (lambda: chain_rule([1.0, math.nan], 0), "logits"),
        (lambda: likelihood([1.0, 2.0], [0]), "logits"),
        (lambda: likelihood([[1.0, 2.0]], [0, 1]), "labels"),
        (lambda: likelihood([[1.0, 2.0]], [2]), "labels"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
