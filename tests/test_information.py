"""entropy, cross_entropy, kl_divergence, binary_entropy, distribution_from_counts.

Oracles: scipy.stats.entropy and scipy.special (entr, rel_entr), mpmath at 50 digits, and the
seeds' container examples.
"""

import mpmath
import numpy as np
import pytest
import scipy.special
import scipy.stats

from xentviz import (
    binary_entropy,
    cross_entropy,
    distribution_from_counts,
    entropy,
    kl_divergence,
)


def random_distributions(shape, seed=0, zeros=False):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(shape[-1], 0.7), size=shape[:-1])
    if zeros:
        p[rng.random(p.shape) < 0.3] = 0.0
        p[..., 0] += 1e-3  # keep every row's total positive
        p /= p.sum(axis=-1, keepdims=True)
    return p


def mp_entropy_bits(counts):
    with mpmath.workdps(50):
        n = mpmath.mpf(sum(counts))
        return float(-mpmath.fsum(c / n * mpmath.log(c / n, 2) for c in counts if c))


SHAPES = [(2,), (5,), (3, 4), (2, 3, 10)]
BASES = [None, 2, 10, np.e, 1.5, 3.7]


class TestEntropy:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("base", BASES)
    @pytest.mark.parametrize("zeros", [False, True])
    def test_matches_scipy_stats(self, shape, base, zeros):
        p = random_distributions(shape, zeros=zeros)
        expected = scipy.stats.entropy(p, base=base, axis=-1)
        np.testing.assert_allclose(entropy(p, base=base), expected, rtol=1e-12, atol=1e-15)

    @pytest.mark.parametrize(
        ("counts", "printed"),
        [((26, 4), 0.5665), ((14, 16), 0.9968), ((1, 29), 0.2108)],
    )
    def test_seed_002_containers(self, counts, printed):
        # seed 002, "Cross-Entropy Loss Function VIII-X": the printed values are right to 4 places.
        h = entropy(distribution_from_counts(counts), base=2)
        assert h == pytest.approx(mp_entropy_bits(counts), rel=1e-14)
        assert round(float(h), 4) == printed

    def test_zero_log_zero_is_zero(self):
        assert entropy([1.0, 0.0, 0.0]) == 0.0
        assert not np.signbit(entropy([1.0, 0.0]))

    def test_uniform_is_log_k(self):
        assert entropy(np.full(8, 1 / 8), base=2) == pytest.approx(3.0, rel=1e-15)

    def test_axis(self):
        p = random_distributions((4, 3)).T
        np.testing.assert_allclose(entropy(p, axis=0), scipy.stats.entropy(p, axis=0))

    def test_float32_kept(self):
        assert entropy(np.float32([0.25, 0.75])).dtype == np.float32


class TestCrossEntropy:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("base", BASES)
    def test_matches_scipy(self, shape, base):
        p = random_distributions(shape, seed=1, zeros=True)
        q = random_distributions(shape, seed=2)
        # H(p, q) = H(p) + KL(p || q), both from scipy.stats.entropy.
        expected = scipy.stats.entropy(p, base=base, axis=-1) + scipy.stats.entropy(
            p, q, base=base, axis=-1
        )
        np.testing.assert_allclose(cross_entropy(p, q, base=base), expected, rtol=1e-12)

    def test_infinite_not_nan_where_q_is_zero(self):
        assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf

    def test_zero_p_ignores_zero_q(self):
        assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0

    def test_seed_002_rounded_q(self):
        # seed 002, "Cross-Entropy Loss Function XVI": -log2(0.775) printed as 0.3677.
        h = cross_entropy([1, 0, 0, 0], [0.775, 0.116, 0.039, 0.070], base=2)
        assert h == pytest.approx(-np.log2(0.775), rel=1e-15)
        assert round(float(h), 4) == 0.3677

    def test_not_symmetric(self):
        # seed 003: "the cross-entropy is not a distance function because H(p, q) != H(q, p)".
        p, q = [0.9, 0.1], [0.5, 0.5]
        assert cross_entropy(p, q) != pytest.approx(cross_entropy(q, p))


class TestKLDivergence:
    @pytest.mark.parametrize("shape", SHAPES)
    @pytest.mark.parametrize("base", BASES)
    def test_matches_scipy_rel_entr(self, shape, base):
        p = random_distributions(shape, seed=3, zeros=True)
        q = random_distributions(shape, seed=4)
        expected = scipy.special.rel_entr(p, q).sum(axis=-1) / np.log(base if base else np.e)
        np.testing.assert_allclose(kl_divergence(p, q, base=base), expected, rtol=1e-12, atol=1e-15)

    def test_is_cross_entropy_minus_entropy(self):
        p, q = random_distributions((10, 6), seed=5), random_distributions((10, 6), seed=6)
        np.testing.assert_allclose(
            kl_divergence(p, q), cross_entropy(p, q) - entropy(p), rtol=1e-12
        )

    def test_zero_for_equal(self):
        p = random_distributions((5, 7), seed=7, zeros=True)
        np.testing.assert_array_equal(kl_divergence(p, p), 0.0)

    def test_infinite_where_q_is_zero(self):
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf

    def test_one_bit(self):
        assert kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == pytest.approx(1.0, rel=1e-15)


class TestBinaryEntropy:
    def test_matches_two_class_entropy(self):
        p = np.linspace(0, 1, 101)
        expected = scipy.stats.entropy(np.stack([p, 1 - p]), base=2, axis=0)
        np.testing.assert_allclose(binary_entropy(p, base=2), expected, rtol=1e-12, atol=1e-15)

    def test_tiny_p_keeps_precision(self):
        # mpmath at 50 digits; log(1 - p) would lose the p-sized second term.
        p = 1e-20
        with mpmath.workdps(50):
            mp = mpmath.mpf(p)
            expected = float(-mp * mpmath.log(mp) - (1 - mp) * mpmath.log(1 - mp))
        assert binary_entropy(p) == pytest.approx(expected, rel=1e-14)

    @pytest.mark.parametrize(("p", "h"), [(0.0, 0.0), (1.0, 0.0), (0.5, 1.0)])
    def test_known_values(self, p, h):
        assert binary_entropy(p, base=2) == h


class TestDistributionFromCounts:
    def test_containers(self):
        np.testing.assert_allclose(
            distribution_from_counts([[26, 4], [1, 29]]), [[26 / 30, 4 / 30], [1 / 30, 29 / 30]]
        )

    @pytest.mark.parametrize(
        ("counts", "message"),
        [([0, 0], "positive total"), ([-1, 3], "must not be negative"), ([np.nan, 1], "finite")],
    )
    def test_bad_counts(self, counts, message):
        with pytest.raises(ValueError, match=f"^counts.*{message}"):
            distribution_from_counts(counts)
