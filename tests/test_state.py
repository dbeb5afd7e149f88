"""URL query parameters <-> PlaygroundState: round trips, and every bad link gives defaults."""

import math
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xentviz.state import (
    DEFAULT,
    T_MAX,
    T_MIN,
    T_STOPS,
    PlaygroundState,
    parse_playground,
    playground_query,
)


def test_empty_query_is_the_default_seed_example():
    state, warning = parse_playground({})
    assert state == DEFAULT and warning is None
    assert state.classes == ("dog", "cat", "horse", "cheetah")
    assert state.logits == (3.2, 1.3, 0.2, 0.8)


def test_design_example_link():
    params = {"classes": "dog,cat,horse,cheetah", "logits": "3.2,1.3,0.2,0.8", "target": "dog",
              "T": "1", "base": "2", "smoothing": "0.1"}  # fmt: skip
    state, warning = parse_playground(params)
    assert warning is None
    assert state == PlaygroundState(base="2", smoothing=0.1)


def test_target_by_index_or_name():
    assert parse_playground({"target": "2"})[0].target == 2
    assert parse_playground({"target": "horse"})[0].target == 2


def test_new_classes_without_logits_start_level():
    state, _ = parse_playground({"classes": "a,b,c"})
    assert state.logits == (0.0, 0.0, 0.0)


def test_query_leaves_out_defaults():
    assert playground_query(DEFAULT) == {}
    assert playground_query(PlaygroundState(temperature=2.5)) == {"T": "2.5"}


names = (
    st.text(
        st.characters(blacklist_characters=",", blacklist_categories=["Cs", "Cc", "Cf"]),
        max_size=24,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def states(draw):
    classes = tuple(draw(st.lists(names, min_size=2, max_size=12, unique=True)))
    k = len(classes)
    return PlaygroundState(
        classes=classes,
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        temperature=draw(st.floats(0.05, 20.0)),
        base=draw(st.sampled_from(["e", "2", "10"])),
        smoothing=draw(st.floats(0.0, 0.99)),
    )


@given(states())
def test_round_trip(state):
    parsed, warning = parse_playground(playground_query(state))
    assert warning is None
    assert parsed == state


HOSTILE = [
    {"logits": "nan,1,2,3"},
    {"logits": "1e400,1,2,3"},
    {"logits": "1e308,1,2,3"},
    {"logits": "1,2,3"},
    {"logits": "a,b,c,d"},
    {"logits": "1," * 50_000},
    {"classes": "x" * 100_000},
    {"classes": ",".join(f"c{i}" for i in range(13))},
    {"classes": "only"},
    {"classes": "dog,dog,cat"},
    {"classes": "dog,,cat"},
    {"classes": "dog,d\u200bog"},  # two names that look the same
    {"classes": "\u202edog,cat"},  # shown right to left
    {"classes": "a\nb,c"},
    {"classes": "a\x00,b"},
    {"T": "0"},
    {"T": "-1"},
    {"T": "nan"},
    {"T": "inf"},
    {"T": "1e9"},
    {"base": "3"},
    {"base": "<script>alert(1)</script>"},
    {"smoothing": "1"},
    {"smoothing": "-0.1"},
    {"target": "7"},
    {"target": "-1"},
    {"target": "wolf"},
    {"target": ["0", "1"]},
    {"T": "2", "smoothing": "0.5", "logits": "nan"},  # valid values beside a bad one
]


@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: str(p)[:40])
def test_bad_links_give_defaults_and_one_message(params):
    state, warning = parse_playground(params)
    assert state == DEFAULT
    assert isinstance(warning, str) and "showing the defaults" in warning
    assert len(warning) < 300


def test_script_class_names_are_kept_as_text():
    state, warning = parse_playground({"classes": "<script>alert(1),b"})
    assert warning is None
    assert state.classes[0] == "<script>alert(1)"
    assert all(math.isfinite(z) for z in state.logits)


def test_names_keep_emoji_joiners_and_every_script():
    names = ("chat", "Hund", "собака", "कुत्ता", "犬", "🐕\u200d🦺", "a\u200cb", "ثعلب")
    assert parse_playground({"classes": ",".join(names)}) == (
        PlaygroundState(classes=names, logits=(0.0,) * 8),
        None,
    )


def test_temperature_stops_are_even_on_a_log_scale():
    assert T_STOPS[0] == T_MIN and T_STOPS[-1] == T_MAX
    assert {0.1, 0.5, 1.0, 2.0, 5.0, 10.0} <= set(T_STOPS)
    ratios = [b / a for a, b in pairwise(T_STOPS)]
    assert all(1.15 <= r <= 1.34 for r in ratios)  # no gap or crowding anywhere on the slider
    for low in (0.1, 1.0):  # each full decade gets the same number of stops
        assert sum(low <= t < 10 * low for t in T_STOPS) == 10
    assert all(
        parse_playground({"T": [str(t)]}) == (PlaygroundState(temperature=t), None) for t in T_STOPS
    )
