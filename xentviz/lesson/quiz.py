"""Questions to check yourself, made from the state shown and answered by the core."""

from __future__ import annotations

from dataclasses import dataclass

from ..losses import softmax_cross_entropy
from ..worked_example import WorkedExample
from .markup import as_text

__all__ = ["Question", "rival_logit", "rival_logit_answer"]


@dataclass(frozen=True)
class Question:
    prompt: str  #: Markdown, names escaped
    options: tuple[str, ...]


UP, DOWN = "it goes up", "it goes down"


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
    """The verdict on ``answer``, with the loss before and after (from the core) and the
    gradient that predicts its direction for a small rise."""
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
    truth = UP if after > w.loss else DOWN
    verdict = "Right." if answer == truth else "Not quite."
    # The loss is convex in each logit, so a rise of 1 can only disagree with the gradient's
    # sign one way: it overshoots the minimum a falling loss was heading for.
    overshoot = (
        " A rise of 1 is not small here: the loss first falls, then, being convex in each "
        "logit, climbs back past where it started."
        if w.grad[j] < 0 < after - w.loss
        else ""
    )
    return (
        f"{verdict} The loss goes from {w.loss:.4f} to {after:.4f} {state.unit}. The gradient "
        f"for that logit is (q − p)/T = {w.grad[j]:+.4f}: its sign tells which way the loss "
        f"moves for a small rise of that logit.{overshoot}"
    )
