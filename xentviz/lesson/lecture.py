"""A 50-minute lecture in prepared links, in the order of the guided path (:data:`NEXT`, from
:mod:`xentviz.pages`), each page opened in one run of stops: softmax, temperature and
cross-entropy on the Playground, entropy, the binary case, one-hot labels, the landscape and its
gradient, likelihood and training, then handwritten digits. Each stop is a page, a state of it,
its minutes, one line of what to say, whose numbers come from the core for that very state,
and the sources it draws on (cited from :mod:`.sources`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..core.information import distribution_from_counts, entropy
from ..core.presets import CONTAINERS, DOG_CAT_HORSE_CHEETAH, TEACHING_STATES
from ..pages import PAGES
from ..pages import page as page_of
from ..state import BinaryState, EncodingState, EntropyState, PlaygroundState
from ..state.digits import DigitsState
from ..state.gradients import GradientsState
from ..state.loss import LossState
from ..state.training import TrainingState
from .numbers import count, given, plain, stated
from .sources import cite

__all__ = ["Stop", "LECTURE_MINUTES", "plan", "path", "intro", "timing", "sources_of", "NEXT"]

#: How long the whole plan takes: a lecture.
LECTURE_MINUTES = 50


@dataclass(frozen=True)
class Stop:
    page: str  #: the page's url_path
    state: object  #: its state there
    title: str  #: what the link says
    say: str  #: one line for the lecturer, with the state's own numbers
    minutes: int  #: how long to spend on it
    cites: tuple[str, ...] = ()  #: the sources it draws on, by key


@functools.cache
def plan() -> tuple[Stop, ...]:
    """The stops, in order (made once: the training stops run SGD)."""
    start = PlaygroundState()
    w = start.worked()
    hot = PlaygroundState(temperature=5.0)
    cold = PlaygroundState(temperature=0.5)
    containers = EntropyState()
    bits = [
        float(entropy(distribution_from_counts(row), base=2)) for row in containers.counts
    ]  # fmt: skip
    in_bits = PlaygroundState(base="2")
    wb = in_bits.worked()
    wrong_example = next(e for e in TEACHING_STATES if e.key == "wrong")
    wrong = PlaygroundState(wrong_example.classes, wrong_example.logits, wrong_example.target)
    ww = wrong.worked()
    binary = BinaryState(setting="multi-class")
    encoding = EncodingState()
    underflow = TrainingState(points=1000, at=0, n=1000)
    wu = underflow.worked()
    loss = LossState()
    wl = loss.worked()
    grads = GradientsState()
    wg = grads.worked()
    train = TrainingState()
    wt = train.worked()
    digits = DigitsState()
    wd = digits.worked()
    md = wd.model
    dog = DOG_CAT_HORSE_CHEETAH
    return (
        Stop("playground", start, "Softmax: logits become probabilities",
             f"exp, then divide by the sum: dog's logit {given(dog.logits[0])} becomes q = "
             f"{plain(w.q[0])}; raise cat's and watch every q move.", 4, (dog.seed,)),
        Stop("playground", cold, "Temperature 0.5: sharper",
             f"the same logits divided by T = 0.5: q_dog = {plain(cold.worked().q[0])}.", 2),
        Stop("playground", hot, "Temperature 5: flatter",
             f"divided by T = 5: q_dog = {plain(hot.worked().q[0])}, every class closer to "
             f"1/4.", 2),
        Stop("playground", in_bits, "Cross-entropy of the dog example, in bits",
             f"−log2 q_dog = {plain(wb.loss)} bits (the slides print {dog.printed_loss}, from q "
             f"rounded to {dog.printed_q[0]}).", 4, (dog.seed,)),
        Stop("playground", wrong, "A confident mistake",
             f"q of the true class is {plain(ww.q[wrong.target])}: the loss is "
             f"{plain(ww.loss)} nats, and the gradient pushes hard.", 3),
        Stop("entropy", containers, "Entropy: the three containers",
             f"{plain(bits[0])}, {plain(bits[1])} and {plain(bits[2])} bits: the even "
             "container is the most surprising on average.", 5, (CONTAINERS[0].seed,)),
        Stop("binary", binary, "Binary, multi-class, multi-label",
             "a sigmoid is a softmax over [z, 0]; several yes/no questions need a sigmoid "
             "each, whose outputs need not sum to 1.", 4, ("wocjan",)),
        Stop("encoding", encoding, "Integer labels and one-hot vectors",
             "the one-hot vector picks −log q_y out of the sum; as indices, any coding of the "
             "classes gives the same loss.", 3, ("chaurasia",)),
        Stop("loss", loss, "The loss landscape, and one step down it",
             f"one gradient step takes the loss from {plain(wl.loss)} to "
             f"{plain(wl.next_loss)} nats; press it again and watch the trail.", 5),
        Stop("gradients", grads, "Where q − p comes from",
             f"−p/q times the Jacobian gives q − p: for dog, "
             f"{plain(float(wg.chain.gradient[0]))}; finite differences agree "
             + ("exactly." if wg.at_h == 0 else f"to {plain(wg.at_h, 3)}."), 6,
             ("wocjan", "bahumi")),
        Stop("training", underflow, "Likelihood: why the log",
             f"the product of 1,000 probabilities {stated(wu.likelihood.product)} in "
             f"float64; the sum of their logs is {plain(wu.likelihood.sum_of_logs)} nats.", 4,
             ("guzelkabaagac", "why-cross-entropy")),
        Stop("training", train, "Training: the loss falls",
             f"{count(train.steps, 'step')} of SGD take the mean loss from "
             f"{plain(float(wt.losses[0]))} to {plain(float(wt.losses[-1]))} nats; press Run to "
             "watch it.", 4, ("wocjan",)),
        Stop("digits", digits, "A real classifier: handwritten digits",
             f"softmax regression reads {md.test_accuracy:.1%} of {len(md.test)} test digits "
             f"right; its {count(len(wd.wrong), 'costliest mistake')} carry "
             f"{wd.wrong_share:.0%} of "
             "the test loss. Ask the hall to draw a digit.", 4),
    )  # fmt: skip


#: The idea after each page, in the guided path: (page, the link's words), from the registry.
NEXT = {p.name: (p.next, p.next_says) for p in PAGES if p.next}


def path() -> tuple[tuple[str, int], ...]:
    """The pages the plan opens, in its order, each with the minutes spent on it."""
    runs: list[tuple[str, int]] = []
    for stop in plan():
        if runs and runs[-1][0] == stop.page:
            runs[-1] = (stop.page, runs[-1][1] + stop.minutes)
        else:
            runs.append((stop.page, stop.minutes))
    return tuple(runs)


def intro() -> str:
    """The plan's first paragraph: its pages in order with their minutes, from the stops."""
    pages = ", ".join(f"{page_of(name).title} ({m}\u00a0min)" for name, m in path())
    total = sum(stop.minutes for stop in plan())
    return (
        f"A {total}-minute lecture in {len(plan())} stops: {pages}. Each button opens its "
        "page in a prepared state (in presenter mode while it is on), with what to say under "
        "it. Studying alone? Start at the Playground and follow **Next**."
    )


def timing(n: int) -> str:
    """Stop ``n``'s (from 1) minutes and its place in the lecture: "2 min: minutes 4 to 6 of
    50" (a no-break space before "min")."""
    stops = plan()
    before = sum(stop.minutes for stop in stops[: n - 1])
    m = stops[n - 1].minutes
    total = sum(stop.minutes for stop in stops)
    return f"{m}\u00a0min: minutes {before} to {before + m} of {total}"


def sources_of(stop: Stop) -> str | None:
    """The sources a stop draws on, cited (Markdown); None if none."""
    if not stop.cites:
        return None
    return "From " + " and ".join(cite(key) for key in stop.cites) + "."
