"""Playground: slide the logits, pick the true class, and watch softmax and the loss respond."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import latex, quiz
from xentviz.lesson import playground as notices
from xentviz.lesson import tour as tour_text
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState
from xentviz.state.links import (
    binary_from_playground,
    container_from_playground,
    encoding_from_playground,
    gradients_from_playground,
    loss_from_playground,
)
from xentviz.state.playground import MAX_SMOOTHING, temperature_stops
from xentviz.ui import live, sections, tour, url, widgets
from xentviz.ui.controls import playground as controls
from xentviz.ui.url import open_page

page = open_page("playground", PlaygroundState)

# --- the idea -----------------------------------------------------------------------------

sections.head(
    page, "Softmax and cross-entropy playground", notices.idea(page.state),
    lead=notices.lead(page.state), more=notices.new_here(page.state),
    tools=lambda: widgets.presets_menu(
        page, PLAYGROUND_PRESETS,
        lambda: tour.offer(page, tour_text.rival(page.state.worked()), place=st),
    ),
)  # fmt: skip

# --- the settings, in the sidebar ----------------------------------------------------------

with st.sidebar:
    widgets.class_editor(page)
    st.header("Settings")
    widgets.temperature(page)
    widgets.log_base(page)
    widgets.smoothing(page)


# --- the lesson: a move of a logit reruns only what it changes at once ---------------------


def now() -> None:
    """The controls, the charts and the numbers: what a move changes at once."""
    state = page.state
    w = state.worked()
    shown = controls.view(state, w)

    # The controls come first on the page, beside the prediction chart they drive, but the
    # charts are sent first: the state already holds the new values, and the prediction is the
    # chart a lecturer's class watches.
    controls_place, q_cell = sections.first(page)
    # What to notice on it comes under both columns: on a phone, which stacks them, the
    # sliders come right under the chart.
    sections.chart(page, q_cell, "q", shown["q"])
    sections.what_to_notice(notices.probabilities(state, w))
    logits_cell, loss_cell, gradient_cell, _ = sections.cells(2, 2)
    sections.chart(page, logits_cell, "logits", shown["logits"], notices.logits(state, w))
    sections.chart(page, loss_cell, "loss", shown["loss"], notices.loss(state, w))
    sections.chart(page, gradient_cell, "gradient", shown["gradient"], notices.gradient(state, w))
    with controls_place:
        tour.show(page, lambda k: tour_text.playground(state, w, k))
        st.markdown(notices.first_action(state))
        ranges = widgets.logit_sliders(page, width=1)
        target, exact = st.columns([3, 2], vertical_alignment="bottom")
        with target:
            widgets.true_class(page)
        with exact:
            widgets.exact_logits(page)

    # --- the numbers, and where the sources rounded them ---------------------------------
    sections.headline(page, "headline", shown["headline"])
    sections.source_note(notices.seed_note(state, w))
    sections.source_note(notices.normalization_note(state, w))
    url.address(state)
    # The sidebar's temperature (a select slider: its stops) and smoothing preview as well.
    sidebar = {
        "temperature": temperature_stops(state.temperature),
        "smoothing": [(0.0, MAX_SMOOTHING, widgets.SMOOTHING_STEP)],
    }
    live.watch(
        page,
        {"logits": ranges, **sidebar},
        controls.view,
        scope=page.key("lesson"),
        tile=controls.TILE,
    )


def later() -> None:
    """The computation step by step, the questions, the links and exports."""
    state = page.state
    w = state.worked()
    st.subheader("The computation, step by step")
    st.caption(notices.shift(state, w))
    sections.latex(page, "worked_table", latex.worked_table(state, w))
    st.caption(notices.rows_legend(state, w))
    sections.latex(page, "worked_sums", latex.worked_sums(state, w))

    # --- check yourself, and the link -----------------------------------------------------
    sections.check_yourself(
        page,
        (quiz.rival_logit(state, w), lambda answer: quiz.rival_logit_answer(state, w, answer)),
        (quiz.raised_loss(state, w), lambda answer: quiz.raised_loss_answer(state, w, answer)),
    )
    for where, label, there, icon in (
        ("entropy", "See q as a container of 30 shapes", container_from_playground(state),
         ":material/category:"),
        ("binary", "These logits as sigmoids", binary_from_playground(state),
         ":material/call_split:"),
        ("encoding", "These classes as integer and one-hot labels",
         encoding_from_playground(state), ":material/data_array:"),
        ("loss", "The loss landscape of these logits", loss_from_playground(state),
         ":material/landscape:"),
        ("gradients", "The gradient of these logits, step by step",
         gradients_from_playground(state), ":material/device_hub:"),
    ):  # fmt: skip
        url.open_in(page_file(where), label, there, icon=icon)
    sections.exports(page)
    sections.next_idea(page, container_from_playground(state))
    url.share_box(state)


sections.lesson(page, now, later)
