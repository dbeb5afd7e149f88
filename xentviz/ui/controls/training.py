"""The training page's controls: the data set, the run's settings, and the player that steps
through a run (run and stop, one step, back to step 0, the step slider), each bound to a field
of the page's state (see :mod:`xentviz.ui.session`).

A run is computed by the core in full (:meth:`TrainingState.run`, kept for its settings); the
player shows it step by step. Run sends the browser the page's charts and numbers at each step
it will show, a few steps apart (:func:`.live.play`), and the browser draws them one after the
other every :data:`TICK` seconds with no run of the server between two frames; at the last step,
or on Stop, it tells the server the step shown, and the server's one run draws it still.

A run playing and a run still draw the same elements in the same places (the buttons' labels
and what is disabled change, and what the frames do not draw is dimmed by the browser): an
element that came or went would make the browser build the charts after it afresh, and the page
would jump while they are empty.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from ...figures import training as training_figures
from ...lesson import training as text
from ...lesson.numbers import plain
from ...state.training import (
    HELD_OUT,
    MAX_POINTS,
    MAX_STEPS,
    NOISE_LIMIT,
    RATE_LIMIT,
    TrainingState,
)
from ...worked.training import WorkedTraining
from .. import charts, live
from ..session import Page
from ..widgets import bound

__all__ = [
    "view", "TILE", "TICK", "FRAMES", "data_controls", "run_controls", "playing", "buttons",
    "step_slider", "sentence", "player", "arrive", "stride", "frames",
]  # fmt: skip

#: Steps in a tile of the step slider's live preview: a step's views cost the server about 5 ms
#: (the regions map), so a tile about 100 ms cold.
TILE = 20
TICK = 0.03  #: seconds between two frames of a playing run (at most 33 a second)
FRAMES = 60  #: a run plays in about this many frames, whatever its length


def stride(steps: int) -> int:
    """Steps a frame moves on, so that a run of ``steps`` plays in about :data:`FRAMES`."""
    return max(1, math.ceil(steps / FRAMES))


def data_controls(page: Page) -> None:
    st.header("Data")
    bound(page, st.number_input, "seed", "Seed (data, first weights, batches)", int,
          min_value=0, max_value=9999, step=1)  # fmt: skip
    bound(page, st.select_slider, "n_classes", "Classes (blobs)", int, options=(3, 4, 5))
    bound(page, st.slider, "noise", "Noise (spread of each blob)", float,
          min_value=0.0, max_value=NOISE_LIMIT, step=0.1)  # fmt: skip
    bound(page, st.slider, "points", "Points", int, min_value=30, max_value=MAX_POINTS, step=10)


def run_controls(page: Page) -> None:
    st.header("Training")
    bound(page, st.number_input, "rate", "Learning rate", float,
          min_value=0.001, max_value=RATE_LIMIT, step=0.1, format="%.3f")  # fmt: skip
    bound(page, st.slider, "batch", "Batch size", int,
          min_value=1, max_value=page.state.points, step=1)  # fmt: skip
    bound(page, st.slider, "steps", "Steps", int, min_value=1, max_value=MAX_STEPS, step=1)


def _go(page: Page, at: int) -> None:
    page.update(at=at)


def _play(page: Page) -> None:
    if page.state.at >= page.state.steps:  # at the end: play it again from the start
        page.update(at=0)
    page.put(True, "playing")


def _stop(page: Page) -> None:
    """Stop, when the browser did not stop the run itself (it tells the step it showed)."""
    page.forget("playing")


def frames(state: TrainingState) -> np.ndarray:
    """The steps a run played from the step shown shows: every :func:`stride` steps, and the
    last."""
    ahead = np.arange(state.at + stride(state.steps), state.steps, stride(state.steps))
    return np.append(ahead, state.steps).astype(float)


def _played(state: TrainingState) -> dict:
    """What a run shows at each frame: the page's views but the one point's (drawn when it
    stops)."""
    return {name: shown for name, shown in view(state).items() if name != "point"}


def playing(page: Page) -> bool:
    """Whether a run plays (Run pressed, and the step shown not yet the last)."""
    return bool(page.value("playing")) and page.state.at < page.state.steps


def buttons(page: Page, playing: bool) -> None:
    """Run (Stop while a run plays, Replay at the end), one step, and back to step 0, in a row
    (on a phone too). Run and Stop are one button, keyed alike: a click keeps the page where
    it is and the keyboard's focus on the button, and the same press stops what it started."""
    state = page.state
    with st.container(horizontal=True, key=page.key("player")):
        if playing:
            st.button("Stop", key=page.key("run"), on_click=_stop, args=(page,), type="primary",
                      icon=":material/stop:")  # fmt: skip
        else:
            st.button(
                "Run" if state.at < state.steps else "Replay", key=page.key("run"),
                on_click=_play, args=(page,), type="primary",
                icon=":material/play_arrow:" if state.at < state.steps else ":material/replay:",
            )  # fmt: skip
        st.button(
            "One step", key=page.key("one"), on_click=_go, args=(page, state.at + 1),
            disabled=playing or state.at >= state.steps, icon=":material/skip_next:",
        )  # fmt: skip
        st.button(
            "Back to step 0", key=page.key("reset"), on_click=_go, args=(page, 0),
            disabled=playing or state.at == 0, icon=":material/first_page:",
        )  # fmt: skip


def step_slider(page: Page, playing: bool) -> None:
    """The step shown, to drag through the run (its drag previews each step; still while a
    run plays, whose frames the headline's step follows)."""
    bound(page, st.slider, "at", "Step shown (drag to rewind and replay)", int,
          min_value=0, max_value=page.state.steps, step=1, disabled=playing)  # fmt: skip


def sentence(page: Page, name: str, said: str) -> None:
    """A sentence about the step shown (``said``), as plain text, which a run's frames and the
    step slider's preview update as the page's view ``name``."""
    charts.send("sentence", page.key("sentence", name),
                {"text": said, "page": page.name, "name": name})  # fmt: skip


def player(page: Page, playing: bool) -> None:
    """After the page is drawn: while a run plays, its frames, played by the browser (drawn
    last in the lesson, where nothing follows it, so a run starting or stopping moves nothing
    on the page); else the step slider's live preview. The step the browser reports it
    stopped at is then drawn still."""
    scope = page.key("lesson")
    if not playing:
        page.forget("playing")
        live.watch(page, {"at": [(0, page.state.steps, 1)]}, view, scope, tile=TILE)
        return
    reached = live.play(page, "at", frames(page.state), _played, scope, page.key("run"), TICK)
    if reached is not None:  # the browser stopped: the step it showed, drawn still next run
        page.put(int(reached), "reached")
        page.forget("playing")
        st.rerun()


def arrive(page: Page) -> None:
    """The step a run stopped at (:func:`player`) made the step shown: first thing in the
    lesson, before the widgets that show it (the step slider, the quiz on that step) are
    drawn."""
    reached = page.value("reached")
    if reached is not None:
        page.forget("reached")
        page.update(at=reached)


# --- what the page's charts and headline numbers show -------------------------------------


def view(state: TrainingState, w: WorkedTraining | None = None, data=None) -> dict:
    """The training page's charts and headline numbers at the step shown (``data``: the state's
    data set, if already at hand)."""
    w = w or state.worked()
    X, y = data if data is not None else state.data()
    return {
        "summary": text.run_summary(state, w),
        "headline": [
            ("step", f"{state.at} / {state.steps}", None),
            (f"mean loss ({state.unit})", plain(w.loss), "over every point"),
            (
                "accuracy (training points)",
                f"{w.accuracy:.1%}",
                "The share of the points it trains on whose most probable class is their own.",
            ),
            (
                f"accuracy ({HELD_OUT} held-out points)",
                f"{w.held_out_accuracy:.1%}",
                "The same on points from the same blobs that training never saw (drawn with "
                "the same Seed): what the model does on new data.",
            ),
        ],
        "regions": training_figures.regions_figure(
            *w.grid, w.regions, X, y, state.point, state.n_classes
        ),
        "curve": training_figures.loss_curve_figure(w.losses, state.at, state.unit),
        "point": training_figures.point_figure(
            state.n_classes, w.point.q, w.point.dz, state.unit, base=state.core_base
        ),
    }
