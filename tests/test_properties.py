"""Properties that hold for every input (hypothesis, derandomized in conftest)."""

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from xentviz import (
    cross_entropy,
    entropy,
    kl_divergence,
    log_softmax,
    one_hot,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False)
logits = arrays(
    np.float64, array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6), elements=finite
)
temperatures = st.floats(min_value=0.05, max_value=20.0)


@st.composite
def distributions(draw, k=None):
    k = k or draw(st.integers(1, 8))
    w = draw(arrays(np.float64, k, elements=st.floats(0.0, 1.0)))
    assume(w.sum() > 1e-3)
    return w / w.sum()


@st.composite
def distribution_pairs(draw):
    k = draw(st.integers(1, 8))
    return draw(distributions(k)), draw(distributions(k))


@st.composite
def logits_and_labels(draw):
    z = draw(logits)
    labels = draw(arrays(np.int64, z.shape[:-1], elements=st.integers(0, z.shape[-1] - 1)))
    return z, labels


@given(logits, temperatures)
def test_softmax_is_a_distribution(z, temperature):
    q = softmax(z, temperature=temperature)
    assert (q >= 0).all()
    np.testing.assert_allclose(q.sum(axis=-1), 1.0, rtol=1e-12)


@given(logits, st.floats(min_value=-1e3, max_value=1e3), temperatures)
def test_softmax_is_shift_invariant(z, c, temperature):
    np.testing.assert_allclose(
        softmax(z + c, temperature=temperature), softmax(z, temperature=temperature), atol=1e-9
    )


@given(arrays(np.float64, st.integers(1, 6), elements=any_finite))
def test_softmax_never_warns_for_any_finite_logits(z):
    # RuntimeWarnings are errors under this project's pytest settings.
    q = softmax(z)
    assert np.isfinite(q).all()
    assert not np.isnan(log_softmax(z)).any()


@given(logits, temperatures)
def test_log_softmax_is_log_of_softmax(z, temperature):
    q = softmax(z, temperature=temperature)
    mask = q > 1e-300
    np.testing.assert_allclose(
        np.log(q[mask]), log_softmax(z, temperature=temperature)[mask], atol=1e-9
    )


@given(logits_and_labels(), temperatures, st.floats(0.0, 1.0))
def test_gradient_sums_to_zero_over_classes(zy, temperature, smoothing):
    z, y = zy
    g = softmax_cross_entropy_grad(
        z, y, temperature=temperature, label_smoothing=smoothing, reduction="sum"
    )
    np.testing.assert_allclose(g.sum(axis=-1), 0.0, atol=1e-12 / temperature)


@given(logits_and_labels(), st.floats(0.0, 1.0))
def test_one_hot_targets_equal_integer_labels(zy, smoothing):
    z, y = zy
    k = z.shape[-1]
    np.testing.assert_allclose(
        softmax_cross_entropy(z, one_hot(y, k), label_smoothing=smoothing, reduction="none"),
        softmax_cross_entropy(z, y, label_smoothing=smoothing, reduction="none"),
        rtol=1e-12,
        atol=1e-12,
    )


@given(logits_and_labels())
def test_loss_is_non_negative_and_finite(zy):
    z, y = zy
    loss = softmax_cross_entropy(z, y, reduction="none")
    assert (np.asarray(loss) >= 0).all()
    assert np.isfinite(loss).all()


@given(distribution_pairs())
def test_cross_entropy_at_least_entropy(pq):
    p, q = pq
    assert cross_entropy(p, q) >= entropy(p) - 1e-12


@given(distribution_pairs())
def test_kl_is_non_negative(pq):
    p, q = pq
    assert kl_divergence(p, q) >= 0.0


@given(distributions())
def test_kl_zero_for_equal_distributions(p):
    assert kl_divergence(p, p) == 0.0


@given(distribution_pairs())
def test_kl_positive_for_different_distributions(pq):
    p, q = pq
    assume(np.abs(p - q).max() > 1e-3)
    assert kl_divergence(p, q) > 0.0


@given(distributions())
def test_entropy_between_zero_and_log_k(p):
    assert -1e-15 <= entropy(p) <= np.log(p.size) + 1e-12


@given(
    arrays(np.float64, st.integers(1, 20), elements=finite),
    arrays(np.float64, st.integers(1, 20), elements=finite),
)
def test_two_class_softmax_is_sigmoid_of_difference(a, b):
    n = min(a.size, b.size)
    a, b = a[:n], b[:n]
    np.testing.assert_allclose(
        softmax(np.stack([a, b], -1))[:, 0], sigmoid(a - b), rtol=1e-12, atol=1e-300
    )
