"""Handwritten digits: a real classifier (softmax regression on scikit-learn's bundled 8 x 8
digits), its class templates, one image's logits, q and loss, the images where the loss and
accuracy disagree, and a digit you draw."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import digits as text
from xentviz.state.digits import DigitsState
from xentviz.state.fixed import FixedState
from xentviz.state.links import playground_from_digit
from xentviz.ui import sections, url, widgets
from xentviz.ui.controls import digits as controls
from xentviz.ui.url import open_page

page = open_page("digits", DigitsState)

sections.head(
    page, "Handwritten digits: a real classifier", text.idea(page.state),
    lead=text.lead(page.state),
)  # fmt: skip
widgets.settings(page, controls.model_controls)


@st.fragment
def lesson() -> None:
    state = page.state
    # A model not trained yet takes seconds (tens on a busy server): say so while it trains
    # (Streamlit shows the spinner only once the wait passes half a second: none when kept).
    with st.spinner(text.training(state), show_time=True):
        w = state.worked()
    shown = controls.view(state, w)
    with st.container(key=page.key("lesson")):
        # --- the first screen: a test image or a drawing, beside the model's q ----------------
        controls_place, q = sections.first(page)
        sections.chart(page, q, "q", shown["q"])
        if w.drawing is not None:
            sections.chart(page, q, "drawn_q", shown["drawn_q"])
        with controls_place:
            st.markdown(text.first_action(state))
            controls.image_picker(page, w)
            st.markdown("**Draw a digit** (click or drag; keys work too):")
            controls.drawing_grid(page)

        # --- one test image, end to end -----------------------------------------------------
        st.subheader("One test image, from its pixels to its loss")
        st.markdown(text.image_summary(state, w))
        image, logits = st.columns([2, 3])
        sections.chart(page, image, "image", shown["image"])
        sections.chart(page, logits, "logits", shown["logits"])
        sections.chart(page, None, "gradient", shown["gradient"])
        url.open_in(
            page_file("playground"),
            "Open these logits and this digit in the Playground",
            playground_from_digit(w.shown.z, w.shown.label, state.base),
            icon=":material/tune:",
        )

        # --- your drawing -------------------------------------------------------------------
        st.subheader("Your drawing")
        st.markdown(text.drawing_summary(state, w))
        if w.drawing is not None:
            sections.chart(page, None, "drawn_logits", shown["drawn_logits"])
            url.open_in(
                page_file("playground"),
                "Open your drawing's logits in the Playground (as the digit it predicts)",
                playground_from_digit(w.drawing.z, w.drawing.predicted, state.base),
                icon=":material/tune:",
            )

        # --- the model ----------------------------------------------------------------------
        st.subheader("The model")
        st.markdown(text.model_summary(state, w))
        sections.headline(page, "headline", shown["headline"])
        curves, confusion = sections.cells(1, 2)
        sections.chart(page, curves, "curves", shown["curves"])
        sections.chart(page, confusion, "confusion", shown["confusion"])

        # --- the templates ------------------------------------------------------------------
        st.subheader("Templates: what each digit's weights look for")
        sections.chart(page, None, "templates", shown["templates"])
        st.caption(text.logit_sum(state, w))

        # --- why the loss, not accuracy -----------------------------------------------------
        st.subheader("Why train on the loss, not on accuracy")
        st.markdown(text.why_loss(state, w))
        rows = text.wrong_rows(state, w)
        if rows:
            st.table(rows)

        sections.check_yourself(
            page,
            (text.predict_question(state, w), lambda a: text.predict_answer(state, w, a)),
            (text.loss_question(state, w), lambda a: text.loss_answer(state, w, a)),
        )
        sections.exports(page)
        sections.next_idea(page, FixedState())
        url.share(page.state)


lesson()
