"""What a page says beside its numbers: headline figures, "what to notice", notes on the seeds.

Every function takes the page's state and the core's :class:`~xentviz.WorkedExample` and
returns Markdown (class names escaped with :func:`.markup.as_text`). Each sentence must hold
for every state the controls or a link can reach; the tests check them against the core.
"""

from __future__ import annotations

from ..losses import softmax_cross_entropy
from ..presets import LOGITS_EXAMPLES
from ..state.bases import log_base_of
from ..worked_example import WorkedExample
from .markup import as_text

__all__ = [
    "headline",
    "probabilities",
    "logits",
    "loss",
    "gradient",
    "seed_note",
    "shift",
    "rows_legend",
]


def headline(state, w: WorkedExample) -> list[tuple[str, str, str | None]]:
    """The page's headline numbers as (label, value, help)."""
    unit = state.unit
    return [
        (f"Loss H(p, q) ({unit})", f"{w.loss:.4f}", None),
        (f"Entropy H(q) ({unit})", f"{w.entropy_q:.4f}", "The model's uncertainty."),
        (f"Entropy H(p) ({unit})", f"{w.entropy_p:.4f}", "The least loss any q reaches."),
        (f"KL(p ‖ q) ({unit})", f"{w.kl:.4f}", "H(p, q) − H(p): avoidable loss."),
        (
            f"Predicted class (q = {w.predicted_probability:.4f})",
            as_text(state.classes[w.predicted]),
            None,
        ),
    ]


def probabilities(state, w: WorkedExample) -> str:
    return (
        "every q is positive and they sum to 1; raising T flattens q towards uniform, lowering "
        "it sharpens q towards the largest logit."
    )


def logits(state, w: WorkedExample) -> str:
    return (
        "only differences between logits matter. Add the same number to every logit and "
        "nothing below changes."
    )


def loss(state, w: WorkedExample) -> str:
    if w.label_smoothing == 0:
        return (
            "with a one-hot target only the true class contributes, −log q_y (the one-hot vector "
            "is a selector). Label smoothing makes every class contribute."
        )
    return (
        "label smoothing gives every class a target p_i ≥ e/K > 0, so every class contributes "
        "−p_i log q_i, and a class the model rules out (q_i near 0) costs a lot."
    )


def gradient(state, w: WorkedExample) -> str:
    """What the gradient bars say, true of the state shown: a one-hot target always pushes the
    true logit up, a soft one only while q_y is below its target p_y."""
    # The chart's title prints the sum as computed; say why it may read 6e-17 and not 0.
    total = "The bars sum to 0" + (
        f" (the title's {w.grad_sum:.1g} is floating-point rounding)." if w.grad_sum else "."
    )
    if w.label_smoothing == 0:
        return (
            "the true class's bar is (q_y − 1)/T ≤ 0, so gradient descent raises its logit; "
            f"every other bar is q_i/T ≥ 0 and lowers its logit. {total}"
        )
    y = w.target_index
    q_y, p_y, bar = w.q[y], w.p[y], w.grad[y]
    if bar < 0:
        now = f"q_y = {q_y:.4f} is below p_y = {p_y:.4f}, so descent raises the true logit"
    elif bar > 0:
        now = f"q_y = {q_y:.4f} is above p_y = {p_y:.4f}, so descent lowers even the true logit"
    else:
        now = f"q_y = p_y = {p_y:.4f}, so descent leaves the true logit where it is"
    return (
        "with a soft target each bar is (q_i − p_i)/T: descent raises the logits where "
        f"q_i < p_i and lowers the rest, pulling q towards p, not towards one-hot. Here {now}. "
        + total
    )


def seed_note(state, w: WorkedExample) -> str | None:
    """Where the state is a seed's worked example, what the seed printed and the exact value
    (in the seed's own unit, whatever the page's base)."""
    if state.temperature != 1 or state.smoothing:
        return None
    for example in LOGITS_EXAMPLES:
        if (state.classes, state.logits, state.target) != (
            example.classes,
            example.logits,
            example.target,
        ):
            continue
        printed = log_base_of(example.printed_base)
        exact = (
            w.loss
            if printed.key == state.base
            else softmax_cross_entropy(example.logits, example.target, base=printed.base)
        )
        return (
            f"**{example.title}** — {example.source}. The seed prints a loss of "
            f"{example.printed_loss} {printed.unit}; exactly it is {exact:.4f} "
            f"{printed.unit}. {example.note}"
        )
    return None


def shift(state, w: WorkedExample) -> str | None:
    """Why the exponents are shifted, when they are."""
    if not w.shift:
        return None
    return (
        f"The largest scaled logit is subtracted before exponentiating (c = {w.shift:g}); "
        "softmax does not change, and nothing overflows."
    )


def rows_legend(state, w: WorkedExample) -> str:
    """Which class each row of the worked table is."""
    return "Rows follow the classes in order: " + ", ".join(
        f"{i + 1} = {as_text(c)}" for i, c in enumerate(state.classes)
    )
