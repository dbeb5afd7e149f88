"""The seed examples as data: their inputs reproduce the seeds' printed numbers where the
seeds are right, and the notes name the differences where they are not."""

import numpy as np
import pytest

from xentviz import entropy, softmax, softmax_cross_entropy, standard_normalization
from xentviz.core.presets import (
    AFTER_TRAINING,
    CAT_DOG_BIRD,
    CONTAINERS,
    DOG_CAT_HORSE_CHEETAH,
    LOGITS_EXAMPLES,
    SOFTMAX_VS_STANDARD,
)
from xentviz.lesson.sources import source


@pytest.mark.parametrize("example", LOGITS_EXAMPLES, ids=lambda e: e.key)
def test_logits_examples_are_consistent(example):
    assert len(example.classes) == len(example.logits)
    assert 0 <= example.target < len(example.classes)
    source(example.seed)  # a source of the list every citation is made from
    assert example.source.startswith(("slides '", "Figure ")) and "seed" not in example.source


def test_dog_cat_horse_cheetah_printed_q_is_rounded_exact_q():
    q = softmax(DOG_CAT_HORSE_CHEETAH.logits)
    np.testing.assert_allclose(q, DOG_CAT_HORSE_CHEETAH.printed_q, atol=5e-4)


@pytest.mark.parametrize(
    ("example", "exact"),
    [(DOG_CAT_HORSE_CHEETAH, 0.3675), (CAT_DOG_BIRD, 0.4644), (AFTER_TRAINING, 0.0923)],
    ids=lambda e: getattr(e, "key", str(e)),
)
def test_printed_losses_differ_from_exact(example, exact):
    loss = softmax_cross_entropy(example.logits, example.target, base=example.printed_base)
    assert round(float(loss), 4) == exact
    assert round(float(loss), 4) != example.printed_loss
    assert f"{exact:.4f}".rstrip("0") in example.note or f"{exact:.4f}" in example.note


def test_after_training_gives_about_0_938():
    # seed 002, slide XVIII: "-1 * log2(0.938)".
    assert softmax(AFTER_TRAINING.logits)[0] == pytest.approx(0.938, abs=5e-4)
    # The seed's printed 0.095 is not -log2(0.938) = 0.0923.
    assert -np.log2(0.938) == pytest.approx(0.0923, abs=5e-5)


def test_softmax_vs_standard_normalization():
    for z, sm, std in zip(
        SOFTMAX_VS_STANDARD.logits,
        SOFTMAX_VS_STANDARD.printed_softmax,
        SOFTMAX_VS_STANDARD.printed_standard,
        strict=True,
    ):
        np.testing.assert_allclose(softmax(z), sm, atol=5e-4)
        np.testing.assert_allclose(standard_normalization(z), std, atol=5e-4)


@pytest.mark.parametrize("container", CONTAINERS, ids=lambda c: c.key)
def test_containers_printed_entropy(container):
    p = np.asarray(container.counts) / sum(container.counts)
    assert sum(container.counts) == 30
    assert round(float(entropy(p, base=container.printed_base)), 4) == container.printed_entropy
