"""Training & likelihood: softmax regression trained by SGD on blobs of points, its loss
curve and decision regions step by step, one point's gradient, and the likelihood of a batch."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import training as text
from xentviz.state.fixed import FixedState
from xentviz.state.links import playground_from_point
from xentviz.state.training import TrainingState
from xentviz.ui import presenter, sections, url, widgets
from xentviz.ui.controls import training as controls
from xentviz.ui.url import open_page

page = open_page("training", TrainingState)

sections.head(page, "Training and likelihood", text.training_idea(page.state))
widgets.settings(page, controls.data_controls, controls.run_controls)


@st.fragment
def lesson() -> None:
    # The same elements whether a run plays or not (see ui/controls/training.py).
    controls.arrive(page)  # where a run the browser played stopped
    with st.container(key=page.key("lesson")):
        playing = controls.playing(page)
        step_shown(playing)
        sections.exports(page)
        sections.next_idea(page, FixedState())
        url.share(page.state)
        controls.player(page, playing)  # a run's frames, or the step slider's preview


def step_shown(playing: bool) -> None:
    """Everything the page shows of the step shown: first the player and the regions it
    moves, then the loss curve, one point and the likelihood (dimmed while a run plays)."""
    state = page.state
    X, y = state.data()
    w = state.worked()
    shown = controls.view(state, w, (X, y))
    controls.buttons(page, playing)
    regions, side = st.columns([3, 2], gap="medium")
    sections.chart(page, regions, "regions", shown["regions"])
    with side:
        controls.step_slider(page, playing)
        controls.sentence(page, "summary", shown["summary"])
        if not presenter.on():
            sections.headline(page, "headline", shown["headline"])
    if presenter.on():  # 72 px numbers: beside the regions they would make one screen too tall
        sections.headline(page, "headline", shown["headline"])
    sections.chart(page, None, "curve", shown["curve"])

    # --- one point -------------------------------------------------------------------------------
    st.subheader("One point: its q and its gradient")
    widgets.bound(page, st.number_input, "point", "Point (its index)", int,
                  min_value=0, max_value=state.points - 1, step=1, disabled=playing)  # fmt: skip
    where, formulas = st.columns([2, 3])
    sections.chart(page, where, "point", shown["point"])
    with formulas:
        sections.latex(page, "point", text.point_latex(state, w))
        st.caption(text.point_check(state, w))
    url.open_in(
        page_file("playground"),
        "Open this point's logits in the Playground",
        playground_from_point(w.point.z, w.point.label, state.base),
        icon=":material/tune:",
    )

    # --- the likelihood ---------------------------------------------------------------------
    st.subheader("Likelihood: why the log, and why the minus")
    widgets.bound(page, st.slider, "n", "Points in the batch (the first n)", int,
                  min_value=1, max_value=state.points, step=1, disabled=playing)  # fmt: skip
    st.table(text.likelihood_rows(state, w))
    st.markdown(text.likelihood(state, w))
    sections.check_yourself(
        page,
        (text.predict_question(state, w), lambda answer: text.predict_answer(state, w, answer)),
        (text.underflow_question(state, w), lambda answer: text.underflow_answer(state, w, answer)),
    )


lesson()
