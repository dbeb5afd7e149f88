"""Training & likelihood: softmax regression trained by SGD on blobs of points, its loss
curve and decision regions step by step, one point's gradient, and the likelihood of a batch."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import training as text
from xentviz.state.fixed import FixedState
from xentviz.state.links import playground_from_point
from xentviz.state.training import TrainingState
from xentviz.ui import live, sections, url, widgets
from xentviz.ui.controls import training as controls
from xentviz.ui.url import open_page

page = open_page("training", TrainingState)

sections.head(page, "Training and likelihood", text.training_idea(page.state))
widgets.settings(page, controls.data_controls, controls.run_controls)


@st.fragment
def lesson() -> None:
    with st.container(key=page.key("lesson")):
        controls.player(page, step_shown)
        sections.exports(page)
        sections.next_idea(page, FixedState())
        url.share(page.state)


def step_shown(playing: bool = False) -> None:
    """Everything the page shows of the step shown (while a run plays, the charts of the
    run; the point and the likelihood once it stops)."""
    state = page.state
    X, y = state.data()
    w = state.worked()
    shown = controls.view(state, w, (X, y))
    st.markdown(text.run_summary(state, w))
    sections.headline(page, "headline", shown["headline"])
    regions, curve = sections.cells(1, 2)
    sections.chart(page, regions, "regions", shown["regions"])
    sections.chart(page, curve, "curve", shown["curve"])
    if playing:
        st.caption("One point's gradient and the likelihood follow when the run stops.")
        return

    # --- one point -------------------------------------------------------------------------------
    st.subheader("One point: its q and its gradient")
    widgets.bound(page, st.number_input, "point", "Point (its index)", int,
                  min_value=0, max_value=state.points - 1, step=1)  # fmt: skip
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
                  min_value=1, max_value=state.points, step=1)  # fmt: skip
    st.table(text.likelihood_rows(state, w))
    st.markdown(text.likelihood(state, w))
    sections.check_yourself(
        page,
        (text.predict_question(state, w), lambda answer: text.predict_answer(state, w, answer)),
        (text.underflow_question(state, w), lambda answer: text.underflow_answer(state, w, answer)),
    )
    # The step slider (in the player, above) previews the run's steps while it is dragged.
    live.watch(page, {"at": [(0, state.steps, 1)]}, controls.view, page.key("lesson"),
               tile=controls.TILE)  # fmt: skip


lesson()
