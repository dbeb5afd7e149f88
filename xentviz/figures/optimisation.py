"""The optimisation pages' charts: the loss against q_y, along a logit with its tangent, over
two logits with a step and its trail, over the 3-class simplex and against the temperature; the
softmax Jacobian, the backward pass as a graph and the finite-difference V; and a training run's
decision regions, loss curve and one point's q and gradient. Each draws the numbers of a worked
object (:mod:`xentviz.worked.optimisation`) as they are; nothing is recomputed here.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.numbers import label as shown
from .entropy import KIND_COLOURS
from .style import COLOURS, bar, figure, layout, names

__all__ = [
    "by_q_figure",
    "along_figure",
    "map_figure",
    "simplex_figure",
    "sweep_figure",
    "jacobian_figure",
    "graph_figure",
    "v_figure",
    "regions_figure",
    "loss_curve_figure",
    "point_figure",
]

_SEQUENTIAL = "Viridis"  # one sequential scale for every loss map, readable without colour
#: A trail: light points ringed in dark, seen on every colour of the map and on both themes.
_TRAIL = "#DDDDDD"
_TRAIL_MARKER = {"size": 7, "color": "white", "line": {"color": "#333333", "width": 1}}
_DIVERGING = [[0.0, COLOURS["raise"]], [0.5, "#F2F2F2"], [1.0, COLOURS["lower"]]]


def _line(name: str, x, y, colour: str, dash: str = "solid", width: float = 2.5, **extra) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": [float(v) for v in x],
        "y": [None if v is None or not math.isfinite(v) else float(v) for v in y],
        "line": {"color": COLOURS.get(colour, colour), "dash": dash, "width": width},
        "hovertemplate": "%{x:.4g}: %{y:.4g}<extra>" + name + "</extra>",
        **extra,
    }


def _dot(name: str, x: float, y: float, colour: str, size: int = 13, **extra) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [float(x)],
        "y": [float(y)],
        "marker": {"size": size, "color": COLOURS.get(colour, colour)},
        "hovertemplate": "%{x:.4g}: %{y:.4g}<extra>" + name + "</extra>",
        **extra,
    }


#: A log axis labelled at the powers of ten only ("0.1 1 10", not "1 2 5 10 2 5"), written as
#: powers (10^-12), never with SI prefixes ("1p", "100µ") that a lecture never uses.
_LOG_AXIS = {"type": "log", "dtick": 1, "exponentformat": "power"}


def _numeric(spec: dict, x_range=None, y_range=None, x_log=False, y_log=False) -> dict:
    spec["xaxis"] |= _LOG_AXIS if x_log else {"type": "linear"}
    if x_range is not None:
        spec["xaxis"]["range"] = x_range
    if y_log:
        spec["yaxis"] |= _LOG_AXIS
    if y_range is not None:
        spec["yaxis"]["range"] = y_range
    return spec


# --- the loss page -------------------------------------------------------------------------------


def by_q_figure(qy, losses, q_y: float, loss: float, name: str, unit: str) -> dict:
    """-log q_y over q_y in (0, 1]: 0 at 1, without bound towards 0; the state marked."""
    title = f"The loss −log q<sub>y</sub> against q<sub>y</sub> ({unit})"
    x_title = f"q of the true class ({names([name])[0]})"
    spec = layout(title, f"loss ({unit})", ["x"], x_title=x_title)
    top = max(float(np.max(losses)), loss) * 1.08
    return figure(
        {
            "data": [
                _line("−log q_y", qy, losses, "loss"),
                _dot("this state", q_y, loss, "model"),
            ],
            "layout": _numeric(spec, [0, 1.02], [0, top]),
        }
    )


def along_figure(x, losses, z_i: float, loss: float, slope: float, name: str, unit: str) -> dict:
    """The loss as one logit moves, the others fixed; the tangent at the state, whose slope is
    the gradient's component."""
    label = names([name])[0]
    reach = 2.0
    tangent_x = np.array([z_i - reach, z_i + reach])
    spec = layout(
        f"The loss along the logit of {label}, the others fixed ({unit})",
        f"loss ({unit})",
        ["x"],
        x_title=f"z of {label}",
    )
    top = float(np.max(losses[np.isfinite(losses)])) * 1.05
    return figure(
        {
            "data": [
                _line("loss", x, losses, "loss"),
                _line(
                    f"tangent, slope {slope:+.4f}", tangent_x, loss + slope * (tangent_x - z_i),
                    "model", dash="dash", width=2,
                ),
                _dot("this state", z_i, loss, "model"),
            ],
            "layout": _numeric(spec, [float(x[0]), float(x[-1])], [0, max(top, loss * 1.1, 0.1)]),
        }
    )  # fmt: skip


def map_figure(
    xs, ys, surface, point, nxt, trail, label_i: str, label_j: str, unit: str, top: float
) -> dict:
    """The loss over two logits as a filled contour map, the state, its trail, and an arrow to
    where the next gradient step takes it. Colours and contours run over ``top`` above the
    map's lowest loss (a loss above that has the top colour), so the low ground where descent
    goes keeps its detail, even where the whole map lies above ``top``."""
    a, b = names([label_i, label_j])
    spec = layout(
        f"The loss over the logits of {a} and {b} ({unit})", f"z of {b}", ["x"], x_title=f"z of {a}"
    )
    spec = _numeric(spec, [float(xs[0]), float(xs[-1])], [float(ys[0]), float(ys[-1])])
    surface = np.asarray(surface, dtype=float)
    low = float(np.min(surface[np.isfinite(surface)])) if np.isfinite(surface).any() else 0.0
    low = 0.0 if low < top / 2 else low  # from 0 where the map reaches near it
    high = low + top
    data = [
        {
            "type": "contour",
            "x": [float(v) for v in xs],
            "y": [float(v) for v in ys],
            "z": surface.tolist(),
            "colorscale": _SEQUENTIAL,
            "zmin": low,
            "zmax": high,
            "contours": {
                "coloring": "heatmap",
                "showlines": True,
                "start": low,
                "end": high,
                "size": top / 20,
            },
            "line": {"width": 0.5, "color": "rgba(255,255,255,0.5)"},
            "colorbar": {"title": {"text": f"{unit}<br>(≥ {high:.3g}<br>alike)"}},
            "name": "loss",
            "showlegend": False,
            "hovertemplate": f"z {a} %{{x:.3f}}, z {b} %{{y:.3f}}: %{{z:.4g}}<extra></extra>",
        }
    ]
    if len(trail):
        path = np.vstack([np.asarray(trail, dtype=float), [point]])
        data.append(
            {"type": "scatter", "mode": "lines+markers", "name": "trail",
             "x": path[:, 0].tolist(), "y": path[:, 1].tolist(),
             "line": {"color": _TRAIL, "width": 2}, "marker": _TRAIL_MARKER,
             "hovertemplate": "%{x:.4f}, %{y:.4f}<extra>trail</extra>"}
        )  # fmt: skip
    data.append(
        _dot("this state", point[0], point[1], "loss", size=14,
             marker={"size": 14, "color": COLOURS["loss"], "line": {"color": "white", "width": 2}})
    )  # fmt: skip
    data.append(
        {"type": "scatter", "mode": "lines+markers", "name": "next step (−rate × gradient)",
         "x": [float(point[0]), float(nxt[0])], "y": [float(point[1]), float(nxt[1])],
         "line": {"color": COLOURS["raise"], "width": 4},
         "marker": {"size": [0, 22], "symbol": "arrow", "angleref": "previous",
                    "color": COLOURS["raise"], "line": {"color": "white", "width": 1.5}},
         "hovertemplate": "%{x:.4f}, %{y:.4f}<extra>next step</extra>"}
    )  # fmt: skip
    spec["height"] = 440
    return figure({"data": data, "layout": spec})


def simplex_figure(classes, lattice, losses, q, next_q, trail_q, unit: str) -> dict:
    """Every 3-class q as a point of the triangle, coloured by the loss H(p, q); the state, its
    trail, and where the next step on the map takes q."""
    a, b, c = names(classes)
    data = [
        {"type": "scatterternary", "mode": "markers", "name": f"H(p, q) ({unit})",
         "a": lattice[:, 0].tolist(), "b": lattice[:, 1].tolist(), "c": lattice[:, 2].tolist(),
         "marker": {"size": 7, "color": np.asarray(losses, dtype=float).tolist(),
                    "colorscale": _SEQUENTIAL, "showscale": True,
                    "colorbar": {"title": {"text": unit}}},
         "hovertemplate": f"q {a} %{{a:.3f}}, {b} %{{b:.3f}}, {c} %{{c:.3f}}<extra></extra>"},
    ]  # fmt: skip
    if len(trail_q):
        path = np.vstack([trail_q, [q]])
        data.append(
            {"type": "scatterternary", "mode": "lines+markers", "name": "trail",
             "a": path[:, 0].tolist(), "b": path[:, 1].tolist(), "c": path[:, 2].tolist(),
             "line": {"color": _TRAIL, "width": 2}, "marker": _TRAIL_MARKER}
        )  # fmt: skip
    data.append(
        {"type": "scatterternary", "mode": "lines+markers", "name": "next step",
         "a": [float(q[0]), float(next_q[0])], "b": [float(q[1]), float(next_q[1])],
         "c": [float(q[2]), float(next_q[2])],
         "line": {"color": COLOURS["raise"], "width": 3},
         "marker": {"size": [14, 8], "color": [COLOURS["loss"], COLOURS["raise"]],
                    "line": {"color": "white", "width": 1}}}
    )  # fmt: skip
    spec = layout(f"Every q of three classes, coloured by the loss ({unit})", "", ["x"])
    del spec["xaxis"], spec["yaxis"]
    spec["ternary"] = {
        "sum": 1,
        "aaxis": {"title": {"text": f"q {a}"}, "min": 0},
        "baxis": {"title": {"text": f"q {b}"}, "min": 0},
        "caxis": {"title": {"text": f"q {c}"}, "min": 0},
    }
    spec["height"] = 420
    return figure({"data": data, "layout": spec})


def sweep_figure(classes, ts, qs, losses, t: float, q_t, loss_t: float, target: int, unit: str):
    """q of each class and the loss as the temperature runs over its range; the state's T
    marked."""
    labels = names(classes)
    data = []
    for k, label in enumerate(labels):
        colour = COLOURS["target"] if k == target else KIND_COLOURS[k % len(KIND_COLOURS)]
        data.append(
            _line(f"q {label}" + (" (true)" if k == target else ""), ts, qs[:, k], colour,
                  width=3.5 if k == target else 2)
        )  # fmt: skip
    data.append(_line(f"loss ({unit})", ts, losses, "loss", dash="dot", yaxis="y2"))
    data.append(_dot(f"T = {t:g}: q of the true class", t, float(q_t[target]), "target"))
    data.append(_dot(f"T = {t:g}: loss", t, loss_t, "loss", yaxis="y2"))
    spec = layout(
        "q and the loss as the temperature T runs", "q", ["x"], x_title="temperature T (log scale)"
    )
    spec = _numeric(spec, [float(np.log10(ts[0])), float(np.log10(ts[-1]))], [0, 1.02], x_log=True)
    top = max(float(np.max(losses)), loss_t) * 1.08
    spec["yaxis2"] = {
        "title": {"text": f"loss ({unit})"}, "overlaying": "y", "side": "right",
        "range": [0, top], "fixedrange": True, "showgrid": False,
        # its own round ticks (0.2, 0.4 ...), not ones placed level with q's (0.224, 0.448)
        "tickmode": "auto",
    }  # fmt: skip
    spec["margin"] = {**spec["margin"], "r": 70}
    spec["shapes"] = [
        {"type": "line", "x0": t, "x1": t, "yref": "paper", "y0": 0, "y1": 1,
         "line": {"color": COLOURS["logit"], "dash": "dash", "width": 1}}
    ]  # fmt: skip
    spec["height"] = 360 + 24 * (len(classes) // 4)
    return figure({"data": data, "layout": spec})


# --- the gradients page --------------------------------------------------------------------------


def jacobian_figure(classes, jacobian) -> dict:
    """dq_k/dz_j = q_k (delta_kj - q_j) as an annotated heat map: row k, column j."""
    labels = names(classes)
    J = np.asarray(jacobian, dtype=float)
    reach = max(float(np.max(np.abs(J))), 1e-12)
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
                 "colorscale": _DIVERGING, "zmin": -reach, "zmax": reach,
                 "texttemplate": "%{z:.3f}" if len(labels) <= 6 else "%{z:.2f}",
                 "colorbar": {"title": {"text": "∂q/∂z"}},
                 "hovertemplate": "∂q %{y} / ∂z %{x} = %{z:.6g}<extra></extra>"}
            ],
            "layout": spec,
        }
    )  # fmt: skip


def graph_figure(classes, logits, chain) -> dict:
    """The backward pass as a graph: logits -> softmax -> loss, each node with its forward value
    and, under it, the gradient of the loss with respect to it, starting from dL/dL = 1."""
    labels = names(classes)
    k = len(labels)
    ys = np.linspace(1, 0, k) if k > 1 else np.array([0.5])
    edges_x, edges_y = [], []
    for j in range(k):
        for m in range(k):
            edges_x += [0.0, 1.0, None]
            edges_y += [float(ys[j]), float(ys[m]), None]
    y_true = int(np.argmax(chain.p))
    z_text = [
        f"z {labels[j]} = {shown(logits[j], '.3f')}<br>"
        f"∂L/∂z = {shown(chain.gradient[j], '+.4f', exact=False)}"
        for j in range(k)
    ]
    faint = "rgba(128,128,128,0.35)"
    data = [
        {"type": "scatter", "mode": "lines", "name": "softmax: every z feeds every q",
         "x": edges_x, "y": edges_y, "line": {"color": faint, "width": 1}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines", "name": "only q of the true class reaches L",
         "x": [1.0, 2.4], "y": [float(ys[y_true]), 0.5],
         "line": {"color": COLOURS["target"], "width": 3}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers+text", "name": "logits z",
         "x": [0.0] * k, "y": ys.tolist(), "text": z_text, "textposition": "middle left",
         "marker": {"size": 16, "color": COLOURS["logit"]}, "hoverinfo": "text"},
        {"type": "scatter", "mode": "markers", "name": "softmax q",
         "x": [1.0] * k, "y": ys.tolist(), "marker": {"size": 16, "color": COLOURS["model"]},
         "text": [f"q {labels[m]} = {shown(chain.q[m], '.4f', exact=False)}" for m in range(k)],
         "hoverinfo": "text"},
        {"type": "scatter", "mode": "markers+text", "name": "loss L",
         "x": [2.4], "y": [0.5],
         "text": [f"L = {shown(chain.loss, '.4f', exact=False)}<br>∂L/∂L = 1"],
         "textposition": "middle right", "marker": {"size": 20, "color": COLOURS["loss"]},
         "hoverinfo": "text"},
    ]  # fmt: skip
    # The q nodes' values on a light box of their own, over the edges that leave them.
    notes = [
        {"x": 1.0, "y": float(ys[m]), "xref": "x", "yref": "y", "xanchor": "left",
         "xshift": 12, "showarrow": False, "align": "left", "bgcolor": "rgba(255,255,255,0.9)",
         "font": {"color": "#1F1F1F", "size": 12},
         # -p/q is exactly 0 where p = 0
         "text": f"q {labels[m]} = {shown(chain.q[m], '.4f', exact=False)}<br>"
                 f"∂L/∂q = {shown(chain.dL_dq[m], '+.4f', exact=bool(chain.p[m] == 0))}"}
        for m in range(k)
    ]  # fmt: skip
    spec = layout("The backward pass: forward values, and gradients flowing back", "", ["x"])
    spec["xaxis"] = {"visible": False, "range": [-1.1, 3.4], "fixedrange": True}
    spec["yaxis"] = {"visible": False, "range": [-0.15, 1.15], "fixedrange": True}
    spec["annotations"] = notes
    spec["height"] = max(360, 90 * k)
    spec["font"] = {"size": 13}
    return figure({"data": data, "layout": spec})


def v_figure(hs, v, h: float, at_h: float) -> dict:
    """The largest error of the central difference against h, both on log scales: the V of
    truncation error (falling as h^2 to the left) and rounding error (rising as 1/h)."""
    ys = [float(e) if e > 0 else None for e in v]  # an error of exactly 0 has no log
    spec = layout(
        "Finite-difference error against the step h", "largest |slope − gradient|", ["x"],
        x_title="h (log scale)",
    )  # fmt: skip
    spec = _numeric(spec, x_log=True, y_log=True)
    spec["xaxis"]["autorange"] = "reversed"
    data = [
        _line("error", hs, ys, "loss", mode="lines+markers"),
    ]
    if at_h > 0:
        data.append(_dot(f"h = {h:g}", h, at_h, "model", size=15, cliponaxis=False))
    return figure({"data": data, "layout": spec})


# --- the training page ---------------------------------------------------------------------------


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
    spec = _numeric(spec, [float(gx[0]), float(gx[-1])], [float(gy[0]), float(gy[-1])])
    spec["height"] = 440
    return figure({"data": data, "layout": spec})


def loss_curve_figure(losses, at: int, unit: str) -> dict:
    """The whole data set's mean loss after each step, the step shown marked."""
    steps = np.arange(len(losses))
    spec = layout("Mean loss over the data, step by step", f"loss ({unit})", ["x"], x_title="step")
    top = float(np.max(losses)) * 1.08
    spec = _numeric(spec, [0, max(1, len(losses) - 1)], [0, top])
    return figure(
        {
            "data": [
                _line("mean loss", steps, losses, "loss"),
                _dot(f"step {at}", at, float(losses[at]), "model"),
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
    return figure(
        {
            "data": [
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
            ],
            "layout": spec,
        }
    )
