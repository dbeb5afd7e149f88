"""The digits page's controls: the model's settings, the test image looked at (by number, or
the costliest mistake, or the least certain), and the drawing grid, each bound to a field
of the page's state (see :mod:`..session`); and what the page's charts and headline numbers
show for a state (:func:`view`)."""

from __future__ import annotations

import streamlit as st

from ...figures import digits as figures
from ...lesson.numbers import a_number, plain
from ...state.digits import BLANK, MAX_BATCH, MAX_STEPS, RATE_LIMIT, TEST_IMAGES, DigitsState
from ...worked.digits import PIXELS, WorkedDigits
from .. import charts
from ..session import Page
from ..widgets import bound

__all__ = ["model_controls", "image_picker", "drawing_grid", "drawing_of", "view"]


def model_controls(page: Page) -> None:
    st.header("Model")
    bound(page, st.number_input, "seed", "Seed (split, first weights, batches)", int,
          min_value=0, max_value=9999, step=1)  # fmt: skip
    bound(page, st.number_input, "rate", "Learning rate", float,
          min_value=0.01, max_value=RATE_LIMIT, step=0.1, format="%.2f")  # fmt: skip
    bound(page, st.slider, "batch", "Batch size", int, min_value=1, max_value=MAX_BATCH, step=1)
    bound(page, st.slider, "steps", "Steps", int, min_value=1, max_value=MAX_STEPS, step=1)


def _pick(page: Page, position: int) -> None:
    page.update(image=position)


def image_picker(page: Page, w: WorkedDigits) -> None:
    """The test image: its number, or one of two the model finds hard."""
    bound(page, st.number_input, "image", f"Test image (0 to {TEST_IMAGES - 1})", int,
          min_value=0, max_value=TEST_IMAGES - 1, step=1)  # fmt: skip
    st.button(
        "The costliest mistake", key=page.key("pick", "wrong"), on_click=_pick,
        args=(page, w.wrong[0] if w.wrong else w.position), disabled=not w.wrong,
        width="stretch", icon=":material/error:",
    )  # fmt: skip
    st.button(
        "The least certain", key=page.key("pick", "unsure"), on_click=_pick,
        args=(page, w.unsure), width="stretch", icon=":material/help:",
    )  # fmt: skip


def drawing_of(sent) -> tuple[float, ...] | None:
    """A drawing the browser sent (64 pixels, each 0 or 1), or None for anything else."""
    if type(sent) is not list or len(sent) != PIXELS:
        return None
    if not all(type(v) in (int, float) and v in (0, 1) for v in sent):
        return None
    return tuple(float(v) for v in sent)


def _drawn(page: Page) -> None:
    """A stroke ended: the browser's drawing becomes the state's (before the run draws it)."""
    sent = (page.value("draw") or {}).get("drawn")
    pixels = drawing_of(sent)
    if pixels is not None and pixels != page.state.drawing:
        page.update(drawing=pixels)


def _clear(page: Page) -> None:
    page.update(drawing=BLANK)


def drawing_grid(page: Page) -> None:
    """The 8 x 8 drawing grid (the page's component: mouse, touch and keys), and Clear."""
    spec = {"page": page.name, "pixels": list(page.state.drawing), "side": 8}
    charts.send("draw", page.key("draw"), spec, on_drawn_change=lambda: _drawn(page))
    st.button("Clear", key=page.key("clear"), on_click=_clear, args=(page,),
              disabled=page.state.drawing == BLANK, icon=":material/ink_eraser:")  # fmt: skip


# --- what the page's charts and headline numbers show ---------------------------------------


def view(state: DigitsState, w: WorkedDigits | None = None) -> dict:
    """The digits page's charts and headline numbers for ``state``."""
    w = w or state.worked()
    m, s = w.model, w.shown
    shown = {
        "headline": [
            ("test accuracy", f"{m.test_accuracy:.1%}", f"Of the {len(m.test)} test images."),
            (f"test loss ({state.unit})", plain(float(w.losses.mean())), "Mean over them."),
            ("this image's digit", str(s.label), None),
            ("predicted", str(s.predicted), None),
            (f"its loss ({state.unit})", plain(s.loss), "−log q of its digit."),
        ],
        "image": figures.image_figure(s.pixels, f"Test image {w.position}: {a_number(s.label)}"),
        "logits": figures.logits_figure(s.z, s.predicted),
        "q": figures.q_figure(s.q, s.label),
        "gradient": figures.gradient_figure(s.gradient, state.unit),
        "curves": figures.curves_figure(m.train_losses, m.test_losses, "nats"),
        "confusion": figures.confusion_figure(m.confusion),
        "templates": figures.templates_figure(m.params.W),
    }
    if w.drawing is not None:
        shown["drawn_logits"] = figures.logits_figure(w.drawing.z, w.drawing.predicted)
        shown["drawn_q"] = figures.q_figure(w.drawing.q, None)
    return shown
