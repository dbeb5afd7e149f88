"""The entropy page: its state and links, its words and charts as data, and the page itself
through AppTest (every control and parameter) against the core."""

import math
from urllib.parse import parse_qs, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests import support
from tests.support import ROOT
from xentviz.core import containers
from xentviz.figures import entropy as charts
from xentviz.lesson import entropy as text
from xentviz.state import EntropyState, PlaygroundState, parse, to_query
from xentviz.state.links import container_from_playground, playground_from_container

DEFAULT = EntropyState()
APP = str(ROOT / "app.py")


def boxes(state):
    return [containers.describe(c, base=state.core_base) for c in state.counts]


# --- state and links ----------------------------------------------------------------------------


def test_the_design_link():
    state, warning = parse(
        {"counts": "26,4;14,16;1,29", "shapes": "triangle,circle", "base": "2",
         "compare": "0,1", "n": "1000", "seed": "0"},
        EntropyState,
    )  # fmt: skip
    assert warning is None and state == DEFAULT and to_query(DEFAULT) == {}


@st.composite
def entropy_states(draw):
    k = draw(st.integers(2, 6))
    kinds = tuple(f"k{i}" for i in range(k))
    rows = draw(
        st.lists(
            st.lists(st.integers(0, 500), min_size=k, max_size=k).filter(any),
            min_size=1,
            max_size=4,
        )
    )
    compare = ()
    if len(rows) > 1:
        compare = tuple(draw(st.permutations(range(len(rows)))))[:2]
    return EntropyState(
        shapes=kinds,
        counts=tuple(tuple(r) for r in rows),
        base=draw(st.sampled_from(["e", "2", "10"])),
        compare=compare,
        sample=draw(st.integers(0, len(rows) - 1)),
        n=draw(st.integers(1, 10_000)),
        seed=draw(st.integers(0, 2**31 - 1)),
        goal=draw(st.floats(0, 10)),
    )


@given(entropy_states())
def test_round_trip(state):
    assert parse(to_query(state), EntropyState) == (state, None)


@pytest.mark.parametrize(
    "params",
    [
        {"counts": "26,4,1"},  # three counts for two kinds
        {"counts": "0,0"},
        {"counts": "26,4;" * 5},
        {"counts": "501,1"},
        {"shapes": "a"},
        {"shapes": "a,a"},
        {"shapes": ",".join("abcdefg")},
        {"compare": "0,0"},
        {"compare": "0,5"},
        {"counts": "26,4", "compare": "0,1"},  # one container: nothing to compare
        {"sample": "3"},
        {"n": "0"},
        {"n": "10001"},
        {"seed": "-1"},
        {"goal": "nan"},
        {"base": "3"},
    ],
    ids=str,
)
def test_bad_links_give_the_defaults_and_one_message(params):
    state, warning = parse(params, EntropyState)
    assert state == DEFAULT and "showing the defaults" in warning


def test_new_kinds_without_counts_start_level():
    state, _ = parse({"shapes": "a,b,c"}, EntropyState)
    assert state.counts == ((10, 10, 10),) and state.compare == ()


def test_a_container_opens_in_the_playground_and_comes_back():
    """softmax(ln c) = c / N: the Playground shows the container's p as q."""
    there = playground_from_container(DEFAULT, 0)
    assert there.classes == ("triangle", "circle") and there.base == "2"
    np.testing.assert_allclose(there.worked().q, [26 / 30, 4 / 30], rtol=1e-14)
    back = container_from_playground(there)
    assert back.counts == ((26, 4),) and back.shapes == DEFAULT.shapes
    empty = EntropyState(counts=((30, 0),))
    assert playground_from_container(empty, 0).logits[1] == -1000.0
    assert (
        container_from_playground(PlaygroundState(classes=tuple("abcdefg"), logits=(0.0,) * 7))
        is None
    )


# --- what the page says ------------------------------------------------------------------------


def test_titles_and_headline_are_the_cores():
    b = boxes(DEFAULT)
    assert [text.title(DEFAULT, j, x) for j, x in enumerate(b)] == [
        "Container 1: H = 0.5665 bits",
        "Container 2: H = 0.9968 bits",
        "Container 3: H = 0.2108 bits",
    ]
    assert text.headline(DEFAULT, 1, b[1])[1][:2] == ("2^H, container 2", "1.9956")


def test_the_seed_note_and_its_missing_sign():
    note = text.seed_note(DEFAULT, boxes(DEFAULT))
    assert "0.5665 (exactly 0.566510)" in note and "0.2108 (exactly 0.210842)" in note
    nats = EntropyState(base="e")
    assert text.seed_note(nats, boxes(nats)) is None  # the article works in bits
    assert "without the minus sign" in text.seed_sign(DEFAULT)


def test_the_comparison_explains_an_infinite_cost():
    state = EntropyState(counts=((26, 4), (30, 0)))
    c = containers.compare(*state.counts, base=2)
    words = text.comparison(state, c, "Container 1", "Container 2")
    assert "Container 2 has no circle" in words and "−log 0 = ∞" in words
    assert "infinite, not merely large" in words and "inf" not in words.replace("infinite", "")


def test_the_curve_names_the_most_uncertain_container():
    points = [("Container 1", 26 / 30, 0.5665), ("Container 2", 14 / 30, 0.9968)]
    assert "Here Container 2 has the most, 0.9968 bits." in text.curve(DEFAULT, points)


@pytest.mark.parametrize(("goal", "reachable"), [(0.5, False), (1.0, True), (0.0, True)])
def test_the_challenge_is_checked_by_the_core(goal, reachable):
    state = EntropyState(counts=((15, 15),), compare=(), goal=goal)
    said, done = text.challenge(state, boxes(state)[-1])
    assert ("can be done" in said) == reachable
    assert done == (goal == 1.0)  # 15/15 is exactly 1 bit
    assert "No 30 whole items reach it exactly" in said or reachable


def test_another_goal_is_new_reachable_and_reproducible():
    b = boxes(DEFAULT)[-1]
    goal = text.another_goal(DEFAULT, b)
    assert goal != DEFAULT.goal and 0.1 * b.most <= goal <= 0.9 * b.most
    assert text.another_goal(DEFAULT, b) == goal


def test_the_quiz_is_answered_by_the_core():
    b = boxes(DEFAULT)
    question = text.largest_entropy(DEFAULT, b)
    assert question.options == ("container 1", "container 2", "container 3")
    assert text.largest_entropy_answer(DEFAULT, b, "container 2").startswith("Right.")
    assert text.largest_entropy_answer(DEFAULT, b, "container 1").startswith("Not quite.")


def test_the_worked_sum_is_the_sources_with_the_sign():
    said = text.worked(DEFAULT, 0, boxes(DEFAULT)[0])
    assert (
        r"-\left[\frac{26}{30} \log_2 \frac{26}{30} + \frac{4}{30} \log_2 \frac{4}{30}\right]"
        in said
    )
    assert said.endswith(r"0.5665\ \text{bits}")


# --- charts as data ----------------------------------------------------------------------------


def test_each_item_is_one_marker_of_its_kind():
    b = boxes(DEFAULT)
    fig = go.Figure(charts.containers_figure(DEFAULT.shapes, b, ["a", "b", "c"]))
    triangles, circles = fig.data
    assert len(triangles.x) == 26 + 14 + 1 and len(circles.x) == 4 + 16 + 29
    assert triangles.marker.symbol == "triangle-up" and circles.marker.symbol == "circle"
    assert (
        go.Figure(charts.containers_figure(DEFAULT.shapes, b, ["a", "b", "c"])) == fig
    )  # always alike


def test_a_big_container_is_drawn_as_bars_of_its_counts():
    state = EntropyState(counts=((300, 200),), compare=())
    fig = go.Figure(charts.containers_figure(state.shapes, boxes(state), ["big"]))
    assert all(len(trace.x) == 0 for trace in fig.data)
    assert {a.text for a in fig.layout.annotations} >= {"300", "200"}


def test_the_terms_stack_to_the_entropy():
    b = boxes(DEFAULT)
    fig = go.Figure(charts.terms_figure(DEFAULT.shapes, b, ["1", "2", "3"], "bits"))
    np.testing.assert_allclose(np.add(fig.data[0].y, fig.data[1].y), [x.entropy for x in b])
    assert fig.layout.shapes[0].y0 == 1.0  # log2 of 2 kinds


def test_the_curve_comes_from_the_core_and_marks_the_containers():
    points = [("c1", 26 / 30, boxes(DEFAULT)[0].entropy)]
    fig = go.Figure(charts.binary_curve_figure(points, 2, "bits"))
    assert max(fig.data[0].y) == 1.0 and fig.data[1].y[0] == pytest.approx(0.566510, abs=1e-6)


def test_an_infinite_kl_is_drawn_to_the_top_and_marked():
    c = containers.compare([26, 4], [30, 0], base=2)
    fig = go.Figure(charts.comparison_figure(c, "1", "2", "bits"))
    assert fig.data[1].text[0] == "∞" and fig.layout.annotations[0].text == "H = ∞"
    assert all(math.isfinite(v) for v in fig.data[1].y)


# --- the page, through AppTest ------------------------------------------------------------------


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=30).run()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page("xentviz/app_pages/entropy.py").run()
    assert not at.exception, at.exception
    return at


def key(*parts):
    return ".".join(("entropy", *map(str, parts)))


def shown(at):
    return support.headline(at)


def link_state(at):
    return parse(parse_qs(urlsplit(at.code[-1].value).query), EntropyState)[0]


def check(at, state):
    """The page shows the core's numbers for ``state``, and its link holds ``state``."""
    for j, box in enumerate(boxes(state)):
        assert (
            shown(at)[f"H, container {j + 1} ({state.unit})"] == text.headline(state, j, box)[0][1]
        )
    assert link_state(at) == state
    assert dict(at.query_params) == to_query(state)


def test_the_default_page_shows_the_seeds_entropies():
    at = run()
    values = [shown(at)[f"H, container {j} (bits)"] for j in (1, 2, 3)]
    assert values == ["0.5665", "0.9968", "0.2108"]
    check(at, DEFAULT)
    assert not at.warning and len(support.figures(at)) == 6


def test_a_bad_link_shows_the_defaults_and_one_warning():
    at = run({"counts": "26,4;0,0", "n": "5"})
    assert len(at.warning) == 1 and "showing the defaults" in at.warning[0].value
    check(at, DEFAULT)


def test_counts_kinds_and_containers():
    at = run()
    at.number_input(key=key("counts", 0, 1)).set_value(10).run()
    check(at, EntropyState(counts=((26, 10), (14, 16), (1, 29))))
    at.button(key=key("add", "kind")).click().run()
    state = EntropyState(
        shapes=("triangle", "circle", "square"), counts=((26, 10, 0), (14, 16, 0), (1, 29, 0))
    )
    check(at, state)
    at.text_input(key=key("shapes")).set_value("dog, cat").run()
    check(at, EntropyState(shapes=("dog", "cat"), counts=((26, 10), (14, 16), (1, 29))))
    at.button(key=key("remove", "container")).click().run()
    at.button(key=key("remove", "container")).click().run()
    check(at, EntropyState(shapes=("dog", "cat"), counts=((26, 10),), compare=()))
    at.button(key=key("add", "container")).click().run()
    check(at, EntropyState(shapes=("dog", "cat"), counts=((26, 10), (10, 10))))


def test_bad_kinds_keep_the_old_ones():
    at = run()
    at.text_input(key=key("shapes")).set_value("a, a").run()
    assert at.error and "different" in at.error[0].value
    check(at, DEFAULT)


def test_the_comparison_its_pair_and_the_swap():
    at = run()
    at.selectbox(key=key("compare", 1)).set_value(2).run()
    check(at, EntropyState(compare=(0, 2)))
    at.button(key=key("swap")).click().run()
    check(at, EntropyState(compare=(2, 0)))
    assert at.selectbox(key=key("compare", 0)).value == 2
    at.selectbox(key=key("compare", 0)).set_value(0).run()  # q's container: they trade places
    check(at, EntropyState(compare=(0, 2)))


def test_the_sample_controls_and_settings():
    at = run()
    at.selectbox(key=key("sample")).set_value(1).run()
    at.number_input(key=key("n")).set_value(500).run()
    at.button(key=key("again")).click().run()
    check(at, EntropyState(sample=1, n=500, seed=1))
    at.radio(key=key("base")).set_value("e").run()
    check(at, EntropyState(sample=1, n=500, seed=1, base="e"))
    assert shown(at)["H, container 1 (nats)"] == "0.3927"


def test_the_challenge_and_another_goal():
    at = run()
    at.number_input(key=key("goal")).set_value(1.0).run()
    check(at, EntropyState(goal=1.0))
    at.button(key=key("another_goal")).click().run()
    state = link_state(at)
    assert state.goal == text.another_goal(EntropyState(goal=1.0), boxes(DEFAULT)[-1])


def test_the_quiz_and_the_link_to_the_playground():
    at = run()
    at.radio(key=key("answer", "quiz")).set_value("container 2").run()
    assert any(m.value.startswith("Right.") for m in at.markdown)
    link = at.get("page_link")[0].proto
    assert link.label == "Open container 1 in the Playground"
    there, warning = parse(parse_qs(link.query_string), PlaygroundState)
    assert warning is None and there == playground_from_container(DEFAULT, 0)


def test_each_kinds_probability_and_surprise():
    state = EntropyState(counts=((26, 4), (30, 0)))
    said = [text.kinds(state, box) for box in boxes(state)]
    assert said[0] == (
        "triangle: p = 26/30 = 0.8667, surprise 0.2065 bits; "
        "circle: p = 4/30 = 0.1333, surprise 2.9069 bits"
    )
    assert "circle: p = 0/30 = 0, surprise ∞ (never picked)" in said[1]


def test_the_challenge_needs_a_small_last_container():
    """Partitions of 3,000 items into 6 kinds are too many to try: the page says so, and
    does not fail."""
    state = EntropyState(shapes=tuple("abcdef"), counts=((500,) * 6,), compare=())
    said, done = text.challenge(state, boxes(state)[-1])
    assert "at most 100 items" in said and not done


@pytest.mark.parametrize(("base", "kinds"), [("10", 2), ("2", 2), ("e", 2), ("10", 3)])
@pytest.mark.parametrize("goal", [0.5, 1.0, 1.2, 1.6])
def test_a_goal_beyond_what_the_kinds_can_hold_is_never_asked_for(base, kinds, goal):
    """/entropy?base=10 asked for 0.5 bans with two kinds (at most log10 2 = 0.3010): the goal
    is in bits in every base, said in the page's unit (and in bits), and asked for only where
    the kinds can hold it."""
    shapes = ("triangle", "circle", "square")[:kinds]
    state = EntropyState(counts=((26, 4, 0)[:kinds],), shapes=shapes, compare=(), base=base,
                         goal=goal)  # fmt: skip
    box = boxes(state)[-1]
    said, done = text.challenge(state, box)
    in_unit = goal * {"2": 1.0, "e": math.log(2), "10": math.log10(2)}[base]
    shown = f"{in_unit:.4f} {state.unit}"
    bits = "" if base == "2" else f"{goal:.4f} bits"
    if goal > math.log2(kinds):
        said_goal = shown + (f" ({bits})" if bits else "")
        assert said.startswith(f"The goal, {said_goal}") and "more than" in said and not done
        assert "Make the last container" not in said
    else:
        bits = f"{bits}; " if bits else ""
        assert said.startswith(f"Make the last container's entropy {shown} ({bits}at most")


@pytest.mark.parametrize("base", ["2", "e", "10"])
def test_the_default_goal_is_reachable_in_every_base(base):
    """The default link's challenge, in every base, asks for a goal its two kinds can hold, and
    "Another goal" gives one too."""
    state = EntropyState(base=base)
    box = boxes(state)[-1]
    said, _ = text.challenge(state, box)
    assert said.startswith("Make the last container's entropy"), said
    other = EntropyState(base=base, goal=text.another_goal(state, box))
    assert text.challenge(other, box)[0].startswith("Make the last container's entropy")


def test_each_count_box_says_its_kind_and_its_container():
    """On a phone the containers' boxes stack: each says whose count it is."""
    at = support.open_page("entropy")
    labels = [e.label for e in at.number_input if e.key and "counts" in e.key]
    assert labels == [
        f"{kind}, container {j + 1}" for j in range(len(DEFAULT.counts)) for kind in DEFAULT.shapes
    ]
