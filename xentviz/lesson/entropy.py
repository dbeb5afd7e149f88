"""What the entropy page says: the idea, each container's numbers, what to notice, the
comparison, the sample, the challenge and the worked sum, as pure functions of the state and
the core's numbers (:mod:`xentviz.core.containers`)."""

from __future__ import annotations

import math

import numpy as np

from ..core import exact
from ..core.containers import Comparison, Container, nearest_counts
from ..core.information import distribution_from_counts, entropy
from ..core.presets import CONTAINERS
from ..state.entropy import CHALLENGE_TOTAL
from .markup import as_text
from .numbers import count
from .numbers import latex as _tex
from .numbers import plain as _plain
from .quiz import Question
from .sources import cite


def tex(x: float, digits: int = 4) -> str:
    """A container's number in LaTeX: its 0s are exact, as for :func:`plain`."""
    return _tex(x, digits, exact=True)


def plain(x: float, digits: int = 4) -> str:
    """A container's number: its 0s are exact (a count of 0, one kind only: counts of whole
    items never underflow), so a 0 prints as 0."""
    return _plain(x, digits, exact=True)


__all__ = [
    "lead",
    "first_action",
    "one_more",
    "one_more_answer",
    "idea",
    "seed_sign",
    "title",
    "headline",
    "kinds",
    "terms",
    "curve",
    "comparison",
    "sample",
    "challenge",
    "worked",
    "seed_note",
    "another_goal",
    "goal_in_unit",
    "largest_entropy",
    "largest_entropy_answer",
]


def idea(state) -> str:
    return (
        "Pick one item from a container at random. Its **surprise** is $-\\log p_i$: small for a "
        "common kind, large for a rare one. The **entropy** $H(p) = -\\sum_i p_i \\log p_i$ is "
        "the average surprise of a pick: 0 when every item is of one kind, and at most "
        "$\\log K$, when all $K$ kinds are equally common."
    )


def lead(state) -> str:
    """The page's idea in one line, above its controls and charts (the paragraph is folded)."""
    return (
        "A container's **entropy** is the average surprise of a random pick from it: 0 for one "
        "kind, largest when all kinds are equally common."
    )


def first_action(state) -> str:
    """What to do first, above the containers."""
    return "**Change a count** under a container and watch its entropy."


def seed_sign(state) -> str:
    """Where the source slips: its discrete entropy has lost its minus sign."""
    return (
        f"The slides of {cite('chaurasia')} write the discrete entropy as "
        "$\\sum_x p(x) \\log p(x)$, without the minus sign. Every $\\log p \\le 0$, so that "
        "sum is never positive; their own worked containers put the sign back, $-[\\ldots]$, as "
        "here."
    )


def title(state, j: int, box: Container) -> str:
    return f"Container {j + 1}: H = {plain(box.entropy)} {state.unit}"


def headline(state, j: int, box: Container) -> list[tuple[str, str, str | None]]:
    unit, b = state.unit, state.log_base.key
    return [
        (f"H, container {j + 1} ({unit})", plain(box.entropy), "The average surprise of a pick."),
        (
            f"{b}^H, container {j + 1}",
            plain(box.effective),
            f"{b} to the entropy: as uncertain as this many equally common kinds.",
        ),
    ]


def kinds(state, box: Container) -> str:
    """Each kind's probability and surprise in one container."""
    unit = state.unit
    return "; ".join(
        f"{as_text(name)}: p = {c}/{box.total} = {plain(p)}, surprise "
        + (f"{plain(s)} {unit}" if np.isfinite(s) else "∞ (never picked)")
        for name, c, p, s in zip(state.shapes, box.counts, box.p, box.surprise, strict=True)
    )


def terms(state, boxes: list[Container]) -> str:
    k = len(state.shapes)
    most = plain(boxes[0].most)
    empty = any((box.counts == 0).any() for box in boxes)
    text = (
        f"each kind adds its surprise times its share, −p_i log p_i; the stack is the entropy. "
        f"It reaches log K = {most} {state.unit} only when all {k} kinds are equally common"
    )
    if empty:
        text += "; a kind with no items adds nothing (0 log 0 = 0: it is never picked)"
    return text + "."


def against_most(state, boxes: list[Container], names: list[str]) -> str:
    """Each container's entropy against log K, the most K kinds can have, from the numbers."""
    most = boxes[0].most
    # Even is read from the counts: the entropy of an even container and log K may differ in
    # their last bit (log 3 in bits: 1.584962500721156 against ...1563).
    even = [bool((box.counts == box.counts[0]).all()) for box in boxes]
    # an uneven share is rounded down, so it never reads 100%
    shares = ", ".join(
        f"{as_text(name)} {plain(box.entropy)} "
        f"({'100' if is_even else f'{math.floor(box.entropy / most * 1000) / 10:g}'}% of it)"
        for name, box, is_even in zip(names, boxes, even, strict=True)
    )
    reaching = [as_text(n) for n, is_even in zip(names, even, strict=True) if is_even]
    reach = (
        f"{', '.join(reaching)} reach{'es' if len(reaching) == 1 else ''} it: every kind "
        "equally common"
        if reaching
        else "none reaches it: no container has every kind equally common"
    )
    return (
        f"the dashed line is log K = {plain(most)} {state.unit}, the entropy of "
        f"{len(state.shapes)} equally common kinds and the most any container of them can "
        f"have. Here: {shares}; {reach}."
    )


def curve(state, points: list[tuple[str, float, float]]) -> str:
    top = plain(math.log(2) / (math.log(state.core_base) if state.core_base else 1.0))
    text = (
        f"two kinds are most uncertain at p = 1/2 (H = log 2 = {top} {state.unit}) and certain "
        "at p = 0 and p = 1; the curve is symmetric, so a container and its mirror (26/4 and "
        "4/26) are equally uncertain."
    )
    if points:
        name, p, h = max(points, key=lambda point: point[2])
        # A tie is decided on p, not on the float entropies: H depends on min(p, 1 - p) alone,
        # and two containers' p = c/N (whole counts) are equal or differ far beyond rounding.
        tied = [n for n, q, _ in points if abs(min(q, 1 - q) - min(p, 1 - p)) < 1e-12]
        names = " and ".join(as_text(n) for n in tied)
        if len(tied) > 1:
            text += f" Here {names} tie for the most, {plain(h)} {state.unit}."
        else:
            text += f" Here {as_text(name)} has the most, {plain(h)} {state.unit}."
    return text


def _and(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _article(name: str) -> str:
    """ "a" or "an" before a kind's name, as it is read."""
    return "an" if name[:1].lower() in "aeiou" else "a"


def comparison(state, c: Comparison, p_name: str, q_name: str) -> str:
    """H(p, q) against H(q, p), and what an infinite one means."""
    unit = state.unit
    text = (
        f"coding {as_text(p_name)} with the code made for {as_text(q_name)} costs "
        f"H(p, q) = H(p) + KL(p ‖ q) = {plain(c.h_p)} + {plain(c.kl_pq)} = {plain(c.h_pq)} "
        f"{unit} per item; the other way round, H(q, p) = {plain(c.h_q)} + {plain(c.kl_qp)} = "
        f"{plain(c.h_qp)}. "
    )
    if c.order == 0:  # decided exactly on the counts
        text += "Here the two happen to be equal; in general they are not: KL is no distance."
        if c.h_pq != c.h_qp:
            text = text[:-1] + " (float64 gives them a last digit apart)."
    else:
        text += "They differ: cross-entropy and KL are not symmetric."
    kinds = state.shapes
    for missing, coder, coded in (
        (c.missing_in_q, q_name, p_name),
        (c.missing_in_p, p_name, q_name),
    ):
        if missing:
            names = [as_text(kinds[i]) for i in missing]
            which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            each = names[0] if len(names) == 1 else "each of " + _and(names)
            text += (
                f" {as_text(coder)} has no {which}, so its code gives {each} probability 0 and "
                f"no codeword: {_article(names[0])} {which} from {as_text(coded)} is a surprise "
                "the code never planned for, −log 0 = ∞, and the cost is infinite, not merely "
                "large."
            )
    return text


def sample(state, running: np.ndarray, box: Container) -> str:
    n = len(running)
    mean, h = float(running[-1]), box.entropy
    return (
        f"after {count(n, 'pick')} the average surprise is {plain(mean)} {state.unit}, against the "
        f"entropy {plain(h)} (off by {plain(abs(mean - h))}). With more picks it settles on H: "
        "the entropy is the average surprise in the long run. Draw again for other picks."
    )


def bits_to_unit(state) -> float:
    """How many of the page's units one bit is: 1 in bits, ln 2 in nats, log10 2 in bans."""
    return 1.0 if state.core_base == 2 else math.log(2) / math.log(state.core_base or math.e)


def goal_in_unit(state) -> float:
    """The challenge's goal (``state.goal``, in bits in every base, so the same goal is
    reachable with two kinds whatever the base) in the page's unit."""
    return state.goal * bits_to_unit(state)


def _goal_text(state) -> str:
    """The goal in the page's unit, and in bits where the unit is not bits: "0.1505 bans
    (0.5000 bits)"."""
    said = f"{plain(goal_in_unit(state))} {state.unit}"
    return said if state.core_base == 2 else f"{said} ({plain(state.goal)} bits)"


def challenge(state, box: Container) -> tuple[str, bool]:
    """The challenge for the last container: its entropy should be the goal (``state.goal``
    bits, said in the page's unit); whether it is (to the 4 decimals shown), and the nearest
    that whole counts of its total can reach."""
    goal, unit, k = goal_in_unit(state), state.unit, len(state.shapes)
    if box.total > CHALLENGE_TOTAL[1]:
        return (
            f"The challenge takes a last container of at most {CHALLENGE_TOTAL[1]} items (this "
            f"one has {box.total}): remove some, or add a container, to play.",
            False,
        )
    best, h = nearest_counts(goal, box.total, k, base=state.core_base)
    reached = round(box.entropy, 4) == round(h, 4)
    most = plain(box.most)
    # log_b K, the entropy of equal counts, is as high as K kinds go (compared in bits: the
    # goal is set in bits, and log2 K bits is exactly K kinds' most)
    if state.goal > math.log2(k):
        return (
            f"The goal, {_goal_text(state)}, is more than {k} kinds can hold: at most {most} "
            f"{unit}, with every kind equally common. Ask for another goal. The last "
            f"container's entropy is {plain(box.entropy)} {unit} now.",
            False,
        )
    bits = "" if state.core_base == 2 else f"{plain(state.goal)} bits; "
    text = (
        f"Make the last container's entropy {plain(goal)} {unit} ({bits}at most {most} {unit} "
        f"with {k} kinds). It is {plain(box.entropy)} {unit} now. "
    )
    names = ", ".join(f"{c} × {as_text(s)}" for c, s in zip(best, state.shapes, strict=True))
    if round(h, 4) == round(goal, 4):
        text += f"It can be done with {count(box.total, 'item')}: for example {names}."
    else:
        none = "No single item reaches" if box.total == 1 else f"No {box.total} whole items reach"
        text += f"{none} it exactly: the nearest is {plain(h)} {unit}, for example {names}."
    if reached:
        text += " Done: nothing nearer can be made with these items."
    return text, reached


def another_goal(state, box: Container) -> float:
    """A new goal for the challenge in bits, chosen from the state (reproducible): a round
    number between a tenth and nine tenths of the most the last container's kinds can have
    (log2 K bits), not the current goal."""
    rng = np.random.default_rng([state.seed, round(state.goal * 1000)])
    most = math.log2(len(state.shapes))
    low, high = 0.1 * most, 0.9 * most
    for _ in range(20):
        goal = round(float(rng.uniform(low, high)), 2)
        if goal != state.goal:
            return goal
    return round(low, 2)


def worked(state, j: int, box: Container) -> str:
    """The container's entropy worked as the source works it by hand (slide VIII)."""
    log = state.log_base.log
    parts = " + ".join(
        rf"\frac{{{c}}}{{{box.total}}} {log} \frac{{{c}}}{{{box.total}}}"
        for c in box.counts
        if c > 0
    )
    return (
        rf"H(X_{{{j + 1}}}) = -\sum_x p(x) {log} p(x) = -\left[{parts}\right] = "
        rf"{tex(box.entropy)}\ \text{{{state.unit}}}"
    )


def seed_note(state, boxes: list[Container]) -> str | None:
    """The source's printed entropies beside the exact ones, when its containers are shown."""
    printed = {c.counts: c for c in CONTAINERS}
    found = [
        (j, printed[tuple(int(x) for x in box.counts)], box)
        for j, box in enumerate(boxes)
        if tuple(int(x) for x in box.counts) in printed and len(box.counts) == 2
    ]
    if not found or state.base != "2":
        return None
    lines = ", ".join(
        f"container {j + 1} {c.printed_entropy} (exactly {box.entropy:.6f})" for j, c, box in found
    )
    return (
        f"**The containers of {cite('chaurasia')}** (slides VIII–X) print {lines} bits: "
        "right to 4 places."
    )


def largest_entropy(state, boxes: list[Container]) -> Question:
    return Question(
        "Which container's pick is the most uncertain (the largest entropy)?",
        tuple(f"container {j + 1}" for j in range(len(boxes))),
    )


def largest_entropy_answer(state, boxes: list[Container], answer: str) -> str:
    h = [box.entropy for box in boxes]
    # Decided exactly on the counts: float64 may give the same counts in another order
    # (7, 7, 6 and 6, 7, 7) entropies a last digit apart.
    best = [0]
    for j in range(1, len(boxes)):
        order = exact.counts_entropy_order(boxes[j].counts, boxes[best[0]].counts)
        best = [j] if order > 0 else [*best, j] if order == 0 else best
    picked = int(answer.split()[-1]) - 1
    verdict = "Right." if picked in best else "Not quite."
    ranking = ", ".join(f"container {j + 1}: {plain(x)}" for j, x in enumerate(h))
    return (
        f"{verdict} The entropies are {ranking} {state.unit}. The most uncertain container is "
        "the one whose kinds are most evenly mixed, not the one with the most items."
    )


RISES, FALLS, STAYS = "it rises", "it falls", "it stays the same"


def _one_more(state, boxes: list[Container]) -> tuple[int, float]:
    """The commonest kind of the first container, and its entropy with one more of it."""
    counts = list(state.counts[0])
    k = int(np.argmax(counts))
    counts[k] += 1
    return k, float(entropy(distribution_from_counts(counts), base=state.core_base))


def one_more(state, boxes: list[Container]) -> Question:
    k, _ = _one_more(state, boxes)
    return Question(
        f"Add one more {as_text(state.shapes[k])} (its commonest kind) to container 1. What "
        "happens to its entropy?",
        (RISES, FALLS, STAYS),
    )


def one_more_answer(state, boxes: list[Container], answer: str) -> str:
    _, after = _one_more(state, boxes)
    before = boxes[0].entropy
    counts = list(state.counts[0])
    counts[int(np.argmax(counts))] += 1
    order = exact.counts_entropy_order(counts, state.counts[0])  # decided exactly
    truth = RISES if order > 0 else FALLS if order < 0 else STAYS
    verdict = "Right." if answer == truth else "Not quite."
    return (
        f"{verdict} From {plain(before)} to {plain(after)} {state.unit}. More of the commonest "
        "kind never makes a pick less predictable: the entropy falls, or stays at 0 when the "
        "container holds a single kind."
    )
