"""The Playground through Streamlit's AppTest: every widget, preset and link, against the core.

What the page says is tested as pure functions in test_lesson.py; here, that the page shows it.
"""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests import support
from tests.test_lesson import worked
from xentviz.lesson import playground as notices
from xentviz.lesson import quiz
from xentviz.state import PLAYGROUND_PRESETS as PRESETS
from xentviz.state import PlaygroundState, parse, to_query

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DEFAULT = PlaygroundState()


def key(*parts):
    """A Playground widget's key."""
    return ".".join(("playground", *map(str, parts)))


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at):
    return support.headline(at)


def expected(state):
    return {label: value for label, value, _ in notices.headline(state, worked(state))}


def link_state(at):
    query = parse_qs(urlsplit(at.code[-1].value).query)
    state, warning = parse(query, PlaygroundState)
    assert warning is None
    return state


def check(at, state):
    """The numbers shown are the core's, and both the shown link and the URL carry ``state``."""
    assert shown(at) == expected(state)
    assert link_state(at) == state
    assert dict(at.query_params) == to_query(state)


@pytest.fixture
def at():
    return run()


def test_default_page(at):
    check(at, DEFAULT)
    assert not at.warning
    assert len(support.figures(at)) == 4
    assert "0.2547" in shown(at)["Loss H(p, q) (nats)"]


def open_exact(at):
    next(b for b in at.button if b.label == "Exact values…").click().run()
    assert not at.exception, at.exception


def test_logit_slider(at):
    at.slider(key=key("logits", 1)).set_value(3.0).run()
    check(at, PlaygroundState(logits=(3.2, 3.0, 0.2, 0.8)))
    open_exact(at)
    assert at.number_input(key=key("exact", 1)).value == 3.0  # the dialog starts from the sliders


def test_exact_value_beyond_slider_range(at):
    assert not at.number_input  # the exact entries exist only while the dialog is open
    open_exact(at)
    at.number_input(key=key("exact", 0)).set_value(1000.0).run()
    check(at, DEFAULT)  # nothing changes before Apply
    next(b for b in at.button if b.label == "Apply").click().run()
    assert not at.exception
    assert not at.number_input  # Apply closes the dialog
    check(at, PlaygroundState(logits=(1000.0, 1.3, 0.2, 0.8)))
    assert at.slider(key=key("logits", 0)).value == 1000.0
    assert at.slider(key=key("logits", 0)).max >= 1000.0


def test_exact_values_wait_for_apply(at):
    open_exact(at)
    at.number_input(key=key("exact", 2)).set_value(-7.5).run()
    at.slider(key=key("logits", 3)).set_value(2.0).run()  # moving a slider with the dialog open
    assert at.number_input(key=key("exact", 2)).value == -7.5
    check(at, PlaygroundState(logits=(3.2, 1.3, 0.2, 2.0)))


@pytest.mark.parametrize(
    ("widget", "name", "value", "field"),
    [
        ("selectbox", "target", 2, "target"),
        ("select_slider", "temperature", 2.5, "temperature"),
        ("radio", "base", "2", "base"),
        ("radio", "base", "10", "base"),
        ("slider", "smoothing", 0.2, "smoothing"),
    ],
)
def test_each_setting(at, widget, name, value, field):
    getattr(at, widget)(key=key(name)).set_value(value).run()
    check(at, PlaygroundState(**{field: value}))


def test_rename_classes(at):
    at.text_input(key=key("classes")).set_value("wolf, fox, bear, lynx").run()
    check(at, PlaygroundState(classes=("wolf", "fox", "bear", "lynx")))


def test_bad_class_names_keep_the_old_ones(at):
    at.text_input(key=key("classes")).set_value("a, a").run()
    assert at.error and "different" in at.error[0].value
    check(at, DEFAULT)


def test_add_and_remove_classes(at):
    add = next(b for b in at.button if b.label == "Add class")
    add.click().run()
    check(at, PlaygroundState(classes=(*DEFAULT.classes, "class 5"), logits=(*DEFAULT.logits, 0.0)))
    remove = next(b for b in at.button if b.label == "Remove last")
    remove.click().run()
    remove = next(b for b in at.button if b.label == "Remove last")
    remove.click().run()
    check(at, PlaygroundState(classes=DEFAULT.classes[:3], logits=DEFAULT.logits[:3]))


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset(at, name):
    at.button(key=key("preset", name)).click().run()
    assert not at.exception
    check(at, PRESETS[name][1])


def test_seed_example_in_bits_shows_exact_and_printed():
    at = run({"base": "2"})
    assert shown(at)["Loss H(p, q) (bits)"] == "0.3675"
    note = at.info[0].value
    assert "0.3677" in note and "0.3675" in note


def test_link_round_trip():
    params = {"classes": "cat,dog,bird", "logits": "1,2,0.5", "target": "dog", "T": "1.5",
              "base": "10", "smoothing": "0.1"}  # fmt: skip
    at = run(params)
    state, _ = parse(params, PlaygroundState)
    check(at, state)
    again = run({k: v[0] for k, v in parse_qs(urlsplit(at.code[-1].value).query).items()})
    check(again, state)


def test_linked_temperature_between_stops_is_kept_until_moved():
    at = run({"T": "0.37"})
    temperature = at.select_slider(key=key("temperature"))
    assert temperature.value == 0.37 and "0.37" in temperature.options
    check(at, PlaygroundState(temperature=0.37))
    temperature.set_value(0.5).run()
    check(at, PlaygroundState(temperature=0.5))
    assert "0.37" not in at.select_slider(key=key("temperature")).options


@pytest.mark.parametrize(
    "params",
    [
        {"T": "2", "smoothing": "0.5", "logits": "nan"},  # good values beside a bad one
        {"classes": "dog,d\u200bog", "target": ["0", "1"]},  # look-alike names, a repeated key
    ],
    ids=["one bad value", "look-alikes and repeats"],
)
def test_hostile_links_give_defaults_and_one_warning(params):
    """Every kind of bad link is tested against the parser in test_state.py; here, that the
    page shows the defaults with its one warning."""
    at = run(params)
    assert len(at.warning) == 1
    assert "showing the defaults" in at.warning[0].value
    check(at, DEFAULT)
    at.slider(key=key("logits", 1)).set_value(2.0).run()  # the warning goes with the first change
    assert not at.warning


def test_script_class_names_are_text():
    at = run({"classes": "<script>alert(1),<b>b</b>", "logits": "1,0"})
    assert not at.warning
    labels = [s.label for s in at.slider if s.key.startswith(key("logits"))]
    assert labels[0] == r"\<script>alert(1)"  # no tag can open without its "<"
    assert labels[1] == r"\<b>b\</b>"
    assert list(support.headline(at).values())[4] in labels


def test_twelve_classes_come_in_order(at):
    """Sliders and exact entries are laid out row by row: the page's order (what a phone
    shows, as its columns stack) is the classes' order, not column by column."""
    names = [f"c{i}" for i in range(12)]
    at = run({"classes": ",".join(names)})
    assert [s.label for s in at.slider if s.key.startswith(key("logits"))] == names
    open_exact(at)
    assert [n.label for n in at.number_input] == names


def test_quiz_shows_the_lessons_verdict():
    """With smoothing 0.6 a rise of 1 overshoots: the page shows the answer the lesson gives
    (checked against the core in test_lesson.py), and a preset asks afresh."""
    at = run({"smoothing": "0.6"})
    at.radio(key=key("answer", "quiz")).set_value("it goes up").run()
    state = PlaygroundState(smoothing=0.6)
    text = at.markdown[-1].value
    assert text.startswith("Right.") and "not small here" in text
    assert text == quiz.rival_logit_answer(state, worked(state), "it goes up")
    at.button(key=key("preset", "uniform")).click().run()
    assert at.radio(key=key("answer", "quiz")).value is None


def test_what_to_notice_is_the_lessons():
    """Under each chart, the lesson's notice for the state shown (a soft target with q_y above
    p_y, where the one-hot wording would be false)."""
    at = run({"logits": "10,0,0,0", "smoothing": "0.2"})
    state = link_state(at)
    w = worked(state)
    shown = [c.value for c in at.caption if c.value.startswith("What to notice")]
    said = [notices.probabilities, notices.logits, notices.loss, notices.gradient]  # reading order
    assert shown == ["What to notice: " + n(state, w) for n in said]
    assert "lowers even the true logit" in shown[3]


def test_no_full_collection_after_every_run(monkeypatch):
    """Streamlit's default collects garbage in full after every run, walking every session's
    objects: with a hall of students on one server that halved the reruns it answers. The
    project's config turns it off where ``streamlit run app.py`` is started."""
    monkeypatch.chdir(Path(APP).parent)
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("runner.postScriptGC") is False
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"logits": "0,0,0,0"},  # a tie
        {"logits": "1000,0,0,0", "target": "1"},  # q computes as 0, a loss of 1000
        {"logits": "8,0.5,-1,0", "T": "0.05"},  # a loss of 7e-66
        {"base": "2", "smoothing": "0.99"},  # bits, nearly uniform target
        {"base": "10", "T": "20"},
        {"classes": "A,B", "logits": "2,4", "target": "1"},  # beside z / sum z
    ],
    ids=["tie", "extreme", "tiny loss", "bits 0.99", "bans hot", "standard"],
)
def test_the_page_says_what_the_lesson_says_in_unusual_states(params):
    """Every sentence is unit-tested for truth in test_lesson.py; here the page, read in the
    states the review named, shows exactly those sentences and numbers."""
    at = run(params)
    state = link_state(at)
    w = worked(state)
    assert shown(at) == expected(state)
    captions = [c.value for c in at.caption]
    said = [notices.probabilities, notices.logits, notices.loss, notices.gradient]
    assert [c for c in captions if c.startswith("What to notice")] == [
        "What to notice: " + n(state, w) for n in said
    ]
    assert notices.shift(state, w) in captions
    assert at.markdown[0].value == notices.lead(state)
    (about,) = [e for e in at.expander if e.label == "About this page"]
    assert about.markdown[0].value == notices.idea(state)
    assert [i.value for i in at.info] == [
        t for t in (notices.seed_note(state, w), notices.normalization_note(state, w)) if t
    ]


def test_q_opens_as_a_container_on_the_entropy_page():
    from xentviz.state import EntropyState
    from xentviz.state.links import container_from_playground

    at = run({"logits": "2,1,0,0"})
    link = at.get("page_link")[0].proto
    assert link.label == "See q as a container of 30 shapes"
    there, warning = parse(parse_qs(link.query_string), EntropyState)
    state = PlaygroundState(logits=(2.0, 1.0, 0.0, 0.0))
    assert warning is None and there == container_from_playground(state)
    assert sum(there.counts[0]) == 30 and there.shapes == state.classes


def test_the_playground_links_its_classes_to_every_information_page():
    from xentviz.state import BinaryState, EncodingState
    from xentviz.state.links import (
        binary_from_playground,
        encoding_from_playground,
        playground_from,
    )

    at = run({"classes": "cat,dog,bird", "logits": "1,2,0.5", "target": "dog", "base": "2"})
    state = link_state(at)
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    binary, _ = parse(parse_qs(links["These logits as sigmoids"]), BinaryState)
    encoding, _ = parse(
        parse_qs(links["These classes as integer and one-hot labels"]), EncodingState
    )
    assert binary == binary_from_playground(state) and encoding == encoding_from_playground(state)
    assert playground_from(binary) == playground_from(encoding) == state  # and back
