"""The Playground through Streamlit's AppTest: every widget, preset and link, against the core."""

import gc
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.test_state import HOSTILE
from xentviz import softmax_cross_entropy, softmax_cross_entropy_grad, worked_example
from xentviz.app_pages import freeze_long_lived_objects
from xentviz.app_pages.markup import as_text
from xentviz.state import DEFAULT, parse_playground, playground_query
from xentviz.state import PLAYGROUND_PRESETS as PRESETS

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run(params=None):
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at):
    return {m.label: m.value for m in at.metric}


def expected(state):
    w = worked_example(
        state.logits, state.target, state.temperature, state.core_base, state.smoothing
    )
    u = state.unit
    return {
        f"Loss H(p, q) ({u})": f"{w.loss:.4f}",
        f"Entropy H(q) ({u})": f"{w.entropy_q:.4f}",
        f"Entropy H(p) ({u})": f"{w.entropy_p:.4f}",
        f"KL(p ‖ q) ({u})": f"{w.kl:.4f}",
        f"Predicted class (q = {w.predicted_probability:.4f})": as_text(state.classes[w.predicted]),
    }


def link_state(at):
    query = parse_qs(urlsplit(at.code[-1].value).query)
    state, warning = parse_playground(query)
    assert warning is None
    return state


def check(at, state):
    """The numbers shown are the core's, and both the shown link and the URL carry ``state``."""
    got = shown(at)
    for label, value in expected(state).items():
        assert got[label] == value, label
    assert link_state(at) == state
    assert dict(at.query_params) == playground_query(state)


@pytest.fixture
def at():
    return run()


def test_default_page(at):
    check(at, DEFAULT)
    assert not at.warning
    assert len(at.get("plotly_chart")) == 4
    assert "0.2547" in shown(at)["Loss H(p, q) (nats)"]


def open_exact(at):
    next(b for b in at.button if b.label == "Exact values…").click().run()
    assert not at.exception, at.exception


def test_logit_slider(at):
    at.slider(key="z1").set_value(3.0).run()
    check(at, DEFAULT.__class__(logits=(3.2, 3.0, 0.2, 0.8)))
    open_exact(at)
    assert at.number_input(key="exact1").value == 3.0  # the dialog starts from the sliders


def test_exact_value_beyond_slider_range(at):
    assert not at.number_input  # the exact entries exist only while the dialog is open
    open_exact(at)
    at.number_input(key="exact0").set_value(1000.0).run()
    check(at, DEFAULT)  # nothing changes before Apply
    next(b for b in at.button if b.label == "Apply").click().run()
    assert not at.exception
    assert not at.number_input  # Apply closes the dialog
    check(at, DEFAULT.__class__(logits=(1000.0, 1.3, 0.2, 0.8)))
    assert at.slider(key="z0").value == 1000.0
    assert at.slider(key="z0").max >= 1000.0


def test_exact_values_wait_for_apply(at):
    open_exact(at)
    at.number_input(key="exact2").set_value(-7.5).run()
    at.slider(key="z3").set_value(2.0).run()  # moving a slider with the dialog open
    assert at.number_input(key="exact2").value == -7.5
    check(at, DEFAULT.__class__(logits=(3.2, 1.3, 0.2, 2.0)))


@pytest.mark.parametrize(
    ("widget", "key", "value", "field"),
    [
        ("selectbox", "target", 2, "target"),
        ("select_slider", "T", 2.5, "temperature"),
        ("radio", "base", "2", "base"),
        ("radio", "base", "10", "base"),
        ("slider", "smoothing", 0.2, "smoothing"),
    ],
)
def test_each_setting(at, widget, key, value, field):
    getattr(at, widget)(key=key).set_value(value).run()
    check(at, DEFAULT.__class__(**{field: value}))


def test_rename_classes(at):
    at.text_input(key="classes_text").set_value("wolf, fox, bear, lynx").run()
    check(at, DEFAULT.__class__(classes=("wolf", "fox", "bear", "lynx")))


def test_bad_class_names_keep_the_old_ones(at):
    at.text_input(key="classes_text").set_value("a, a").run()
    assert at.error and "different" in at.error[0].value
    check(at, DEFAULT)


def test_add_and_remove_classes(at):
    add = next(b for b in at.button if b.label == "Add class")
    add.click().run()
    check(
        at, DEFAULT.__class__(classes=(*DEFAULT.classes, "class 5"), logits=(*DEFAULT.logits, 0.0))
    )
    remove = next(b for b in at.button if b.label == "Remove last")
    remove.click().run()
    remove = next(b for b in at.button if b.label == "Remove last")
    remove.click().run()
    check(at, DEFAULT.__class__(classes=DEFAULT.classes[:3], logits=DEFAULT.logits[:3]))


@pytest.mark.parametrize("key", PRESETS)
def test_every_preset(at, key):
    at.button(key=f"preset-{key}").click().run()
    assert not at.exception
    check(at, PRESETS[key][1])


def test_seed_example_in_bits_shows_exact_and_printed():
    at = run({"base": "2"})
    assert shown(at)["Loss H(p, q) (bits)"] == "0.3675"
    note = at.info[0].value
    assert "0.3677" in note and "0.3675" in note


def test_link_round_trip():
    params = {"classes": "cat,dog,bird", "logits": "1,2,0.5", "target": "dog", "T": "1.5",
              "base": "10", "smoothing": "0.1"}  # fmt: skip
    at = run(params)
    state, _ = parse_playground(params)
    check(at, state)
    again = run({k: v[0] for k, v in parse_qs(urlsplit(at.code[-1].value).query).items()})
    check(again, state)


def test_linked_temperature_between_stops_is_kept_until_moved():
    at = run({"T": "0.37"})
    temperature = at.select_slider(key="T")
    assert temperature.value == 0.37 and "0.37" in temperature.options
    check(at, DEFAULT.__class__(temperature=0.37))
    temperature.set_value(0.5).run()
    check(at, DEFAULT.__class__(temperature=0.5))
    assert "0.37" not in at.select_slider(key="T").options


@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: str(p)[:40])
def test_hostile_links_give_defaults_and_one_warning(params):
    at = run(params)
    assert len(at.warning) == 1
    assert "showing the defaults" in at.warning[0].value
    check(at, DEFAULT)


def test_script_class_names_are_text():
    at = run({"classes": "<script>alert(1),<b>b</b>"})
    assert not at.warning
    labels = [s.label for s in at.slider if s.key.startswith("z")]
    assert labels[0] == r"\<script>alert(1)"  # no tag can open without its "<"
    assert labels[1] == r"\<b>b\</b>"
    assert at.metric[4].value in labels


def test_twelve_classes_come_in_order(at):
    """Sliders and exact entries are laid out row by row: the page's order (what a phone
    shows, as its columns stack) is the classes' order, not column by column."""
    names = [f"c{i}" for i in range(12)]
    at = run({"classes": ",".join(names)})
    assert [s.label for s in at.slider if s.key.startswith("z")] == names
    open_exact(at)
    assert [n.label for n in at.number_input] == names


@pytest.mark.parametrize("smoothing", ["0", "0.6", "0.9"])
@pytest.mark.parametrize("answer", ["it goes up", "it goes down"])
def test_quiz_checks_the_answer_against_the_core(answer, smoothing):
    """The rival is cat (q = 0.116). One-hot: its gradient is positive and the loss goes up.
    Smoothing 0.6: its gradient is negative, yet a rise of 1 overshoots and the loss goes up.
    Smoothing 0.9: negative, and the loss goes down."""
    at = run({"smoothing": smoothing})
    at.radio(key="quiz").set_value(answer).run()
    text = at.markdown[-1].value
    e = float(smoothing)
    before = softmax_cross_entropy(DEFAULT.logits, 0, label_smoothing=e)
    after = softmax_cross_entropy((3.2, 2.3, 0.2, 0.8), 0, label_smoothing=e)
    grad = softmax_cross_entropy_grad(DEFAULT.logits, 0, label_smoothing=e)[1]
    truth = "it goes up" if after > before else "it goes down"
    assert text.startswith("Right." if answer == truth else "Not quite.")
    assert f"from {before:.4f} to {after:.4f} nats" in text and f"= {grad:+.4f}:" in text
    assert ("not small here" in text) == (grad < 0 and after > before) == (smoothing == "0.6")


@pytest.mark.parametrize(
    ("logits", "smoothing"),
    [
        ("3.2,1.3,0.2,0.8", "0"),  # one-hot
        ("0,0,0,0", "0"),  # one-hot, and the bars' computed sum is exactly 0
        ("3.2,1.3,0.2,0.8", "0.2"),  # soft, q_y below its target: the true logit goes up
        ("10,0,0,0", "0.2"),  # soft, q_y above its target: even the true logit goes down
    ],
)
def test_what_to_notice_is_true_of_the_bars_shown(logits, smoothing):
    """The notices under the loss and gradient bars make claims about their signs; each one
    holds for the numbers the core computes for the state on the page."""
    at = run({"logits": logits, "smoothing": smoothing})
    state = link_state(at)
    w = worked_example(state.logits, 0, state.temperature, state.core_base, state.smoothing)
    notices = [c.value for c in at.caption if c.value.startswith("What to notice")]
    loss, grad = notices[2], notices[3]
    assert "sum to 0" in grad
    # the title prints the computed sum; when rounding leaves one, the notice names it
    assert (f"the title's {w.grad_sum:.1g} is floating-point rounding" in grad) == bool(w.grad_sum)
    others = w.grad[1:]
    if state.smoothing == 0:
        assert w.grad[0] <= 0 and (others >= 0).all()  # what the one-hot notice says
        assert "every other bar is q_i/T ≥ 0" in grad and "only the true class" in loss
        return
    assert (others < 0).any()  # some other logit goes up: "every other bar ≥ 0" would be false
    assert "every other bar" not in grad and "only the true class" not in loss
    assert (w.contributions > 0).all() and "every class contributes" in loss
    verb = "raises the true logit" if w.grad[0] < 0 else "lowers even the true logit"
    assert f"q_y = {w.q[0]:.4f}" in grad and f"p_y = {w.p[0]:.4f}" in grad and verb in grad


def test_long_lived_objects_are_frozen_once_per_process(at):
    """The app's first run freezes what it imported; later runs leave new objects to the
    collector (freezing on every run would keep each run's garbage forever)."""
    frozen = gc.get_freeze_count()
    assert frozen > 0
    alive = [[] for _ in range(1000)]
    at.slider(key="z1").set_value(2.0).run()
    freeze_long_lived_objects()
    # A second freeze would add the lists above; frozen objects that die leave, so the count
    # may fall a little.
    assert gc.get_freeze_count() < frozen + len(alive)


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
