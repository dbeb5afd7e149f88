"""The Playground's guided tour: each step outlines its control and the tour moves on as soon as
the state shows the step done; it can be ended at any time."""

from streamlit.testing.v1 import AppTest

from tests import support
from xentviz.lesson import tour
from xentviz.state import PlaygroundState

APP = str(support.ROOT / "app.py")


def step_said(at):
    return next((i.value for i in at.info if i.value.startswith("Step ")), None)


def outlined(at):
    return [h.proto.body for h in at.get("html") if "outline" in h.proto.body]


def test_the_tour_walks_through_its_steps_as_they_are_done():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert step_said(at) is None
    at.button(key="playground.tour.start").click().run()
    said = step_said(at)
    assert said.startswith("Step 1 of 4") and "**cat**" in said  # the seed's strongest rival
    assert any(".st-key-playground-logits-1 " in h for h in outlined(at))
    at.slider(key="playground.logits.1").set_value(2.0).run()  # not yet above dog's 3.2
    assert step_said(at).startswith("Step 1 of 4")
    at.slider(key="playground.logits.1").set_value(4.0).run()
    assert step_said(at).startswith("Step 2 of 4")
    assert any(".st-key-playground-target " in h for h in outlined(at))
    at.selectbox(key="playground.target").set_value(1).run()
    assert step_said(at).startswith("Step 3 of 4")
    at.select_slider(key="playground.temperature").set_value(5.0).run()
    assert step_said(at).startswith("Step 4 of 4")
    at.radio(key="playground.base").set_value("2").run()
    assert step_said(at) is None and any("Tour done" in s.value for s in at.success)
    at.button(key="playground.tour.end").click().run()
    assert not at.success and not outlined(at)
    assert at.button(key="playground.tour.start")


def test_steps_already_done_are_passed_and_the_tour_can_end_early():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["base"] = "2"
    at.run()
    at.button(key="playground.tour.start").click().run()
    at.slider(key="playground.logits.1").set_value(4.0).run()
    at.selectbox(key="playground.target").set_value(1).run()
    at.select_slider(key="playground.temperature").set_value(6.0).run()
    assert step_said(at) is None  # the base was 2 all along: the last step is passed
    at.button(key="playground.tour.end").click().run()
    assert step_said(at) is None and not at.success


def test_every_step_is_checked_on_the_state():
    state = PlaygroundState()
    w = state.worked()
    k = tour.rival(w)
    assert [s.done for s in tour.playground(state, w, k)] == [False, False, False, False]
    done = PlaygroundState(logits=(3.2, 9.0, 0.2, 0.8), target=1, temperature=5.0, base="2")
    assert all(s.done for s in tour.playground(done, done.worked(), 1))
    tie = PlaygroundState(logits=(3.2, 3.2, 0.2, 0.8))  # a tie: cat is not yet predicted
    assert not tour.playground(tie, tie.worked(), 1)[0].done
