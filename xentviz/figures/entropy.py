"""The entropy page's charts: containers of shapes, each kind's share of the entropy, the
binary entropy curve, two containers coding each other, and a sample's average surprise.

Every number drawn comes from the core (:mod:`xentviz.core.containers` and the entropy functions);
where an item sits inside its box is only layout.
"""

from __future__ import annotations

import html
import math

import numpy as np

from ..core.containers import Comparison, Container
from ..core.information import binary_entropy
from ..core.numbers import label
from .style import COLOURS, bar, figure, layout, names, wrap

__all__ = [
    "KIND_COLOURS",
    "MARKERS",
    "MARKER_LIMIT",
    "containers_figure",
    "terms_figure",
    "binary_curve_figure",
    "entropy_vs_most_figure",
    "comparison_figure",
    "running_surprise_figure",
    "frequencies_figure",
]

#: Each kind's marker and colour, by position. Kinds are told apart by shape first; their
#: colours are used for no other meaning, each at least 3:1 on both themes' backgrounds.
MARKERS = ("triangle-up", "circle", "square", "diamond", "star", "x")
KIND_COLOURS = ("#5C6BC0", "#8C6D00", "#C2185B", "#00876C", "#8C564B", "#6A8E23")
#: Up to this many items a container is drawn item by item; beyond, as bars of its counts.
MARKER_LIMIT = 400
_BOX_GAP = 0.3  #: between boxes, in box widths
_NARROWEST_PLOT = 330  #: px across the boxes on a phone
_OUTLINE = "#8A8A8A"  #: a box's outline: seen on both themes' backgrounds
#: The boxes' height, px: with the legend and three lines of titles above them, the chart
#: leaves room under it for the first counts on a 1280 x 720 screen.
_BOXES_PX = 255
_LEGEND_ROW_PX, _TITLE_LINE_PX = 26, 19  #: px a legend row and a title line take

#: A kind's share is printed inside its segment only when the segment is this much of the
#: axis or more (smaller ones would print over each other; hover still gives them).
_LABEL_ROOM = 0.08


def _legend_rows(shown: list[str]) -> int:
    """The rows plotly wraps the kinds' legend into across the narrowest chart: one row if it
    fits, else as many columns as its widest entry allows."""
    widths = [48 + 7.6 * len(html.unescape(name)) for name in shown]
    if sum(widths) <= _NARROWEST_PLOT:
        return 1
    columns = max(1, int(_NARROWEST_PLOT // max(widths)))
    return math.ceil(len(widths) / columns)


def _grid(total: int) -> tuple[np.ndarray, np.ndarray]:
    """Places for ``total`` items in a unit box, row by row from the bottom."""
    cols = max(1, math.ceil(math.sqrt(total)))
    rows = math.ceil(total / cols)
    i = np.arange(total)
    x = (i % cols + 0.5) / cols
    y = (i // cols + 0.5) / rows
    return 0.06 + 0.88 * x, 0.05 + 0.8 * y


def containers_figure(kinds, containers: list[Container], titles: list[str]) -> dict:
    """Each container as a box of its items, one marker per item, the kinds mixed (always the
    same way for the same counts); beyond :data:`MARKER_LIMIT` items, a bar per kind."""
    shown = names(kinds)
    width = 1 + _BOX_GAP
    xs: list[list[float]] = [[] for _ in kinds]
    ys: list[list[float]] = [[] for _ in kinds]
    shapes, annotations, bars = [], [], []
    size = 14
    for j, (box, title) in enumerate(zip(containers, titles, strict=True)):
        left = j * width
        shapes.append(
            {"type": "rect", "x0": left, "x1": left + 1, "y0": 0, "y1": 1,
             "line": {"width": 2, "color": _OUTLINE}}
        )  # fmt: skip
        annotations.append(
            # on lines of their own ("Container 1", "H = 0.5665", "bits"): three or four
            # containers side by side on a phone leave each about 80 px
            {"x": left + 0.5, "y": 1.02, "yanchor": "bottom", "showarrow": False,
             "text": "<br>".join(wrap(part, 11) for part in title.split(": ", 1)),
             "font": {"size": 14}}
        )  # fmt: skip
        if box.total <= MARKER_LIMIT:
            gx, gy = _grid(box.total)
            kind_of = np.repeat(np.arange(len(kinds)), box.counts)
            kind_of = kind_of[np.random.default_rng(j).permutation(box.total)]  # mixed
            for k in range(len(kinds)):
                xs[k] += list(left + gx[kind_of == k])
                ys[k] += list(gy[kind_of == k])
            # an item's room across on the narrowest screen (a phone's), so items never
            # squash into each other there
            room = (
                0.88
                * (_NARROWEST_PLOT / (len(containers) * width))
                / math.ceil(math.sqrt(box.total))
            )
            size = min(size, max(5, min(int(90 / math.sqrt(box.total)), int(0.8 * room))))
        else:
            bars.append((left, box))
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "name": shown[k],
            "x": xs[k],
            "y": ys[k],
            "marker": {"symbol": MARKERS[k], "size": size, "color": KIND_COLOURS[k]},
            "hoverinfo": "name",
        }
        for k in range(len(kinds))
    ]
    hover_x, hover_y, hover_text = [], [], []
    for left, box in bars:  # too many items to draw one by one: a bar per kind, to scale
        share = box.counts / box.counts.max()
        step = 0.88 / len(kinds)
        # its count printed on end over each bar where a bar is wide enough for it on a phone;
        # otherwise the count shows on hover (and in the headline numbers)
        printed = step * _NARROWEST_PLOT / (len(containers) * width) >= 18
        for k in range(len(kinds)):
            x0 = left + 0.06 + k * step
            shapes.append(
                {
                    "type": "rect",
                    "x0": x0 + 0.1 * step,
                    "x1": x0 + 0.9 * step,
                    "y0": 0.05,
                    "y1": 0.05 + 0.8 * float(share[k]),
                    "fillcolor": KIND_COLOURS[k],
                    "line": {"width": 0},
                }
            )
            if printed:
                annotations.append(
                    {"x": x0 + step / 2, "y": 0.05 + 0.8 * float(share[k]), "yanchor": "bottom",
                     "text": str(int(box.counts[k])), "showarrow": False, "textangle": -90}
                )  # fmt: skip
            else:
                hover_x.append(x0 + step / 2)
                hover_y.append(0.05 + 0.4 * float(share[k]))
                hover_text.append(f"{shown[k]}: {int(box.counts[k])}")
    if hover_x:
        data.append(
            {"type": "scatter", "mode": "markers", "name": "counts", "x": hover_x, "y": hover_y,
             "text": hover_text, "hoverinfo": "text", "showlegend": False,
             "marker": {"size": 12, "opacity": 0}}
        )  # fmt: skip
    hidden = {"visible": False, "fixedrange": True}
    # Room above the boxes for the legend's rows and the titles' lines (each title's lines
    # stand on the boxes' top, the legend above them), as on the narrowest screen.
    lines = max((a["text"].count("<br>") + 1 for a in annotations[: len(containers)]), default=1)
    top = 14 + _LEGEND_ROW_PX * _legend_rows(shown) + _TITLE_LINE_PX * lines
    return figure(
        {
            "data": data,
            "layout": {
                "xaxis": {**hidden, "range": [-0.05, len(containers) * width - _BOX_GAP + 0.05]},
                "yaxis": {**hidden, "range": [-0.02, 1.04]},
                "shapes": shapes,
                "annotations": annotations,
                # the legend on top, then the boxes' titles, then the boxes: no taller than
                # the first screen holds above each container's counts (1280 x 720)
                "height": top + _BOXES_PX + 10,
                "margin": {"l": 10, "r": 10, "t": top, "b": 10},
                "legend": {
                    "orientation": "h",
                    "x": 0,
                    "y": 1,
                    "yref": "container",
                    "yanchor": "top",
                },
                "font": {"size": 14},
                "template": {},
            },
        }
    )


def terms_figure(kinds, containers: list[Container], titles: list[str], unit: str) -> dict:
    """Each container's entropy as a stack of its kinds' shares -p_i log p_i, with the most
    any container of these kinds can have, log K, as a line."""
    shown = names(kinds)
    most = containers[0].most
    data = []
    for k in range(len(kinds)):
        trace = bar(
            shown[k], titles, [box.terms[k] for box in containers], ".3f", KIND_COLOURS[k],
            hide_zero=True,
        )  # fmt: skip
        trace["textposition"] = "inside"
        trace["textangle"] = 0
        room = _LABEL_ROOM * most * 1.25
        trace["text"] = [
            t if box.terms[k] >= room else ""
            for t, box in zip(trace["text"], containers, strict=True)
        ]
        trace["customdata"] = [[float(box.p[k]), float(box.surprise[k])] for box in containers]
        trace["hovertemplate"] = (
            "%{x}: p = %{customdata[0]:.4f}, surprise −log p = %{customdata[1]:.4f}, "
            "share −p log p = %{y:.4f}<extra>" + shown[k] + "</extra>"
        )
        data.append(trace)
    spec_layout = layout(
        f"Entropy as the kinds' shares −p<sub>i</sub> log p<sub>i</sub> ({unit})",
        f"entropy ({unit})",
        titles,
        y_range=[0, most * 1.25],
        barmode="stack",
        x_title="container",
    )
    spec_layout["legend"]["traceorder"] = "normal"  # the kinds in their order, not reversed
    spec_layout["shapes"] = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": most, "y1": most,
         "line": {"dash": "dash", "color": COLOURS["logit"]}}
    ]  # fmt: skip
    spec_layout["annotations"] = [
        {"xref": "paper", "x": 1, "xanchor": "right", "y": most, "yanchor": "bottom",
         "text": f"log K = {label(most, '.4f')}: K kinds equally likely", "showarrow": False}
    ]  # fmt: skip
    return figure({"data": data, "layout": spec_layout})


def binary_curve_figure(points: list[tuple[str, float, float]], base, unit: str) -> dict:
    """The binary entropy H(p) over p in [0, 1] (from the core), with each two-kind container
    (title, p of its first kind, its entropy) marked on it."""
    grid = np.linspace(0.0, 1.0, 201)
    curve = binary_entropy(grid, base=base)
    data = [
        {"type": "scatter", "mode": "lines", "name": "H(p) = −p log p − (1 − p) log(1 − p)",
         "x": grid.tolist(), "y": curve.tolist(), "line": {"color": COLOURS["logit"]},
         "hovertemplate": "p = %{x:.3f}: H = %{y:.4f}<extra></extra>"},
        {"type": "scatter", "mode": "markers+text", "name": "the containers",
         "x": [p for _, p, _ in points], "y": [h for _, _, h in points],
         "text": [name for name, _, _ in points],
         "textposition": [
             "top right" if p < 0.25 else "top left" if p > 0.75 else "top center"
             for _, p, _ in points
         ],
         "marker": {"size": 12, "color": COLOURS["target"]},
         "hovertemplate": "%{text}: p = %{x:.4f}, H = %{y:.4f}<extra></extra>"},
    ]  # fmt: skip
    spec_layout = layout(
        f"Binary entropy H(p) ({unit})",
        f"H ({unit})",
        ["p"],
        y_range=[0, float(curve.max()) * 1.25],
        x_title="p, the share of the first kind",
    )
    spec_layout["xaxis"] |= {"type": "linear", "range": [-0.02, 1.02]}
    return figure({"data": data, "layout": spec_layout})


def entropy_vs_most_figure(titles: list[str], containers: list[Container], unit: str) -> dict:
    """For more than two kinds: each container's entropy beside log K, the most it can be."""
    most = containers[0].most
    titles = [wrap(t, 9) for t in titles]  # "Container<br>1": four side by side on a phone
    data = [bar("H(p)", titles, [box.entropy for box in containers], ".4f", "target")]
    spec_layout = layout(
        f"Entropy against its most, log K ({unit})",
        f"entropy ({unit})",
        titles,
        y_range=[0, most * 1.25],
        showlegend=False,
        x_title="container",
    )
    spec_layout["shapes"] = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": most, "y1": most,
         "line": {"dash": "dash", "color": COLOURS["logit"]}}
    ]  # fmt: skip
    # A value printed above a bar just under log K would be crossed by the line: values stand
    # inside the top of their bar, above it only for a bar too short to hold one (far below).
    data[0]["textposition"] = [
        "inside" if box.entropy >= 0.25 * most else "outside" for box in containers
    ]
    data[0]["insidetextanchor"] = "end"
    return figure({"data": data, "layout": spec_layout})


def comparison_figure(c: Comparison, p_name: str, q_name: str, unit: str) -> dict:
    """Coding p with q's code costs H(p) + KL(p || q) = H(p, q); coding q with p's costs
    H(q) + KL(q || p): two stacks of different heights. An infinite KL is drawn as a bar to the
    top of the axis marked ∞, never as a large number."""
    finite = [x for x in (c.h_pq, c.h_qp, c.h_p, c.h_q) if math.isfinite(x)]
    top = max(finite) * 1.35 if finite else 1.0
    x = ["H(p, q):<br>p with q's code", "H(q, p):<br>q with p's code"]
    kl = [c.kl_pq, c.kl_qp]
    drawn = [k if math.isfinite(k) else top - h for k, h in zip(kl, (c.h_p, c.h_q), strict=True)]
    data = [
        # under a stack, a value has only its bar: none printed where the bar is too thin to
        # hold it (an entropy of 0, one kind), which hovering shows and the stack's sum
        bar(
            "entropy of the data, H",
            x,
            [c.h_p, c.h_q],
            ".4f",
            "target",
            hide_zero=[h < 0.12 * top for h in (c.h_p, c.h_q)],
        ),
        bar("extra for the wrong code, KL", x, drawn, ".4f", "loss"),
    ]
    # KL is 0 only for equal distributions: a float 0 elsewhere "computes as 0"
    data[1]["text"] = [label(k, ".4f", exact=False) for k in kl]
    # inside the bar, above one too thin to hold it
    data[1]["textposition"] = ["inside" if d >= 0.2 * top else "outside" for d in drawn]
    data[0]["textposition"] = "inside"
    totals = [c.h_pq, c.h_qp]
    spec_layout = layout(
        f"Cross-entropy = entropy + KL: p = {names([p_name])[0]}, q = {names([q_name])[0]}",
        f"{unit} per item",
        ["H(p, q)"],
        y_range=[0, top],
        barmode="stack",
        x_title="",
    )
    spec_layout["annotations"] = [
        {"x": x[i], "y": min(t, top) if math.isfinite(t) else top, "yanchor": "bottom",
         "text": f"H = {label(t, '.4f')}", "showarrow": False}
        for i, t in enumerate(totals)
    ]  # fmt: skip
    return figure({"data": data, "layout": spec_layout})


def running_surprise_figure(running: np.ndarray, h: float, unit: str) -> dict:
    """The average surprise of the first n picks, against n, approaching the entropy."""
    n = np.arange(1, len(running) + 1)
    data = [
        {"type": "scatter", "mode": "lines", "name": "average surprise of the picks so far",
         "x": n.tolist(), "y": [float(v) for v in running], "line": {"color": COLOURS["model"]},
         "hovertemplate": "after %{x} picks: %{y:.4f}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "name": f"the entropy H = {label(h, '.4f')}",
         "x": [1, int(n[-1])], "y": [h, h], "line": {"color": COLOURS["target"], "dash": "dash"}},
    ]  # fmt: skip
    top = max(float(np.max(running)), h) * 1.2 if len(running) else 1.0
    spec_layout = layout(
        f"Average surprise −log p of the picks ({unit})",
        unit,
        ["n"],
        y_range=[0, top],
        x_title="picks so far, n",
    )
    spec_layout["xaxis"] |= {"type": "log"}
    return figure({"data": data, "layout": spec_layout})


def frequencies_figure(kinds, freqs: np.ndarray, p: np.ndarray, n: int) -> dict:
    """The share of each kind among the n picks beside its probability in the container."""
    x = names(kinds)
    return figure(
        {
            "data": [
                bar(f"share of the {n} picks", x, freqs, ".3f", "model"),
                bar("p in the container", x, p, ".3f", "target"),
            ],
            "layout": layout(
                "Picks against the container",
                "share",
                kinds,
                y_range=[0, 1.3],
                barmode="group",
                x_title="kind",
            ),
        }
    )
