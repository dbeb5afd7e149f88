"""The loss page's charts: the loss against q_y, along a logit with its tangent, over two logits
with a step and its trail, over the 3-class simplex and against the temperature. Each draws the
numbers of a worked object (:mod:`xentviz.worked.loss`) as they are; nothing is recomputed here.
"""

from __future__ import annotations

import numpy as np

from ..core.numbers import label as label_of
from ..worked.loss import LossMap
from .entropy import KIND_COLOURS
from .style import COLOURS, dot, figure, layout, line, names, numeric, wrap

__all__ = ["by_q_figure", "along_figure", "map_figure", "simplex_figure", "sweep_figure"]


_SEQUENTIAL = "Viridis"  # one sequential scale for every loss map, readable without colour


#: A trail: light points ringed in dark, seen on every colour of the map and on both themes.
_TRAIL = "#DDDDDD"


_TRAIL_MARKER = {"size": 7, "color": "white", "line": {"color": "#333333", "width": 1}}


def by_q_figure(qy, losses, q_y: float, loss: float, name: str, unit: str) -> dict:
    """-log q_y over q_y in (0, 1]: 0 at 1, without bound towards 0; the state marked."""
    title = f"The loss −log q<sub>y</sub> against q<sub>y</sub> ({unit})"
    x_title = f"q of the true class ({names([name])[0]})"
    spec = layout(title, f"loss ({unit})", ["x"], x_title=x_title)
    top = max(float(np.max(losses)), loss) * 1.08
    return figure(
        {
            "data": [
                line("−log q_y", qy, losses, "loss"),
                dot("this state", q_y, loss, "model"),
            ],
            "layout": numeric(spec, [0, 1.02], [0, top]),
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
                line("loss", x, losses, "loss"),
                line(
                    # the exact slope q_k − p_k is never 0: a float 0 "computes as 0"
                    "tangent, slope "
                    + label_of(slope, "+.4f", exact=False).replace("<br>", " "),
                    tangent_x, loss + slope * (tangent_x - z_i),
                    "model", dash="dash", width=2,
                ),
                dot("this state", z_i, loss, "model"),
            ],
            "layout": numeric(spec, [float(x[0]), float(x[-1])], [0, max(top, loss * 1.1, 0.1)]),
        }
    )  # fmt: skip


def map_figure(landscape: LossMap, point, nxt, trail, labels: tuple[str, str], unit: str) -> dict:
    """The loss over two logits (named ``labels``) as a filled contour map, the state, its
    trail, and an arrow to where the next gradient step takes it. Colours and contours run over
    the landscape's ``top`` above the map's lowest loss (a loss above that has the top colour),
    so the low ground where descent goes keeps its detail, even where the whole map lies above
    ``top``."""
    xs, ys, surface, top = landscape.xs, landscape.ys, landscape.surface, landscape.top
    a, b = names(list(labels))
    spec = layout(
        f"The loss over the logits of {a} and {b} ({unit})", f"z of {b}", ["x"], x_title=f"z of {a}"
    )
    spec = numeric(spec, [float(xs[0]), float(xs[-1])], [float(ys[0]), float(ys[-1])])
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
            # under the map, across: the map keeps the chart's width, even on a phone
            "colorbar": {
                "title": {"text": f"loss ({unit}; ≥ {high:.3g} alike)", "side": "top"},
                "exponentformat": "e",  # never plotly's SI "1p"
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": -0.28,
                "yanchor": "top",
                "thickness": 14,
                "len": 1,
            },
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
        dot("this state", point[0], point[1], "loss", size=14,
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
    # A square map (a step's length the same both ways), as wide as the chart lets it be.
    spec["yaxis"] |= {"scaleanchor": "x", "scaleratio": 1, "constrain": "domain"}
    spec["xaxis"] |= {"constrain": "domain"}
    spec["margin"] = {**spec["margin"], "l": 70, "b": 150}
    spec["height"] = 600
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
                    # under the triangle, across: beside it, it hid a corner's title on a phone
                    "colorbar": {"title": {"text": f"H(p, q) ({unit})", "side": "top"},
                                 "orientation": "h", "x": 0.5, "xanchor": "center",
                                 "y": -0.22, "yanchor": "top", "thickness": 14, "len": 1}},
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
    # No tick at the corners, where the axes' titles are; the top one below the legend.
    titles = [wrap(f"q {n}", 12) for n in (a, b, c)]
    long = any("<br>" in t for t in titles)  # a title of two lines reaches 0.25's tick
    inner = {"min": 0, "tickmode": "array", "tickvals": [0.5] if long else [0.25, 0.5, 0.75]}
    spec["ternary"] = {
        "sum": 1,
        **{f"{k}axis": {"title": {"text": t}, **inner} for k, t in zip("abc", titles, strict=True)},
    }
    # room above the top corner's title, below and beside the bottom ones (a long name on
    # two lines)
    side = 100 if long else 60
    top = spec["margin"]["t"] + 60
    spec["margin"] = {**spec["margin"], "t": top, "b": 150, "l": side, "r": side}
    spec["height"] = 600
    return figure({"data": data, "layout": spec})


def sweep_figure(classes, ts, qs, losses, t: float, q_t, loss_t: float, target: int, unit: str):
    """q of each class and the loss as the temperature runs over its range; the state's T
    marked."""
    labels = names(classes)
    data = []
    for k, label in enumerate(labels):
        colour = COLOURS["target"] if k == target else KIND_COLOURS[k % len(KIND_COLOURS)]
        data.append(
            line(f"q {label}" + (" (true)" if k == target else ""), ts, qs[:, k], colour,
                  width=3.5 if k == target else 2)
        )  # fmt: skip
    data.append(line(f"loss ({unit})", ts, losses, "loss", dash="dot", yaxis="y2"))
    data.append(dot(f"T = {t:g}: q of the true class", t, float(q_t[target]), "target"))
    data.append(dot(f"T = {t:g}: loss", t, loss_t, "loss", yaxis="y2"))
    spec = layout(
        "q and the loss as the temperature T runs", "q", ["x"], x_title="temperature T (log scale)"
    )
    spec = numeric(spec, [float(np.log10(ts[0])), float(np.log10(ts[-1]))], [0, 1.02], x_log=True)
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
