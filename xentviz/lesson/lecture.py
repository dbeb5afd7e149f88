"""A lecture in prepared links, in the order of the guided path (:data:`NEXT`, from
:mod:`xentviz.pages`), each page opened
in one run of stops: softmax, temperature and cross-entropy on the Playground, entropy, the
binary case, one-hot labels, the landscape and its gradient, then likelihood and training. Each
stop is a page, a state of it, and one line of what to say, whose numbers come from the core
for that very state."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..core.information import distribution_from_counts, entropy
from ..core.presets import DOG_CAT_HORSE_CHEETAH, TEACHING_STATES
from ..pages import PAGES
from ..state import BinaryState, EncodingState, EntropyState, PlaygroundState
from ..state.digits import DigitsState
from ..state.gradients import GradientsState
from ..state.loss import LossState
from ..state.training import TrainingState
from .numbers import plain, stated

__all__ = ["Stop", "plan", "NEXT"]


@dataclass(frozen=True)
class Stop:
    page: str  #: the page's url_path
    state: object  #: its state there
    title: str  #: what the link says
    say: str  #: one line for the lecturer, with the state's own numbers


@functools.cache
def plan() -> tuple[Stop, ...]:
    """The stops, in order (made once: the training stops run SGD)."""
    seed = PlaygroundState()
    w = seed.worked()
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
        Stop("playground", seed, "Softmax: logits become probabilities",
             f"exp, then divide by the sum: dog's logit {dog.logits[0]:g} becomes q = "
             f"{plain(w.q[0])}; raise cat's and watch every q move."),
        Stop("playground", cold, "Temperature 0.5: sharper",
             f"the same logits divided by T = 0.5: q_dog = {plain(cold.worked().q[0])}."),
        Stop("playground", hot, "Temperature 5: flatter",
             f"divided by T = 5: q_dog = {plain(hot.worked().q[0])}, every class closer to "
             f"1/4."),
        Stop("playground", in_bits, "Cross-entropy of the seed's example, in bits",
             f"−log2 q_dog = {plain(wb.loss)} bits (the article prints 0.3677, from q rounded "
             "to 0.775)."),
        Stop("playground", wrong, "A confident mistake",
             f"q of the true class is {plain(ww.q[wrong.target])}: the loss is "
             f"{plain(ww.loss)} nats, and the gradient pushes hard."),
        Stop("entropy", containers, "Entropy: the three containers",
             f"{plain(bits[0])}, {plain(bits[1])} and {plain(bits[2])} bits: the even "
             "container is the most surprising on average."),
        Stop("binary", binary, "Binary, multi-class, multi-label",
             "a sigmoid is a softmax over [z, 0]; several yes/no questions need a sigmoid "
             "each, whose outputs need not sum to 1."),
        Stop("encoding", encoding, "Integer labels and one-hot vectors",
             "the one-hot vector picks −log q_y out of the sum; as indices, any coding of the "
             "classes gives the same loss."),
        Stop("loss", loss, "The loss landscape, and one step down it",
             f"one gradient step takes the loss from {plain(wl.loss)} to "
             f"{plain(wl.next_loss)} nats; press it again and watch the trail."),
        Stop("gradients", grads, "Where q − p comes from",
             f"−p/q times the Jacobian gives q − p: for dog, "
             f"{plain(float(wg.chain.gradient[0]))}; finite differences agree "
             + ("exactly." if wg.at_h == 0 else f"to {plain(wg.at_h, 3)}.")),
        Stop("training", underflow, "Likelihood: why the log",
             f"the product of 1,000 probabilities {stated(wu.likelihood.product)} in "
             f"float64; the sum of their logs is {plain(wu.likelihood.sum_of_logs)} nats."),
        Stop("training", train, "Training: the loss falls",
             f"{train.steps} steps of SGD take the mean loss from {plain(float(wt.losses[0]))} "
             f"to {plain(float(wt.losses[-1]))} nats; press Run to watch it."),
        Stop("digits", digits, "A real classifier: handwritten digits",
             f"softmax regression reads {md.test_accuracy:.1%} of {len(md.test)} test digits "
             f"right; its {len(wd.wrong)} most confidently wrong carry {wd.wrong_share:.0%} of "
             "the test loss. Ask the hall to draw a digit."),
    )  # fmt: skip


#: The idea after each page, in the guided path: (page, the link's words), from the registry.
NEXT = {p.name: (p.next, p.next_says) for p in PAGES if p.next}
