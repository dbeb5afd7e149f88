"""The loss page's comparisons said of the exact value, checked against mpmath at high precision
(an oracle computed here from the definitions, not from xentviz.core.exact): the loss after a
step, the step's moves, each step shorter than the one before."""

from __future__ import annotations

import itertools

import mpmath
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import support
from xentviz.core import exact
from xentviz.lesson import loss as loss_text
from xentviz.state.loss import LossState

DPS = 2500  # enough for the differences of losses at leads up to 2000


def oracle_loss(z, y, base=None):
    with mpmath.workdps(DPS):
        zz = [mpmath.mpf(v) for v in z]
        total = mpmath.log(mpmath.fsum(mpmath.exp(v - zz[y]) for v in zz))
        return total / (1 if base is None else mpmath.log(base))


def oracle_step(z, y, rate, only, base=None):
    with mpmath.workdps(DPS):
        zz = [mpmath.mpf(v) for v in z]
        lse = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in zz))
        unit = 1 if base is None else mpmath.log(base)
        g = [(mpmath.exp(v - lse) - (1 if k == y else 0)) / unit for k, v in enumerate(zz)]
        moved = [-rate * g[k] if k in only else mpmath.mpf(0) for k in range(len(z))]
        return moved


logit = st.one_of(
    st.floats(-1000, 1000, allow_nan=False),
    st.sampled_from([-1000.0, 1000.0, 0.0, 34.0, 40.0, -40.0, 30.0]),
)


@st.composite
def steps(draw):
    k = draw(st.integers(2, 5))
    z = tuple(draw(st.lists(logit, min_size=k, max_size=k)))
    y = draw(st.integers(0, k - 1))
    i, j = draw(st.permutations(range(k)))[:2]
    rate = draw(st.sampled_from([0.01, 0.1, 1.0, 10.0]))
    base = draw(st.sampled_from([None, 2.0, 10.0]))
    return z, y, i, j, rate, base


@settings(max_examples=support.examples(60), deadline=None)
@given(steps())
def test_the_exact_step_agrees_with_mpmath(case):
    z, y, i, j, rate, base = case
    step = exact.step_change(z, y, rate, only=(i, j), base=base)
    moved = oracle_step(z, y, rate, (i, j), base)
    with mpmath.workdps(DPS):
        for a, b in zip(step.moved, moved, strict=True):
            assert a == b == 0 or abs(a - b) <= abs(b) * mpmath.mpf(10) ** -30
        before = oracle_loss(z, y, base)
        after = oracle_loss([mpmath.mpf(a) + b for a, b in zip(z, moved, strict=True)], y, base)
        assert after < before  # one example's loss always falls along its negative gradient
        assert step.falls is True
        fall = before - after
        assert abs((step.before - step.after) - fall) <= fall * mpmath.mpf(10) ** -5


@settings(max_examples=support.examples(40), deadline=None)
@given(steps())
def test_the_loss_page_says_a_step_falls_by_the_exact_amount(case):
    z, y, i, j, rate, base = case
    state = LossState(classes=tuple("abcde"[: len(z)]), logits=z, target=y, i=i, j=j,
                      rate=rate, base={None: "e", 2.0: "2", 10.0: "10"}[base])  # fmt: skip
    w = state.worked()
    said = loss_text.step(state, w)
    assert "The loss falls" in said and "stays the same" not in said
    assert ("float64 rounds both" in said) == (w.next_loss == w.loss)
    answer = loss_text.step_answer(state, w, loss_text.FALLS)
    assert answer.startswith("Right.")


def test_a_lead_of_34_falls_though_float64_rounds_it_away():
    state = LossState(classes=("cat", "dog", "bird"), logits=(34.0, 0.0, 0.0), target=0, i=0, j=1)
    w = state.worked()
    said = loss_text.step(state, w)
    assert "stays the same" not in said and "to double precision" not in said
    assert "in float64 it stays 34" in said  # the move of z_cat is below its last digit
    assert loss_text.step_answer(state, w, loss_text.STAYS).startswith("Not quite.")


@settings(max_examples=support.examples(25), deadline=None)
@given(steps())
def test_each_step_shorter_is_decided_on_the_exact_path(case):
    z, y, i, j, rate, base = case
    lengths = exact.steps(z, y, rate, 10, only=(i, j), base=base)
    with mpmath.workdps(DPS):
        zz, ref = [mpmath.mpf(v) for v in z], []
        for _ in range(10):
            moved = oracle_step(zz, y, rate, (i, j), base)
            ref.append(mpmath.sqrt(mpmath.fsum(m * m for m in moved)))
            zz = [a + b for a, b in zip(zz, moved, strict=True)]
        assert all(b < a for a, b in itertools.pairwise(ref)) == all(
            b < a for a, b in itertools.pairwise(lengths)
        )


def test_equal_printed_steps_are_said_shorter_in_exact_arithmetic():
    state = LossState(classes=("cat", "dog", "bird"), logits=(-1000.0, 1000.0, 0.0), target=0,
                      i=0, j=1, rate=10.0)  # fmt: skip
    w = state.worked()
    said = loss_text.ten_steps_answer(state, w, "x")
    assert "not each shorter" not in said and "steeper" not in said
    assert "in exact arithmetic" in said
