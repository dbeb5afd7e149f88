"""The Playground's guided tour: each step outlines its control and the tour moves on as soon as
the state shows the step done; it can be ended at any time."""

import pytest
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


# --- check yourself: another question on request, and the session's tally -------------------------


def test_another_question_and_the_sessions_tally():
    from xentviz.lesson import quiz

    at = AppTest.from_file(APP, default_timeout=60).run()
    radio = at.radio(key="playground.answer.quiz")
    assert radio.label.startswith("If you raise the logit of the rival class cat")
    radio.set_value(quiz.DOWN).run()  # wrong: raising a rival raises the loss
    assert any(c.value == "This session: 0 of 1 answered right." for c in at.caption)
    at.button(key="playground.quiz.next").click().run()
    radio = at.radio(key="playground.answer.quiz")
    assert radio.label.startswith("Predict, then check") and radio.value is None
    state = PlaygroundState()
    w = state.worked()
    truth = next(o for o in radio.options if quiz.raised_loss_answer(state, w, o).startswith("R"))
    radio.set_value(truth).run()
    assert any(c.value == "This session: 1 of 2 answered right." for c in at.caption)
    at.radio(key="playground.answer.quiz").set_value(truth).run()  # the same answer again
    assert any(c.value == "This session: 1 of 2 answered right." for c in at.caption)
    at.switch_page("xentviz/app_pages/loss.py").run()  # the tally is the session's
    at.radio(key="loss.answer.quiz").set_value("it falls").run()
    assert any(c.value == "This session: 2 of 3 answered right." for c in at.caption)


def test_the_estimate_is_the_cores_loss_after_the_rise():
    from xentviz import softmax_cross_entropy
    from xentviz.lesson import quiz

    for state in (PlaygroundState(), PlaygroundState(logits=(-5.0, 3.0, 0.0, 0.0), base="2")):
        w = state.worked()
        raised = list(state.logits)
        raised[state.target] += 2
        after = float(softmax_cross_entropy(raised, state.target, base=state.core_base))
        options = quiz.raised_loss(state, w).options
        right = [o for o in options if quiz.raised_loss_answer(state, w, o).startswith("Right.")]
        assert len(right) == 1
        k = options.index(right[0])
        lo = ([0.0, *quiz.BOUNDS])[k]
        hi = ([*quiz.BOUNDS, float("inf")])[k]
        assert lo <= after < hi


@pytest.mark.slow
def test_every_lesson_page_offers_another_question_answered_by_the_core():
    from xentviz.app_pages import PAGES
    from xentviz.pages import page
    from xentviz.state.fixed import FixedState

    for p in PAGES:
        if page(p["url_path"]).state is FixedState:  # nothing to set: no question
            continue
        at = AppTest.from_file(APP, default_timeout=60)
        if not p.get("default"):
            at.run()
            at.switch_page(str(p["page"].relative_to(support.ROOT)))
        at.run()
        key = f"{p['url_path']}.answer.quiz"
        first = at.radio(key=key).label
        at.button(key=f"{p['url_path']}.quiz.next").click().run()
        second = at.radio(key=key)
        assert second.label != first and second.value is None, p["url_path"]
        verdicts = []
        for option in second.options:
            second.set_value(option).run()
            verdicts.append(
                next(m.value for m in at.markdown if m.value.startswith(("Right", "Not")))
            )
            second = at.radio(key=key)
        assert sum(v.startswith("Right.") for v in verdicts) >= 1, (p["url_path"], verdicts)
        assert any(v.startswith("Not quite.") for v in verdicts), (p["url_path"], verdicts)


def test_the_second_questions_of_the_first_pages():
    from xentviz.core import containers as core
    from xentviz.lesson import binary, encoding
    from xentviz.lesson import entropy as containers
    from xentviz.state import BinaryState, EncodingState, EntropyState

    for state, truth in (
        (EntropyState(), containers.FALLS),
        (EntropyState(counts=((30, 0), (14, 16))), containers.STAYS),  # one kind: stays at 0
    ):
        boxes = [core.describe(c, base=state.core_base) for c in state.counts]
        assert containers.one_more_answer(state, boxes, truth).startswith("Right."), state
    b = BinaryState()
    wb = b.worked()
    truth = binary.SIGMOID if wb.sigmoids[0] > wb.multi.q[0] else binary.SOFTMAX
    assert binary.sigmoid_or_softmax_answer(b, wb, truth).startswith("Right.")
    c = EncodingState()
    wc = c.worked()
    assert wc.losses[0] == wc.losses[1]
    assert encoding.recoded_loss_answer(c, wc, encoding.SAME).startswith("Right.")


def test_the_tour_survives_removing_its_class_and_can_always_be_ended():
    """Issue 26: the tour's class was an index kept from its start; removing that class (or
    opening a link with fewer classes) raised IndexError on every run, before End was drawn."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"classes": "a,b,c", "logits": "0,0,5", "target": "0"}.items():
        at.query_params[key] = value
    at.run()
    at.button(key="playground.tour.start").click().run()
    assert "**c**" in step_said(at)  # c is predicted already: step 2, make it the true class
    remove = next(b for b in at.button if b.label.lower().startswith("remove"))
    remove.click().run()
    assert not at.exception, at.exception
    said = step_said(at)  # the rival of the two classes left, from the first step
    assert said.startswith("Step 1 of 4") and "**b**" in said
    at.button(key="playground.tour.end").click().run()
    assert not at.exception and step_said(at) is None


def test_the_tour_survives_a_link_with_fewer_classes():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key="playground.tour.start").click().run()  # works with cat (class 1) ...
    at.slider(key="playground.logits.1").set_value(9.0).run()
    at.switch_page("xentviz/app_pages/entropy.py").run()
    at.query_params["classes"] = "a,b"
    at.query_params["logits"] = "1,0"
    at.switch_page("xentviz/app_pages/playground.py").run()
    assert not at.exception, at.exception
    assert at.button(key="playground.tour.end")


def test_a_step_undone_takes_the_tour_back_to_it():
    """Raise cat until predicted, then set it back: step 2's "Now cat is predicted" would be
    false (dog is predicted, and making cat the true class would raise the loss)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key="playground.tour.start").click().run()
    at.slider(key="playground.logits.1").set_value(4.0).run()
    assert step_said(at).startswith("Step 2 of 4") and "watch the loss fall" in step_said(at)
    at.slider(key="playground.logits.1").set_value(1.3).run()
    assert step_said(at).startswith("Step 1 of 4")
    at.slider(key="playground.logits.1").set_value(3.2).run()  # a tie with dog: predicted
    said = step_said(at)
    if said.startswith("Step 2"):
        assert "stay the same (a tie)" in said


def test_every_step_shown_holds_in_any_state():
    """Whatever the logits and target, the step the tour shows holds for the state: its words
    about the predicted class and the loss's direction agree with the core."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from xentviz.core.losses import softmax_cross_entropy

    @settings(max_examples=support.examples(80), deadline=None)
    @given(st.lists(st.sampled_from([-1000.0, -3.0, 0.0, 1.3, 3.2, 40.0, 1000.0]), min_size=2,
                    max_size=5), st.data())  # fmt: skip
    def check(logits, data):
        k = len(logits)
        state = PlaygroundState(classes=tuple(f"c{i}" for i in range(k)), logits=tuple(logits),
                                target=data.draw(st.integers(0, k - 1)))  # fmt: skip
        w = state.worked()
        about = data.draw(st.integers(0, k - 1))
        steps = tour.playground(state, w, about)
        second = steps[1]
        if second.holds and not second.done:
            now = float(softmax_cross_entropy(state.logits, state.target))
            then = float(softmax_cross_entropy(state.logits, second.about))
            assert w.predicted == second.about
            assert ("fall" in second.say and "stay the same" not in second.say) == (
                state.logits[second.about] > state.logits[state.target]
            )
            assert then <= now

    check()
