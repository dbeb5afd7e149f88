"""Questions to check yourself, made from the state shown and answered by the core."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..core.losses import softmax_cross_entropy
from ..worked.playground import WorkedExample
from .markup import as_text
from .numbers import plain, signed, stated

__all__ = [
    "Question", "rival_logit", "rival_logit_answer", "BOUNDS", "raised_loss", "raised_loss_answer",
]  # fmt: skip


@dataclass(frozen=True)
class Question:
    prompt: str  #: Markdown, names escaped
    options: tuple[str, ...]


UP, DOWN = "it goes up", "it goes down"


def _q_y(q_y: float) -> str:
    """q_y as a sentence's subject: "q_y = 0.7751", or "q_y (computes as 0)"."""
    text = plain(q_y)
    return f"q_y ({text})" if text.startswith("computes") else f"q_y = {text}"


def _is(gradient: str, slope: float) -> str:
    """ " is ∂L/∂z_j = +0.1159", or ", ∂L/∂z_j, computes as 0" (after "the gradient")."""
    text = signed(slope)
    return f", {gradient}, {text}" if text.startswith("computes") else f" is {gradient} = {text}"


def _rival(w: WorkedExample) -> int:
    """The strongest rival of the true class: the most interesting logit to move."""
    y = w.target_index
    return max((i for i in range(w.num_classes) if i != y), key=lambda i: w.q[i])


def rival_logit(state, w: WorkedExample) -> Question:
    """Which way does the loss go if the strongest rival's logit rises by 1?"""
    name = as_text(state.classes[_rival(w)])
    return Question(
        f"If you raise the logit of the rival class {name} by 1, what happens to the loss?",
        (UP, DOWN),
    )


def rival_logit_answer(state, w: WorkedExample, answer: str) -> str:
    """The verdict on ``answer``, from the exact losses before and after (from the core), with
    the gradient that predicts the direction of a small rise."""
    j, y = _rival(w), w.target_index
    raised = list(state.logits)
    raised[j] += 1
    after = float(
        softmax_cross_entropy(
            raised,
            y,
            base=state.core_base,
            temperature=state.temperature,
            label_smoothing=state.smoothing,
        )
    )
    slope = float(w.grad[j])
    gradient = state.log_base.gradient()
    said = (
        f"The gradient for that logit{_is(gradient, slope)}: its sign tells "
        "which way the loss moves for a small rise of that logit."
    )
    if after == w.loss:
        # No double between the two losses: the change is below the last digit of the loss.
        level = (
            f"The loss stays at {plain(w.loss)} {state.unit} to double precision"
            if w.loss != 0
            else f"The loss computes as 0 {state.unit} before and after"
        )
        change = f"{level}: the change is smaller than its last digit. "
        if slope == 0 and w.p[j] == 0:
            # q_j computes as 0 but is positive: the exact slope q_j/T is too.
            truth = UP
            said = (
                f"The gradient for that logit is {state.log_base.gradient('q_j')}, which "
                "computes as 0 but is positive in exact arithmetic: q_j is never 0."
            )
        else:
            truth = UP if slope > 0 else DOWN if slope < 0 else None
        if truth is None:
            return f"Neither: {change}{said} Here it is 0: q_j equals p_j."
        verdict = "Right." if answer == truth else "Not quite."
        return f"{verdict} {change}{said} So the loss {truth.removeprefix('it ')}."
    truth = UP if after > w.loss else DOWN
    verdict = "Right." if answer == truth else "Not quite."
    # The loss is convex in each logit, so a rise of 1 can only disagree with the gradient's
    # sign one way: it overshoots the minimum a falling loss was heading for.
    overshoot = (
        " A rise of 1 is not small here: the loss first falls, then, being convex in each "
        "logit, climbs back past where it started."
        if slope < 0 < after - w.loss
        else ""
    )
    before_text, after_text = plain(w.loss), plain(after)
    moved = (
        f"goes from {before_text} to {after_text} {state.unit}"
        if not (before_text + after_text).count("computes")
        else f"{stated(w.loss)} {state.unit} before the rise and {stated(after)} after it"
    )
    return f"{verdict} The loss {moved}. {said}{overshoot}"


#: The ranges a loss is estimated in, in the page's unit.
BOUNDS = (0.1, 0.5, 1.0, 2.0)


def ranges() -> tuple[str, ...]:
    """The estimate's options, one per range of :data:`BOUNDS`."""
    edges = [f"{b:g}" for b in BOUNDS]
    middle = tuple(f"{a} to {b}" for a, b in itertools.pairwise(edges))
    return (f"below {edges[0]}", *middle, f"{edges[-1]} or more")


def _raised(state, w: WorkedExample) -> float:
    """The loss if the true class's logit rose by 2, the rest as now (from the core)."""
    raised = list(state.logits)
    raised[w.target_index] += 2
    return float(
        softmax_cross_entropy(
            raised, w.target_index, base=state.core_base, temperature=state.temperature,
            label_smoothing=state.smoothing,
        )
    )  # fmt: skip


def raised_loss(state, w: WorkedExample) -> Question:
    """Estimate: the loss after the true class's logit rises by 2."""
    name = as_text(state.classes[w.target_index])
    return Question(
        f"Predict, then check: if the true class {name}'s logit rose by 2, in which range would "
        f"the loss be, in {state.unit}? (Now it {stated(w.loss)}.)",
        ranges(),
    )


def raised_loss_answer(state, w: WorkedExample, answer: str) -> str:
    after = _raised(state, w)
    k = sum(after >= b for b in BOUNDS)
    truth = ranges()[k]
    verdict = "Right." if answer == truth else "Not quite."
    return f"{verdict} It would be {plain(after)} {state.unit}: {truth}. " + _why_raised(
        state, w, after
    )


def _why_raised(state, w: WorkedExample, after: float) -> str:
    """Why the loss moved the way it did, read from this state's target and gradient: with a
    one-hot target a rise of the true logit always lowers the loss; with label smoothing the
    target p_y is below 1, and the loss rises once q_y passes it."""
    y = w.target_index
    slope = float(w.grad[y])
    gradient = state.log_base.gradient("q_y − p_y")
    moved = (
        "falls"
        if after < w.loss
        else "rises"
        if after > w.loss
        else "stays the same to double precision"
    )
    if w.label_smoothing == 0:
        # In exact arithmetic it falls (q_y < 1 for finite logits); float64 may not show it.
        moved = "falls" + (
            "" if after < w.loss
            else " in exact arithmetic (float64 rounds the two losses alike)" if after == w.loss
            else " in exact arithmetic (float64 shows a rise: rounding)"
        )  # fmt: skip
        return (
            f"The loss {moved}: with a one-hot target p_y = 1, the true class's gradient "
            f"{gradient} {stated(slope, sign=True)}; it is below 0 whenever q_y < 1, as it is "
            "for any finite logits, so raising its logit lowers the loss in exact arithmetic, "
            "by less and less as q_y nears 1."
        )
    p_y = float(w.p[y])
    where = (
        f"{_q_y(float(w.q[y]))} is below p_y, so a small rise lowers the loss"
        if slope < 0
        else f"{_q_y(float(w.q[y]))} is already above p_y, so a rise takes q further "
        "from the target and the loss rises"
        if slope > 0
        else "q_y equals p_y to double precision: the loss is at its lowest along this logit"
    )
    past = (
        " A rise of 2 is not small here: the loss falls until q_y reaches p_y, then climbs "
        "past where it started."
        if slope < 0 < after - w.loss
        else ""
    )
    return (
        f"The loss {moved}. With label smoothing {state.smoothing:g} the target for the true "
        f"class is p_y = {plain(p_y)}, not 1, and its gradient{_is(gradient, slope)}: "
        f"{where}.{past}"
    )
