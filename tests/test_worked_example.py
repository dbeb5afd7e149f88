"""worked_example: every step of one computation, checked against the core and the seeds."""

import numpy as np
import pytest

from xentviz import (
    entropy,
    kl_divergence,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
    worked_example,
)


def test_seed_002_steps():
    # seed 002, "Softmax III": exp(3.2) = 24.5325, exp(1.3) = 3.6693, exp(0.2) = 1.2214,
    # exp(0.8) = 2.2255, and S(3.2) = 24.5325 / (24.5325 + 3.6693 + 1.2214 + 2.2255) = 0.775.
    # The page shifts by the largest logit, m = 3.2: its e_i are the seed's divided by e^3.2.
    w = worked_example([3.2, 1.3, 0.2, 0.8], 0, base=2)
    assert w.max_logit == 3.2 and w.shifted[0] == 0.0 and w.exps[0] == 1.0
    np.testing.assert_allclose(w.exps * np.exp(3.2), [24.5325, 3.6693, 1.2214, 2.2255], atol=5e-5)
    np.testing.assert_allclose(w.exps, np.exp(np.subtract([3.2, 1.3, 0.2, 0.8], 3.2)), rtol=1e-15)
    assert w.total * np.exp(3.2) == pytest.approx(31.6488, abs=5e-5)
    np.testing.assert_allclose(w.q, w.exps / w.total, rtol=1e-15)
    assert w.log_total == pytest.approx(np.log(w.total), rel=1e-15)
    np.testing.assert_allclose(w.log_q, (w.shifted - w.log_total) / np.log(2), rtol=1e-15)
    assert round(w.loss, 4) == 0.3675
    assert w.predicted == 0
    assert w.predicted_probability == pytest.approx(0.77515, abs=1e-5)


@pytest.mark.parametrize("temperature", [0.3, 1.0, 4.0])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("base", [None, 2, 10])
def test_agrees_with_the_core(temperature, smoothing, base):
    z, y = np.array([1.0, 2.0, 0.5, -0.7]), 1
    w = worked_example(z, y, temperature=temperature, base=base, label_smoothing=smoothing)
    kw = {"temperature": temperature, "label_smoothing": smoothing}
    q = softmax(z, temperature=temperature)
    p = (1 - smoothing) * np.eye(4)[y] + smoothing / 4
    np.testing.assert_allclose(w.q, q, rtol=1e-15)
    np.testing.assert_allclose(w.p, p, rtol=1e-15)
    assert w.loss == pytest.approx(softmax_cross_entropy(z, y, base=base, **kw), rel=4e-16)
    assert w.contributions.sum() == w.loss  # the loss is the sum the page prints
    assert w.entropy_q == pytest.approx(entropy(q, base=base), rel=1e-15)
    assert w.entropy_p == pytest.approx(entropy(p, base=base), abs=1e-15)
    assert w.kl == pytest.approx(kl_divergence(p, q, base=base), rel=1e-9, abs=1e-15)
    np.testing.assert_allclose(
        w.grad, softmax_cross_entropy_grad(z, y, base=base, **kw), rtol=1e-15
    )
    assert abs(w.grad_sum) < 1e-15
    np.testing.assert_allclose(w.scaled, z / temperature)
    np.testing.assert_allclose(w.shifted, (z - z.max()) / temperature)


def test_shift_when_exp_would_overflow():
    w = worked_example([1000.0, 0.0], 1)
    assert w.max_logit == 1000.0
    np.testing.assert_array_equal(w.exps, [1.0, 0.0])
    assert w.loss == 1000.0
    np.testing.assert_array_equal(w.log_q, [0.0, -1000.0])  # finite although q_1 underflows
    assert w.contributions[1] == 1000.0


def test_distribution_target():
    w = worked_example([1.0, 2.0], [0.25, 0.75])
    assert w.target_index is None
    assert w.loss == pytest.approx(softmax_cross_entropy([1.0, 2.0], [0.25, 0.75]))


def test_one_hot_contributions_select_the_true_class():
    # seed 003: "the 1-hot encoded vector p(x) acts as a selector".
    w = worked_example([1.0, 2.0, 0.5], 1)
    assert w.contributions[0] == 0.0 and w.contributions[2] == 0.0
    assert w.contributions[1] == w.loss


def test_every_line_is_arithmetic_a_student_can_redo():
    """All logits at -1000: unshifted, every e^{z_i} underflows to 0 and S = 0. Shifted by
    the largest, each e_i is 1, S = 4 and q_i = 1/4: the table's numbers give q."""
    w = worked_example([-1000.0] * 4, 0)
    np.testing.assert_array_equal(w.exps, [1.0] * 4)
    assert w.total == 4.0
    np.testing.assert_array_equal(w.q, w.exps / w.total)
    assert w.tied == (0, 1, 2, 3) and w.predicted == 0


def test_a_class_leading_by_40_keeps_its_loss_and_kl():
    w = worked_example([40.0, 0.0], 0)
    assert w.loss == w.kl == 4.248354255291589e-18  # mpmath: 4.2483542552915889e-18
    np.testing.assert_array_equal(w.grad, [-4.248354255291589e-18, 4.248354255291589e-18])


@pytest.mark.parametrize("base", [None, 2, 10])
def test_the_gradient_is_that_of_the_loss_in_its_unit(base):
    """In bits the loss is L / ln 2, and so is its gradient: (q - p) / (T ln 2)."""
    z = [3.2, 1.3, 0.2, 0.8]
    nats = worked_example(z, 0, temperature=0.5)
    w = worked_example(z, 0, base=base, temperature=0.5)
    scale = 1.0 if base is None else np.log(base)
    np.testing.assert_allclose(w.grad, nats.grad / scale, rtol=1e-15)
    h = 1e-6  # and it is the slope of the loss as printed
    up = worked_example([z[0], z[1] + h, z[2], z[3]], 0, base=base, temperature=0.5).loss
    assert (up - w.loss) / h == pytest.approx(w.grad[1], rel=1e-5)


def test_parameters_after_the_target_are_named():
    with pytest.raises(TypeError):
        worked_example([1.0, 2.0], 0, 2.0)  # a base or a temperature? It must say.
