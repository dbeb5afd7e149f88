"""Every bad input is a ValueError whose message starts with the argument's name."""

import numpy as np
import pytest

import xentviz as xv

NAN, INF = np.nan, np.inf

CASES = [
    # (call, the argument the message must name first)
    (lambda: xv.softmax([1.0, NAN]), "z"),
    (lambda: xv.softmax([1.0, INF]), "z"),
    (lambda: xv.softmax([-INF, 0.0]), "z"),
    (lambda: xv.softmax([]), "z"),
    (lambda: xv.softmax(3.0), "z"),
    (lambda: xv.softmax(["a", "b"]), "z"),
    (lambda: xv.softmax([[1, 2], [3]]), "z"),
    (lambda: xv.softmax([1j, 2]), "z"),
    (lambda: xv.softmax([1, 2], axis=3), "axis"),
    (lambda: xv.softmax([1, 2], temperature=0), "temperature"),
    (lambda: xv.softmax([1, 2], temperature=-1), "temperature"),
    (lambda: xv.softmax([1, 2], temperature=NAN), "temperature"),
    (lambda: xv.softmax([1, 2], temperature=INF), "temperature"),
    (lambda: xv.softmax([1, 2], temperature="hot"), "temperature"),
    (lambda: xv.log_softmax([NAN]), "z"),
    (lambda: xv.log_softmax([1, 2], temperature=0.0), "temperature"),
    (lambda: xv.logsumexp([INF, 1]), "z"),
    (lambda: xv.sigmoid([NAN]), "x"),
    (lambda: xv.softmax_jacobian([1, NAN]), "z"),
    (lambda: xv.entropy([0.5, 0.6]), "p"),
    (lambda: xv.entropy([-0.5, 1.5]), "p"),
    (lambda: xv.entropy([NAN, 1.0]), "p"),
    (lambda: xv.entropy([0.5, 0.5], base=1), "base"),
    (lambda: xv.entropy([0.5, 0.5], base=0), "base"),
    (lambda: xv.entropy([0.5, 0.5], base=-2), "base"),
    (lambda: xv.entropy([0.5, 0.5], base="e"), "base"),
    (lambda: xv.cross_entropy([1, 0], [0.5, 0.4]), "q"),
    (lambda: xv.cross_entropy([1, 0], [1, 0, 0]), "p and q"),
    (lambda: xv.kl_divergence([1, 0], [[1, 0]]), "p and q"),
    (lambda: xv.kl_divergence([1, 0.1], [1, 0]), "p"),
    (lambda: xv.binary_entropy(1.5), "p"),
    (lambda: xv.binary_cross_entropy([1, 0], [0.5, 2]), "p"),
    (lambda: xv.binary_cross_entropy([2, 0], [0.5, 0.5]), "t"),
    (lambda: xv.binary_cross_entropy([1, 0], [0.5]), "t and p"),
    (lambda: xv.binary_cross_entropy([1], [0.5], reduction="avg"), "reduction"),
    (lambda: xv.softmax_cross_entropy([1, NAN], 0), "logits"),
    (lambda: xv.softmax_cross_entropy([1, 2], 2), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], -1), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0.5), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], "dog"), "target"),
    (lambda: xv.softmax_cross_entropy([[1, 2]], [0, 1]), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], [0.6, 0.6]), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], [1.5, -0.5]), "target"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, temperature=0), "temperature"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, label_smoothing=-0.1), "label_smoothing"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, label_smoothing=1.1), "label_smoothing"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, label_smoothing=NAN), "label_smoothing"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, base=1), "base"),
    (lambda: xv.softmax_cross_entropy([1, 2], 0, reduction="avg"), "reduction"),
    (lambda: xv.softmax_cross_entropy_grad([1, INF], 0), "logits"),
    (lambda: xv.softmax_cross_entropy_grad([1, 2], 5), "target"),
    (lambda: xv.softmax_cross_entropy_grad([1, 2], 0, label_smoothing=2), "label_smoothing"),
    (lambda: xv.softmax_cross_entropy_grad([1, 2], 0, temperature=-3), "temperature"),
    (lambda: xv.softmax_cross_entropy_grad([1, 2], 0, reduction="max"), "reduction"),
    (lambda: xv.one_hot([0, 4], 4), "labels"),
    (lambda: xv.one_hot([0.5], 4), "labels"),
    (lambda: xv.one_hot([0], 0), "num_classes"),
    (lambda: xv.one_hot([0], 2.0), "num_classes"),
    (lambda: xv.smoothed_target([1.0, 0.0], 1.5), "label_smoothing"),
    (lambda: xv.standard_normalization([1, -1]), "z"),
    (lambda: xv.distribution_from_counts([0, 0]), "counts"),
    (lambda: xv.worked_example([[1, 2]], 0), "logits"),
    (lambda: xv.worked_example([1, 2], 3), "target"),
    # One rule for booleans everywhere: they are not numbers (they were read as 1s and 0s).
    (lambda: xv.softmax([True, False]), "z"),
    (lambda: xv.log_softmax(np.array([True, False])), "z"),
    (lambda: xv.sigmoid([True]), "x"),
    (lambda: xv.entropy([True, False]), "p"),
    (lambda: xv.cross_entropy([1.0, 0.0], [True, False]), "q"),
    (lambda: xv.binary_entropy(True), "p"),
    (lambda: xv.softmax_cross_entropy([1.0, 2.0], [True, False]), "target"),
    (lambda: xv.softmax_cross_entropy([1.0, 2.0], True), "target"),
    (lambda: xv.one_hot([True], 2), "labels"),
    (lambda: xv.distribution_from_counts([True, True]), "counts"),
    (lambda: xv.standard_normalization([True, True]), "z"),
    # A base in (0, 1) turned every entropy negative.
    (lambda: xv.entropy([0.5, 0.5], base=0.5), "base"),
    (lambda: xv.softmax_cross_entropy([1.0, 2.0], 0, base=0.1), "base"),
    (lambda: xv.worked_example([1.0, 2.0], 0, base=0.5), "base"),
    (lambda: xv.standard_normalization([1e300, -1e300, 5e-324]), "z / sum(z)"),
]


@pytest.mark.parametrize(("call", "name"), CASES)
def test_bad_input_raises_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value).startswith(name), str(err.value)


def test_nothing_is_clipped():
    # Out-of-range inputs are refused, never silently repaired.
    with pytest.raises(ValueError):
        xv.entropy([1.0 + 1e-5, 0.0])
    assert xv.entropy([1.0 + 1e-7, 0.0]) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize(
    "call",
    [
        lambda: xv.softmax_cross_entropy([1.0, 2.0], 0, 2),
        lambda: xv.softmax_cross_entropy_grad([1.0, 2.0], 0, 2.0),
        lambda: xv.worked_example([1.0, 2.0], 0, 2.0),
    ],
)
def test_parameters_after_the_target_are_keyword_only(call):
    """A base and a temperature swapped by position would give wrong numbers with no error."""
    with pytest.raises(TypeError):
        call()
