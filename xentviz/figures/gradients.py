"""The gradients page's charts: the softmax Jacobian, the backward pass as a graph and the
finite-difference V. Each draws the numbers of a worked object (:mod:`xentviz.worked.gradients`)
as they are; nothing is recomputed here.
"""

from __future__ import annotations

import sys

import numpy as np

from ..core.numbers import ABOUT_0, named, plain
from ..core.numbers import label as shown
from .style import COLOURS, DIVERGING, dot, figure, layout, line, log_ticks, names, numeric, wrap

__all__ = ["jacobian_figure", "graph_figure", "v_figure"]


def jacobian_figure(classes, jacobian) -> dict:
    """dq_k/dz_j = q_k (delta_kj - q_j) as an annotated heat map: row k, column j."""
    labels = names(classes)
    J = np.asarray(jacobian, dtype=float)
    # a tenth beyond the largest entry: a round colour-bar tick at the end would meet its title
    reach = 1.1 * max(float(np.max(np.abs(J))), 1e-12)
    # No entry is 0 exactly (every q is positive): a float 0 or a subnormal (a digit or two
    # left) prints "≈0", readable in a cell; a tiny one its digits; each whole on hover.
    fmt = ".3f" if len(labels) <= 6 else ".2f"
    cells = [
        [ABOUT_0 if abs(v) < sys.float_info.min else shown(v, fmt, short=True) for v in row]
        for row in J.tolist()
    ]
    full = [[plain(v) for v in row] for row in J.tolist()]
    spec = layout(
        "The softmax Jacobian ∂q<sub>k</sub>/∂z<sub>j</sub>", "q<sub>k</sub> (row)", labels,
        x_title="z<sub>j</sub> (column)",
    )  # fmt: skip
    spec["yaxis"] |= {"type": "category", "autorange": "reversed"}
    spec["height"] = max(340, 150 + 34 * len(labels))
    return figure(
        {
            "data": [
                {"type": "heatmap", "x": labels, "y": labels, "z": J.tolist(),
                 "colorscale": DIVERGING, "zmin": -reach, "zmax": reach,
                 "text": cells, "texttemplate": "%{text}", "customdata": full,
                 # ticks as the cells print: "1e-17", never plotly's SI "10a" or "1p"
                 "colorbar": {"title": {"text": "∂q/∂z"}, "exponentformat": "e"},
                 "hovertemplate": "∂q %{y} / ∂z %{x}: %{customdata}<extra></extra>"}
            ],
            "layout": spec,
        }
    )  # fmt: skip


_L = 2.4  #: where the loss's node stands (the logits' at 0, q's at 1)


def graph_figure(classes, logits, chain) -> dict:
    """The backward pass as a graph: logits -> softmax -> loss, each node with its forward value
    and, under it, the gradient of the loss with respect to it, starting from dL/dL = 1."""
    labels = names(classes)
    # a long name on lines of its own: the graph's labels fit between its nodes on a phone
    short = [wrap(n, 12) for n in labels]
    k = len(labels)
    ys = np.linspace(1, 0, k) if k > 1 else np.array([0.5])
    edges_x, edges_y = [], []
    for j in range(k):
        for m in range(k):
            edges_x += [0.0, 1.0, None]
            edges_y += [float(ys[j]), float(ys[m]), None]
    y_true = int(np.argmax(chain.p))
    z_text = [
        (f"{short[j]}<br>z = " if "<br>" in short[j] else f"z {short[j]} = ")
        + f"{shown(logits[j], '.3f')}<br>"
        + named("∂L/∂z", shown(chain.gradient[j], "+.4f", exact=False, short=True))
        for j in range(k)
    ]
    faint = "rgba(128,128,128,0.35)"
    data = [
        {"type": "scatter", "mode": "lines", "name": "softmax: every z feeds every q",
         "x": edges_x, "y": edges_y, "line": {"color": faint, "width": 1}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines", "name": "only q of the true class reaches L",
         "x": [1.0, _L], "y": [float(ys[y_true]), 0.5],
         "line": {"color": COLOURS["target"], "width": 3}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers+text", "name": "logits z",
         "x": [0.0] * k, "y": ys.tolist(), "text": z_text, "textposition": "middle left",
         "marker": {"size": 16, "color": COLOURS["logit"]}, "hoverinfo": "text"},
        {"type": "scatter", "mode": "markers", "name": "softmax q",
         "x": [1.0] * k, "y": ys.tolist(), "marker": {"size": 16, "color": COLOURS["model"]},
         "text": [named(f"q {labels[m]}", plain(chain.q[m])) for m in range(k)],
         "hoverinfo": "text"},
        {"type": "scatter", "mode": "markers+text", "name": "loss L",
         "x": [_L], "y": [0.5],
         "text": [named("L", shown(chain.loss, ".4f", exact=False, short=True)) + "<br>∂L/∂L = 1"],
         "textposition": "middle right", "marker": {"size": 20, "color": COLOURS["loss"]},
         "hoverinfo": "text"},
    ]  # fmt: skip
    # The q nodes' values on a light box of their own, over the edges that leave them.
    # The true class's, above or below its node: on the side its edge to L does not go.
    edge_up = float(ys[y_true]) < 0.5
    notes = [
        {"x": 1.0, "y": float(ys[m]), "xref": "x", "yref": "y", "xanchor": "left",
         "xshift": 12, "showarrow": False, "align": "left", "bgcolor": "rgba(255,255,255,0.9)",
         **({"yanchor": "top" if edge_up else "bottom", "yshift": -8 if edge_up else 8}
            if m == y_true else {}),
         "font": {"color": "#1F1F1F", "size": 14},
         # -p/q is exactly 0 where p = 0
         # the class is its row's, named at its logit: q's values alone, narrow
         "text": named("q", shown(chain.q[m], ".4f", exact=False, short=True)) + "<br>"
                 f"∂L/∂q = {shown(chain.dL_dq[m], '+.4f', exact=bool(chain.p[m] == 0))}"}
        for m in range(k)
    ]  # fmt: skip
    spec = layout("The backward pass: forward values, and gradients flowing back", "", ["x"])
    spec["xaxis"] = {"visible": False, "range": [-2.2, _L + 1.7], "fixedrange": True}
    spec["margin"] = {**spec["margin"], "l": 10, "r": 10}
    spec["yaxis"] = {"visible": False, "range": [-0.15, 1.15], "fixedrange": True}
    spec["annotations"] = notes
    # a row for each class, taller where a long name takes two lines
    spec["height"] = max(360, (140 if any("<br>" in s for s in short) else 100) * k)
    return figure({"data": data, "layout": spec})


def v_figure(hs, v, h: float, at_h: float) -> dict:
    """The largest error of the central difference against h, both on log scales: the V of
    truncation error (falling as h^2 to the left) and rounding error (rising as 1/h)."""
    ys = [float(e) if e > 0 else None for e in v]  # an error of exactly 0 has no log
    spec = layout(
        "Finite-difference error against the step h", "largest |slope − gradient|", ["x"],
        x_title="h (log scale)",
    )  # fmt: skip
    spec = numeric(spec, x_log=True, y_log=True)
    spec["xaxis"] |= log_ticks(min(hs), max(hs), 5) | {"autorange": "reversed"}
    shown_v = [e for e in ys if e is not None]
    if shown_v:
        spec["yaxis"] |= log_ticks(min(shown_v), max(shown_v), 5)
    data = [
        line("error", hs, ys, "loss", mode="lines+markers"),
    ]
    if at_h > 0:
        data.append(dot(f"h = {h:g}", h, at_h, "model", size=15, cliponaxis=False))
    return figure({"data": data, "layout": spec})
