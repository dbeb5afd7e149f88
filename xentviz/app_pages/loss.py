"""Loss & landscape: the loss against q_y, along a logit, over two logits with gradient steps,
over the 3-class simplex, against the temperature; and the numerical stability lab."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import loss as text
from xentviz.state.links import gradients_from_playground, playground_from
from xentviz.state.loss import LossState
from xentviz.ui import live, sections, url, widgets
from xentviz.ui.controls import loss as controls
from xentviz.ui.url import open_page

page = open_page("loss", LossState)

sections.head(
    page, "The loss and its landscape", text.loss_idea(page.state),
    lead=text.loss_lead(page.state),
)  # fmt: skip
widgets.settings(page, widgets.class_editor)


def now() -> None:
    """The sliders, the loss curves, descent, temperature and the stability lab: what a move
    changes at once."""
    state = page.state
    w = state.worked()
    shown = controls.view(state, w)  # the charts and numbers a dragged logit slider previews

    # --- one number: the loss against q_y beside the logits, and along one logit -------------
    controls_place, by_q = sections.first(page)
    sections.chart(page, by_q, "by_q", shown["by_q"])
    with controls_place:
        st.subheader("Logits")
        st.markdown(text.first_action(state))
        ranges = widgets.logit_sliders(page, width=1)
        widgets.true_class(page)
    sections.what_to_notice(text.by_q(state, w))
    along, numbers = sections.cells(1, 2)
    sections.chart(page, along, "along", shown["along"], text.along(state, w))
    with numbers:
        st.subheader("The loss is −log q_y")
        sections.headline(page, "headline", shown["headline"])

    # --- two logits: the landscape and gradient descent on it ----------------------------------
    st.subheader("Over two logits: gradient descent")
    controls.axes(page)
    controls.rate(page)
    controls.step_buttons(page)
    landscape, simplex = sections.cells(1, 2)
    sections.chart(page, landscape, "map", shown["map"], text.step(state, w))
    with simplex:
        if "simplex" in shown:
            sections.chart(page, None, "simplex", shown["simplex"], text.simplex(state, w))
        else:
            st.info(text.simplex(state, w), icon=":material/change_history:")

    # --- the temperature ----------------------------------------------------------------------
    st.subheader("Temperature: from argmax to uniform")
    widgets.temperature(page)
    sections.chart(page, None, "sweep", shown["sweep"], text.sweep(state, w))

    # --- numerical stability --------------------------------------------------------------------
    st.subheader("Numerical stability lab")
    controls.shift(page)
    st.table(text.lab_rows(state, w))
    st.markdown(text.lab(state, w))
    st.markdown(text.lead(state, w))

    url.address(state)
    live.watch(
        page,
        {"logits": ranges},
        controls.preview,
        page.key("lesson"),
        still=controls.STILL,
        tile=controls.TILE,
    )


def later() -> None:
    """The link to the Playground, the questions, the exports and the share box."""
    state = page.state
    w = state.worked()
    url.open_in(
        page_file("playground"),
        "Open these classes and logits in the Playground",
        playground_from(state),
        icon=":material/tune:",
    )
    sections.check_yourself(
        page,
        (text.step_question(state, w), lambda answer: text.step_answer(state, w, answer)),
        (text.ten_steps_question(state, w), lambda answer: text.ten_steps_answer(state, w, answer)),
    )
    sections.exports(page)
    sections.next_idea(page, gradients_from_playground(playground_from(state)))
    url.share_box(state)


sections.lesson(page, now, later)
