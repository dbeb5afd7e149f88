"""Encodings and normalisation: labels as integers or one-hot; softmax against z / sum z."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import encoding as lesson_text
from xentviz.state import EncodingState
from xentviz.state.links import loss_from_playground, playground_from
from xentviz.ui import live, presenter, sections, url, widgets
from xentviz.ui.controls import encoding as controls
from xentviz.ui.url import open_page

page = open_page("encoding", EncodingState)

sections.head(
    page, "Encodings and normalisation", lesson_text.idea(page.state),
    lead=lesson_text.lead(page.state),
)  # fmt: skip
widgets.settings(page, widgets.class_editor)


def now() -> None:
    """The labels, codes and sliders with their charts: what a move changes at once."""
    state = page.state
    w = state.worked()
    shown = controls.view(state, w)  # the charts a dragged slider previews

    # --- softmax, the standard normalisation, a shift and a scale: the sliders beside the chart
    controls_place, ratio = sections.first(page)
    sections.chart(page, ratio, "ratio", shown["ratio"])
    with controls_place:
        st.subheader("Softmax against z / Σz")
        st.markdown(lesson_text.first_action(state))
        # two a row while presenting: the whole column then fits one screen beside its chart
        ranges = widgets.logit_sliders(page, width=2 if presenter.on() else 1)
        shift_scale = controls.shift_and_scale(page)
    sections.what_to_notice(lesson_text.normalisation(state, w))
    moves, loss_range = sections.cells(1, 2)
    sections.chart(page, moves, "moves", shown["moves"], lesson_text.shift_and_scale(state, w))
    with loss_range:
        st.info(lesson_text.loss_range(state, w), icon=":material/menu_book:")

    # --- integer or one-hot: the same labels two ways ------------------------------------------
    st.subheader("Integer and one-hot labels")
    controls.label_pickers(page)
    st.markdown(lesson_text.labels_table(state, w))
    widgets.true_class(page)
    st.caption("The one-hot vector of the true class selects one term of the sum:")
    sections.latex(page, "selector", lesson_text.selector(state, w))

    # --- what an integer code implies ---------------------------------------------------------
    st.subheader("What an integer code does and does not imply")
    controls.coding(page)
    st.markdown(lesson_text.codings_table(state))
    st.markdown("- " + lesson_text.as_indices(state, w))
    st.markdown("- " + lesson_text.as_numbers(state, w))

    url.address(state)
    live.watch(
        page,
        {"logits": ranges, **shift_scale},
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
            lesson_text.which_changes(state, w),
            lambda answer: lesson_text.which_changes_answer(state, w, answer),
        ),
        (
            lesson_text.recoded_loss(state, w),
            lambda answer: lesson_text.recoded_loss_answer(state, w, answer),
        ),
    )
    url.open_in(
        page_file("playground"),
        "Open these classes and logits in the Playground",
        playground_from(state),
        icon=":material/tune:",
    )
    sections.exports(page)
    sections.next_idea(page, loss_from_playground(playground_from(state)))
    url.share_box(state)


sections.lesson(page, now, later)
