"""Binary, multi-class, multi-label: one sigmoid, a softmax, or a sigmoid per class."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import binary as lesson_text
from xentviz.state import LOGIT_SPAN, BinaryState
from xentviz.state.links import encoding_from_playground, playground_from
from xentviz.ui import live, sections, url, widgets
from xentviz.ui.controls import binary as controls
from xentviz.ui.url import open_page

page = open_page("binary", BinaryState)

sections.head(
    page, "Binary, multi-class and multi-label", lesson_text.idea(page.state),
    lead=lesson_text.lead(page.state),
)  # fmt: skip
widgets.settings(page, widgets.class_editor)


def now() -> None:
    """The examples, sliders and their charts: what a move changes at once."""
    state = page.state
    w = state.worked()
    shown = controls.view(state, w)  # the charts and numbers a dragged slider previews

    # --- one binary example: its logit and target beside its loss against z, then against p --
    # (the chart's title says what it is: no heading above it, so that on a phone the slider
    # stands under the chart on the first screen)
    controls_place, by_z = sections.first(page)
    sections.chart(page, by_z, "by_z", shown["by_z"])
    with controls_place:
        st.markdown(lesson_text.first_action(state))
        z_range = controls.example(page, span=LOGIT_SPAN)
    sections.what_to_notice(lesson_text.logit_curves(state, w))
    by_p, two_classes = sections.cells(1, 2)
    sections.chart(page, by_p, "by_p", shown["by_p"], lesson_text.probability_curves(state, w))
    with two_classes:
        # --- a sigmoid is a two-class softmax -----------------------------------------------
        st.subheader("A sigmoid is a softmax over [z, 0]")
        sections.headline(page, "two_classes", shown["two_classes"])

    # --- the table, one row live ------------------------------------------------------------
    st.subheader("Three problems, three last layers")
    controls.setting(page)
    st.markdown(lesson_text.table(state, w))
    sections.latex(page, "setting", lesson_text.setting(state, w))

    # --- why cross-entropy and not squared error --------------------------------------------
    st.subheader("Why cross-entropy, not squared error")
    against_loss, against_gradient = sections.cells(1, 2)
    sections.chart(page, against_loss, "mse_loss", shown["mse_loss"])
    sections.chart(page, against_gradient, "mse_gradient", shown["mse_gradient"])
    sections.what_to_notice(lesson_text.squared_vs_cross(state, w))

    # --- Wocjan's (2019) batch form ------------------------------------------------------------
    st.subheader("A batch: the average binary cross-entropy")
    controls.batch_editor(page)
    sections.latex(page, "batch", lesson_text.batch(state, w))

    # --- several yes/no questions against one choice --------------------------------------------
    st.subheader("Multi-label: a sigmoid per class, beside a softmax")
    ranges = widgets.logit_sliders(page)
    controls.label_boxes(page)
    sigmoids, softmax = sections.cells(1, 2)
    sections.chart(page, sigmoids, "sigmoids", shown["sigmoids"])
    sections.chart(page, softmax, "softmax", shown["softmax"])
    sections.what_to_notice(lesson_text.outputs(state, w))

    url.address(state)
    live.watch(
        page,
        {"z": [z_range], "logits": ranges},
        controls.view,
        page.key("lesson"),
        tile=controls.TILE,
    )


def later() -> None:
    """The questions, the link to the Playground, the exports and the share box."""
    state = page.state
    w = state.worked()
    sections.check_yourself(
        page,
        (
            lesson_text.true_or_false(state, w),
            lambda answer: lesson_text.true_or_false_answer(state, w, answer),
        ),
        (
            lesson_text.sigmoid_or_softmax(state, w),
            lambda answer: lesson_text.sigmoid_or_softmax_answer(state, w, answer),
        ),
        (
            lesson_text.steeper(state, w),
            lambda answer: lesson_text.steeper_answer(state, w, answer),
        ),
    )
    url.open_in(
        page_file("playground"),
        "Open these classes and logits in the Playground",
        playground_from(state),
        icon=":material/tune:",
    )
    sections.exports(page)
    sections.next_idea(page, encoding_from_playground(playground_from(state)))
    url.share_box(state)


sections.lesson(page, now, later)
