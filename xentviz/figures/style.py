"""The look every chart shares: one colour per meaning, sizes, margins, fonts, one bar trace,
and the one place a figure is made from its spec. No widgets here.

Each colour means one thing on every chart of every page (:data:`COLOURS`), from Okabe and
Ito's palette for colour-vision deficiencies, each at least 3:1 against both the light and the
dark theme's background (WCAG's contrast for graphics); ``.streamlit/config.toml`` lists the
same colours for any chart that does not set its own. Text colours and fonts are left to the
theme: a figure carries no plotly template. Class names are HTML-escaped, since plotly reads a
subset of HTML in text.
"""

from __future__ import annotations

import html
import math
import re

from ..core.numbers import label

__all__ = [
    "COLOURS", "names", "layout", "bar", "figure", "rotated", "PROBABILITY_TICKS", "line", "dot",
    "numeric", "LOG_AXIS", "DIVERGING", "MIN_HEIGHT", "MIN_FONT", "TITLE_CHARS", "log_ticks",
]  # fmt: skip

#: A probability axis is labelled from 0 to 1 only, though it reaches higher to leave room for
#: the values printed over the bars: no tick at 1.2 or 1.4, which no probability reaches.
PROBABILITY_TICKS = {"tickmode": "array", "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0]}

#: What each colour means, everywhere. Contrast against white / the dark theme's #0E1117:
#: model 5.2 / 3.6, target 3.4 / 5.5, loss 3.9 / 4.9, raise 3.1 / 6.2, lower 4.0 / 4.7,
#: logit 4.0 / 4.8.
COLOURS = {
    "model": "#0072B2",  # q, what the model predicts (blue)
    "target": "#009E73",  # p, the target (bluish green)
    "loss": "#D55E00",  # a loss or a share of it (vermillion)
    "raise": "#CC79A7",  # a negative gradient: descent raises the logit (reddish purple)
    "lower": "#B86E00",  # a positive gradient: descent lowers the logit (dark orange)
    "logit": "#808080",  # logits, the raw input (grey)
}

#: Outside presenter mode (which enlarges a chart as a whole, text up to 22 px: chart.js), no
#: figure is less tall than MIN_HEIGHT px and no text of it smaller than MIN_FONT px
#: (:func:`figure` sees to it; tests/test_figures.py checks every page's figures).
MIN_HEIGHT, MIN_FONT = 360, 14
_HEIGHT = MIN_HEIGHT
#: A title longer than this many characters is set on two lines (or more): on a phone a chart
#: is about 358 px wide, and plotly's tool bar, always shown there, covers its top right.
TITLE_CHARS = 34
_TITLE_LINE = 22  # px a line of the 17 px title takes
_LEGEND_ROW = 21  # px a row of the legend takes
#: The narrowest chart (a phone's): the legend's rows are counted at this width, so a legend
#: never runs into the plot, however narrow the screen.
_NARROWEST = 340
# Room for the axis titles and tick labels up front. With margins too small, plotly's
# automargin grows them after a first pass and draws the whole chart a second time (twice the
# cost of every slider move); with these it needs to only for long class names. The top holds
# the title and, on a row of its own below it, the legend (two rows of it on a phone).
_MARGIN = {"l": 90, "r": 10, "t": 84, "b": 72}
# Long class names do not fit side by side, so plotly turns them on end, and automargin takes
# their length from the plot, not from the figure. The figure grows by about that much instead
# (at about _CHAR_PX per character of the 14 px font), so bars keep their height; names of up
# to _SHORT_NAME characters fit in the margin above.
_CHAR_PX, _SHORT_NAME = 7.5, 8


def names(classes) -> list[str]:
    return [html.escape(str(c)) for c in classes]


def _height(classes) -> int:
    """The figure's height: _HEIGHT plus the room names longer than _SHORT_NAME need on end."""
    longest = max((len(str(c)) for c in classes), default=0)
    return _HEIGHT + math.ceil(_CHAR_PX * max(0, longest - _SHORT_NAME))


def layout(
    title: str, y_title: str, classes, y_range=None, x_title: str = "class", **extra
) -> dict:
    """The layout every chart shares. Both axes are fixed (``fixedrange``): a drag never zooms
    a lesson's chart away, and plotly's tool bar keeps only its download button (beside
    Streamlit's fullscreen one), which leaves the title in view on a phone, where the bar is
    always shown."""
    height = _height(classes)
    yaxis = {"title": {"text": y_title}, "zeroline": True, "automargin": True, "fixedrange": True}
    if y_range is not None:
        yaxis["range"] = y_range
    long_names = height > _HEIGHT
    layout = {
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17},
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 8},
        },
        "xaxis": {
            "title": {"text": x_title},
            "type": "category",
            "automargin": True,
            "fixedrange": True,
            # the labels a little lower: the first one clear of the y axis's lowest
            "ticks": "outside",
            "ticklen": 8,
            "tickcolor": "rgba(0,0,0,0)",
            # long names on end (the figure is taller by as much): plotly, left to itself,
            # keeps them level where they overlap
            **({"tickangle": -90} if long_names else {}),
        },
        "yaxis": yaxis,
        "height": height,
        "margin": _MARGIN,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1 - 36 / height,
            "yref": "container",
            "yanchor": "top",
        },
        "font": {"size": 14},
        "bargap": 0.25,
        # No plotly template: the theme gives text its colours, and each chart spares the 6.5 KB
        # of plotly's default template on every rerun.
        "template": {},
    }
    layout.update(extra)
    return layout


#: From this many classes on, bar values stand on end: a value such as "+0.123" is wider than
#: a bar on a phone, and plotly would shrink it to a few pixels to fit.
ROTATE_FROM = 6


def rotated(classes) -> bool:
    return len(classes) >= ROTATE_FROM


def bar(
    name: str,
    x,
    y,
    fmt: str,
    colour: str,
    labels: bool = True,
    hide_zero=False,
    exact=True,
    small: float = 0.0,
    on_end: bool = False,
) -> dict:
    """One bar trace in ``colour`` (a meaning of :data:`COLOURS`, or a colour of its own, such
    as a kind's), its values printed above the bars at the chart's font size (on end from
    :data:`ROTATE_FROM` classes) in the one number format of every page
    (:func:`xentviz.core.numbers.label`: a tiny value in scientific form, never "0.000"); ``exact``
    (one flag, or one per bar) says where a value of 0 is exactly 0, elsewhere it prints
    "computes as 0". ``labels`` False prints none, ``hide_zero`` none on 0-height bars (a
    trace of one sign has those wherever the value has the other sign), or, as one flag per
    bar, none where it is True. ``small`` prints every value below it, and a 0 that is not
    exact, in the short form (:func:`~xentviz.core.numbers.label`'s ``short``: "3.1e-6",
    "≈0"), so one chart's labels share one form. ``on_end`` stands the values on end however
    few the classes (a value beside a taller bar it would run into, on a phone)."""
    y = [float(v) for v in y]
    exact = [bool(exact)] * len(y) if isinstance(exact, bool) else [bool(e) for e in exact]
    hide = [hide_zero and v == 0 for v in y] if isinstance(hide_zero, bool) else list(hide_zero)
    trace = {
        "type": "bar",
        "name": name,
        "x": x,
        "y": y,
        "marker": {"color": COLOURS.get(colour, colour)},
        "hovertemplate": "%{x}: %{y:.6g}<extra>" + name + "</extra>",
    }
    if labels:
        on_end = on_end or rotated(x)
        trace |= {
            "text": [
                "" if h else label(v, fmt, e, short=small > 0, small=small)
                for v, e, h in zip(y, exact, hide, strict=True)
            ],
            "textposition": "outside",
            "textangle": -90 if on_end else 0,
            "constraintext": "none",  # never shrunk to fit the bar: always readable
            "cliponaxis": False,
        }
        if on_end:
            _on_end(trace)
    return trace


def figure(spec: dict) -> dict:
    """The figure for ``spec``: the plain dict of ``data`` and ``layout`` that the page's chart
    component sends as JSON (:mod:`xentviz.ui.charts`), made readable and clear of collisions
    on any screen: at least :data:`MIN_HEIGHT` px tall with text of :data:`MIN_FONT` px or
    more; a long title on more lines than one, and room above the plot for the title and the
    legend's rows as a phone would wrap them; the values of bars side by side on end; plotly
    never hiding a value that does not fit (``uniformtext`` off).

    No plotly object is made on the way: a ``go.Figure``, even unvalidated, cost 0.5 to 2.7 ms
    a chart, and a live preview builds each chart for every position of a slider. The tests
    check every builder's output against plotly's own validation.
    """
    lay = spec["layout"]
    lay["uniformtext"] = {"mode": False}
    _sideways(spec["data"], lay)
    _upright_groups(spec["data"], lay)
    _readable(lay)
    _room_above(spec["data"], lay)
    return spec


_TAG = re.compile(r"<[^>]*>")


def _plain_length(text: str) -> int:
    return len(html.unescape(_TAG.sub("", text)))


def wrap(text: str, width: int = TITLE_CHARS) -> str:
    """``text`` (plotly's HTML subset) on lines of at most ``width`` characters, broken at
    spaces with ``<br>``; lines it already has are kept."""
    lines = []
    for given in text.split("<br>"):
        line = ""
        for word in given.split(" "):
            if line and _plain_length(line + " " + word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)


def _readable(lay: dict) -> None:
    """At least MIN_HEIGHT px tall, every font at least MIN_FONT px."""
    lay["height"] = max(int(lay.get("height", MIN_HEIGHT)), MIN_HEIGHT)
    font = lay.setdefault("font", {})
    font["size"] = max(font.get("size", MIN_FONT), MIN_FONT)
    for note in lay.get("annotations", []):
        if "font" in note and "size" in note["font"]:
            note["font"]["size"] = max(note["font"]["size"], MIN_FONT)


def _legend_rows(data: list, lay: dict) -> int:
    """The rows of the legend when plotly wraps it across the narrowest chart (0: none)."""
    if lay.get("showlegend") is False:
        return 0
    shown = [
        t for t in data
        if t.get("showlegend", t.get("type") not in _NO_LEGEND) and t.get("visible", True)
    ]  # fmt: skip
    if len(shown) < 2 and not any(t.get("showlegend") for t in shown):
        return 0
    rows, used = 1, 0.0
    for t in shown:
        width = 48 + 7.6 * _plain_length(str(t.get("name", "")))
        if used and used + width > _NARROWEST:
            rows, used = rows + 1, 0.0
        used += width
    return rows


_NO_LEGEND = {"heatmap", "contour", "histogram2d", "pie"}


def _room_above(data: list, lay: dict) -> None:
    """A title of more than TITLE_CHARS characters on two lines or more, and the top margin
    the title and the legend's rows need (the figure grows by as much, so the plot keeps its
    height), for the layout :func:`layout` makes (the legend below the title, in the
    container's coordinates)."""
    title = lay.get("title")
    legend = lay.get("legend")
    if not isinstance(title, dict) or title.get("yref") != "container":
        return
    title["text"] = wrap(title.get("text", ""))
    for axis, width in (("xaxis", TITLE_CHARS), ("yaxis", 30)):
        named = lay.get(axis, {}).get("title")
        if isinstance(named, dict) and named.get("text"):
            named["text"] = wrap(named["text"], width)
    lines = title["text"].count("<br>") + 1
    if lines > 1:  # plotly sets a title of more lines higher: it would leave the chart
        title["pad"] = {**title.get("pad", {}), "t": 8 + 12 * (lines - 1)}
    rows = _legend_rows(data, lay)
    # the legend: its rows and its padding (plotly pushes the margin itself where this is short,
    # and only in a full redraw: a preview frame would then be drawn with another margin)
    top = 14 + _TITLE_LINE * lines + (_LEGEND_ROW * rows + 30 if rows else 0)
    margin = lay["margin"] = dict(lay.get("margin", _MARGIN))
    grow = max(0, top - margin.get("t", 0))
    margin["t"] = margin.get("t", 0) + grow
    lay["height"] += grow
    if isinstance(legend, dict) and legend.get("yref") == "container":
        legend["y"] = 1 - (14 + _TITLE_LINE * lines) / lay["height"]


#: Bars side by side across a phone's chart: about 19 px each, as many as an upright value
#: needs (14 px text) with little gap.
_ACROSS = 8


def _sideways(data: list, lay: dict) -> None:
    """A chart of bars only, more of them side by side than fit across a phone with their
    values on end (two or three values per class, up to twelve classes), lies on its side:
    the classes down the chart (which grows as tall as they need) and every value to the
    right of its bar, level."""
    if lay.get("barmode", "group") != "group" or not data:
        return
    if any(t.get("type") != "bar" or t.get("orientation") == "h" for t in data):
        return
    slots = len({t.get("offsetgroup", id(t)) for t in data})
    labelled = sum(1 for t in data if "text" in t)
    classes = len(data[0]["x"])
    if labelled < 2 or classes * slots <= _ACROSS:
        return
    for t in data:
        t["x"], t["y"] = t["y"], t["x"]
        t["orientation"] = "h"
        t["hovertemplate"] = (
            t["hovertemplate"].replace("%{x}", "%{_}").replace("%{y", "%{x").replace("%{_}", "%{y}")
        )
        if "text" in t:
            t["textangle"] = 0
    value_axis, class_axis = lay["yaxis"], lay["xaxis"]
    level = ("ticks", "ticklen", "tickcolor", "tickangle")  # names level, beside the bars
    class_axis = {k: v for k, v in class_axis.items() if k not in level}
    lay["xaxis"], lay["yaxis"] = value_axis, class_axis | {"autorange": "reversed"}
    if "range" in value_axis:  # room beside the bars for the values, level
        # The range asked for already has room over the bars (a probability's [0, 1.45]):
        # widened only where the values need more, so that a probability axis does not run
        # to 2 (1.45 and its room again).
        values = [v for t in data for v in t["x"] if v is not None]
        low, high = value_axis["range"]
        low, v_high = min(low, *values), max(0.0, *values)
        room = 0.45 * (max(high, v_high) - low)
        value_axis["range"] = [low - room if low < 0 else low,
                               max(high, v_high + 0.45 * (v_high - low))]  # fmt: skip
    lay["bargap"] = 0.15
    margin = lay.get("margin", _MARGIN)
    lay["height"] = margin["t"] + margin["b"] + 30 + classes * (slots * 23 + 10)


def _upright_groups(data: list, lay: dict) -> None:
    """Values of bars drawn side by side (plotly's "group") stand on end where two bars of a
    class carry values: two values do not fit side by side in a class's width on a phone
    ("0.0390.036"). (One value per class, over a bar beside one without, keeps its row.)"""
    if lay.get("barmode", "group") != "group":
        return
    bars = [t for t in data if t.get("type") == "bar" and t.get("visible", True) is True]
    labelled = {t.get("offsetgroup", id(t)) for t in bars if "text" in t}
    if len(labelled) < 2 or any(t.get("orientation") == "h" for t in bars):
        return
    for t in bars:
        if "text" in t:
            _on_end(t)


def _on_end(trace: dict) -> None:
    """A bar trace's values on end, each on one line (two lines on end are as wide as two
    values)."""
    trace["textangle"] = -90
    trace["text"] = [t.replace("<br>", " ") for t in trace["text"]]


# --- the pieces of the numeric charts (curves, dots, log axes) ---------------------------------

DIVERGING = [[0.0, COLOURS["raise"]], [0.5, "#F2F2F2"], [1.0, COLOURS["lower"]]]


def line(name: str, x, y, colour: str, dash: str = "solid", width: float = 2.5, **extra) -> dict:
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


def dot(name: str, x: float, y: float, colour: str, size: int = 13, **extra) -> dict:
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
LOG_AXIS = {"type": "log", "dtick": 1, "exponentformat": "power"}


def log_ticks(low: float, high: float, most: int) -> dict:
    """A log axis from ``low`` to ``high`` labelled at every power of ten, or every second or
    third, so it has at most about ``most`` labels (twelve powers of ten do not fit across a
    phone)."""
    decades = max(1.0, math.log10(high) - math.log10(low))
    return LOG_AXIS | {"dtick": max(1, math.ceil(decades / most))}


def numeric(spec: dict, x_range=None, y_range=None, x_log=False, y_log=False) -> dict:
    spec["xaxis"] |= LOG_AXIS if x_log else {"type": "linear"}
    if x_range is not None:
        spec["xaxis"]["range"] = x_range
    if y_log:
        spec["yaxis"] |= LOG_AXIS
    if y_range is not None:
        spec["yaxis"]["range"] = y_range
    return spec
