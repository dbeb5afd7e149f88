"""The Playground's four bar charts, one value per class: logits, q beside p, the loss per
class and the gradient. Each takes the class names and the core's worked example and draws its
numbers as they are; nothing is recomputed here.

The axes keep their scale from state to state, a teaching choice: a bar that grows is a number
that grew. Probabilities run from 0 to 1; logits over the sliders' range, whatever the
temperature, with z / T beside z, so T visibly stretches (T < 1) or squashes (T > 1) what the
softmax compares; the loss up to that of a true class given q_y = :data:`LOSS_AXIS_Q`, so a
confident mistake looks large; the gradient over +-1/ln b, the most a component can be at
T = 1, so the gradient's shrinking by 1/T shows as shorter bars. An axis stretches only to show
a value beyond it.
"""

from __future__ import annotations

import math

import numpy as np

from ..worked import LOGIT_SPAN
from ..worked.playground import WorkedExample
from .style import COLOURS, PROBABILITY_TICKS, bar, figure, layout, names, rotated

__all__ = [
    "LOSS_AXIS_Q",
    "logits_figure",
    "probabilities_figure",
    "contributions_figure",
    "gradient_figure",
]

LOSS_AXIS_Q = 0.001  #: the loss axis reaches -log of this, whatever the state


def _reach(values, at_least: float, classes) -> float:
    """How far an axis reaches: ``at_least``, or further to show every value, with room above
    the tallest bar for its printed value (more when values stand on end)."""
    biggest = float(np.max(np.abs(values))) if len(values) else 0.0
    # values on end stand taller than a row of text: room for "−1.000" below the lowest bar,
    # and for "−20000.00" (a logit of 1000 at T = 0.05)
    upright = 2.4 if biggest >= 1000 else 1.6
    return max(at_least, biggest) * (upright if rotated(classes) else 1.15)


def logits_figure(classes, w: WorkedExample, span: float = LOGIT_SPAN) -> dict:
    """Bars of the logits z, and beside them z / T when T != 1 (what the softmax compares), on
    an axis reaching +-``span`` (the sliders' range) whatever T, stretched only to show a
    value beyond it: at T = 20 the z / T bars are a twentieth of the z bars, at T = 0.05
    twenty times taller."""
    x = names(classes)
    if w.temperature == 1.0:
        title, data, values = "Logits z", [bar("z", x, w.logits, ".2f", "logit")], w.logits
    else:
        title = f"Logits z and z / T (T = {w.temperature:g})"
        z = bar("z", x, w.logits, ".2f", "logit", labels=False)
        z["marker"] |= {"opacity": 0.35}
        data = [z, bar("z / T", x, w.scaled, ".2f", "logit")]
        values = np.concatenate([w.logits, w.scaled])
    reach = _reach(values, span, classes)
    return figure(
        {
            "data": data,
            "layout": layout(
                title,
                "logit (unitless)",
                classes,
                y_range=[-reach, reach],
                showlegend=w.temperature != 1.0,
                barmode="group",
            ),
        }
    )


#: How far above the taller of q and p the "predicted" mark stands, in probability: clear of
#: the value printed above q's bar (taller when values stand on end).
MARK_ABOVE, MARK_ABOVE_ROTATED = 0.2, 0.45


def probabilities_figure(classes, w: WorkedExample) -> dict:
    """Softmax output q beside the target p, grouped per class; the predicted class marked
    (every tied class, when the largest logit is shared). Only q's bars carry their values.

    The mark is a trace (a triangle and its word over each marked class, nothing over the
    others), not a layout annotation: from state to state only the data changes, which the
    browser redraws in a frame, where a changed layout costs a full redraw."""
    x = names(classes)
    tie = len(w.tied) > 1
    # q's values stand on end, as with many classes: level, "0.775" over a phone's 22 px bar
    # ran into the taller p bar beside it, which hid its last digit
    above = MARK_ABOVE_ROTATED
    marked = [float(max(w.q[k], w.p[k])) + above if k in w.tied else None for k in range(len(x))]
    mark = {
        "type": "scatter",
        "name": "tied" if tie else "predicted",
        "x": x,
        "y": marked,
        "mode": "markers+text",
        # the word once when classes stand close (on end): "tied" over each would overlap
        "text": [
            ("tied" if tie else "predicted")
            if y is not None and (not rotated(classes) or k == min(w.tied))
            else ""
            for k, y in enumerate(marked)
        ],
        "textposition": "top center",
        "marker": {"symbol": "triangle-down", "size": 11, "color": COLOURS["model"]},
        "hoverinfo": "skip",
        "showlegend": False,
        "cliponaxis": False,
    }
    spec = layout(
        "Prediction q and target p", "probability", classes,
        y_range=[0, 1.7], barmode="group",
    )  # fmt: skip
    spec["yaxis"] |= PROBABILITY_TICKS
    return figure(
        {
            "data": [
                # q is positive in exact arithmetic: a q of 0 has underflowed.
                bar("q = softmax (model)", x, w.q, ".3f", "model", exact=False, on_end=True),
                bar("p (target)", x, w.p, ".3f", "target", labels=False),
                mark,
            ],
            "layout": spec,
        }
    )


def contributions_figure(classes, w: WorkedExample, unit: str) -> dict:
    """Each class's share -p_i log q_i of the loss: with a one-hot p only the true class
    counts. The axis reaches at least -log :data:`LOSS_AXIS_Q` in ``unit``."""
    base_log = 1.0 if w.base is None else math.log(w.base)
    top = _reach(w.contributions, -math.log(LOSS_AXIS_Q) / base_log, classes)
    return figure(
        {
            "data": [
                bar("−p_i log q_i", names(classes), w.contributions, ".4f", "loss", exact=w.p == 0)
            ],
            "layout": layout(
                f"Loss per class, −p<sub>i</sub> log q<sub>i</sub> ({unit})",
                f"loss ({unit})",
                classes,
                y_range=[0, top],
                showlegend=False,
            ),
        }
    )


def gradient_figure(classes, w: WorkedExample, unit: str, formula: str) -> dict:
    """Gradient bars dL/dz_i (``formula``, in ``unit`` per unit logit), one colour per sign.
    The axis spans +-1/ln b, the most a component can be at T = 1 (stretched only to show a
    larger one, at T < 1), so a higher T shows as shorter bars. (Their sum, 0 up to rounding, is
    in the text beside the chart, not under its axis: a layout that changes with every state
    costs the browser a full redraw.)

    Negative components are logits gradient descent raises; positive ones it lowers.
    """
    x, g = names(classes), w.grad
    base_log = 1.0 if w.base is None else math.log(w.base)
    reach = _reach(g, 1.0 / base_log, classes)
    return figure(
        {
            "data": [
                bar(
                    "< 0: descent raises z_i",
                    x,
                    np.where(g < 0, g, 0.0),
                    "+.3f",
                    "raise",
                    hide_zero=g >= 0,
                ),
                bar(
                    "≥ 0: descent lowers z_i",
                    x,
                    np.where(g >= 0, g, 0.0),
                    "+.3f",
                    "lower",
                    hide_zero=g < 0,
                    exact=False,  # a component that computes as 0 is printed so, not as 0
                ),
            ],
            "layout": layout(
                f"Gradient {formula}",
                f"∂L/∂z ({unit} per unit logit)",
                classes,
                y_range=[-reach, reach],
                barmode="relative",
            ),
        }
    )
