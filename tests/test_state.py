"""URL query parameters <-> page states: the field codecs, round trips, and every bad link
gives the defaults and one message (in bulk here; the pages get one or two AppTests each)."""

import math
import unicodedata
from dataclasses import dataclass, fields
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.apps.other_state import OtherState
from xentviz import softmax_cross_entropy
from xentviz.state import (
    LOG_BASES,
    PLAYGROUND_PRESETS,
    T_MAX,
    T_MIN,
    T_STOPS,
    PageState,
    PlaygroundState,
    log_base_of,
    parse,
    to_query,
)
from xentviz.state.fields import (
    MAX_PARAM_LENGTH,
    ClassRef,
    Count,
    CountRows,
    Names,
    Real,
    Reals,
    param,
)
from xentviz.state.fields.names import _skeleton

DEFAULT = PlaygroundState()


# --- the Playground's link --------------------------------------------------------------------


def test_empty_query_is_the_default_seed_example():
    state, warning = parse({}, PlaygroundState)
    assert state == DEFAULT and warning is None
    assert state.classes == ("dog", "cat", "horse", "cheetah")
    assert state.logits == (3.2, 1.3, 0.2, 0.8)


def test_design_example_link():
    params = {"classes": "dog,cat,horse,cheetah", "logits": "3.2,1.3,0.2,0.8", "target": "dog",
              "T": "1", "base": "2", "smoothing": "0.1"}  # fmt: skip
    state, warning = parse(params, PlaygroundState)
    assert warning is None
    assert state == PlaygroundState(base="2", smoothing=0.1)


def test_target_by_index_or_name():
    assert parse({"target": "2"}, PlaygroundState)[0].target == 2
    assert parse({"target": "horse"}, PlaygroundState)[0].target == 2


def test_new_classes_without_logits_start_level():
    state, _ = parse({"classes": "a,b,c"}, PlaygroundState)
    assert state.logits == (0.0, 0.0, 0.0)


def test_query_leaves_out_defaults():
    assert to_query(DEFAULT) == {}
    assert to_query(PlaygroundState(temperature=2.5)) == {"T": "2.5"}
    # New classes with level logits: the logits are what a link without them gives.
    assert to_query(PlaygroundState(classes=("a", "b"), logits=(0.0, 0.0))) == {"classes": "a,b"}
    assert to_query(PlaygroundState(classes=("a", "b"), logits=(1.0, 0.0))) == {
        "classes": "a,b",
        "logits": "1,0",
    }


def test_log_bases_are_one_table():
    assert [(b.key, b.base, b.unit) for b in LOG_BASES.values()] == [
        ("e", None, "nats"),
        ("2", 2, "bits"),
        ("10", 10, "bans"),
    ]
    assert log_base_of(10).log == r"\log_{10}"
    assert PlaygroundState(base="2").core_base == 2 and PlaygroundState().unit == "nats"
    with pytest.raises(ValueError, match="base"):
        log_base_of(3)


names = (
    st.text(
        st.characters(blacklist_characters=",", blacklist_categories=["Cs", "Cc", "Cf"]),
        max_size=24,
    )
    .map(lambda n: unicodedata.normalize("NFKC", n).strip())
    .filter(lambda n: n and len(n) <= 24 and "," not in n)
)


@st.composite
def playground_states(draw):
    classes = tuple(draw(st.lists(names, min_size=2, max_size=12, unique_by=_skeleton)))
    k = len(classes)
    return PlaygroundState(
        classes=classes,
        logits=tuple(draw(st.lists(st.floats(-1000, 1000), min_size=k, max_size=k))),
        target=draw(st.integers(0, k - 1)),
        temperature=draw(st.floats(0.05, 20.0)),
        base=draw(st.sampled_from(["e", "2", "10"])),
        smoothing=draw(st.floats(0.0, 0.99)),
    )


@given(playground_states())
def test_round_trip(state):
    parsed, warning = parse(to_query(state), PlaygroundState)
    assert warning is None
    assert parsed == state


@given(st.builds(OtherState, n=st.integers(1, 100), base=st.sampled_from(list(LOG_BASES))))
def test_round_trip_of_another_page(state):
    assert parse(to_query(state), OtherState) == (state, None)


HOSTILE = [
    {"logits": "nan,1,2,3"},
    {"logits": "1e400,1,2,3"},
    {"logits": "1e308,1,2,3"},
    {"logits": "1,2,3"},
    {"logits": "a,b,c,d"},
    {"logits": "1," * 50_000},
    {"logits": "true,1,2,3"},
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
    {"target": "²"},
    {"target": ["0", "1"]},
    {"T": "2", "smoothing": "0.5", "logits": "nan"},  # valid values beside a bad one
]


@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: str(p)[:40])
def test_bad_links_give_defaults_and_one_message(params):
    state, warning = parse(params, PlaygroundState)
    assert state == DEFAULT
    assert isinstance(warning, str) and "showing the defaults" in warning
    assert len(warning) < 300


KEYS = ["classes", "logits", "target", "T", "base", "smoothing", "junk"]
junk = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789.,-+eE naif", max_size=60),  # almost numbers and lists
    st.lists(st.text(max_size=10), max_size=3),  # repeated keys
)


@given(st.dictionaries(st.sampled_from(KEYS), junk, max_size=6))
def test_any_link_gives_a_valid_state_or_the_defaults_and_one_message(params):
    """Bulk hostile links: whatever the query string, parsing never raises; it gives a state
    that links back to itself, or the defaults with one short message."""
    state, warning = parse(params, PlaygroundState)
    if warning is None:
        assert parse(to_query(state), PlaygroundState) == (state, None)
    else:
        assert state == DEFAULT and "showing the defaults" in warning and len(warning) < 300


def test_over_long_values_are_refused_before_parsing():
    state, warning = parse({"logits": "1" * (MAX_PARAM_LENGTH + 1)}, PlaygroundState)
    assert state == DEFAULT and "too long" in warning


def test_script_class_names_are_kept_as_text():
    state, warning = parse({"classes": "<script>alert(1),b"}, PlaygroundState)
    assert warning is None
    assert state.classes[0] == "<script>alert(1)"
    assert all(math.isfinite(z) for z in state.logits)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("dog,dоg", "look the same (dog and dоg"),  # a Cyrillic o
        ("ΑΒΓ,ABΓ", "look the same"),  # Greek capitals
        ("dog,ｄｏｇ", "different from each other"),  # full-width: NFKC makes it dog
    ],
)
def test_look_alike_names_are_refused(names, message):
    state, warning = parse({"classes": names}, PlaygroundState)
    assert state == DEFAULT and message in warning


def test_names_are_kept_in_nfkc():
    state, _ = parse({"classes": "ｄｏｇ,ﬁsh"}, PlaygroundState)
    assert state.classes == ("dog", "fish")


@pytest.mark.parametrize("logits", ["١,٢,٣,٤", "1_0,2,3,4", "0x1,2,3,4", "1e,2,3,4"])
def test_numbers_are_written_as_links_write_them(logits):
    """Python's float() reads Arabic-Indic digits and underscores; a link may not."""
    state, warning = parse({"logits": logits}, PlaygroundState)
    assert state == DEFAULT and "is not a number" in warning


def test_names_keep_emoji_joiners_and_every_script():
    names = ("chat", "Hund", "собака", "कुत्ता", "犬", "🐕\u200d🦺", "a\u200cb", "ثعلب")
    assert parse({"classes": ",".join(names)}, PlaygroundState) == (
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
        parse({"T": [str(t)]}, PlaygroundState) == (PlaygroundState(temperature=t), None)
        for t in T_STOPS
    )


@pytest.mark.parametrize("key", PLAYGROUND_PRESETS)
def test_presets_link_to_themselves(key):
    state = PLAYGROUND_PRESETS[key][1]
    assert parse(to_query(state), PlaygroundState) == (state, None)


# --- a state checks itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"classes": ("a",)}, "classes: need 2 to 12"),
        ({"classes": ("a", "b,c")}, "comma"),
        ({"logits": (1.0, 2.0)}, "logits: need one per classes item"),
        ({"logits": (1.0, 2.0, 3.0, True)}, "logits must be a number"),
        ({"logits": (1.0, 2.0, 3.0, 1001.0)}, "within"),
        ({"target": 4}, "target must be one of the 4 classes"),
        ({"target": True}, "target"),
        ({"temperature": 0.0}, "T (temperature) must lie in"),
        ({"base": "3"}, "base must be one of e, 2, 10"),
        ({"smoothing": 1.0}, "smoothing must lie in [0, 0.99]"),
    ],
)
def test_a_bad_state_cannot_be_built(changes, message):
    with pytest.raises(ValueError) as err:
        PlaygroundState(**changes)
    assert message in str(err.value)


def test_a_state_is_normalised():
    state = PlaygroundState(classes=[" a ", "b"], logits=[1, 2], target=1)
    assert state.classes == ("a", "b") and state.logits == (1.0, 2.0)
    assert all(type(z) is float for z in state.logits)


# --- each codec -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Containers(PageState):
    """A state like the entropy page's: kinds, their counts per container, a sample size."""

    shapes: tuple[str, ...] = param(Names("shapes", (2, 6), 12), ("triangle", "circle"))
    counts: tuple[tuple[int, ...], ...] = param(
        CountRows("counts", (1, 4), 500, per="shapes"), ((26, 4), (14, 16), (1, 29))
    )
    n: int = param(Count("n", 1, 10_000), 100)


def test_count_rows_and_counts():
    state, warning = parse({"counts": "26,4", "n": "30"}, Containers)
    assert warning is None and state.counts == ((26, 4),) and state.n == 30
    assert to_query(state) == {"counts": "26,4", "n": "30"}
    assert to_query(Containers()) == {}
    state = Containers(shapes=("a", "b", "c"), counts=((1, 0, 2), (0, 0, 5)))
    assert parse(to_query(state), Containers) == (state, None)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"counts": "26,4,1"}, "need 2 counts a row"),
        ({"counts": "0,0"}, "no items"),
        ({"counts": "1,-1"}, "not a whole number"),
        ({"counts": "1,501"}, "must lie in [0, 500]"),
        ({"counts": "1,2;" * 5}, "not a whole number"),
        ({"counts": "1,2;1,2;1,2;1,2;1,2"}, "need 1 to 4 rows"),
        ({"n": "0"}, "n must lie in [1, 10000]"),
        ({"n": "1.5"}, "not a whole number"),
        ({"n": "٣"}, "not a whole number"),  # an Arabic-Indic digit
    ],
)
def test_count_codecs_refuse(params, message):
    state, warning = parse(params, Containers)
    assert state == Containers() and message in warning


def test_every_codec_reads_back_what_it_writes():
    known = {"classes": ("a", "b", "c")}
    cases = [
        (Names("classes", (2, 3), 5), ("a", "b c")),
        (Reals("logits", 10, per="classes"), (0.1, -2.0, 1e-7)),
        (Real("T", 0.05, 20), 0.37),
        (ClassRef("target", of="classes"), 2),
        (Count("n", 0, 9), 7),
        (CountRows("counts", (1, 2), 9, per="classes"), ((1, 2, 3), (0, 0, 1))),
    ]
    for codec, value in cases:
        assert codec.check(codec.decode(codec.encode(value), known), known) == value


def test_every_field_of_every_page_state_has_a_codec_and_a_valid_default():
    for cls in (PlaygroundState, OtherState, Containers):
        keys = [f.metadata["codec"].key for f in fields(cls)]
        assert len(set(keys)) == len(keys), cls  # one URL key per field
        assert parse({}, cls) == (cls(), None)


def test_a_state_is_worked_by_the_core_with_its_own_settings():
    """Every number the Playground prints comes from ``state.worked()``: the core's worked
    example for this state's logits, target, T, base and smoothing (checked against the loss
    computed directly, each argument by name)."""
    state = PlaygroundState(target=2, temperature=0.37, base="10", smoothing=0.2)
    w = state.worked()
    exact = softmax_cross_entropy(state.logits, 2, base=10, temperature=0.37, label_smoothing=0.2)
    assert w.loss == pytest.approx(exact, rel=4e-16)
    assert w.target_index == 2 and w.temperature == 0.37
    assert w.p[2] == pytest.approx(0.8 + 0.2 / 4)


def test_every_dependency_between_fields_is_declared_on_an_earlier_field():
    """A codec's ``depends_on`` names fields declared before it: what ``refitted`` and the
    widgets' redraw read, and the only place a dependency is written."""
    from xentviz.pages import PAGES
    from xentviz.state.fields import codec_of

    found = 0
    for page in PAGES:
        earlier: list[str] = []
        for f in fields(page.state):
            codec = codec_of(f)
            assert set(codec.depends_on) <= set(earlier), (page.name, f.name, codec.depends_on)
            found += len(codec.depends_on)
            earlier.append(f.name)
    assert found >= 10  # targets, logits per class, counts per kind, a step within the steps
