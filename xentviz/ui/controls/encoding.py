"""The encoding page's controls: the batch of labels, the second coding, and the shift and
scale of the logits; each bound to a field of the page's state (see :mod:`xentviz.ui.session`)."""

from __future__ import annotations

import streamlit as st

from ...figures import encoding as encoding_figures
from ...lesson.markup import as_text
from ...state import EncodingState
from ...state.encoding import MAX_LABELS
from ...worked.encoding import EncodingWorked
from ..session import Page
from ..widgets import add_remove, grid, slider

__all__ = ["view", "TILE", "label_pickers", "coding", "shift_and_scale"]


def _label(page: Page, j: int) -> None:
    ys = list(page.state.ys)
    ys[j] = int(page.value("ys", j))
    page.update(source=page.key("ys", j), ys=tuple(ys))


def _labels(page: Page, n: int) -> None:
    ys = page.state.ys
    page.update(ys=(*ys[:n], *(0,) * (n - len(ys))))


def label_pickers(page: Page) -> None:
    """One box per label of the batch, and buttons to add and remove a label."""
    state = page.state
    for j, column in grid(len(state.ys), 4):
        column.selectbox(
            f"label {j + 1}",
            range(len(state.classes)),
            format_func=lambda k: state.classes[k],
            key=page.bind(state.ys[j], "ys", j),
            on_change=_label,
            args=(page, j),
        )
    add_remove(page, "a label", len(state.ys), (1, MAX_LABELS), _labels)


def _code(page: Page, k: int) -> None:
    """Class k takes the code picked; the class that had it takes k's old code (a swap)."""
    order = list(page.state.order)
    new = int(page.value("order", k))
    other = order.index(new)
    order[other], order[k] = order[k], new
    page.update(order=tuple(order))


def coding(page: Page) -> None:
    """Coding B: a code for each class; picking a taken code swaps the two."""
    state = page.state
    k = len(state.classes)
    for i, column in grid(k, 6):
        column.selectbox(
            as_text(state.classes[i]),
            range(k),
            key=page.bind(state.order[i], "order", i),
            on_change=_code,
            args=(page, i),
        )


def shift_and_scale(page: Page) -> dict[str, list[tuple[float, float, float]]]:
    """The shift c and the scale a, side by side; their ranges and steps, by field."""
    add, times = st.columns(2)
    with add:
        shift = slider(page, "shift", "Add c to every logit", (-10.0, 10.0), 0.5)
    with times:
        scale = slider(page, "scale", "Multiply every logit by a", (0.05, 5.0), 0.05)
    return {"shift": [(*shift, 0.5)], "scale": [(*scale, 0.05)]}


# --- what the page's charts and headline numbers show -------------------------------------

#: Positions in a tile of the page's live preview (:mod:`..live`): see
#: ``python benchmarks/bench_hall.py --tiles`` for what a tile costs.
TILE = 64


def view(state: EncodingState, w: EncodingWorked | None = None) -> dict:
    """The encodings page's two charts: softmax against z / sum z, and a shift and a scale."""
    w = w or state.worked()
    return {
        "ratio": encoding_figures.normalisations_figure(state.classes, w.example.q, w.ratio),
        "moves": encoding_figures.shift_and_scale_figure(
            state.classes, w.example.q, w.shifted, w.scaled, state.shift, state.scale
        ),
    }
