"""The digits page's words, each sentence made from the numbers of the state shown
(:mod:`xentviz.worked.digits`) and true for every state a control or a link can reach."""

from __future__ import annotations

import numpy as np

from ..worked.digits import PIXELS, WRONG_SHOWN, WorkedDigits
from .numbers import a_number, count, plain
from .quiz import Question

__all__ = [
    "idea", "lead", "first_action", "training",
    "model_summary", "image_summary", "logit_sum", "wrong_rows",
    "why_loss",
    "drawing_summary", "predict_question", "predict_answer", "ABOVE", "BELOW",
    "loss_question", "loss_answer",
]  # fmt: skip


def idea(state) -> str:
    return (
        "A real classifier, from the image to the loss: each of scikit-learn's handwritten "
        "digits is 8 × 8 pixels, read as a row x of 64 numbers. Softmax regression gives each "
        "digit c a logit z_c = Σᵢ xᵢ W_ci + b_c, then q = softmax(z), and the loss −log q_y "
        "against the true digit y. Stochastic gradient descent fits W and b on three quarters "
        "of the images; the rest test it."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "A real classifier of 8 × 8 handwritten digits: an image's logits, its q and its loss "
        "−log q_y."
    )


def first_action(state) -> str:
    """What to do first, beside the model's q."""
    return "**Pick a test image** or **draw a digit**, and read the model's q."


def training(state) -> str:
    """What the page is doing while a model it has not trained yet trains (a link's settings
    are trained once, then kept for every visit)."""
    return (
        f"Training the model: {count(state.steps, 'step')} of gradient descent on "
        f"{count(state.batch, 'image')} at a time, learning rate {state.rate:g}. This runs once "
        "for these settings; later visits reuse it."
    )


def model_summary(state, w: WorkedDigits) -> str:
    m = w.model
    first, last, test = (plain(x) for x in w.curve_ends)
    unit = state.unit
    return (
        f"{count(state.steps, 'step')} of SGD (rate {state.rate:g}, batches of {state.batch}) on "
        f"{len(m.train)} training images: mean loss {first} → {last} {unit} on them, {test} "
        f"{unit} on the {len(m.test)} test images it never saw. Accuracy: "
        f"{m.train_accuracy:.1%} of the training images, {m.test_accuracy:.1%} of the test images."
    )


def image_summary(state, w: WorkedDigits) -> str:
    s = w.shown
    verdict = "right" if s.predicted == s.label else f"wrong: it is {a_number(s.label)}"
    return (
        f"Test image {w.position} (image {w.index} of the data set) is {a_number(s.label)}. "
        "The model's "
        f"largest q is for {s.predicted} (q = {plain(float(s.q[s.predicted]))}): {verdict}. "
        f"Its loss is −log q_{s.label} = {plain(s.loss)} {state.unit}, and the gradient of the "
        f"loss with respect to z is (q − p)/ln b: negative nowhere but at the true digit."
    )


def logit_sum(state, w: WorkedDigits) -> str:
    """z_c of the predicted digit as the sum of its 64 pixel terms and the bias, the largest
    terms named."""
    c = w.shown.predicted
    b = float(w.model.params.b[c])
    top = np.argsort(-np.abs(w.terms), kind="stable")[:3]
    named = ", ".join(
        f"pixel (row {k // 8}, column {k % 8}): {plain(float(w.terms[k]))}" for k in top
    )
    inked = int(np.count_nonzero(w.shown.pixels))
    return (
        f"The logit of digit {c} is the image times {c}'s template plus its bias: the {PIXELS} "
        f"terms xᵢ W_{c}i sum to {plain(float(w.terms.sum()))} ({inked} pixels have ink; a "
        f"pixel without ink adds 0), plus b_{c} = {plain(b)}, gives z_{c} = "
        f"{plain(float(w.shown.z[c]))}. The largest terms in size: {named}."
    )


def wrong_rows(state, w: WorkedDigits) -> list[dict]:
    """The costliest mistakes (the wrong test images of highest loss, i.e. least probability on
    their own digit): each with its digit, the model's guess and q of it, q of the true digit
    and its loss."""
    return [
        {
            "test image": k,
            "digit": int(w.labels[k]),
            "predicted": int(np.argmax(w.q[k])),
            "q of the guess": plain(float(np.max(w.q[k]))),
            "q of its digit": plain(float(w.q[k][w.labels[k]])),
            f"loss ({state.unit})": plain(float(w.losses[k])),
        }
        for k in w.wrong
    ]


def why_loss(state, w: WorkedDigits) -> str:
    """Where the loss and accuracy part ways, in this model's numbers: the share of the test
    loss the costliest mistakes carry, set against their share of the images."""
    m = w.model
    wrong = int(np.count_nonzero(np.argmax(w.q, axis=-1) != w.labels))
    mean = plain(float(w.losses.mean()))
    if not w.wrong:
        return (
            "The model gets every test image right, so accuracy has nothing left to say; the "
            f"loss still does: {mean} {state.unit} on average, less the surer it is of each."
        )
    listed = len(w.wrong)
    share, part = w.wrong_share, listed / len(m.test)
    counted = "the one wrong test image" if wrong == 1 else f"each of the {wrong} wrong test images"
    weighed = (
        f"they carry {share:.1%} of the whole test loss, though they are only {part:.1%} of "
        "the images: cross-entropy charges a mistake by how little probability it left on the "
        "right digit, where accuracy cannot tell it from a close call."
        if share > part
        else f"they carry {share:.1%} of the whole test loss, and are {part:.1%} of the images: "
        "this model is so unsure of every image that its mistakes cost little more than its "
        "right answers."
    )
    return (
        f"Accuracy counts {counted} as one mistake. The loss weighs them by how sure the model "
        f"was. The {listed} listed, the costliest (the least probability on their own digit): "
        f"{weighed}" + (f" (At most {WRONG_SHOWN} are listed.)" if wrong > WRONG_SHOWN else "")
    )


def drawing_summary(state, w: WorkedDigits) -> str:
    d = w.drawing
    if d is None:
        return "No digit drawn yet: ink some pixels of the grid."
    second = int(np.argsort(-d.q, kind="stable")[1])
    return (
        f"The model reads your drawing as {a_number(d.predicted)} "
        f"(q = {plain(float(d.q[d.predicted]))}); "
        f"next most likely: {second} (q = {plain(float(d.q[second]))})."
    )


def predict_question(state, w: WorkedDigits) -> Question:
    return Question(
        f"Which digit does the model predict for test image {w.position} "
        f"({a_number(w.shown.label)})?",
        tuple(str(d) for d in range(10)),
    )


def predict_answer(state, w: WorkedDigits, answer: str) -> str:
    s = w.shown
    verdict = "Right." if answer == str(s.predicted) else "Not quite."
    return (
        f"{verdict} Its largest logit, and so its largest q, is for {s.predicted}: "
        f"z = {plain(float(s.z[s.predicted]))}, q = {plain(float(s.q[s.predicted]))}."
    )


ABOVE, BELOW = "above the mean", "not above the mean"


def loss_question(state, w: WorkedDigits) -> Question:
    return Question(
        f"Is the loss of test image {w.position} ({a_number(w.shown.label)}, which the model "
        f"reads as {a_number(w.shown.predicted)}) above the mean loss of all {len(w.losses)} "
        "test images?",
        (ABOVE, BELOW),
    )


def loss_answer(state, w: WorkedDigits, answer: str) -> str:
    mean = float(w.losses.mean())
    above = w.shown.loss > mean
    verdict = "Right." if answer == (ABOVE if above else BELOW) else "Not quite."
    return (
        f"{verdict} Its loss is {plain(w.shown.loss)} {state.unit}, the mean {plain(mean)} "
        f"{state.unit}: {'above' if above else 'not above'} it (q of its digit "
        f"{plain(float(w.shown.q[w.shown.label]))})."
    )
