"""The training page's charts: a run's decision regions, its loss curve and one point's q and
gradient. Each draws the numbers of a worked object (:mod:`xentviz.worked.training`) as they
are; nothing is recomputed here.
"""

from __future__ import annotations

import math

import numpy as np

from .entropy import KIND_COLOURS
from .style import COLOURS, bar, dot, figure, layout, line, numeric

__all__ = ["regions_figure", "loss_curve_figure", "point_figure"]


def regions_figure(gx, gy, regions, X, y, point: int, k: int) -> dict:
    """The decision regions (the most probable class at each point of the plane), the data
    points coloured by their class, and the point looked at."""
    colours = KIND_COLOURS[:k]
    scale = []
    for c in range(k):
        scale += [[c / k, colours[c]], [(c + 1) / k, colours[c]]]
    data = [
        {"type": "heatmap", "x": [float(v) for v in gx], "y": [float(v) for v in gy],
         "z": np.asarray(regions).tolist(), "zmin": -0.5, "zmax": k - 0.5, "colorscale": scale,
         "opacity": 0.3, "showscale": False, "name": "predicted class",
         "hovertemplate": "x %{x:.2f}, y %{y:.2f}: class %{z}<extra>region</extra>"}
    ]  # fmt: skip
    for c in range(k):
        mine = y == c
        data.append(
            {"type": "scatter", "mode": "markers", "name": f"class {c}",
             "x": X[mine, 0].tolist(), "y": X[mine, 1].tolist(),
             "marker": {"size": 6, "color": colours[c], "line": {"color": "white", "width": 0.5}},
             "hovertemplate": "%{x:.2f}, %{y:.2f}<extra>class " + str(c) + "</extra>"}
        )  # fmt: skip
    data.append(
        {"type": "scatter", "mode": "markers", "name": f"point {point}",
         "x": [float(X[point, 0])], "y": [float(X[point, 1])],
         "marker": {"size": 18, "color": COLOURS["loss"], "symbol": "circle-open",
                    "line": {"width": 3}},
         "hovertemplate": "%{x:.3f}, %{y:.3f}<extra>point " + str(point) + "</extra>"}
    )  # fmt: skip
    spec = layout("Decision regions and the data", "x₂", ["x"], x_title="x₁")
    spec = numeric(spec, [float(gx[0]), float(gx[-1])], [float(gy[0]), float(gy[-1])])
    spec["height"] = 440
    return figure({"data": data, "layout": spec})


def loss_curve_figure(losses, at: int, unit: str) -> dict:
    """The whole data set's mean loss after each step, the step shown marked."""
    steps = np.arange(len(losses))
    spec = layout("Mean loss over the data, step by step", f"loss ({unit})", ["x"], x_title="step")
    top = float(np.max(losses)) * 1.08
    spec = numeric(spec, [0, max(1, len(losses) - 1)], [0, top])
    return figure(
        {
            "data": [
                line("mean loss", steps, losses, "loss"),
                # named alike at every step: a run played redraws no legend (chart.js)
                dot("the step shown", at, float(losses[at]), "model"),
            ],
            "layout": spec,
        }
    )


def point_figure(k: int, q, dz, unit: str, base=None) -> dict:
    """One point's q and its gradient dL/dz = (q - p)/ln b, class by class, each value printed.
    The axis reaches the most a component can be, 1/ln b (1.44 in bits), so no bar is cut."""
    labels = [f"class {c}" for c in range(k)]
    dz = [float(v) for v in dz]
    most = 1.0 if base is None else 1.0 / math.log(base)
    reach = max(1.0, most, *(abs(v) for v in dz)) * 1.3
    spec = layout("The point's q and its gradient ∂L/∂z", "value", labels, y_range=[-reach, reach])
    data = [
        bar("q", labels, q, ".3f", "model", exact=False),
        # the gradient in the colours of its sign, as on every page
        bar(
            f"∂L/∂z < 0: descent raises z ({unit})",
            labels,
            [min(v, 0.0) for v in dz],
            "+.3f",
            "raise",
            hide_zero=[v >= 0 for v in dz],
        ),
        bar(
            f"∂L/∂z ≥ 0: descent lowers z ({unit})",
            labels,
            [max(v, 0.0) for v in dz],
            "+.3f",
            "lower",
            hide_zero=[v < 0 for v in dz],
            exact=False,
        ),
    ]
    # one place beside q for the gradient, whichever its sign (the other sign's bar is 0)
    data[0]["offsetgroup"] = "q"
    data[1]["offsetgroup"] = data[2]["offsetgroup"] = "gradient"
    return figure({"data": data, "layout": spec})
