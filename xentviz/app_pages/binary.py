"""Binary, multi-class, multi-label: one sigmoid, a softmax, or a sigmoid per class."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.figures import binary as charts
from xentviz.lesson import binary as lesson_text
from xentviz.state import LOGIT_SLIDER, BinaryState
from xentviz.state.links import playground_from
from xentviz.ui import examples, sections, url, widgets
from xentviz.ui.session import open_page
from xentviz.worked_binary import worked_binary

page = open_page("binary", BinaryState)

sections.head(page, "Binary, multi-class and multi-label", lesson_text.idea(page.state))
widgets.settings(page, widgets.class_editor)


@st.fragment
def lesson() -> None:
    state = page.state
    w = worked_binary(
        state.z, state.t, state.ts, state.ps, state.logits, state.target, state.labels,
        base=state.core_base,
    )  # fmt: skip

    # --- the table, one row live ------------------------------------------------------------
    examples.setting(page)
    st.markdown(lesson_text.table(state, w))
    st.latex(lesson_text.setting(state, w))

    # --- one binary example: its loss against p and against z ------------------------------
    st.subheader("Binary cross-entropy for one example")
    examples.example(page, span=LOGIT_SLIDER)
    by_p, by_z = sections.cells(1, 2)
    sections.chart(
        page, by_p, "by_p",
        charts.probability_curves_figure(w.p, state.t, w.loss, state.core_base, state.unit),
        lesson_text.probability_curves(state, w),
    )  # fmt: skip
    sections.chart(
        page, by_z, "by_z",
        charts.logit_curves_figure(
            state.z, state.t, w.loss, w.grad, state.core_base, state.unit, span=LOGIT_SLIDER
        ),
        lesson_text.logit_curves(state, w),
    )  # fmt: skip

    # --- a sigmoid is a two-class softmax ------------------------------------------------------
    st.subheader("A sigmoid is a softmax over [z, 0]")
    sections.headline(page, "two_classes", lesson_text.two_classes(state, w))

    # --- the seed's batch form ----------------------------------------------------------------
    st.subheader("A batch: the average binary cross-entropy")
    examples.batch_editor(page)
    st.latex(lesson_text.batch(state, w))

    # --- several yes/no questions against one choice --------------------------------------------
    st.subheader("Multi-label: a sigmoid per class, beside a softmax")
    widgets.logit_sliders(page)
    examples.label_boxes(page)
    sigmoids, softmax = sections.cells(1, 2)
    sections.chart(
        page, sigmoids, "sigmoids",
        charts.outputs_figure(state.classes, w.sigmoids, state.labels, "Sigmoids σ(z_k)", "σ(z_k)"),
    )  # fmt: skip
    sections.chart(
        page, softmax, "softmax",
        charts.outputs_figure(state.classes, w.multi.q, None, "Softmax(z)", "softmax"),
    )  # fmt: skip
    st.caption("What to notice: " + lesson_text.outputs(state, w))

    sections.check_yourself(
        page,
        lesson_text.true_or_false(state, w),
        lambda answer: lesson_text.true_or_false_answer(state, w, answer),
    )
    url.open_in(
        page_file("playground"),
        "Open these classes and logits in the Playground",
        playground_from(state),
        icon=":material/tune:",
    )
    url.share(state)


lesson()
