"""What a page says beside its numbers: the idea, headline figures, "what to notice", notes on
the sources.

Every function takes the page's state and the core's :class:`~xentviz.WorkedExample` and
returns Markdown (class names escaped with :func:`.markup.as_text`). Each sentence must hold
for every state the controls or a link can reach (ties, a logit at 1000, T at its ends, no
smoothing and 0.99, every log base); the tests check them against the core.
"""

from __future__ import annotations

import numpy as np

from ..core import exact
from ..core.presets import LOGITS_EXAMPLES, SOFTMAX_VS_STANDARD
from ..core.softmax import standard_normalization
from ..state.bases import log_base_of
from ..worked.playground import WorkedExample
from .markup import as_text
from .numbers import computed, from_log, given, plain
from .sources import cite

__all__ = [
    "idea",
    "lead",
    "first_action",
    "new_here",
    "headline",
    "probabilities",
    "logits",
    "loss",
    "gradient",
    "seed_note",
    "normalization_note",
    "shift",
    "rows_legend",
]

#: Bars print q with three decimals: below this a positive q shows as 0.000.
_SHOWN_AS_ZERO = 0.0005


def _nats(w: WorkedExample) -> float:
    """What turns a log in the worked example's base into nats."""
    return 1.0 if w.base is None else float(np.log(w.base))


def _names(state, indices) -> str:
    names = [as_text(state.classes[i]) for i in indices]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _q_y(q_y: float) -> str:
    """q_y as a sentence's subject: "q_y = 0.7751", or "q_y (computes as 0)"."""
    text = plain(q_y)
    return f"q_y ({text})" if text.startswith("computes") else f"q_y = {text}"


def idea(state) -> str:
    """The page's idea in a paragraph, with the gradient in the unit the page prints."""
    base = state.log_base
    gradient = "(q - p)/T" if base.base is None else rf"(q - p)/(T \ln {base.key})"
    return (
        "Softmax turns a vector of **logits** $z$ into probabilities "
        "$q_i = e^{z_i/T} / \\sum_j e^{z_j/T}$. The **cross-entropy** "
        "$H(p, q) = -\\sum_i p_i \\log q_i$ is the loss: it is never below $H(p)$, and the gap, "
        "$D_{KL}(p \\| q)$, measures how far $q$ is from the target $p$. Its gradient with "
        f"respect to the logits is simply ${gradient}$ (for the loss in {base.unit})."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "Softmax turns **logits** into probabilities q; the **cross-entropy** loss measures how "
        "far q is from the target p."
    )


def first_action(state) -> str:
    """What to do first, beside the sliders."""
    return "**Drag a logit** and watch q, the loss and the gradient follow."


def new_here(state) -> str:
    """Where to start, folded with the idea."""
    return (
        "New here? Start on this page (or take the guided tour), then follow **Next** at the "
        "bottom of each page: entropy, the binary case, one-hot labels, the loss landscape, its "
        "gradient, training. The **Lecture plan** lists the same path as links."
    )


def headline(state, w: WorkedExample) -> list[tuple[str, str, str | None]]:
    """The page's headline numbers as (label, value, help)."""
    unit = state.unit
    q = plain(w.predicted_probability)
    if len(w.tied) == 1:
        predicted = (f"Predicted class (q = {q})", as_text(state.classes[w.predicted]), None)
    else:
        value = (
            " = ".join(as_text(state.classes[i]) for i in w.tied)
            if len(w.tied) <= 3
            else f"{len(w.tied)}-way tie"
        )
        predicted = (
            f"Predicted class: a tie (q = {q} each)",
            value,
            "The largest logit is shared by " + _names(state, w.tied) + ".",
        )
    return [
        # Computed numbers: a float 0 among them may be a positive value that underflowed
        # (H(q) is positive for every finite logits), so it prints "computes as 0".
        # Where float64 gives 0 or a subnormal, the exact value (core/exact.py) beside it.
        (f"Loss H(p, q) ({unit})", computed(w.loss, lambda: _exact_loss(state, w)), None),
        (
            f"Entropy H(q) ({unit})",
            computed(
                w.entropy_q,
                lambda: exact.entropy(w.logits, base=w.base, temperature=w.temperature),
            ),
            "The model's uncertainty.",
        ),
        (
            f"Entropy H(p) ({unit})",
            plain(w.entropy_p, exact=w.label_smoothing == 0),
            "The floor of the loss: H(p, q) ≥ H(p), with equality only when q = p.",
        ),
        (
            f"KL(p ‖ q) ({unit})",
            # KL is the loss for a one-hot target (H(p) = 0); else float64's, as it computes
            computed(w.kl, lambda: _exact_loss(state, w))
            if w.target_index is not None and w.label_smoothing == 0
            else plain(w.kl, exact=False),
            "H(p, q) − H(p): the part of the loss a better q would remove.",
        ),
        predicted,
    ]


def _exact_loss(state, w: WorkedExample):
    """The exact H(p, q) of the float64 logits and target (core/exact.py)."""
    return exact.cross_entropy(w.logits, w.p, base=w.base, temperature=w.temperature)


def probabilities(state, w: WorkedExample) -> str:
    zero = np.flatnonzero(w.q == 0)
    tiny = np.flatnonzero((w.q > 0) & (w.q < _SHOWN_AS_ZERO))
    positive = "every q is positive and they sum to 1"
    if len(zero):
        # Its exact value, from log q (finite however small q is): e^-1000 is 5.076e-435.
        exact = [f"{from_log(w.log_q[i] * _nats(w))} for {as_text(state.classes[i])}" for i in zero]
        exact = exact[0] if len(exact) == 1 else ", ".join(exact[:-1]) + " and " + exact[-1]
        positive = (
            "every q is positive and they sum to 1, though the q of "
            f"{_names(state, zero)} is too small for float64 (whose smallest positive number "
            f"is about 4.9e-324), so it computes as 0; its exact value is {exact}"
        )
    elif len(tiny):
        values = ", ".join(f"{as_text(state.classes[i])} {plain(w.q[i])}" for i in tiny)
        positive += f" (some too small for the bars to show: {values})"
    if len(w.tied) == w.num_classes:
        temperature = "all logits are equal, so q is uniform at every T."
    else:
        largest = "the largest logit" if len(w.tied) == 1 else "the largest logits, shared"
        temperature = (
            f"raising T flattens q towards uniform, lowering it sharpens q towards {largest}."
        )
    return f"{positive}; {temperature}"


def logits(state, w: WorkedExample) -> str:
    return (
        "only differences between logits matter. Add the same number to every logit and q, "
        "the loss and the gradient stay as they are; only the logits here and their largest, "
        "m, move."
    )


def loss(state, w: WorkedExample) -> str:
    if w.label_smoothing == 0:
        return (
            "with a one-hot target only the true class contributes, −log q_y (the one-hot vector "
            "is a selector). Label smoothing makes every class contribute."
        )
    return (
        "label smoothing gives every class a target p_i ≥ ε/K > 0, so every class contributes "
        "−p_i log q_i, and a class the model rules out (q_i near 0) costs a lot."
    )


def gradient(state, w: WorkedExample) -> str:
    """What the gradient bars say, true of the state shown: a one-hot target always pushes the
    true logit up, a soft one only while q_y is below its target p_y."""
    base = state.log_base
    # The sum as computed may read 6e-17, not 0: say why.
    total = "The bars sum to 0" + (
        f" (computed, {w.grad_sum:.1g}: floating-point rounding)." if w.grad_sum else "."
    )
    y = w.target_index
    others = np.delete(np.arange(w.num_classes), y)
    if w.label_smoothing == 0:
        if w.grad[y] == 0:
            return (
                f"each bar is {base.gradient()}, and here every one is 0: q_y computes as exactly "
                "1 and every other q as 0 (in exact arithmetic they are tiny, not 0), so "
                f"gradient descent has nothing left to move. {total}"
            )
        lowered = f"every other bar is {base.gradient('q_i')} ≥ 0 and lowers its logit"
        flat = others[w.grad[others] == 0]
        if len(flat):
            lowered += f" ({_names(state, flat)}: q computes as 0, so the bar is 0)"
        return (
            f"the true class's bar is {base.gradient('q_y − 1')} < 0, so gradient descent "
            f"raises its logit; {lowered}. {total}"
        )
    q_y, p_y, bar = w.q[y], w.p[y], w.grad[y]
    if bar < 0:
        now = f"{_q_y(q_y)} is below p_y = {plain(p_y)}, so descent raises the true logit"
    elif bar > 0:
        now = f"{_q_y(q_y)} is above p_y = {plain(p_y)}, so descent lowers even the true logit"
    else:
        now = f"q_y = p_y = {plain(p_y)}, so descent leaves the true logit where it is"
    return (
        f"with a soft target each bar is {base.gradient('q_i − p_i')}: descent raises the "
        "logits where q_i < p_i and lowers the rest, pulling q towards p, not towards one-hot. "
        f"Here {now}. " + total
    )


def seed_note(state, w: WorkedExample) -> str | None:
    """Where the state is a source's worked example, what the source printed and the exact
    value, in the source's unit; in another unit, where to find it."""
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
        if printed.key != state.base:
            return (
                f"**{example.title}** — {cite(example.seed)}, {example.source}, where the loss "
                f"is worked in {printed.unit}: choose log base {printed.key} to compare the "
                "printed value with the exact one."
            )
        return (
            f"**{example.title}** — {cite(example.seed)}, {example.source}. The source prints a "
            f"loss of {example.printed_loss} {printed.unit}; exactly it is {plain(w.loss)} "
            f"{printed.unit}. {example.note}"
        )
    return None


def normalization_note(state, w: WorkedExample) -> str | None:
    """For the source's two logit vectors: softmax beside the "standard normalisation"
    z / sum z, which only sees proportions."""
    if state.temperature != 1 or state.logits not in SOFTMAX_VS_STANDARD.logits:
        return None
    ratio = standard_normalization(state.logits)  # the core's, with an exact sum
    others = [z for z in SOFTMAX_VS_STANDARD.logits if z != state.logits]
    pair = ", ".join(plain(x) for x in ratio)
    other = ", ".join(given(x) for x in others[0])
    return (
        f"The standard normalisation z / Σz gives [{pair}], the same for [{other}]: it sees only "
        'proportions (and turns a negative logit into a negative "probability"). Softmax '
        f"gives [{', '.join(plain(x) for x in w.q)}]: it sees differences, and a larger gap "
        f"means a surer prediction ({cite(SOFTMAX_VS_STANDARD.seed)}, "
        f"{SOFTMAX_VS_STANDARD.source})."
    )


def shift(state, w: WorkedExample) -> str:
    """Why every logit has the largest subtracted first."""
    return (
        f"The largest logit, m = {plain(w.max_logit, exact=True)}, is subtracted from every "
        "logit before dividing by T: each e_i is e^(z_i/T) divided by e^(m/T), which changes "
        "no q, and the largest e_i is exactly 1, so nothing overflows and S is never 0."
    )


def rows_legend(state, w: WorkedExample) -> str:
    """Which class each row of the worked table is."""
    return "Rows follow the classes in order: " + ", ".join(
        f"{i + 1} = {as_text(c)}" for i, c in enumerate(state.classes)
    )
