"""The encoding page's charts: softmax beside the standard normalisation, and softmax after a
shift and after a scale of the logits. All are model outputs, so all share the model's colour;
a pattern tells them apart."""

from __future__ import annotations

import numpy as np

from .style import bar, figure, layout, names

__all__ = ["normalisations_figure", "shift_and_scale_figure"]


def _patterned(trace: dict, shape: str) -> dict:
    trace["marker"] = {**trace["marker"], "pattern": {"shape": shape}}
    return trace


def normalisations_figure(classes, q: np.ndarray, ratio: np.ndarray | None) -> dict:
    """softmax(z) beside z / sum z (when it is defined), one pair per class; the axis reaches
    below 0 when a "probability" of the standard normalisation does."""
    x = names(classes)
    data = [bar("softmax(z)", x, q, ".3f", "model")]
    low, high = 0.0, 1.0
    if ratio is not None:
        data.append(_patterned(bar("z / Σz", x, ratio, ".3f", "model"), "/"))
        low, high = min(0.0, float(np.min(ratio))), max(1.0, float(np.max(ratio)))
    return figure(
        {
            "data": data,
            "layout": layout(
                "Softmax against the standard normalisation",
                "value",
                classes,
                y_range=[low * 1.3, high * 1.45],
                barmode="group",
            ),
        }
    )


def shift_and_scale_figure(
    classes, q: np.ndarray, shifted: np.ndarray, scaled: np.ndarray, shift: float, scale: float
) -> dict:
    """softmax(z), softmax(z + c) and softmax(a z), one group per class."""
    x = names(classes)
    data = [
        bar("softmax(z)", x, q, ".3f", "model"),
        # the same values as softmax(z), printed too: that they are the same is the point
        _patterned(bar(f"softmax(z + {shift:g})", x, shifted, ".3f", "model"), "."),
        _patterned(bar(f"softmax({scale:g} z)", x, scaled, ".3f", "model"), "x"),
    ]
    return figure(
        {
            "data": data,
            "layout": layout(
                "Adding to every logit, and multiplying",
                "probability",
                classes,
                y_range=[0, 1.45],
                barmode="group",
            ),
        }
    )
