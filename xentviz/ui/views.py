"""What each page's charts and headline numbers show for a state, by the names they are drawn
under: what the page draws, and what the live preview of a dragged slider shows at each of its
positions (:mod:`.live`). One function per page, so the two can never differ.
"""

from __future__ import annotations

from .. import figures
from ..figures import binary as binary_figures
from ..figures import encoding as encoding_figures
from ..figures import optimisation as opt_figures
from ..lesson import binary as binary_text
from ..lesson import playground as notices
from ..lesson.numbers import plain, signed
from ..state import LOGIT_SLIDER, BinaryState, EncodingState, PlaygroundState
from ..state.gradients import GradientsState
from ..state.loss import LossState
from ..state.training import HELD_OUT, TrainingState
from ..worked.binary import BinaryWorked
from ..worked.encoding import EncodingWorked
from ..worked.optimisation import SWEEP_T, WorkedGradients, WorkedLoss, WorkedTraining
from ..worked.playground import WorkedExample

__all__ = [
    "TILES", "playground", "binary", "encoding", "loss", "LOSS_STILL", "loss_preview", "gradients",
    "training",
]  # fmt: skip


#: Positions in a tile of each page's live preview (:mod:`.live`): its views cost the server
#: about 0.4-0.6 ms a state on the Playground, 0.8-0.9 on the encodings and loss pages, 1.0-1.2
#: on the gradients page and 1.8-2.1 on the binary page (12 classes, extreme settings), so a tile
#: costs 35-60 ms cold (``python benchmarks/bench_hall.py --tiles`` prints each).
TILES = {"playground": 100, "encoding": 64, "loss": 64, "gradients": 48, "binary": 32}


def playground(state: PlaygroundState, w: WorkedExample | None = None) -> dict:
    """The Playground's four charts and headline numbers (``w``: the state's worked example,
    if already at hand)."""
    w = w or state.worked()  # every number below comes from here
    classes, unit = state.classes, state.unit
    return {
        "q": figures.probabilities_figure(classes, w),
        "logits": figures.logits_figure(classes, w, span=LOGIT_SLIDER),
        "loss": figures.contributions_figure(classes, w, unit),
        "gradient": figures.gradient_figure(classes, w, unit, state.log_base.gradient()),
        "headline": notices.headline(state, w),
    }


def binary(state: BinaryState, w: BinaryWorked | None = None) -> dict:
    """The binary page's charts and the numbers of its two-class softmax."""
    w = w or state.worked()
    base, unit = state.core_base, state.unit
    against_loss, against_gradient = binary_figures.squared_vs_cross_figures(
        state.z, state.t, w.ce_nats, w.ce_grad_nats, w.mse, w.mse_grad, span=LOGIT_SLIDER
    )
    return {
        "by_p": binary_figures.probability_curves_figure(
            w.p, state.t, w.loss, base, unit, state.z, span=LOGIT_SLIDER
        ),
        "by_z": binary_figures.logit_curves_figure(
            state.z, state.t, w.loss, w.grad, base, unit, span=LOGIT_SLIDER
        ),
        "two_classes": binary_text.two_classes(state, w),
        "sigmoids": binary_figures.outputs_figure(
            state.classes, w.sigmoids, state.labels, "Sigmoids σ(z_k)", "σ(z_k)"
        ),
        "softmax": binary_figures.outputs_figure(
            state.classes, w.multi.q, None, "Softmax(z)", "softmax"
        ),
        "mse_loss": against_loss,
        "mse_gradient": against_gradient,
    }


def encoding(state: EncodingState, w: EncodingWorked | None = None) -> dict:
    """The encodings page's two charts: softmax against z / sum z, and a shift and a scale."""
    w = w or state.worked()
    return {
        "ratio": encoding_figures.normalisations_figure(state.classes, w.example.q, w.ratio),
        "moves": encoding_figures.shift_and_scale_figure(
            state.classes, w.example.q, w.shifted, w.scaled, state.shift, state.scale
        ),
    }


def loss(state: LossState, w: WorkedLoss | None = None, full: bool = True) -> dict:
    """The loss page's charts (the simplex only for three classes) and headline numbers;
    without ``full``, all but :data:`LOSS_STILL`."""
    w = w or state.worked(full)
    classes, unit, y, i, j = state.classes, state.unit, state.target, state.i, state.j
    z = state.logits
    shown = {
        "headline": [
            (f"loss ({unit})", plain(w.loss), "H(p, q) = −log q_y for the one-hot target"),
            ("q of the true class", plain(float(w.q[y])), None),
            (f"after one step ({unit})", plain(w.next_loss), "the loss at the arrow's head"),
        ],
        "by_q": opt_figures.by_q_figure(*w.by_q, float(w.q[y]), w.loss, classes[y], unit),
        "along": opt_figures.along_figure(
            *w.along, z[i], w.loss, float(w.grad[i]), classes[i], unit
        ),
    }
    if not full:
        return shown
    shown |= {
        "map": opt_figures.map_figure(
            w.xs, w.ys, w.surface, (z[i], z[j]), (w.next_logits[i], w.next_logits[j]),
            state.trail, classes[i], classes[j], unit, w.map_top,
        ),
        "sweep": opt_figures.sweep_figure(
            classes, SWEEP_T, w.sweep_q, w.sweep_loss, state.temperature, *w.at_t, y, unit
        ),
    }  # fmt: skip
    if w.simplex is not None:
        shown["simplex"] = opt_figures.simplex_figure(
            classes, *w.simplex, w.q, w.next_q, w.trail_q, unit
        )
    return shown


#: The loss page's views a dragged logit does not preview, dimmed until it is let go: each
#: holds a curve or a surface that every position changes (60 KB to 6 MB a grid).
LOSS_STILL = ("map", "simplex", "sweep")


def loss_preview(state: LossState) -> dict:
    """The loss page's views that a dragged logit previews: all but :data:`LOSS_STILL`."""
    return loss(state, full=False)


def gradients(state: GradientsState, w: WorkedGradients | None = None) -> dict:
    """The gradients page's three charts and headline numbers."""
    w = w or state.worked()
    c = w.chain
    return {
        "headline": [
            ("loss (nats)", plain(c.loss), None),
            ("∂L/∂z of the true class", signed(float(c.gradient[state.target])), "q_y − 1"),
            (f"largest error at h = {state.h:g}", plain(w.at_h, 3), "|numerical slope − (q − p)|"),
        ],
        "jacobian": opt_figures.jacobian_figure(state.classes, c.jacobian),
        "graph": opt_figures.graph_figure(state.classes, state.logits, c),
        "v": opt_figures.v_figure(w.hs, w.v, state.h, w.at_h),
    }


def training(state: TrainingState, w: WorkedTraining | None = None, data=None) -> dict:
    """The training page's charts and headline numbers at the step shown (``data``: the state's
    data set, if already at hand)."""
    w = w or state.worked()
    X, y = data if data is not None else state.data()
    return {
        "headline": [
            ("step", f"{state.at} / {state.steps}", None),
            (f"mean loss ({state.unit})", plain(w.loss), "over every point"),
            (
                "accuracy (training points)",
                f"{w.accuracy:.1%}",
                "The share of the points it trains on whose most probable class is their own.",
            ),
            (
                f"accuracy ({HELD_OUT} held-out points)",
                f"{w.held_out_accuracy:.1%}",
                "The same on points from the same blobs that training never saw (kept by the "
                "seed): what the model does on new data.",
            ),
        ],
        "regions": opt_figures.regions_figure(
            *w.grid, w.regions, X, y, state.point, state.n_classes
        ),
        "curve": opt_figures.loss_curve_figure(w.losses, state.at, state.unit),
        "point": opt_figures.point_figure(
            state.n_classes, w.point.q, w.point.dz, state.unit, base=state.core_base
        ),
    }
