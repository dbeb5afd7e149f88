"""The binary page's charts: binary cross-entropy as a function of p and of the logit z, and
independent sigmoids beside a softmax over the same logits. Curves are the core's functions
evaluated on a grid; every marked point is the core's number for the state shown."""

from __future__ import annotations

import functools
import math

import numpy as np

from ..core.binary_losses import (
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_grad,
    sigmoid_squared_error,
    sigmoid_squared_error_grad,
)
from ..core.numbers import label
from ..core.softmax import sigmoid
from ..worked import LOGIT_SPAN
from .playground import LOSS_AXIS_Q
from .style import COLOURS, PROBABILITY_TICKS, bar, figure, layout, names

__all__ = [
    "probability_curves_figure",
    "logit_curves_figure",
    "outputs_figure",
    "squared_vs_cross_figures",
]

#: Both curves are losses: one colour, told apart by their dash.
_LINES = {1: ("t = 1: −log p", "solid"), 0: ("t = 0: −log(1 − p)", "dot")}


def _reach(z: float, span: float) -> float:
    """How far either way of 0 the logit axis reaches: the slider's ``span`` for any z on it
    (so the axes hold still while z moves), beyond it a margin past z (from a link)."""
    return span if abs(z) <= span else abs(z) * 1.1


def _loss_top(base, reach: float, loss: float) -> float:
    """The loss axis's top: room for a loss of -log LOSS_AXIS_Q and for the loss at either end
    of the logit axis (the core's, the most any logit on it gives), so that it holds still
    while z moves; and for ``loss``."""
    base_log = 1.0 if base is None else math.log(base)
    at_end = float(sigmoid_cross_entropy(np.array([-reach]), np.array([1.0]), base=base))
    return max(-math.log(LOSS_AXIS_Q) / base_log, at_end, loss) * 1.15


def _curves(x: str, grid: np.ndarray, loss_of, here: float, t: int, loss: float, xs=None) -> list:
    """A loss curve for t = 1 and for t = 0 over ``grid`` (``loss_of(t, grid)``, drawn at
    ``xs``, the grid itself by default), and the example at (``here``, ``loss``)."""
    data = []
    xs = grid if xs is None else xs
    for target, (name, dash) in _LINES.items():
        label = name if x == "p" else name.replace("p", "σ(z)")
        data.append(
            {"type": "scatter", "mode": "lines", "name": label, "x": xs.tolist(),
             "y": [float(v) for v in loss_of(target, grid)],
             "line": {"color": COLOURS["loss"], "dash": dash},
             "hovertemplate": f"{x} = %{{x:.3f}}: %{{y:.4f}}<extra></extra>"}
        )  # fmt: skip
    data.append(
        {"type": "scatter", "mode": "markers", "name": f"this example (t = {t})", "x": [here],
         "y": [loss], "marker": {"size": 13, "color": COLOURS["loss"]},
         "hovertemplate": f"{x} = %{{x:.4f}}: loss %{{y:.4f}}<extra></extra>"}
    )  # fmt: skip
    return data


def _curves_layout(title: str, unit: str, top: float, x_title: str, x_range) -> dict:
    spec = layout(title, f"loss ({unit})", ["x"], y_range=[0, top], x_title=x_title)
    spec["xaxis"] |= {"type": "linear", "range": x_range}
    return spec


def probability_curves_figure(
    p: float, t: int, loss: float, base, unit: str, z: float = 0.0, span: float = LOGIT_SPAN
) -> dict:
    """The loss for t = 1 and for t = 0 over p in (0, 1), the current (p, loss) marked; the
    loss axis as on the chart against z (``z`` on a slider over +-``span``)."""
    # The curves are drawn from the core at logits: those of an even p grid and an even grid
    # over the logit axis's reach. The grids depend on the reach alone, not on z, so they hold
    # still while z moves on its slider, and the example's point lies on its drawn curve even
    # where p rounds to 1 (z = 1000: p = 1.0 in float64, and the curve for t = 0 climbs at
    # p = 1 through a loss of 1000 to the reach's).
    ps = np.linspace(0.001, 0.999, 400)
    reach = _reach(z, span)
    grid = np.sort(np.concatenate([np.log(ps) - np.log1p(-ps), np.linspace(-reach, reach, 201)]))

    def loss_of(target, zs):
        return sigmoid_cross_entropy(zs, np.full_like(zs, target), base=base, reduction="none")

    return figure(
        {
            "data": _curves("p", grid, loss_of, p, t, loss, xs=sigmoid(grid)),
            "layout": _curves_layout(
                f"Binary cross-entropy against p ({unit})",
                unit,
                _loss_top(base, _reach(z, span), loss),
                "p = σ(z), the probability of 1",
                [0, 1],
            ),
        }
    )


def logit_curves_figure(
    z: float, t: int, loss: float, grad: float, base, unit: str, span: float = LOGIT_SPAN
) -> dict:
    """One example's binary cross-entropy against the logit z (for t = 1 and t = 0), the
    current point with its tangent, whose slope is the gradient sigma(z) - t (over ln b),
    coloured as the Playground colours a gradient's sign."""
    reach = _reach(z, span)
    grid = np.linspace(-reach, reach, 401)

    def loss_of(target, zs):
        return sigmoid_cross_entropy(zs, np.full_like(zs, target), base=base, reduction="none")

    data = _curves("z", grid, loss_of, z, t, loss)
    half = reach / 4
    data.insert(
        2,
        # σ(z) − t is never 0 exactly: a float 0 "computes as 0", and its sign is t's (below 0
        # for t = 1, above for t = 0), whatever float64 rounds it to
        {"type": "scatter", "mode": "lines",
         "name": "slope " + label(grad, "+.4f", exact=False).replace("<br>", " "),
         "x": [z - half, z + half], "y": [loss - grad * half, loss + grad * half],
         "line": {"color": COLOURS["raise" if t == 1 else "lower"], "dash": "dash"},
         "hoverinfo": "skip"},
    )  # fmt: skip
    title = f"One example: loss against z ({unit})"  # one line (style.TITLE_CHARS)
    spec = _curves_layout(title, unit, _loss_top(base, reach, loss), "logit z", [-reach, reach])
    return figure({"data": data, "layout": spec})


def outputs_figure(classes, values: np.ndarray, labels, title: str, name: str) -> dict:
    """One probability per class in the model's colour (sigmoids or a softmax), beside the
    targets when given; the sum in the title."""
    x = names(classes)
    data = [bar(name, x, values, ".3f", "model")]
    if labels is not None:
        data.append(bar("target", x, labels, ".0f", "target", labels=False))
    spec = layout(
        # a sum of positive values (sigmoids, a softmax) is never 0 exactly
        f"{title}   (sum = {label(float(np.sum(values)), '.4f', exact=False)})".replace(
            "<br>", " "
        ).replace("= computes", "computes"),
        "probability", classes,
        y_range=[0, 1.45], barmode="group",
    )  # fmt: skip
    spec["yaxis"] |= PROBABILITY_TICKS
    return figure({"data": data, "layout": spec})


@functools.lru_cache(maxsize=8)
def _against_z(t: int, reach: float) -> tuple[tuple[float, ...], ...]:
    """The logit grid over +-``reach`` and, on it, cross-entropy and squared error for target
    ``t`` with their gradients (from the core). They do not depend on z: kept, so that a
    slider's grid of 201 positions computes them once, not at every position."""
    grid = np.linspace(-reach, reach, 401)  # still while z moves: the dot moves along it
    target = np.full_like(grid, float(t))
    return tuple(
        tuple(float(v) for v in values)
        for values in (
            grid,
            sigmoid_cross_entropy(grid, target, reduction="none"),
            sigmoid_squared_error(grid, target, reduction="none"),
            sigmoid_cross_entropy_grad(grid, target, reduction="none"),
            sigmoid_squared_error_grad(grid, target, reduction="none"),
        )
    )


#: Squared error is drawn in the target's colour, dashed, beside cross-entropy's loss colour.
_MSE = {"color": COLOURS["target"], "dash": "dash"}


def squared_vs_cross_figures(z: float, t: int, w_ce: float, w_ce_grad: float, mse: float,
                             mse_grad: float, span: float = LOGIT_SPAN,
                             ) -> tuple[dict, dict]:  # fmt: skip
    """Sigmoid + cross-entropy beside sigmoid + squared error for one example of target ``t``,
    against its logit: the two losses (nats; squared error has no unit), then their gradients,
    the example marked on each curve. The axes hold still while z moves on its slider."""
    reach = _reach(z, span)
    grid, ce, se, ce_grad, se_grad = _against_z(t, reach)
    curves = {"loss": (ce, se, w_ce, mse), "gradient": (ce_grad, se_grad, w_ce_grad, mse_grad)}
    out = []
    for what, (ce, se, ce_here, se_here) in curves.items():
        # the units in the legend: a y title of both ran past the plot, under the legend
        units = (" (nats)", " (no unit)") if what == "loss" else ("", "")
        data = [
            {"type": "scatter", "mode": "lines", "name": f"cross-entropy {what}{units[0]}",
             "x": list(grid), "y": list(ce), "line": {"color": COLOURS["loss"]},
             "hovertemplate": "z = %{x:.3f}: %{y:.4g}<extra>cross-entropy</extra>"},
            {"type": "scatter", "mode": "lines", "name": f"squared error {what}{units[1]}",
             "x": list(grid), "y": list(se), "line": _MSE,
             "hovertemplate": "z = %{x:.3f}: %{y:.4g}<extra>squared error</extra>"},
            {"type": "scatter", "mode": "markers", "name": "this example", "x": [z, z],
             "y": [ce_here, se_here],
             "marker": {"size": 12, "color": [COLOURS["loss"], COLOURS["target"]]},
             "hovertemplate": "z = %{x:.4f}: %{y:.4g}<extra>this example</extra>"},
        ]  # fmt: skip
        if what == "loss":
            top = max(float(sigmoid_cross_entropy(np.array([-reach]), np.array([1.0]))), 1.0)
            spec = layout(f"Loss against z (t = {t})", "loss",
                          ["x"], y_range=[0, top * 1.1], x_title="logit z")  # fmt: skip
        else:
            spec = layout(f"Gradient ∂L/∂z (t = {t})", "∂L/∂z (per unit logit)", ["x"],
                          y_range=[-1.15, 1.15], x_title="logit z")  # fmt: skip
        spec["xaxis"] |= {"type": "linear", "range": [-reach, reach]}
        out.append(figure({"data": data, "layout": spec}))
    return out[0], out[1]
