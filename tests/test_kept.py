"""Results kept for a hall: computed once however many sessions ask at once, and bounded."""

from __future__ import annotations

import threading

import pytest

from xentviz.core import containers
from xentviz.core._kept import kept
from xentviz.state.training import TrainingState, run_of


def test_a_result_asked_for_by_a_hall_at_once_is_computed_once():
    """Forty threads ask for the same result while the first is computing it: one computes,
    the others wait for its result (functools.lru_cache would let each compute it)."""
    n = 40
    arrived, calls = [0], []
    all_here = threading.Condition()

    @kept(maxsize=4)
    def slow(x):
        calls.append(x)
        with all_here:  # computing until every thread has asked
            all_here.wait_for(lambda: arrived[0] == n)
        return object()

    results = []

    def student():
        with all_here:
            arrived[0] += 1
            all_here.notify_all()
        results.append(slow(7))

    threads = [threading.Thread(target=student) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [7]
    assert len(results) == n and len({id(r) for r in results}) == 1


def test_kept_results_are_bounded_and_least_recently_used_go_first():
    calls = []

    @kept(maxsize=3)
    def square(x):
        calls.append(x)
        return x * x

    for x in (1, 2, 3, 1, 4):  # 1 was used again: 2 goes when 4 comes
        square(x)
    assert calls == [1, 2, 3, 4] and square.cache_len() == 3
    square(1), square(3), square(4)
    assert calls == [1, 2, 3, 4]
    square(2)
    assert calls == [1, 2, 3, 4, 2]
    with pytest.raises(ValueError, match="maxsize"):
        kept(0)


def test_a_failed_computation_keeps_nothing():
    calls = []

    @kept(maxsize=2)
    def fails(x):
        calls.append(x)
        raise ValueError("x")

    for _ in range(2):
        with pytest.raises(ValueError):
            fails(1)
    assert calls == [1, 1] and fails.cache_len() == 0


def test_the_entropy_challenge_searches_each_total_once():
    """The challenge's search over 189,509 containers (100 items of 6 kinds) is made once per
    (total, kinds) and kept read-only; each goal and base is then a lookup, with the same
    answer as searching afresh."""
    containers._containers.cache_clear()
    first = containers.nearest_counts(1.7, 100, 6, base=2)
    rows, nats = containers._containers(100, 6)
    assert len(rows) == 189_509 and not rows.flags.writeable and not nats.flags.writeable
    assert containers._containers.cache_len() == 1
    assert containers.nearest_counts(1.7, 100, 6, base=2) == first
    containers.nearest_counts(0.3, 100, 6, base=None)
    assert containers._containers.cache_len() == 1
    counts, h = first
    assert sum(counts) == 100 and abs(h - 1.7) < 0.01


def test_a_training_run_is_kept_for_every_session():
    state = TrainingState(points=60, steps=20, batch=10, at=20)
    assert state.run() is state.run()  # the same object: trained once
    assert run_of.cache_len() >= 1
