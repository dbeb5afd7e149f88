"""Gradients & backprop: the softmax Jacobian, the chain rule factor by factor, the backward
pass as a graph, and the finite-difference check with its V over h."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import gradients as text
from xentviz.state.gradients import GradientsState, h_stops
from xentviz.state.links import playground_from
from xentviz.state.training import TrainingState
from xentviz.ui import live, presenter, sections, url, widgets
from xentviz.ui.controls import gradients as controls
from xentviz.ui.url import open_page

page = open_page("gradients", GradientsState)

sections.head(
    page, "Gradients and backpropagation", text.gradients_idea(page.state),
    lead=text.lead(page.state),
)  # fmt: skip
with st.sidebar:
    widgets.class_editor(page)


def now() -> None:
    """The sliders, the Jacobian, the chain rule and the finite differences: what a move
    changes at once."""
    state = page.state
    w = state.worked()
    shown = controls.view(state, w)  # the charts and numbers a dragged logit slider previews

    # --- the sliders beside the softmax Jacobian -------------------------------------------------
    controls_place, jacobian = sections.first(page)
    sections.chart(page, jacobian, "jacobian", shown["jacobian"])
    with controls_place:
        st.subheader("Logits")
        st.markdown(text.first_action(state))
        # two a row while presenting: the whole column then fits one screen beside its chart
        ranges = widgets.logit_sliders(page, width=2 if presenter.on() else 1)
        widgets.true_class(page)
    sections.what_to_notice(
        "the softmax Jacobian, row k, column j: ∂q_k/∂z_j = q_k (δ_kj − q_j). The diagonal is "
        "q_k (1 − q_k) ≥ 0 (raising a logit never lowers its own q); off it, −q_k q_j ≤ 0 (nor "
        "raises another); each column sums to 0, since the q always sum to 1. No entry is 0 "
        "exactly (every q is positive): ≈0 marks one that float64 computes as 0 or holds only "
        "to a digit or two (below 2.2e-308); hover over a cell for its value."
    )
    sections.headline(page, "headline", shown["headline"])

    st.subheader("The chain rule, factor by factor")
    sections.latex(
        page,
        "chain",
        r"\frac{\partial L}{\partial z_j} = \sum_k \frac{\partial L}{\partial q_k}"
        r"\frac{\partial q_k}{\partial z_j} = \sum_k \left(-\frac{p_k}{q_k}\right) q_k"
        r"(\delta_{kj} - q_j) = -p_j + q_j \sum_k p_k = q_j - p_j",
    )
    sections.latex(page, "chain_table", text.chain_table(state, w))
    sections.chart(
        page, None, "graph", shown["graph"],
        "the backward pass starts from ∂L/∂L = 1 at the loss; only q of the true class feeds L, "
        "so ∂L/∂q is −1/q_y there and 0 elsewhere; the softmax spreads it back to every logit. "
        "≈ marks a value float64 computes as 0 or holds to a digit or two (a subnormal).",
    )  # fmt: skip
    st.markdown(text.observations(state, w))

    # --- the finite-difference check --------------------------------------------------------------
    st.subheader("Check it numerically: finite differences")
    widgets.bound(
        page, st.select_slider, "h", "Step h of the central difference", float,
        options=h_stops(state.h), format_func=lambda h: f"{h:g}",
    )  # fmt: skip
    sections.latex(
        page,
        "difference",
        r"\frac{\partial L}{\partial z_j} \approx \frac{L(z + h\,e_j) - L(z - h\,e_j)}{2h}",
    )
    st.table(text.differences_rows(state, w))
    sections.chart(page, None, "v", shown["v"], text.v_shape(state, w))

    url.address(state)
    live.watch(page, {"logits": ranges}, controls.view, page.key("lesson"), tile=controls.TILE)


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
        (text.biggest_question(state, w), lambda answer: text.biggest_answer(state, w, answer)),
        (text.tiny_h_question(state, w), lambda answer: text.tiny_h_answer(state, w, answer)),
    )
    sections.exports(page)
    sections.next_idea(page, TrainingState())
    url.share_box(state)


sections.lesson(page, now, later)
