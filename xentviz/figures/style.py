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

from ..core.numbers import label

__all__ = [
    "COLOURS", "names", "layout", "bar", "figure", "rotated", "PROBABILITY_TICKS", "line", "dot",
    "numeric", "LOG_AXIS", "DIVERGING",
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

_HEIGHT = 340
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
) -> dict:
    """One bar trace in ``colour`` (a meaning of :data:`COLOURS`, or a colour of its own, such
    as a kind's), its values printed above the bars at the chart's font size (on end from
    :data:`ROTATE_FROM` classes) in the one number format of every page
    (:func:`xentviz.core.numbers.label`: a tiny value in scientific form, never "0.000"); ``exact``
    (one flag, or one per bar) says where a value of 0 is exactly 0, elsewhere it prints
    "computes as 0". ``labels`` False prints none, ``hide_zero`` none on 0-height bars (a
    trace of one sign has those wherever the value has the other sign), or, as one flag per
    bar, none where it is True."""
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
        trace |= {
            "text": ["" if h else label(v, fmt, e) for v, e, h in zip(y, exact, hide, strict=True)],
            "textposition": "outside",
            "textangle": -90 if rotated(x) else 0,
            "constraintext": "none",  # never shrunk to fit the bar: always readable
            "cliponaxis": False,
        }
    return trace


def figure(spec: dict) -> dict:
    """The figure for ``spec``: the plain dict of ``data`` and ``layout`` that the page's chart
    component sends as JSON (:mod:`xentviz.ui.charts`).

    No plotly object is made on the way: a ``go.Figure``, even unvalidated, cost 0.5 to 2.7 ms
    a chart, and a live preview builds each chart for every position of a slider. The tests
    check every builder's output against plotly's own validation.
    """
    return spec


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


def numeric(spec: dict, x_range=None, y_range=None, x_log=False, y_log=False) -> dict:
    spec["xaxis"] |= LOG_AXIS if x_log else {"type": "linear"}
    if x_range is not None:
        spec["xaxis"]["range"] = x_range
    if y_log:
        spec["yaxis"] |= LOG_AXIS
    if y_range is not None:
        spec["yaxis"]["range"] = y_range
    return spec
