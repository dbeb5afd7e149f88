"""Figure builders: numbers in, a plotly figure (as a plain dict) out. No widgets here.

Building plain dicts costs microseconds. Given a dict, ``st.plotly_chart`` validates it property
by property on every rerun; ``unvalidated`` hands it over as a Figure that plotly only copies
(the tests validate every builder's output and check the JSON sent is the same either way).
Colours come from the theme's categorical palette (``.streamlit/config.toml``), in trace order.
Class names are HTML-escaped, since plotly reads a subset of HTML in text.
"""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "logits_figure",
    "probabilities_figure",
    "contributions_figure",
    "gradient_figure",
    "unvalidated",
]

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


def _names(classes) -> list[str]:
    return [html.escape(str(c)) for c in classes]


def _height(classes) -> int:
    """The figure's height: _HEIGHT plus the room names longer than _SHORT_NAME need on end."""
    longest = max((len(str(c)) for c in classes), default=0)
    return _HEIGHT + math.ceil(_CHAR_PX * max(0, longest - _SHORT_NAME))


def _layout(title: str, y_title: str, classes, y_range=None, **extra) -> dict:
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
            "title": {"text": "class"},
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
        # A value that does not fit above its bar is shrunk by plotly, to 4 px with 12 classes;
        # below 9 px it is left out instead (hover and the worked table still give it).
        "uniformtext": {"minsize": 9, "mode": "hide"},
        "bargap": 0.25,
    }
    layout.update(extra)
    return layout


def _bar(name: str, x, y, fmt: str, hide_zero: bool = False, **extra) -> dict:
    """One bar trace with its values printed above the bars (``hide_zero``: not on 0-height
    bars, which a trace of one sign has wherever the value has the other sign)."""
    y = [float(v) for v in y]
    return {
        "type": "bar",
        "name": name,
        "x": x,
        "y": y,
        "text": ["" if hide_zero and v == 0 else format(v, fmt) for v in y],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{x}: %{y:.6g}<extra>" + name + "</extra>",
        **extra,
    }


def logits_figure(classes, logits, temperature: float = 1.0) -> dict:
    """Bars of the logits z (or z / T when T != 1, as the softmax sees them)."""
    names = _names(classes)
    if temperature == 1.0:
        title, y = "Logits z", np.asarray(logits, dtype=float)
    else:
        title, y = f"Scaled logits z / T (T = {temperature:g})", np.asarray(logits) / temperature
    return {
        "data": [_bar("z" if temperature == 1.0 else "z / T", names, y, ".2f")],
        "layout": _layout(title, "logit (unitless)", classes, showlegend=False),
    }


def probabilities_figure(classes, q, p, predicted: int) -> dict:
    """Softmax output q beside the target p, grouped per class; the predicted class marked."""
    names = _names(classes)
    q = np.asarray(q, dtype=float)
    marker = {
        "x": names[predicted],
        "y": float(max(q[predicted], p[predicted])),
        "text": "predicted",
        "showarrow": True,
        "arrowhead": 2,
        "ay": -26,
        "yshift": 18,
    }
    return {
        "data": [
            _bar("q = softmax (model)", names, q, ".3f"),
            _bar("p (target)", names, p, ".3f"),
        ],
        "layout": _layout(
            "Prediction q and target p",
            "probability",
            classes,
            y_range=[0, 1.45],
            barmode="group",
            annotations=[marker],
        ),
    }


def contributions_figure(classes, contributions, unit: str) -> dict:
    """Each class's share -p_i log q_i of the loss: with a one-hot p only the true class counts."""
    return {
        "data": [_bar("-p_i log q_i", _names(classes), contributions, ".4f")],
        "layout": _layout(
            f"Loss per class, −p_i log q_i ({unit})", f"loss ({unit})", classes, showlegend=False
        ),
    }


def gradient_figure(classes, grad, grad_sum: float) -> dict:
    """Gradient bars dL/dz_i = (q_i - p_i) / T, one colour per sign; their sum in the title.

    Negative components are logits gradient descent raises; positive ones it lowers.
    """
    names = _names(classes)
    g = np.asarray(grad, dtype=float)
    down = np.where(g < 0, g, 0.0)
    up = np.where(g >= 0, g, 0.0)
    return {
        "data": [
            _bar("< 0: descent raises z_i", names, down, "+.3f", hide_zero=True),
            _bar("≥ 0: descent lowers z_i", names, up, "+.3f", hide_zero=True),
        ],
        "layout": _layout(
            f"Gradient (q − p) / T   (sum = {grad_sum:.1g})",
            "∂L/∂z (nats per unit logit)",
            classes,
            barmode="relative",
        ),
    }


def unvalidated(spec: dict) -> go.Figure:
    """``spec`` as a plotly Figure that skips plotly's property-by-property validation.

    ``st.plotly_chart`` validates a plain dict on every call (about 0.5 ms per chart here) but
    only copies a Figure. Use it for the builders above, whose output the tests validate; the
    JSON sent to the browser is the same.
    """
    return go.Figure(spec, _validate=False)
