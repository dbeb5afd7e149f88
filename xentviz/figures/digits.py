"""The digits page's charts: an image, its logits and q beside the target, the loss curves of
training and test images, the confusion matrix and the class templates (the rows of W). Each
draws the numbers of a worked object (:mod:`xentviz.worked.digits`) as they are; nothing is
recomputed here.
"""

from __future__ import annotations

import numpy as np

from .style import COLOURS, DIVERGING, bar, figure, layout, line, numeric

__all__ = [
    "DIGITS", "image_figure", "logits_figure", "q_figure", "gradient_figure", "curves_figure",
    "confusion_figure", "templates_figure",
]  # fmt: skip

DIGITS = [str(d) for d in range(10)]
#: Below this a q or a gradient prints in the short scientific form ("3.1e-4", "≈0"): one
#: chart never mixes "0.001", "0.0003" and "3.075e-6".
SMALL = 0.01
_INK = [[0.0, "#FFFFFF"], [1.0, "#000000"]]  # pixel value 0 white, 1 black, as on paper


def _square(spec: dict, side: int) -> dict:
    """Axes for an image of ``side`` x ``side`` pixels: row 0 on top, square pixels."""
    spec["xaxis"] = {"visible": False, "range": [-0.5, side - 0.5], "fixedrange": True,
                     "constrain": "domain"}  # fmt: skip
    spec["yaxis"] = {"visible": False, "range": [side - 0.5, -0.5], "fixedrange": True,
                     "scaleanchor": "x", "constrain": "domain"}  # fmt: skip
    return spec


def image_figure(pixels, title: str, side: int = 8) -> dict:
    """An image of ``side`` x ``side`` pixels (values in [0, 1], row by row), ink black."""
    z = np.asarray(pixels, dtype=float).reshape(side, side).tolist()
    data = [
        {"type": "heatmap", "x": list(range(side)), "y": list(range(side)), "z": z,
         "zmin": 0.0, "zmax": 1.0, "colorscale": _INK,
         "showscale": False, "name": "pixels", "xgap": 1, "ygap": 1,
         "hovertemplate": "row %{y}, column %{x}: %{z:.2f}<extra>pixel</extra>"}
    ]  # fmt: skip
    spec = _square(layout(title, "", DIGITS), side)
    spec["height"] = 300
    spec["showlegend"] = False
    return figure({"data": data, "layout": spec})


def logits_figure(z, predicted: int) -> dict:
    """The ten logits z = Wx + b, the predicted class's marked in the model's colour."""
    colours = [COLOURS["model"] if d == predicted else COLOURS["logit"] for d in range(10)]
    trace = bar("z", DIGITS, z, ".2f", COLOURS["logit"])
    trace["marker"] = {"color": colours}
    # room past the longest bar for its value on end (five characters: "-6.56"), however short
    # the plot (presenter mode's is about 260 px): 1.25 times left "-6.56" over the tick "5"
    reach = max(1.0, *(abs(float(v)) for v in z)) * 1.6
    spec = layout("Logits z = Wx + b", "logit (unitless)", DIGITS, y_range=[-reach, reach],
                  x_title="digit")  # fmt: skip
    spec["showlegend"] = False
    return figure({"data": [trace], "layout": spec})


def q_figure(q, label: int | None) -> dict:
    """q = softmax(z) beside the target p (one-hot at ``label``; none for a drawing)."""
    data = [bar("q = softmax (model)", DIGITS, q, ".3f", "model", exact=False, small=SMALL)]
    if label is not None:
        p = [1.0 if d == label else 0.0 for d in range(10)]
        data.append(bar("p (target)", DIGITS, p, ".0f", "target", labels=False))
    spec = layout("Prediction q and target p", "probability", DIGITS, y_range=[0, 1.3],
                  x_title="digit")  # fmt: skip
    spec["barmode"] = "group"
    return figure({"data": data, "layout": spec})


def gradient_figure(gradient, unit: str) -> dict:
    """The gradient of the image's loss with respect to its logits, (q − p)/ln b, digit by
    digit, in the colours of its sign as on every page."""
    g = [float(v) for v in gradient]
    data = [
        bar(f"< 0: descent raises z ({unit})", DIGITS, [min(v, 0.0) for v in g], "+.3f", "raise",
            hide_zero=[v >= 0 for v in g], small=SMALL),
        bar(f"≥ 0: descent lowers z ({unit})", DIGITS, [max(v, 0.0) for v in g], "+.3f",
            "lower", hide_zero=[v < 0 for v in g], small=SMALL),
    ]  # fmt: skip
    reach = max(1.0, *(abs(v) for v in g)) * 1.3
    spec = layout(f"Gradient (q − p)/ln b ({unit} per unit logit)", "∂L/∂z", DIGITS,
                  y_range=[-reach, reach], x_title="digit")  # fmt: skip
    spec["barmode"] = "relative"
    return figure({"data": data, "layout": spec})


def curves_figure(train_losses, test_losses, unit: str) -> dict:
    """The mean loss over the training images and over the test images after each step."""
    steps = np.arange(len(train_losses))
    data = [
        line("training images", steps, train_losses, "loss"),
        line("test images (never trained on)", steps, test_losses, "model", dash="dash"),
    ]
    spec = layout("Mean loss, step by step", f"loss ({unit})", ["x"], x_title="step")
    top = float(max(np.max(train_losses), np.max(test_losses))) * 1.08
    spec = numeric(spec, [0, max(1, len(steps) - 1)], [0, top])
    return figure({"data": data, "layout": spec})


def confusion_figure(confusion) -> dict:
    """The test images by true digit (rows) and predicted digit (columns), counts printed."""
    counts = np.asarray(confusion, dtype=int)
    data = [
        {"type": "heatmap", "x": DIGITS, "y": DIGITS, "z": counts.tolist(),
         "text": [[str(c) for c in row] for row in counts], "texttemplate": "%{text}",
         "colorscale": [[0.0, "#FFFFFF"], [1.0, COLOURS["model"]]], "showscale": False,
         "name": "test images",
         "hovertemplate": "true %{y}, predicted %{x}: %{z} images<extra></extra>"}
    ]  # fmt: skip
    spec = layout("Confusion matrix (test images)", "true digit", DIGITS,
                  x_title="predicted digit")  # fmt: skip
    spec["yaxis"] |= {"type": "category", "autorange": "reversed"}
    spec["height"] = 420
    return figure({"data": data, "layout": spec})


def templates_figure(W, side: int = 8) -> dict:
    """Each digit's row of W as an image (its template): positive weights pull the logit up
    where the image has ink, negative ones down. One colour scale, centred on 0, for all ten."""
    W = np.asarray(W, dtype=float)
    reach = float(np.max(np.abs(W))) or 1.0
    data, spec = [], layout("Templates: each digit's row of W", "", DIGITS)
    spec["showlegend"] = False
    spec["height"] = 520
    spec["margin"] = {**spec["margin"], "l": 10, "r": 10, "b": 90}
    for d in range(10):
        axis = "" if d == 0 else str(d + 1)
        row, col = divmod(d, 5)
        data.append(
            {"type": "heatmap", "x": list(range(side)), "y": list(range(side)),
             "z": W[d].reshape(side, side).tolist(), "zmin": -reach,
             "zmax": reach, "colorscale": DIVERGING, "showscale": d == 0, "name": f"digit {d}",
             "xaxis": f"x{axis}", "yaxis": f"y{axis}",
             "hovertemplate": "row %{y}, column %{x}: %{z:.3f}<extra>W, digit " + str(d)
                              + "</extra>"}
        )  # fmt: skip
        x_domain = [col / 5 + 0.01, (col + 1) / 5 - 0.01]
        y_domain = [0.5 + 0.02, 0.94] if row == 0 else [0.0, 0.42]
        spec[f"xaxis{axis}"] = {"visible": False, "range": [-0.5, side - 0.5], "fixedrange": True,
                                "domain": x_domain, "anchor": f"y{axis}"}  # fmt: skip
        spec[f"yaxis{axis}"] = {"visible": False, "range": [side - 0.5, -0.5], "fixedrange": True,
                                "domain": y_domain, "anchor": f"x{axis}",
                                # square pixels, the image shrunk to fit its cell
                                "scaleanchor": f"x{axis}", "constrain": "domain",
                                "constraintoward": "top"}  # fmt: skip
        spec[f"xaxis{axis}"]["constrain"] = "domain"
        spec.setdefault("annotations", []).append(
            {"text": str(d), "x": (x_domain[0] + x_domain[1]) / 2, "xref": "paper",
             "y": y_domain[1], "yref": "paper", "yanchor": "bottom", "showarrow": False}
        )  # fmt: skip
    # one colour scale for all ten, under them, across
    data[0]["colorbar"] = {
        "title": {"text": "weight (pulls the logit up where there is ink: +)", "side": "top"},
        "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.06, "yanchor": "top",
        "thickness": 14, "len": 1,
    }  # fmt: skip
    return figure({"data": data, "layout": spec})
