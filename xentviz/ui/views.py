"""What each page's charts and headline numbers show for a state, by the names they are drawn
under: what the page draws, and what the live preview of a dragged slider shows at each of its
positions (:mod:`.live`). One function per page, so the two can never differ.
"""

from __future__ import annotations

from .. import figures
from ..lesson import notices
from ..state import LOGIT_SLIDER, PlaygroundState
from ..worked_example import WorkedExample

__all__ = ["playground"]


def playground(state: PlaygroundState, w: WorkedExample | None = None) -> dict:
    """The Playground's four charts and headline numbers (``w``: the state's worked example,
    if already at hand)."""
    w = w or state.worked()  # every number below comes from here
    classes, unit = state.classes, state.unit
    return {
        "q": figures.probabilities_figure(classes, w),
        "logits": figures.logits_figure(classes, w, span=LOGIT_SLIDER),
        "loss": figures.contributions_figure(classes, w, unit),
        "gradient": figures.gradient_figure(classes, w, unit, state.log_base.gradient()),
        "headline": notices.headline(state, w),
    }
