"""The Playground's own part of the interface: what its four charts and headline numbers show
for a state, drawn alike by the page and by the live preview of a dragged logit."""

from __future__ import annotations

from ... import figures
from ...lesson import playground as notices
from ...state import LOGIT_SPAN, PlaygroundState
from ...worked.playground import WorkedExample

__all__ = ["view", "TILE"]


# --- what the page's charts and headline numbers show -------------------------------------

#: Positions in a tile of the page's live preview (:mod:`..live`): see
#: ``python benchmarks/bench_hall.py --tiles`` for what a tile costs.
TILE = 100


def view(state: PlaygroundState, w: WorkedExample | None = None) -> dict:
    """The Playground's four charts and headline numbers (``w``: the state's worked example,
    if already at hand)."""
    w = w or state.worked()  # every number below comes from here
    classes, unit = state.classes, state.unit
    return {
        "q": figures.probabilities_figure(classes, w),
        "logits": figures.logits_figure(classes, w, span=LOGIT_SPAN),
        "loss": figures.contributions_figure(classes, w, unit),
        "gradient": figures.gradient_figure(classes, w, unit, state.log_base.gradient()),
        "headline": notices.headline(state, w),
    }
