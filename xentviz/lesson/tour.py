"""The Playground's guided tour: a few steps, each naming the control to use and done when the
state shows it was used ("raise cat until it is predicted"), checked on the state itself."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..worked.playground import WorkedExample
from .markup import as_text
from .numbers import plain

__all__ = ["Step", "rival", "playground"]


@dataclass(frozen=True)
class Step:
    say: str  #: Markdown, names escaped
    control: tuple  #: the widget key's parts after the page name: ("logits", 1), ("base",)
    done: bool  #: whether the state shown already does what the step asks
    about: int | None = None  #: the class the tour works with, if it works with one
    #: whether the state still shows what its words assume (an earlier step undone: no); a
    #: tour never shows a step that does not hold, it goes back to the one undone
    holds: bool = True


def rival(w: WorkedExample) -> int:
    """The class the tour works with: the most probable one that is not the true class."""
    y = w.target_index
    return max((i for i in range(w.num_classes) if i != y), key=lambda i: w.q[i])


def _falls(state, k: int) -> str:
    """What the loss does when class ``k``, predicted, becomes the true class: -log q_k against
    -log q_y, decided on the logits (q_k > q_y exactly when z_k > z_y)."""
    return "fall" if state.logits[k] > state.logits[state.target] else "stay the same (a tie)"


def playground(state, w: WorkedExample, k: int) -> list[Step]:
    """The tour for class ``k`` (chosen when the tour began), or for the strongest rival of
    the true class if class ``k`` is gone (the student removed it, or opened a link with fewer
    classes): each step says which class it is ``about``, so a tour whose class changed starts
    again from its first step."""
    if not 0 <= k < w.num_classes:
        k = rival(w)
    name = as_text(state.classes[k])
    loss = f"{plain(w.loss)} {state.unit}"
    steps = [
        Step(f"Raise the logit of **{name}** until {name} is the predicted class (the mark "
             "over the prediction chart moves to it).", ("logits", k), w.predicted == k),
        Step(f"Now {name} is predicted but is not the true class: the loss is {loss}. Make "
             f"**{name}** the true class and watch the loss {_falls(state, k)}.", ("target",),
             state.target == k, holds=w.predicted == k or state.target == k),
        Step("Turn the **temperature** up to 5 or more (in the sidebar): "
             + ("q flattens towards uniform (its entropy H(q) rises with T)"
                + (", and the loss of a right prediction grows." if state.smoothing == 0
                   else ".")
                if len(set(state.logits)) > 1
                else "here every logit is equal, so q is uniform at every T and H(q) stays "
                "log K."),
             ("temperature",), state.temperature >= 5),
        Step("Print everything in **bits**: set the log base to 2 (in the sidebar). The loss "
             "is the same number of nats divided by ln 2.", ("base",), state.base == "2"),
    ]  # fmt: skip
    return [replace(step, about=k) for step in steps]
