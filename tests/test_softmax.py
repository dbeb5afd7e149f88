"""softmax, log_softmax, logsumexp, sigmoid, softmax_jacobian, standard_normalization.

Oracles: scipy.special on random inputs, mpmath at 50 digits, finite differences, and the
seeds' worked numbers.
"""

import mpmath
import numpy as np
import pytest
import scipy.special

from xentviz import (
    log_softmax,
    logsumexp,
    sigmoid,
    softmax,
    softmax_jacobian,
    standard_normalization,
)

SHAPES = [(1,), (2,), (7,), (3, 4), (2, 3, 5), (50, 10), (4, 1000)]
SCALES = [1e-3, 1.0, 30.0, 1e3]
TEMPERATURES = [0.05, 0.5, 1.0, 3.0, 20.0]


def random_logits(shape, scale, seed=0):
    return np.random.default_rng(seed).normal(scale=scale, size=shape)


def mp_softmax(z, temperature=1.0):
    """softmax at 50 significant digits, as an independent reference."""
    with mpmath.workdps(50):
        e = [mpmath.exp(mpmath.mpf(x) / temperature) for x in z]
        s = mpmath.fsum(e)
        return np.array([float(x / s) for x in e])


class TestSoftmax:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("scale", SCALES)
    def test_matches_scipy(self, shape, scale):
        z = random_logits(shape, scale)
        np.testing.assert_allclose(softmax(z), scipy.special.softmax(z, axis=-1), rtol=1e-12)

    @pytest.mark.parametrize("temperature", TEMPERATURES)
    def test_temperature_matches_scipy_on_scaled_logits(self, temperature):
        z = random_logits((6, 5), 4.0)
        expected = scipy.special.softmax(z / temperature, axis=-1)
        np.testing.assert_allclose(softmax(z, temperature=temperature), expected, rtol=1e-12)

    @pytest.mark.parametrize("axis", [0, 1, -2])
    def test_any_axis(self, axis):
        z = random_logits((3, 4, 2), 2.0)
        np.testing.assert_allclose(softmax(z, axis=axis), scipy.special.softmax(z, axis=axis))

    def test_seed_002_dog_cat_horse_cheetah(self):
        # seed 002, "Softmax III": exp values 24.5325 ... and q_dog = 0.775 (rounded).
        q = softmax([3.2, 1.3, 0.2, 0.8])
        np.testing.assert_allclose(q, mp_softmax([3.2, 1.3, 0.2, 0.8]), rtol=1e-14)
        np.testing.assert_allclose(q, [0.775, 0.116, 0.039, 0.070], atol=5e-4)

    def test_seed_003_cat_dog_bird(self):
        # seed 003, Figure 2: q = (0.23, 0.63, 0.14) "using a 2 digit precision".
        np.testing.assert_allclose(softmax([1.0, 2.0, 0.5]), [0.23, 0.63, 0.14], atol=5e-3)

    def test_seed_002_softmax_vs_standard(self):
        # seed 002, "Softmax VII": softmax([2, 4]) = [0.119, 0.881],
        # softmax([4, 8]) = [0.018, 0.982].
        np.testing.assert_allclose(softmax([2.0, 4.0]), [0.119, 0.881], atol=5e-4)
        np.testing.assert_allclose(softmax([4.0, 8.0]), [0.018, 0.982], atol=5e-4)

    @pytest.mark.parametrize(
        ("z", "expected"),
        [
            ([1000.0, 0.0], [1.0, 0.0]),
            ([-1000.0, -1000.0], [0.5, 0.5]),
            ([1e308, -1e308], [1.0, 0.0]),
            ([1e308, 1e308], [0.5, 0.5]),
        ],
    )
    def test_extreme_logits_no_overflow(self, z, expected):
        # pytest is configured to turn every RuntimeWarning (overflow, underflow...) into an error.
        np.testing.assert_array_equal(softmax(z), expected)

    def test_tiny_temperature_is_an_argmax(self):
        np.testing.assert_array_equal(softmax([1.0, 2.0, 1.5], temperature=1e-300), [0, 1, 0])

    def test_against_mpmath_with_temperature(self):
        z = [3.2, -1.3, 0.2, 7.8]
        np.testing.assert_allclose(softmax(z, temperature=0.7), mp_softmax(z, 0.7), rtol=1e-13)

    @pytest.mark.parametrize(
        ("dtype", "expected"),
        [
            (np.float32, np.float32),
            (np.float64, np.float64),
            (np.int64, np.float64),
            (np.int32, np.float64),
        ],
    )
    def test_dtypes(self, dtype, expected):
        assert softmax(np.array([1, 2, 3], dtype=dtype)).dtype == expected

    def test_list_gives_float64(self):
        assert softmax([1, 2]).dtype == np.float64

    def test_float32_accuracy(self):
        z = random_logits((20, 10), 5.0).astype(np.float32)
        np.testing.assert_allclose(
            softmax(z), scipy.special.softmax(z.astype(np.float64), axis=-1), rtol=2e-6, atol=1e-9
        )

    def test_does_not_modify_input(self):
        z = np.array([1.0, 2.0, 3.0])
        softmax(z, temperature=2.0)
        np.testing.assert_array_equal(z, [1.0, 2.0, 3.0])


class TestLogSoftmax:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("scale", SCALES)
    def test_matches_scipy(self, shape, scale):
        z = random_logits(shape, scale, seed=1)
        np.testing.assert_allclose(
            log_softmax(z), scipy.special.log_softmax(z, axis=-1), rtol=1e-12, atol=1e-13
        )

    @pytest.mark.parametrize("temperature", TEMPERATURES)
    def test_temperature(self, temperature):
        z = random_logits((4, 6), 3.0)
        expected = scipy.special.log_softmax(z / temperature, axis=-1)
        np.testing.assert_allclose(
            log_softmax(z, temperature=temperature), expected, rtol=1e-12, atol=1e-12
        )

    def test_finite_where_softmax_underflows(self):
        # scipy's own docstring example: log_softmax([1000, 1]) = [0, -999].
        np.testing.assert_array_equal(log_softmax([1000.0, 1.0]), [0.0, -999.0])

    def test_axis_zero(self):
        z = random_logits((3, 2), 1.0)
        np.testing.assert_allclose(log_softmax(z, axis=0), scipy.special.log_softmax(z, axis=0))


class TestLogSumExp:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("scale", SCALES)
    def test_matches_scipy(self, shape, scale):
        z = random_logits(shape, scale, seed=2)
        np.testing.assert_allclose(logsumexp(z), scipy.special.logsumexp(z, axis=-1), rtol=1e-13)

    def test_no_overflow(self):
        assert logsumexp([1000.0, 1000.0]) == pytest.approx(1000 + np.log(2), rel=1e-15)

    def test_scalar_for_one_vector(self):
        assert np.ndim(logsumexp([1.0, 2.0])) == 0

    def test_axis(self):
        z = random_logits((3, 4), 2.0)
        np.testing.assert_allclose(logsumexp(z, axis=0), scipy.special.logsumexp(z, axis=0))


class TestSigmoid:
    def test_matches_scipy_expit(self):
        x = np.concatenate([np.linspace(-800, 800, 2001), random_logits((500,), 10.0)])
        # scipy flushes results below ~1e-308 to 0 where we keep the subnormal; hence atol.
        np.testing.assert_allclose(sigmoid(x), scipy.special.expit(x), rtol=1e-14, atol=1e-300)

    def test_tiny_values_keep_precision(self):
        # mpmath at 50 digits: 1 / (1 + e^40) = 4.248354255291589e-18.
        with mpmath.workdps(50):
            expected = float(1 / (1 + mpmath.exp(40)))
        assert sigmoid(-40.0) == pytest.approx(expected, rel=1e-14)

    def test_float32_kept(self):
        assert sigmoid(np.float32([0.5])).dtype == np.float32

    def test_two_class_softmax_is_sigmoid(self):
        a, b = random_logits((2, 100), 5.0)
        np.testing.assert_allclose(
            softmax(np.stack([a, b], axis=-1))[:, 0], sigmoid(a - b), rtol=1e-13
        )


def numerical_jacobian(f, z, h=1e-6):
    z = np.asarray(z, dtype=float)
    cols = []
    for j in range(z.size):
        dz = np.zeros_like(z)
        dz[j] = h
        cols.append((f(z + dz) - f(z - dz)) / (2 * h))
    return np.stack(cols, axis=-1)


class TestSoftmaxJacobian:
    @pytest.mark.parametrize("temperature", [0.5, 1.0, 2.0])
    def test_matches_finite_differences(self, temperature):
        z = np.array([3.2, 1.3, 0.2, 0.8])
        expected = numerical_jacobian(lambda x: softmax(x, temperature=temperature), z)
        np.testing.assert_allclose(
            softmax_jacobian(z, temperature=temperature), expected, atol=1e-9
        )

    def test_seed_001_formula(self):
        # seed 001, equation (2): d a_k / d z_j = a_k (delta_jk - a_j).
        z = [1.0, 2.0, 0.5]
        a = softmax(z)
        expected = np.diag(a) - np.outer(a, a)
        np.testing.assert_allclose(softmax_jacobian(z), expected, rtol=1e-15)

    def test_batched_shape_and_zero_row_sums(self):
        j = softmax_jacobian(random_logits((2, 3, 5), 2.0))
        assert j.shape == (2, 3, 5, 5)
        np.testing.assert_allclose(j.sum(axis=-1), 0, atol=1e-16)
        np.testing.assert_allclose(j, np.swapaxes(j, -1, -2))


class TestStandardNormalization:
    def test_seed_002_same_for_2_4_and_4_8(self):
        # seed 002, "Softmax VII-VIII": std_norm([2, 4]) = std_norm([4, 8]) = [0.333, 0.667].
        np.testing.assert_allclose(standard_normalization([2, 4]), [1 / 3, 2 / 3], rtol=1e-15)
        np.testing.assert_array_equal(
            standard_normalization([2, 4]), standard_normalization([4, 8])
        )

    def test_negative_entries_give_negative_outputs(self):
        # seed 002, "Softmax VIII", reason 2.
        assert (standard_normalization([-1.0, 3.0]) < 0).any()

    def test_zero_sum_is_an_error(self):
        with pytest.raises(ValueError, match=r"^z sums to exactly 0"):
            standard_normalization([1.0, -1.0])

    @pytest.mark.parametrize(
        ("z", "expected"),
        [
            ([1e16, 3.0, -1e16], [1e16 / 3, 1.0, -1e16 / 3]),  # a naive sum gives 4, not 3
            ([1e16, 1.0, 1.0, -1e16], [5e15, 0.5, 0.5, -5e15]),  # naively "sums to 0"
            ([1e308, 1e308], [0.5, 0.5]),  # the sum overflows, the proportions do not
            ([1e308, 1e308, -1e308, 3.0], [1.0, 1.0, -1.0, 3e-308]),
        ],
    )
    def test_the_sum_is_exact(self, z, expected):
        np.testing.assert_allclose(standard_normalization(z), expected, rtol=1e-15)

    def test_a_quotient_beyond_the_float_range_is_an_error(self):
        with pytest.raises(ValueError, match=r"^z / sum\(z\) goes beyond the float range"):
            standard_normalization([1e300, -1e300, 5e-324])

    def test_float32_stays_float32(self):
        assert standard_normalization(np.float32([2.0, 4.0])).dtype == np.float32

    def test_batched(self):
        np.testing.assert_allclose(
            standard_normalization([[1, 3], [2, 2]]), [[0.25, 0.75], [0.5, 0.5]]
        )
