"""What the encoding page says: labels as integers and as one-hot vectors, what an integer
code does and does not imply, softmax against the standard normalisation, a shift against a
scale of the logits, and the loss's range; pure functions of the state and the core's
numbers."""

from __future__ import annotations

import numpy as np

from ..core.presets import SOFTMAX_VS_STANDARD
from ..worked.encoding import EncodingWorked
from .markup import as_text
from .numbers import given, named, plain, stated
from .numbers import latex as tex
from .quiz import Question
from .sources import cite

__all__ = [
    "lead",
    "first_action",
    "recoded_loss",
    "recoded_loss_answer",
    "idea",
    "labels_table",
    "selector",
    "codings_table",
    "as_indices",
    "as_numbers",
    "normalisation",
    "shift_and_scale",
    "loss_range",
    "which_changes",
    "which_changes_answer",
]


def idea(state) -> str:
    return (
        "A label is a class, written as an **integer** (its index) or a **one-hot** vector. "
        "Softmax turns logits into probabilities through $e^{z}$: only differences of logits "
        "matter, never their proportions, and no output is ever negative."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "Softmax depends only on differences of logits, z / Σz on their proportions; and a "
        "label is an integer or a one-hot vector."
    )


def first_action(state) -> str:
    """What to do first, beside the sliders."""
    return "**Drag a logit**, or shift or scale them all, and compare the two normalisations."


def labels_table(state, w: EncodingWorked) -> str:
    """Each label of the batch as its class, its integer and its one-hot vector."""
    lines = ["| label | class | integer | one-hot |", "| --- | --- | --- | --- |"]
    for j, (y, row) in enumerate(zip(state.ys, w.one_hot, strict=True)):
        vector = "[" + ", ".join(str(int(x)) for x in row) + "]"
        lines.append(f"| {j + 1} | {as_text(state.classes[y])} | {int(w.codes[0][j])} | {vector} |")
    return "\n".join(lines)


def selector(state, w: EncodingWorked) -> str:
    """The one-hot vector selecting -log q_y from the sum, with the numbers."""
    e, log = w.example, state.log_base.log
    y = state.target
    terms = " + ".join(rf"{int(e.p[i])} \cdot {log} {tex(e.q[i])}" for i in range(e.num_classes))
    return (
        rf"-\sum_i p_i {log} q_i = -({terms}) = -{log} q_{{{y + 1}}} = {tex(e.loss)}\ "
        rf"\text{{{state.unit}}}"
    )


def codings_table(state) -> str:
    lines = ["| class | coding A | coding B |", "| --- | --- | --- |"]
    for k, name in enumerate(state.classes):
        lines.append(f"| {as_text(name)} | {k} | {state.order[k]} |")
    return "\n".join(lines)


def as_indices(state, w: EncodingWorked) -> str:
    a, b = w.losses
    # Exactly the same for every order (the logits are recoded with the classes); float64 may
    # sum them in another order, a last digit apart.
    same = (
        "the same"
        if a == b
        else "the same (float64, summing in another order, differs in the last digits)"
    )
    return (
        f"as indices, as a softmax classifier uses them (PyTorch's cross_entropy(logits, "
        f"target)): the loss of these labels {stated(a)} {state.unit} under coding A and "
        f"{stated(b).removeprefix('is ')} under coding B, {same}. The integer only says "
        'which probability to read; no class is "more" than another.'
    )


def _nearest(state, classes: tuple[int, ...]) -> str:
    names = [as_text(state.classes[k]) for k in classes]
    if len(names) == 1:
        return f"nearest {names[0]}"
    return f"halfway between {names[0]} and {names[1]}"


def as_numbers(state, w: EncodingWorked) -> str:
    (ma, mb), (ka, kb) = w.means, w.nearest
    verdict = (
        'so the "average label" changes with an order the classes never had'
        if set(ka) != set(kb)
        else "the same classes here, by chance of these codes"
    )
    return (
        f"as numbers (averaged, or as a regression target): the mean code of these labels is "
        f"{plain(ma, exact=True)} under A, {_nearest(state, ka)}, and "
        f"{plain(mb, exact=True)} under B, {_nearest(state, kb)}: {verdict}. The slides of "
        f"{cite('chaurasia')} warn that integer labels impose an order: they do here, where "
        "the integer is a number, and not for a softmax classifier, where it is an index."
    )


def _listed(values) -> str:
    """Logits as the page writes them elsewhere: [2, 4], not [2.0, 4.0]."""
    return "[" + ", ".join(given(v) for v in values) + "]"


def normalisation(state, w: EncodingWorked) -> str:
    q = ", ".join(plain(x) for x in w.example.q)
    if w.ratio is None:
        return (
            f"softmax gives [{q}]; the standard normalisation z / Σz cannot: "
            f"{w.ratio_error.split(';')[0]}."
        )
    ratio = ", ".join(plain(x) for x in w.ratio)
    negative = (
        ' Some of its "probabilities" are negative: it is no distribution.'
        if (w.ratio < 0).any()
        else ""
    )
    pair = SOFTMAX_VS_STANDARD.logits
    return (
        f"softmax gives [{q}], the standard normalisation z / Σz gives [{ratio}].{negative} "
        f"z / Σz sees only proportions ({_listed(pair[0])} and {_listed(pair[1])} give the "
        "same), "
        "softmax sees differences: a larger gap, a surer prediction."
    )


def shift_and_scale(state, w: EncodingWorked) -> str:
    q = w.example.q
    moved = float(np.max(np.abs(w.shifted - q)))
    stretched = float(np.max(np.abs(w.scaled - q)))
    at_most = plain(moved).removeprefix("computes as ")
    shift = "not at all" if moved == 0 else f"by at most {at_most}, floating-point rounding"
    # a difference of two float64 q: float64's own, 0 or a subnormal included
    scale = (
        "changes no q as float64 computes them here"
        if stretched == 0
        else f"moves q by up to {plain(stretched).removeprefix('computes as ')}"
    )
    return (
        f"adding c = {given(state.shift)} to every logit changes q {shift}: softmax sees only "
        f"differences. Multiplying every logit by a = {state.scale:g} {scale}: it is a "
        f"temperature, T = 1/a = {1 / state.scale:g}, sharper for a > 1, flatter for a < 1."
    )


def loss_range(state, w: EncodingWorked) -> str:
    e = w.example
    y = state.target
    return (
        f"The notes of {cite('bahumi')} write log(0) = ∞; it is −∞ (log q falls without "
        "bound as q → 0), so the loss −log q_y runs over [0, ∞): 0 when q_y = 1, +∞ only "
        f"when q_y = 0, which a softmax never gives. Here {named('q_y', plain(e.q[y]))} and the "
        f"loss {stated(e.loss)} {state.unit}."
    )


def which_changes(state, w: EncodingWorked) -> Question:
    return Question(
        f"Add {given(state.shift)} to every logit. Which class's probability changes the most?",
        (*(as_text(c) for c in state.classes), "none of them"),
    )


def which_changes_answer(state, w: EncodingWorked, answer: str) -> str:
    moved = float(np.max(np.abs(w.shifted - w.example.q)))
    verdict = "Right." if answer == "none of them" else "Not quite."
    computed = (
        "float64 gives the same q to the last digit"
        if moved == 0
        else f"float64's q differ by at most {plain(moved)}, rounding"
    )
    return (
        f"{verdict} None changes ({computed}): softmax(z + c) = softmax(z) for every c, since "
        "e^(z + c) = e^c e^z and e^c cancels in the quotient."
    )


HIGHER, LOWER, SAME = "higher", "lower", "the same"


def recoded_loss(state, w: EncodingWorked) -> Question:
    return Question(
        "Give the classes the second coding's integer codes instead (as indices to the "
        "softmax). Is the batch's mean loss higher, lower or the same?",
        (HIGHER, LOWER, SAME),
    )


def recoded_loss_answer(state, w: EncodingWorked, answer: str) -> str:
    first, second = w.losses
    # The same in exact arithmetic for every recoding (each example's −log q_y is unchanged);
    # float64 may sum the recoded logits in another order, a last digit apart.
    verdict = "Right." if answer == SAME else "Not quite."
    apart = (
        ""
        if first == second
        else " (float64, summing in another order, differs in the last digits)"
    )
    return (
        f"{verdict} The same: {plain(first)} and {plain(second)} {state.unit}{apart}. An "
        "integer label is only an index: it picks −log q_y of its class, whatever number "
        "stands for it. Only a model that used the codes as numbers would care."
    )
