"""softmax_cross_entropy, its gradient, binary_cross_entropy, one_hot, smoothed_target.

Oracles: scipy.special.log_softmax, reference values from PyTorch 2.13.0 (quoted), finite
differences, and the seeds' worked numbers.
"""

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st

from xentviz import (
    binary_cross_entropy,
    log_softmax,
    one_hot,
    smoothed_target,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)

# Reference values, computed once with PyTorch 2.13.0 (CPU, float64):
#   F.cross_entropy(z / T, y, label_smoothing=e) and torch.autograd.grad of it w.r.t. z.
Z = [[3.2, 1.3, 0.2, 0.8], [1.0, 2.0, 0.5, -1.5]]
Y = [0, 3]
TORCH = {
    (1.0, 0.0): (
        2.1189351134191288,
        [
            [-0.11242522585069753, 0.05796902381503578, 0.019296211778230748, 0.03515999025743101],
            [0.11345850487744587, 0.30841219209249304, 0.06881606181332628, -0.49068675878326523],
        ],
    ),
    (1.0, 0.1): (
        2.1101851134191287,
        [
            [-0.07492522585069755, 0.045469023815035786, 0.006796211778230747, 0.02265999025743101],
            [0.10095850487744587, 0.29591219209249303, 0.05631606181332628, -0.45318675878326525],
        ],
    ),
    (2.5, 0.2): (
        1.527385231648907,
        [
            [-0.07705255147215206, 0.03346840115270609, 0.01799523350859513, 0.025588916810850883],
            [0.04437095011275329, 0.07111192621242679, 0.03451516893137989, -0.14999804525655996],
        ],
    ),
    (0.3, 0.0): (
        5.855183368655968,
        [
            [
                -0.0035872060238661962,
                0.0029538013268856932,
                7.550369070261419e-05,
                0.0005579010062779257,
            ],
            [0.05703711190149908, 1.5988429258899344, 0.010772918894509114, -1.6666529566859425],
        ],
    ),
}


def reference_loss(z, p, temperature=1.0):
    """H(p, softmax(z / T)) per sample, from scipy's log_softmax."""
    return -(p * scipy.special.log_softmax(np.asarray(z) / temperature, axis=-1)).sum(axis=-1)


class TestSoftmaxCrossEntropy:
    @pytest.mark.parametrize(("temperature", "smoothing"), list(TORCH))
    def test_matches_pytorch(self, temperature, smoothing):
        loss, _ = TORCH[(temperature, smoothing)]
        got = softmax_cross_entropy(Z, Y, temperature=temperature, label_smoothing=smoothing)
        assert got == pytest.approx(loss, rel=1e-14)

    def test_soft_targets_match_pytorch(self):
        # F.cross_entropy(z, p, label_smoothing=0.3, reduction="sum") in PyTorch 2.13.0.
        p = [[0.7, 0.1, 0.1, 0.1], [0.0, 0.5, 0.25, 0.25]]
        got = softmax_cross_entropy(Z, p, label_smoothing=0.3, reduction="sum")
        assert got == pytest.approx(3.1213702268382573, rel=1e-14)

    @pytest.mark.parametrize("shape", [(5,), (4, 3), (2, 3, 7), (100, 1000)])
    @pytest.mark.parametrize("scale", [0.1, 3.0, 300.0])
    @pytest.mark.parametrize("base", [None, 2, 10])
    def test_labels_match_scipy(self, shape, scale, base):
        rng = np.random.default_rng(0)
        z = rng.normal(scale=scale, size=shape)
        y = rng.integers(0, shape[-1], size=shape[:-1])
        expected = reference_loss(z, one_hot(y, shape[-1])) / np.log(base or np.e)
        got = softmax_cross_entropy(z, y, base=base, reduction="none")
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)

    def test_one_hot_equals_labels(self):
        rng = np.random.default_rng(1)
        z = rng.normal(size=(6, 5))
        y = rng.integers(0, 5, size=6)
        for e in (0.0, 0.25):
            np.testing.assert_allclose(
                softmax_cross_entropy(z, one_hot(y, 5), label_smoothing=e, reduction="none"),
                softmax_cross_entropy(z, y, label_smoothing=e, reduction="none"),
                rtol=1e-14,
            )

    def test_reductions(self):
        per_sample = softmax_cross_entropy(Z, Y, reduction="none")
        assert per_sample.shape == (2,)
        assert softmax_cross_entropy(Z, Y, reduction="sum") == pytest.approx(per_sample.sum())
        assert softmax_cross_entropy(Z, Y) == pytest.approx(per_sample.mean())

    def test_seed_002_exact_value(self):
        # seed 002 prints 0.3677 bits from the rounded q = 0.775; the exact loss is 0.36745 bits.
        loss = softmax_cross_entropy([3.2, 1.3, 0.2, 0.8], 0, base=2)
        assert loss == pytest.approx(-np.log2(softmax([3.2, 1.3, 0.2, 0.8])[0]), rel=1e-14)
        assert round(float(loss), 4) == 0.3675

    def test_seed_003_exact_value(self):
        # seed 003 prints -log(0.63) = 0.462; the exact q_dog = 0.62853 gives 0.46437 nats.
        assert round(float(softmax_cross_entropy([1.0, 2.0, 0.5], 1)), 4) == 0.4644

    @pytest.mark.parametrize(
        ("logits", "target", "expected"),
        [
            ([1000.0, 0.0], 1, 1000.0),
            ([[1000.0, 0.0]], [1], 1000.0),
            ([0.0, 1000.0], 1, 0.0),
            ([1e308, -1e308], 1, np.inf),
        ],
    )
    def test_extreme_logits(self, logits, target, expected):
        assert softmax_cross_entropy(logits, target) == expected

    def test_soft_target_with_underflowed_class(self):
        # p = 0 beside an underflowed q: contributes 0, never NaN.
        assert softmax_cross_entropy([1e308, -1e308], [1.0, 0.0]) == 0.0

    def test_float32_kept(self):
        z = np.float32([[1.0, 2.0], [0.5, 0.1]])
        assert softmax_cross_entropy(z, [0, 1]).dtype == np.float32
        assert softmax_cross_entropy(z, [[1.0, 0.0], [0.0, 1.0]]).dtype == np.float32

    def test_float_labels_with_whole_values(self):
        assert softmax_cross_entropy(Z, [0.0, 3.0]) == softmax_cross_entropy(Z, Y)

    def test_empty_batch(self):
        assert softmax_cross_entropy(np.zeros((0, 3)), np.zeros(0, int), reduction="sum") == 0.0
        with pytest.raises(ValueError, match="empty batch"):
            softmax_cross_entropy(np.zeros((0, 3)), np.zeros(0, int))

    def test_no_epsilon_needed(self):
        # seed 003 advises adding epsilon to the logits to avoid an infinite loss. Softmax is
        # shift-invariant, so that changes nothing, and the loss is finite without it anyway.
        z = np.array([50.0, -700.0, 3.0])
        assert softmax_cross_entropy(z + 1e-7, 1) == pytest.approx(
            softmax_cross_entropy(z, 1), rel=1e-15
        )
        assert np.isfinite(softmax_cross_entropy(z, 1))


def numerical_grad(f, z, h=1e-6):
    z = np.asarray(z, dtype=float)
    g = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        dz = np.zeros_like(z)
        dz[idx] = h
        g[idx] = (f(z + dz) - f(z - dz)) / (2 * h)
    return g


class TestSoftmaxCrossEntropyGrad:
    @pytest.mark.parametrize(("temperature", "smoothing"), list(TORCH))
    def test_matches_pytorch(self, temperature, smoothing):
        _, grad = TORCH[(temperature, smoothing)]
        got = softmax_cross_entropy_grad(Z, Y, temperature=temperature, label_smoothing=smoothing)
        np.testing.assert_allclose(got, grad, rtol=1e-12, atol=1e-17)

    @pytest.mark.parametrize("temperature", [0.4, 1.0, 3.0])
    @pytest.mark.parametrize("smoothing", [0.0, 0.15, 1.0])
    @pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
    @pytest.mark.parametrize("soft", [False, True])
    def test_matches_finite_differences(self, temperature, smoothing, reduction, soft):
        rng = np.random.default_rng(2)
        z = rng.normal(scale=2.0, size=(3, 4))
        target = rng.dirichlet(np.ones(4), size=3) if soft else rng.integers(0, 4, size=3)
        kwargs = {"temperature": temperature, "label_smoothing": smoothing}
        total = "mean" if reduction == "mean" else "sum"
        expected = numerical_grad(
            lambda x: softmax_cross_entropy(x, target, reduction=total, **kwargs), z
        )
        got = softmax_cross_entropy_grad(z, target, reduction=reduction, **kwargs)
        np.testing.assert_allclose(got, expected, atol=1e-8)

    def test_seed_003_q_minus_onehot(self):
        # seed 003: the logits gradient for class i is q_i - (y = i).
        q = softmax([1.0, 2.0, 0.5])
        np.testing.assert_allclose(
            softmax_cross_entropy_grad([1.0, 2.0, 0.5], 1), q - [0, 1, 0], rtol=1e-15
        )

    def test_base_divides_by_log_base(self):
        g = softmax_cross_entropy_grad(Z, Y)
        np.testing.assert_allclose(
            softmax_cross_entropy_grad(Z, Y, base=2), g / np.log(2), rtol=1e-15
        )

    def test_float32_kept(self):
        assert softmax_cross_entropy_grad(np.float32([1.0, 2.0]), 0).dtype == np.float32


class TestBinaryCrossEntropy:
    def test_matches_two_class_softmax_cross_entropy(self):
        rng = np.random.default_rng(3)
        p = rng.uniform(0.01, 0.99, size=20)
        t = rng.integers(0, 2, size=20).astype(float)
        expected = reference_loss(np.log(np.stack([p, 1 - p], -1)), np.stack([t, 1 - t], -1))
        np.testing.assert_allclose(
            binary_cross_entropy(t, p, reduction="none"), expected, rtol=1e-12
        )

    def test_seed_002_formula(self):
        # seed 002: L = -[t log p + (1 - t) log(1 - p)], averaged over N data points.
        t, p = np.array([1.0, 0.0, 1.0]), np.array([0.9, 0.2, 0.4])
        expected = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
        assert binary_cross_entropy(t, p) == pytest.approx(expected, rel=1e-15)

    @pytest.mark.parametrize(
        ("t", "p", "expected"),
        [(1.0, 0.0, np.inf), (0.0, 1.0, np.inf), (0.0, 0.0, 0.0), (1.0, 1.0, 0.0)],
    )
    def test_edges(self, t, p, expected):
        assert binary_cross_entropy(t, p) == expected

    def test_bits(self):
        assert binary_cross_entropy([1.0], [0.5], base=2) == pytest.approx(1.0, rel=1e-15)


class TestOneHotAndSmoothing:
    def test_one_hot_is_identity_rows(self):
        np.testing.assert_array_equal(one_hot([[0, 2], [1, 1]], 3), np.eye(3)[[[0, 2], [1, 1]]])

    def test_seed_002_dog(self):
        # seed 002, "Softmax VI": [1, 0, 0, 0] for "dog".
        np.testing.assert_array_equal(one_hot(0, 4), [1, 0, 0, 0])

    def test_smoothing_pytorch_convention(self):
        np.testing.assert_allclose(smoothed_target(one_hot(1, 4), 0.2), [0.05, 0.85, 0.05, 0.05])
        np.testing.assert_allclose(smoothed_target(one_hot(1, 4), 1.0), np.full(4, 0.25))
        np.testing.assert_array_equal(smoothed_target([0.3, 0.7], 0.0), [0.3, 0.7])

    def test_log_softmax_consistency(self):
        # The loss with a one-hot target is -log q_y.
        z = [0.3, -1.2, 2.2]
        assert softmax_cross_entropy(z, 2) == pytest.approx(-log_softmax(z)[2], rel=1e-15)


class TestSigmoidCrossEntropy:
    """Binary cross-entropy from logits: the two-class softmax in disguise (seed 001's table)."""

    @given(
        st.lists(st.floats(-50, 50), min_size=1, max_size=8),
        st.sampled_from([0.0, 1.0, 0.3]),
        st.sampled_from([None, 2]),
    )
    def test_equals_the_two_class_softmax_and_its_gradient(self, zs, t, base):
        from xentviz import sigmoid_cross_entropy, sigmoid_cross_entropy_grad

        z = np.asarray(zs)
        ts = np.full_like(z, t)
        two = np.stack([z, np.zeros_like(z)], axis=-1)
        targets = np.stack([ts, 1 - ts], axis=-1)
        loss = sigmoid_cross_entropy(z, ts, base=base, reduction="none")
        np.testing.assert_allclose(
            loss, softmax_cross_entropy(two, targets, base=base, reduction="none"), rtol=1e-12,
            atol=1e-15,
        )  # fmt: skip
        grad = sigmoid_cross_entropy_grad(z, ts, base=base, reduction="none")
        np.testing.assert_allclose(
            grad,
            softmax_cross_entropy_grad(two, targets, base=base, reduction="none")[..., 0],
            rtol=1e-12,
            atol=1e-15,
        )

    def test_against_the_probability_form_and_mpmath(self):
        from xentviz import sigmoid, sigmoid_cross_entropy, sigmoid_cross_entropy_grad

        z, t = np.array([-3.0, 0.5, 2.0]), np.array([1.0, 0.0, 1.0])
        np.testing.assert_allclose(
            sigmoid_cross_entropy(z, t, reduction="none"),
            binary_cross_entropy(t, sigmoid(z), reduction="none"),
            rtol=1e-14,
        )
        with mpmath.workdps(50):  # a confident right answer keeps its tiny loss and push
            exact = mpmath.log1p(mpmath.exp(-40))
        assert float(sigmoid_cross_entropy(40.0, 1.0)) == float(exact)
        assert float(sigmoid_cross_entropy_grad(40.0, 1.0)) == -float(
            mpmath.exp(-40) / (1 + mpmath.exp(-40))
        )
        assert float(sigmoid_cross_entropy(-1000.0, 1.0)) == 1000.0  # no overflow, no inf

    def test_mean_divides_by_the_elements(self):
        from xentviz import sigmoid_cross_entropy_grad

        z, t = np.array([1.0, -1.0]), np.array([1.0, 0.0])
        np.testing.assert_allclose(
            sigmoid_cross_entropy_grad(z, t), sigmoid_cross_entropy_grad(z, t, reduction="sum") / 2
        )


# --- squared error of a sigmoid, beside cross-entropy (issue 26) ------------------------------


@given(
    st.one_of(st.sampled_from([-1000.0, -40.0, -6.0, 0.0, 6.0, 40.0, 1000.0]),
              st.floats(-60, 60, allow_nan=False)),
    st.sampled_from([0.0, 1.0, 0.3]),
)  # fmt: skip
def test_sigmoid_squared_error_and_its_gradient_against_mpmath(z, t):
    from xentviz import sigmoid_squared_error, sigmoid_squared_error_grad

    mpmath.mp.dps = 50
    s = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
    loss = (s - t) ** 2
    grad = 2 * (s - t) * s * (1 - s)
    got = float(sigmoid_squared_error(z, t))
    assert got == pytest.approx(float(loss), rel=1e-13, abs=1e-300)
    assert float(sigmoid_squared_error_grad(z, t)) == pytest.approx(
        float(grad), rel=1e-12, abs=1e-300
    )


def test_squared_errors_gradient_vanishes_where_cross_entropys_does_not():
    """The seed's question, why cross-entropy: at z = -6 for t = 1 (confidently wrong) squared
    error's gradient is 200 times smaller than cross-entropy's; both are checked by central
    differences of their own losses."""
    from xentviz import (
        sigmoid_cross_entropy,
        sigmoid_cross_entropy_grad,
        sigmoid_squared_error,
        sigmoid_squared_error_grad,
    )

    h = 1e-6
    for loss, grad in ((sigmoid_squared_error, sigmoid_squared_error_grad),
                       (sigmoid_cross_entropy, sigmoid_cross_entropy_grad)):  # fmt: skip
        slope = (float(loss(-6.0 + h, 1.0)) - float(loss(-6.0 - h, 1.0))) / (2 * h)
        assert float(grad(-6.0, 1.0)) == pytest.approx(slope, rel=1e-6)
    assert abs(float(sigmoid_cross_entropy_grad(-6.0, 1.0))) > 200 * abs(
        float(sigmoid_squared_error_grad(-6.0, 1.0))
    )
    z = np.linspace(-1000, 1000, 2001)
    assert np.all(
        np.abs(sigmoid_squared_error_grad(z, np.ones_like(z), reduction="none"))
        <= 8 / 27 + 1e-15  # the most, at sigma = 1/3
    )
    assert np.all(sigmoid_squared_error(z, np.ones_like(z), reduction="none") <= 1)
