"""The Playground's four bar charts, one value per class: logits, q beside p, the loss per
class and the gradient. Each takes the class names and the core's worked example and draws its
numbers as they are; nothing is recomputed here.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..worked_example import WorkedExample
from .style import bar, figure, layout, names

__all__ = ["logits_figure", "probabilities_figure", "contributions_figure", "gradient_figure"]


def logits_figure(classes, w: WorkedExample) -> go.Figure:
    """Bars of the logits z, or of z / T when T != 1 (what the softmax sees)."""
    if w.temperature == 1.0:
        title, trace, y = "Logits z", "z", w.logits
    else:
        title, trace, y = f"Scaled logits z / T (T = {w.temperature:g})", "z / T", w.scaled
    return figure(
        {
            "data": [bar(trace, names(classes), y, ".2f")],
            "layout": layout(title, "logit (unitless)", classes, showlegend=False),
        }
    )


def probabilities_figure(classes, w: WorkedExample) -> go.Figure:
    """Softmax output q beside the target p, grouped per class; the predicted class marked."""
    x, k = names(classes), w.predicted
    marker = {
        "x": x[k],
        "y": float(max(w.q[k], w.p[k])),
        "text": "predicted",
        "showarrow": True,
        "arrowhead": 2,
        "ay": -26,
        "yshift": 18,
    }
    return figure(
        {
            "data": [
                bar("q = softmax (model)", x, w.q, ".3f"),
                bar("p (target)", x, w.p, ".3f"),
            ],
            "layout": layout(
                "Prediction q and target p",
                "probability",
                classes,
                y_range=[0, 1.45],
                barmode="group",
                annotations=[marker],
            ),
        }
    )


def contributions_figure(classes, w: WorkedExample, unit: str) -> go.Figure:
    """Each class's share -p_i log q_i of the loss: with a one-hot p only the true class counts."""
    return figure(
        {
            "data": [bar("-p_i log q_i", names(classes), w.contributions, ".4f")],
            "layout": layout(
                f"Loss per class, −p_i log q_i ({unit})",
                f"loss ({unit})",
                classes,
                showlegend=False,
            ),
        }
    )


def gradient_figure(classes, w: WorkedExample) -> go.Figure:
    """Gradient bars dL/dz_i = (q_i - p_i) / T, one colour per sign; their sum in the title.

    Negative components are logits gradient descent raises; positive ones it lowers.
    """
    x, g = names(classes), w.grad
    return figure(
        {
            "data": [
                bar("< 0: descent raises z_i", x, np.where(g < 0, g, 0.0), "+.3f", hide_zero=True),
                bar("≥ 0: descent lowers z_i", x, np.where(g >= 0, g, 0.0), "+.3f", hide_zero=True),
            ],
            "layout": layout(
                f"Gradient (q − p) / T   (sum = {w.grad_sum:.1g})",
                "∂L/∂z (nats per unit logit)",
                classes,
                barmode="relative",
            ),
        }
    )
