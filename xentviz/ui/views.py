"""What each page's charts and headline numbers show for a state, by the names they are drawn
under: what the page draws, and what the live preview of a dragged slider shows at each of its
positions (:mod:`.live`). One function per page, so the two can never differ.
"""

from __future__ import annotations

from .. import figures
from ..figures import binary as binary_figures
from ..figures import encoding as encoding_figures
from ..lesson import binary as binary_text
from ..lesson import notices
from ..state import LOGIT_SLIDER, BinaryState, EncodingState, PlaygroundState
from ..worked_binary import BinaryWorked
from ..worked_encoding import EncodingWorked
from ..worked_example import WorkedExample

__all__ = ["playground", "binary", "encoding"]


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


def binary(state: BinaryState, w: BinaryWorked | None = None) -> dict:
    """The binary page's charts and the numbers of its two-class softmax."""
    w = w or state.worked()
    base, unit = state.core_base, state.unit
    return {
        "by_p": binary_figures.probability_curves_figure(
            w.p, state.t, w.loss, base, unit, state.z, span=LOGIT_SLIDER
        ),
        "by_z": binary_figures.logit_curves_figure(
            state.z, state.t, w.loss, w.grad, base, unit, span=LOGIT_SLIDER
        ),
        "two_classes": binary_text.two_classes(state, w),
        "sigmoids": binary_figures.outputs_figure(
            state.classes, w.sigmoids, state.labels, "Sigmoids σ(z_k)", "σ(z_k)"
        ),
        "softmax": binary_figures.outputs_figure(
            state.classes, w.multi.q, None, "Softmax(z)", "softmax"
        ),
    }


def encoding(state: EncodingState, w: EncodingWorked | None = None) -> dict:
    """The encodings page's two charts: softmax against z / sum z, and a shift and a scale."""
    w = w or state.worked()
    return {
        "ratio": encoding_figures.normalisations_figure(state.classes, w.example.q, w.ratio),
        "moves": encoding_figures.shift_and_scale_figure(
            state.classes, w.example.q, w.shifted, w.scaled, state.shift, state.scale
        ),
    }
