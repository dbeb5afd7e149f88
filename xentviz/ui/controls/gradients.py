"""The gradients page's own part of the interface: what its three charts and headline numbers
show for a state, drawn alike by the page and by the live preview of a dragged logit."""

from __future__ import annotations

from ...figures import gradients as gradients_figures
from ...lesson import gradients as gradients_text
from ...state.gradients import GradientsState
from ...worked.gradients import WorkedGradients

__all__ = ["view", "TILE"]


# --- what the page's charts and headline numbers show -------------------------------------

#: Positions in a tile of the page's live preview (:mod:`..live`): see
#: ``python benchmarks/bench_hall.py --tiles`` for what a tile costs.
TILE = 48


def view(state: GradientsState, w: WorkedGradients | None = None) -> dict:
    """The gradients page's three charts and headline numbers."""
    w = w or state.worked()
    c = w.chain
    return {
        "headline": gradients_text.headline(state, w),
        "jacobian": gradients_figures.jacobian_figure(state.classes, c.jacobian),
        "graph": gradients_figures.graph_figure(state.classes, state.logits, c),
        "v": gradients_figures.v_figure(w.hs, w.v, state.h, w.at_h),
    }
