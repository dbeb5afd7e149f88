"""The core at its edges, against mpmath (as many digits as each case needs): a few ulps relative.

Logits are drawn so that (z - max z) / T is exact in floating point (whole-number gaps, T a
power of 2): then every output is a well-conditioned function of exact inputs, and a few ulps
relative is the bar, whatever the lead (up to 700), the dtype (float64, float32), the
temperature (down to 1e-300) or the smoothing (0 to 1).
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import support
from xentviz import (
    kl_divergence,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
    softmax_jacobian,
    worked_example,
)

ULPS = 8
#: The most digits a reference needs: 1 - q must keep 50 digits of its own for every q whose
#: 1 - q a double can hold (down to 5e-324, so 1 - 10^-324); closer to 1, a double holds 0
#: either way. The references are then the textbook formulas. Each case takes what its largest
#: gap needs (see ``digits_for``).
DIGITS = 400
# Each case costs milliseconds of 400-digit arithmetic.
EXAMPLES = settings(max_examples=support.examples(100))


def digits_for(z, temperature):
    """Enough digits for 1 - q when the largest gap is (max z - min z) / T, at most DIGITS."""
    gap = float(np.max(z) - np.min(z)) / temperature
    return int(min(DIGITS, 60 + gap / math.log(10)))


def close(actual, exact, dtype, scale=None, ulps=ULPS):
    """``actual`` within ``ulps`` ulps of ``exact`` relative to ``scale`` (|exact| by default);
    where that falls below the smallest normal number, within the smallest normal number."""
    info = np.finfo(dtype)
    actual = np.asarray(actual, dtype=np.float64).ravel()
    exact = [mpmath.mpf(x) for x in np.ravel(exact)]
    scale = [abs(x) for x in exact] if scale is None else list(np.ravel(scale))
    for a, e, s in zip(actual, exact, scale, strict=True):
        if abs(e) > float(info.max):  # beyond the dtype's range: the rounded value is inf
            assert a == (np.inf if e > 0 else -np.inf), (a, e)
            continue
        allowed = max(ulps * float(info.eps) * float(s), float(info.tiny))
        assert abs(a - float(e)) <= allowed, (a, float(e))


def reference(z, temperature):
    """q and log q by the textbook formulas, from the exact inputs (at ``DIGITS`` digits)."""
    s = [(mpmath.mpf(float(x)) - mpmath.mpf(float(max(z)))) / mpmath.mpf(temperature) for x in z]
    lse = mpmath.log(mpmath.fsum(mpmath.exp(x) for x in s))
    log_q = [x - lse for x in s]
    return [mpmath.exp(x) for x in log_q], log_q


@pytest.fixture(autouse=True)
def digits():
    with mpmath.workdps(60):
        yield


@st.composite
def cases(draw):
    """Logits with whole-number gaps up to 700 below the largest (at most 80 in float32,
    whose exp underflows sooner), a power-of-2 temperature (down to 2^-1000 = 1e-301, which
    float32 rounds to 0), a dtype, a class and a smoothing."""
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    k = draw(st.integers(2, 6))
    top = 700 if dtype is np.float64 else 80
    gaps = draw(st.lists(st.integers(0, top), min_size=k, max_size=k))
    gaps[draw(st.integers(0, k - 1))] = 0  # one largest (or more, when gaps tie at 0)
    base = draw(st.sampled_from([0.0, 3.0, -250.0]))
    z = np.array([base - g for g in gaps], dtype=dtype)
    temperature = 2.0 ** draw(st.one_of(st.integers(-3, 3), st.sampled_from([-60, -1000])))
    y = draw(st.integers(0, k - 1))
    e = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
    return z, temperature, y, e


@EXAMPLES
@given(cases())
def test_softmax_and_its_log(case):
    z, temperature, _, _ = case
    with mpmath.workdps(digits_for(z, temperature)):
        q_ref, log_q_ref = reference(z, temperature)
    close(softmax(z, temperature=temperature), q_ref, z.dtype)
    close(log_softmax(z, temperature=temperature), log_q_ref, z.dtype)
    if temperature == 1.0:
        lse = mpmath.mpf(float(z.max())) - log_q_ref[int(np.argmax(z))]
        close([logsumexp(z)], [lse], z.dtype)


@EXAMPLES
@given(cases())
def test_loss_and_gradient(case):
    z, temperature, y, e = case
    k = len(z)
    with mpmath.workdps(digits_for(z, temperature)):
        q_ref, log_q_ref = reference(z, temperature)
        me = mpmath.mpf(float(np.asarray(e, dtype=z.dtype)))  # e as the dtype holds it
        p_ref = [(1 - me) * (i == y) + me / k for i in range(k)]
        loss = -mpmath.fsum(p * lq for p, lq in zip(p_ref, log_q_ref, strict=True))
        grad_ref = [(q - p) / temperature for q, p in zip(q_ref, p_ref, strict=True)]
    got = softmax_cross_entropy(z, y, temperature=temperature, label_smoothing=e)
    close([got], [loss], z.dtype)
    grad = softmax_cross_entropy_grad(z, y, temperature=temperature, label_smoothing=e)
    # q_i - p_i cancels where q_i is close to p_i, a cancellation of the problem itself: there
    # the bar is a few ulps of the larger of the two.
    scale = [max(abs(q), p) / mpmath.mpf(temperature) for q, p in zip(q_ref, p_ref, strict=True)]
    close(grad, grad_ref, z.dtype, scale=scale if e else None)
    w = worked_example(z, y, temperature=temperature, label_smoothing=e)
    close([w.loss], [loss], z.dtype)
    close(w.grad, grad_ref, z.dtype, scale=scale if e else None)


@EXAMPLES
@given(cases())
def test_jacobian(case):
    z, temperature, _, _ = case
    k = len(z)
    with mpmath.workdps(digits_for(z, temperature)):
        q_ref, _ = reference(z, temperature)
        exact = [
            [q_ref[a] * ((a == b) - q_ref[b]) / temperature for b in range(k)] for a in range(k)
        ]
    close(softmax_jacobian(z, temperature=temperature), exact, z.dtype)


@pytest.mark.parametrize(
    ("z", "y", "exact"),
    [
        ([40.0, 0.0], 0, "4.248354255291589e-18"),  # mpmath: log1p(e^-40)
        ([30.0, 0.0], 0, "9.3576229688397368e-14"),
        ([20.0, 0.0], 0, "2.0611536203143807e-9"),
        ([700.0, 0.0, 0.0], 0, "1.9719353087519542e-304"),  # log1p(2 e^-700)
    ],
)
def test_a_true_class_leading_by_a_wide_margin_keeps_its_loss(z, y, exact):
    """These came out as 0 (a lead of 40) or 1e-3 and 3e-8 off (leads of 30 and 20)."""
    close([softmax_cross_entropy(z, y)], [mpmath.mpf(exact)], np.float64)
    close([-log_softmax(z)[y]], [mpmath.mpf(exact)], np.float64)
    grad = softmax_cross_entropy_grad(z, y)
    assert grad[y] < 0 and grad.sum() == 0.0  # no longer [0, 4e-18]


def test_float32_log_softmax_of_a_lead_of_15():
    """float32 gave -3.58e-7 for log(1 - 3.06e-7): 17% off."""
    got = log_softmax(np.float32([15.0, 0.0]))[0]
    close([got], [-mpmath.log1p(mpmath.exp(-15))], np.float32)


def test_jacobian_of_a_lead_of_40():
    """J_00 was 0 and a row summed to -8.5e-18, against the docstring."""
    j = softmax_jacobian([40.0, 0.0, 0.0])
    assert j[0, 0] == pytest.approx(2 * math.exp(-40), rel=1e-15)
    assert abs(j.sum(axis=1)).max() <= 1e-34


@pytest.mark.parametrize("temperature", [1e-46, 1e-300])
def test_a_tiny_temperature_is_the_arg_max_in_float32_too(temperature):
    """In float32, T = 1e-46 rounds to 0, and every function gave NaN."""
    z = np.float32([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(softmax(z, temperature=temperature), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(log_softmax(z, temperature=temperature), [-np.inf, -np.inf, 0])
    assert softmax_cross_entropy(z, 2, temperature=temperature) == 0.0
    np.testing.assert_array_equal(
        softmax_cross_entropy_grad(z, 2, temperature=temperature), [0.0, 0.0, 0.0]
    )
    np.testing.assert_array_equal(softmax_jacobian(z, temperature=temperature), np.zeros((3, 3)))
    assert softmax(z, temperature=temperature).dtype == np.float32


def test_full_smoothing_at_a_tiny_temperature_is_large_not_nan():
    """0 * inf gave NaN: with smoothing 1 the true class's own term has no weight."""
    assert softmax_cross_entropy([0.0, 1000.0], 0, temperature=1e-306, label_smoothing=1.0) == (
        np.inf
    )
    got = softmax_cross_entropy([0.0, 1.0], 0, temperature=1e-300, label_smoothing=1.0)
    assert got == pytest.approx(0.5e300, rel=1e-15)  # (1/2) * 1 / 1e-300


def test_one_hot_builds_only_the_rows_asked_for():
    """one_hot(0, 10**6) asked numpy for a 10^6 x 10^6 identity (8 TB)."""
    rows = one_hot([0, 999_999], 10**6)
    assert rows.shape == (2, 10**6) and rows.sum() == 2 and rows[1, -1] == 1.0


@pytest.mark.parametrize(
    ("d", "exact"),
    [(1e-9, "5.75111512291524e-17"), (1e-12, "1.999911514098255e-24"), (1e-3, None)],
)
def test_kl_of_nearly_equal_distributions_keeps_its_value(d, exact):
    """It gave 1.09e-16 (for 5.75e-17) and 0 (for 2e-24)."""
    p, q = [0.5, 0.5], [0.5 + d, 0.5 - d]
    truth = mpmath.fsum(
        mpmath.mpf(a) * mpmath.log(mpmath.mpf(a) / mpmath.mpf(b)) for a, b in zip(p, q, strict=True)
    )
    if exact:
        assert float(truth) == float(exact)
    close([kl_divergence(p, q)], [truth], np.float64)


@given(
    st.lists(st.floats(0.05, 1.0), min_size=2, max_size=6),
    st.floats(1e-12, 1e-3),
    st.integers(0, 2**32 - 1),
)
def test_kl_is_never_negative_and_keeps_small_values(weights, size, seed):
    p = np.asarray(weights) / np.sum(weights)
    step = size * np.random.default_rng(seed).standard_normal(len(p))
    q = np.abs(p + step - step.mean())
    q /= q.sum()
    got = kl_divergence(p, q)
    truth = mpmath.fsum(
        mpmath.mpf(a) * mpmath.log(mpmath.mpf(a) / mpmath.mpf(b)) for a, b in zip(p, q, strict=True)
    )
    assert got >= 0
    if truth > 0:
        assert got == pytest.approx(float(truth), rel=1e-6, abs=1e-30)
