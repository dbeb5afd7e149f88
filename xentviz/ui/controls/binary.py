"""The binary page's controls: the setting, one example's logit and target, a small batch of
(t, p), and a label per class; each bound to a field of the page's state (see
:mod:`xentviz.ui.session`).
"""

from __future__ import annotations

import streamlit as st

from ...figures import binary as binary_figures
from ...lesson import binary as binary_text
from ...lesson.binary import ROWS
from ...lesson.markup import as_text
from ...state import LOGIT_SPAN, LOGIT_STEP, BinaryState
from ...state.binary import MAX_BATCH, SETTINGS
from ...worked.binary import BinaryWorked
from ..session import Page
from ..widgets import add_remove, bound, grid, slider

__all__ = ["view", "TILE", "setting", "example", "batch_editor", "label_boxes"]


def setting(page: Page) -> None:
    bound(
        page,
        st.radio,
        "setting",
        "Problem (a row of the table)",
        options=SETTINGS,
        format_func=lambda key: ROWS[key][0],
        horizontal=True,
    )


def example(page: Page, span: float = LOGIT_SPAN) -> tuple[float, float]:
    """One example: its logit z (a slider over +-10, wider to hold a value from a link) and
    its target t. The z slider's range."""
    z, t = st.columns([3, 1])
    with z:
        z_range = slider(page, "z", "Logit z", (-span, span), LOGIT_STEP)
    with t:
        bound(page, st.radio, "t", "Target t", int, options=(1, 0), horizontal=True)
    return z_range


def _edit(page: Page, field: str, i: int) -> None:
    key = page.key(field, i)
    values = list(getattr(page.state, field))
    try:
        values[i] = float(page.value(field, i))
        page.update(source=key, **{field: tuple(values)})
    except (ValueError, TypeError) as err:
        page.refuse(key, ValueError(str(err)))


def _batch(page: Page, n: int) -> None:
    state = page.state
    ts = (*state.ts[:n], *(1.0,) * (n - len(state.ts)))
    ps = (*state.ps[:n], *(0.5,) * (n - len(state.ps)))
    page.update(ts=ts, ps=ps)


def batch_editor(page: Page) -> None:
    """Each example of the batch: a box for t_j = 1 and p_j; add and remove examples."""
    state = page.state
    for j, column in grid(len(state.ts), 4):
        with column:
            st.checkbox(  # the label says the value: an unticked box is t = 0
                f"example {j + 1}: t = {int(state.ts[j])}",
                key=page.bind(bool(state.ts[j]), "ts", j),
                on_change=_edit,
                args=(page, "ts", j),
            )
            st.number_input(
                f"example {j + 1}: p",
                min_value=0.0,
                max_value=1.0,
                step=0.05,
                format="%.3f",
                key=page.bind(state.ps[j], "ps", j),
                on_change=_edit,
                args=(page, "ps", j),
            )
    add_remove(page, "an example", len(state.ts), (1, MAX_BATCH), _batch)


def label_boxes(page: Page) -> None:
    """One box per class: is it in the picture (multi-label target 1)?"""
    state = page.state
    for i, column in grid(len(state.classes), 4):
        column.checkbox(
            as_text(state.classes[i]),
            key=page.bind(bool(state.labels[i]), "labels", i),
            on_change=_edit,
            args=(page, "labels", i),
        )


# --- what the page's charts and headline numbers show -------------------------------------

#: Positions in a tile of the page's live preview (:mod:`..live`): see
#: ``python benchmarks/bench_hall.py --tiles`` for what a tile costs.
TILE = 32


def view(state: BinaryState, w: BinaryWorked | None = None) -> dict:
    """The binary page's charts and the numbers of its two-class softmax."""
    w = w or state.worked()
    base, unit = state.core_base, state.unit
    against_loss, against_gradient = binary_figures.squared_vs_cross_figures(
        state.z, state.t, w.ce_nats, w.ce_grad_nats, w.mse, w.mse_grad, span=LOGIT_SPAN
    )
    return {
        "by_p": binary_figures.probability_curves_figure(
            w.p, state.t, w.loss, base, unit, state.z, span=LOGIT_SPAN
        ),
        "by_z": binary_figures.logit_curves_figure(
            state.z, state.t, w.loss, w.grad, base, unit, span=LOGIT_SPAN
        ),
        "two_classes": binary_text.two_classes(state, w),
        "sigmoids": binary_figures.outputs_figure(
            state.classes, w.sigmoids, state.labels, "Sigmoids σ(z_k)", "σ(z_k)"
        ),
        "softmax": binary_figures.outputs_figure(
            state.classes, w.multi.q, None, "Softmax(z)", "softmax"
        ),
        "mse_loss": against_loss,
        "mse_gradient": against_gradient,
    }
