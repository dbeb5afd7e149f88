"""xentviz.containers: a container's numbers, two containers compared, picks and the
challenge's nearest counts, against scipy, exact fractions and brute force."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

from xentviz.core.containers import (
    compare,
    describe,
    draw,
    effective_number,
    frequencies,
    nearest_counts,
    running_surprise,
)

SEED_CONTAINERS = [((26, 4), 0.5665), ((14, 16), 0.9968), ((1, 29), 0.2108)]  # seed 002, bits

counts = st.lists(st.integers(0, 60), min_size=2, max_size=6).filter(any)


@pytest.mark.parametrize(("c", "printed"), SEED_CONTAINERS)
def test_the_seeds_containers(c, printed):
    box = describe(c, base=2)
    assert round(box.entropy, 4) == printed
    assert box.entropy == pytest.approx(scipy.stats.entropy(c, base=2), rel=1e-14)
    assert box.most == 1.0 and box.total == 30


@given(counts, st.sampled_from([None, 2, 10]))
def test_describe_against_scipy(c, base):
    box = describe(c, base=base)
    b = math.e if base is None else base
    assert box.entropy == pytest.approx(scipy.stats.entropy(c, base=b), rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(box.p, np.asarray(c) / sum(c), rtol=1e-15)
    assert box.terms.sum() == pytest.approx(box.entropy, rel=1e-12, abs=1e-15)
    assert box.most == pytest.approx(math.log(len(c), b), rel=1e-15)
    assert 0 <= box.entropy <= box.most * (1 + 1e-12)
    assert box.effective == pytest.approx(b**box.entropy, rel=1e-12)
    assert (box.terms[np.asarray(c) == 0] == 0).all()  # 0 log 0 = 0
    assert np.isinf(box.surprise[np.asarray(c) == 0]).all()  # never picked: infinitely surprising


@given(counts, counts)
def test_compare_against_scipy(p, q):
    if len(p) != len(q):
        return
    c = compare(p, q, base=2)
    assert c.h_pq == pytest.approx(c.h_p + c.kl_pq, rel=1e-9, abs=1e-12)  # H(p,q) = H(p)+KL
    assert c.h_qp == pytest.approx(c.h_q + c.kl_qp, rel=1e-9, abs=1e-12)
    assert c.kl_pq == pytest.approx(scipy.stats.entropy(p, q, base=2), rel=1e-9, abs=1e-12)
    missing = tuple(i for i in range(len(p)) if p[i] and not q[i])
    assert c.missing_in_q == missing and (math.isinf(c.h_pq) == bool(missing))


def test_an_impossible_kind_costs_infinity_not_a_big_number():
    c = compare([26, 4], [30, 0])
    assert c.h_pq == math.inf and c.kl_pq == math.inf and c.missing_in_q == (1,)
    assert math.isfinite(c.h_qp) and c.missing_in_p == ()


def test_draw_is_reproducible_and_fair():
    assert (draw([26, 4], 1000, seed=3) == draw([26, 4], 1000, seed=3)).all()
    assert (draw([26, 4], 1000, seed=3) != draw([26, 4], 1000, seed=4)).any()
    picks = draw([1, 2, 0, 7], 200_000, seed=0)
    assert not (picks == 2).any()  # a kind with no items is never picked
    np.testing.assert_allclose(frequencies(picks, 4), [0.1, 0.2, 0.0, 0.7], atol=0.005)


def test_running_surprise_is_the_mean_surprise_so_far_and_approaches_h():
    c = [26, 4]
    picks = draw(c, 50_000, seed=1)
    running = running_surprise(picks, c, base=2)
    p = np.asarray(c) / 30
    surprise = -np.log2(p[picks])
    np.testing.assert_allclose(running, np.cumsum(surprise) / np.arange(1, len(picks) + 1))
    assert running[-1] == pytest.approx(describe(c, base=2).entropy, abs=0.01)


def test_frequencies_of_no_picks_are_0():
    np.testing.assert_array_equal(frequencies([], 3), [0.0, 0.0, 0.0])


def _entropy_exactly(counts, total):
    """H in nats from exact fractions p = c / N (only the logs are floating point)."""
    return -sum(float(Fraction(c, total)) * math.log(Fraction(c, total)) for c in counts if c)


@pytest.mark.parametrize(("total", "kinds"), [(30, 2), (12, 3), (10, 4)])
@pytest.mark.parametrize("goal", [0.0, 0.3, 0.5, 0.99, 1.5, 5.0])
def test_nearest_counts_is_the_nearest_of_all_containers(total, kinds, goal):
    """Brute force over every composition of the total (order and all)."""
    found, h = nearest_counts(goal, total, kinds, base=2)
    assert sum(found) == total and len(found) == kinds and list(found) == sorted(found)[::-1]
    assert h == pytest.approx(_entropy_exactly(found, total) / math.log(2), rel=1e-12, abs=1e-15)
    everything = [c for c in itertools.product(range(total + 1), repeat=kinds) if sum(c) == total]
    best = min(abs(_entropy_exactly(c, total) / math.log(2) - goal) for c in everything)
    assert abs(h - goal) == pytest.approx(best, abs=1e-12)


def test_effective_number():
    assert effective_number([10, 10, 10, 10]) == pytest.approx(4.0, rel=1e-14)
    assert effective_number([30, 0]) == 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: describe([0, 0]), "counts"),
        (lambda: describe([1.5, 2]), "counts"),
        (lambda: describe([-1, 2]), "counts"),
        (lambda: describe([[1, 2]]), "counts"),
        (lambda: draw([1, 2], -1, 0), "n"),
        (lambda: draw([1, 2], 3, -1), "seed"),
        (lambda: draw([1, 2], 3.0, 0), "n"),
        (lambda: running_surprise([0, 2], [1, 1]), "picks"),
        (lambda: compare([1, 2], [1, 2, 3]), "p_counts and q_counts"),
        (lambda: nearest_counts(math.nan, 10, 2), "goal"),
        (lambda: nearest_counts(0.5, 0, 2), "total"),
        (lambda: nearest_counts(0.5, 3000, 6), "total"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value).startswith(message)
