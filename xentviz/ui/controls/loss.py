"""The loss page's controls: the logits of the map, the learning rate, the step buttons, the
temperature marked on the sweep and the stability lab's shift; each bound to a field of the
page's state (see :mod:`xentviz.ui.session`)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from ...core.landscape import gradient_step
from ...figures import loss as loss_figures
from ...lesson.numbers import plain
from ...state import LOGIT_LIMIT
from ...state.fields import refitted
from ...state.loss import MAX_TRAIL, RATE_LIMITS, SHIFT_LIMIT, LossState
from ...worked.loss import SWEEP_T, WorkedLoss
from ..session import Page
from ..widgets import bound

__all__ = [
    "view",
    "TILE",
    "STILL",
    "preview",
    "axes",
    "rate",
    "step_buttons",
    "shift",
    "take_steps",
]


def _axis(page: Page, name: str) -> None:
    """A new logit on an axis of the map: the other axis made to differ, the trail dropped
    (its points were on the old map)."""
    key = page.key(name)
    try:
        page.update(source=key, **refitted(page.state, {name: int(page.value(name)), "trail": ()}))
    except (ValueError, TypeError) as err:
        page.refuse(key, ValueError(str(err)))


def axes(page: Page) -> None:
    """Which logit the 1-D slice and the map's x axis move (i), and the map's y axis (j)."""
    classes = page.state.classes
    left, right = st.columns(2)
    for column, name, label in (
        (left, "i", "Logit along the x axis (and the slice above)"),
        (right, "j", "Logit along the y axis"),
    ):
        options = [k for k in range(len(classes)) if name == "i" or k != page.state.i]
        column.selectbox(
            label,
            options=options,
            format_func=lambda k: classes[k],
            key=page.bind(getattr(page.state, name), name),
            on_change=_axis,
            args=(page, name),
        )


def rate(page: Page) -> None:
    bound(
        page, st.slider, "rate", "Learning rate", float,
        min_value=RATE_LIMITS[0], max_value=RATE_LIMITS[1], step=0.01,
        help="Each step moves the two logits by −rate × their gradient components.",
    )  # fmt: skip


def take_steps(page: Page, n: int) -> None:
    """``n`` gradient steps on the map's two logits, each point left on the trail."""
    state = page.state
    z = np.asarray(state.logits, dtype=float)
    trail = list(state.trail)
    for _ in range(n):
        trail.append((float(z[state.i]), float(z[state.j])))
        z = gradient_step(
            z, state.target, state.rate, only=(state.i, state.j), base=state.core_base
        )
    try:
        page.update(logits=tuple(float(v) for v in z), trail=tuple(trail[-MAX_TRAIL:]))
    except ValueError:  # a step past the logits' limit: not taken
        page.put(f"Not taken: the step would move a logit beyond ±{LOGIT_LIMIT:g}.", "step_error")


def step_buttons(page: Page) -> None:
    """Take one gradient step, ten, or clear the trail."""
    one, ten, clear = st.columns(3)
    one.button(
        "Take a gradient step", key=page.key("step"), on_click=take_steps, args=(page, 1),
        type="primary", width="stretch",
    )  # fmt: skip
    ten.button(
        "Ten steps", key=page.key("steps10"), on_click=take_steps, args=(page, 10),
        width="stretch",
    )  # fmt: skip
    error = page.value("step_error")
    if error:
        st.warning(error, icon=":material/block:")
        page.forget("step_error")
    clear.button(
        "Clear the trail", key=page.key("clear"), on_click=page.update, kwargs={"trail": ()},
        disabled=not page.state.trail, width="stretch",
    )  # fmt: skip


def shift(page: Page) -> None:
    bound(
        page, st.slider, "shift", "Add this to every logit", float,
        min_value=0.0, max_value=SHIFT_LIMIT, step=1.0,
        help="Softmax ignores a shift common to every logit; the naive computation does not.",
    )  # fmt: skip


# --- what the page's charts and headline numbers show -------------------------------------

#: Positions in a tile of the page's live preview (:mod:`..live`): see
#: ``python benchmarks/bench_hall.py --tiles`` for what a tile costs.
TILE = 64


def view(state: LossState, w: WorkedLoss | None = None, full: bool = True) -> dict:
    """The loss page's charts (the simplex only for three classes) and headline numbers;
    without ``full``, all but :data:`STILL`."""
    w = w or state.worked(full)
    classes, unit, y, i, j = state.classes, state.unit, state.target, state.i, state.j
    z = state.logits
    shown = {
        "headline": [
            (f"loss ({unit})", plain(w.loss), "H(p, q) = −log q_y for the one-hot target"),
            ("q of the true class", plain(float(w.q[y])), None),
            (f"after one step ({unit})", plain(w.next_loss), "the loss at the arrow's head"),
        ],
        "by_q": loss_figures.by_q_figure(*w.by_q, float(w.q[y]), w.loss, classes[y], unit),
        "along": loss_figures.along_figure(
            *w.along, z[i], w.loss, float(w.grad[i]), classes[i], unit
        ),
    }
    if not full:
        return shown
    shown |= {
        "map": loss_figures.map_figure(
            w.map, (z[i], z[j]), (w.next_logits[i], w.next_logits[j]), state.trail,
            (classes[i], classes[j]), unit,
        ),
        "sweep": loss_figures.sweep_figure(
            classes, SWEEP_T, w.sweep_q, w.sweep_loss, state.temperature, *w.at_t, y, unit
        ),
    }  # fmt: skip
    if w.simplex is not None:
        shown["simplex"] = loss_figures.simplex_figure(
            classes, *w.simplex, w.q, w.next_q, w.trail_q, unit
        )
    return shown


#: The loss page's views a dragged logit does not preview, dimmed until it is let go: each
#: holds a curve or a surface that every position changes (60 KB to 6 MB a grid).
STILL = ("map", "simplex", "sweep")


def preview(state: LossState) -> dict:
    """The loss page's views that a dragged logit previews: all but :data:`STILL`."""
    return view(state, full=False)
