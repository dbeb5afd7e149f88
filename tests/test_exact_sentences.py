"""Each kind of sentence that compares or calls something 0, checked against mpmath at high
precision over the space a link reaches (logits of +-1000 with 2-12 classes and ties, leads of
30-40, T 0.05 and 20, smoothing 0.99, every base, subnormal results): "larger" and "equal"
(sigmoid or softmax, the biggest move, truth 0 or 1, the containers' entropies), "computes as
0 (exactly x)" and "computes as x (exactly y)" (the Playground's and the gradients page's
headlines, the gradient's components, the binary slope), "the same" (a recoded loss), and the
chart labels that must never print a 0 for what is not 0.

The oracles are computed here from the definitions (mpmath at 2,500 digits), not from
xentviz.core.exact. The kinds the loss page's step, ten steps, the tour, the raised logit and
the binary ratio say are in tests/test_exact_claims.py and tests/test_tour.py.
"""

from __future__ import annotations

import re

import mpmath
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import support
from xentviz.core.containers import compare
from xentviz.lesson import binary as binary_text
from xentviz.lesson import encoding as encoding_text
from xentviz.lesson import entropy as entropy_text
from xentviz.lesson import gradients as gradients_text
from xentviz.lesson import playground as playground_text
from xentviz.state import BinaryState, PlaygroundState
from xentviz.state.encoding import EncodingState
from xentviz.state.entropy import EntropyState
from xentviz.state.gradients import GradientsState
from xentviz.ui import controls

DPS = 2500
TIE = mpmath.mpf(10) ** -2300  #: differences below this are ties (exact ones compute to ~1e-2500)
NAMES = tuple(f"c{k}" for k in range(12))
BASES = {"e": None, "2": 2, "10": 10}

# --- the space a link reaches ------------------------------------------------------------------

logit = st.one_of(
    st.sampled_from([-1000.0, 1000.0, 0.0, 999.0, 745.0, -745.0, 40.0, 34.0, 30.0, -5.0, 1e-9]),
    st.floats(-1000, 1000, allow_nan=False),
)


@st.composite
def logits(draw, low: int = 2):
    """2-12 logits: extremes, leads of 30-40 over the rest, and ties (a value drawn twice)."""
    k = draw(st.integers(low, 12))
    if draw(st.booleans()):  # one class leads the others, which tie, by 30-40
        lead = draw(st.sampled_from([30.0, 34.0, 36.5, 40.0]))
        base = draw(st.sampled_from([0.0, -1000.0 + 40.0, 500.0]))
        z = [base] * k
        z[draw(st.integers(0, k - 1))] = base + lead
        return tuple(z)
    pool = draw(st.lists(logit, min_size=1, max_size=k))
    return tuple(draw(st.sampled_from(pool)) for _ in range(k))


def oracle_q(z, temperature=1.0):
    """softmax(z / T) at DPS digits, from the float64 logits taken as exact."""
    with mpmath.workdps(DPS):
        s = [mpmath.mpf(v) / mpmath.mpf(temperature) for v in z]
        top = max(s)
        e = [mpmath.exp(v - top) for v in s]
        total = mpmath.fsum(e)
        return [x / total for x in e]


def printed(text: str, after: str) -> mpmath.mpf:
    """The number printed right after ``after`` (4 significant digits, "−" as minus)."""
    m = re.search(re.escape(after) + r"\s*([+−-]?[0-9.]+(?:e[+-]?[0-9]+)?)", text)
    assert m, (after, text)
    with mpmath.workdps(50):
        return mpmath.mpf(m.group(1).replace("−", "-"))


def close(shown, truth, digits: int = 3) -> bool:
    """``shown`` (printed to 4 significant digits) agrees with ``truth`` to ``digits``."""
    with mpmath.workdps(60):
        return abs(shown - truth) <= abs(truth) * mpmath.mpf(10) ** -digits


def sign(x) -> int:
    return 0 if abs(x) < TIE else (1 if x > 0 else -1)


# --- larger or equal ---------------------------------------------------------------------------


@settings(max_examples=support.examples(60), deadline=None)
@given(logits(), st.data())
def test_sigmoid_or_softmax_is_decided_as_mpmath_decides_it(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    state = BinaryState(classes=NAMES[: len(z)], logits=z, target=y, labels=(0.0,) * len(z))
    w = state.worked()
    with mpmath.workdps(DPS):
        sig = 1 / (1 + mpmath.exp(-mpmath.mpf(z[y])))
        difference = sig - oracle_q(z)[y]
    truth = {1: binary_text.SIGMOID, -1: binary_text.SOFTMAX, 0: binary_text.EQUAL}[
        sign(difference)
    ]
    for option in (binary_text.SIGMOID, binary_text.SOFTMAX, binary_text.EQUAL):
        said = binary_text.sigmoid_or_softmax_answer(state, w, option)
        assert said.startswith("Right." if option == truth else "Not quite."), (z, y, said)
    if truth != binary_text.EQUAL:
        assert close(printed(said, "larger by"), abs(difference)), (z, y, said)
        assert ("rounds them alike" in said) == (w.sigmoids[y] == w.multi.q[y])


@settings(max_examples=support.examples(60), deadline=None)
@given(logits(), st.data())
def test_the_biggest_move_is_decided_as_mpmath_decides_it(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    state = GradientsState(classes=NAMES[: len(z)], logits=z, target=y)
    w = state.worked()
    q = oracle_q(z)
    with mpmath.workdps(DPS):
        size = [abs(q[k] - (1 if k == y else 0)) for k in range(len(z))]
        top = max(size)
        best = {f"c{k}" for k in range(len(z)) if top - size[k] < TIE}
        runner = (
            max(s for k, s in enumerate(size) if f"c{k}" not in best)
            if len(best) < len(z)
            else None
        )
    for k in range(len(z)):
        said = gradients_text.biggest_answer(state, w, f"c{k}")
        assert said.startswith("Right." if f"c{k}" in best else "Not quite."), (z, y, k, said)
    if "in exact arithmetic" in said:
        with mpmath.workdps(DPS):
            assert close(printed(said, ", by"), top - runner), (z, y, said)
    assert ("(tied)" in said) == (len(best) > 1)


@settings(max_examples=support.examples(60), deadline=None)
@given(
    st.one_of(
        st.sampled_from([0.0, 1e-20, -1e-20, 5e-324, 1000.0, -1000.0, 40.0]),
        st.floats(-1000, 1000, allow_nan=False),
    ),
    st.sampled_from(list(BASES)),
)
def test_truth_0_or_1_is_decided_as_mpmath_decides_it(z, base):
    state = BinaryState(z=z, base=base)
    w = state.worked()
    with mpmath.workdps(DPS):
        zz = mpmath.mpf(z)
        one, zero = mpmath.log1p(mpmath.exp(-zz)), mpmath.log1p(mpmath.exp(zz))
    truth = {1: "truth 1", -1: "truth 0", 0: "the same"}[sign(one - zero)]
    for option in ("truth 1", "truth 0", "the same"):
        said = binary_text.true_or_false_answer(state, w, option)
        assert said.startswith("Right." if option == truth else "Not quite."), (z, said)
    if "rounds them alike" in said:
        assert close(printed(said, "|z| ="), abs(one - zero))


# --- the containers' entropies -----------------------------------------------------------------

count = st.sampled_from([0, 1, 2, 3, 6, 7, 83, 84, 250, 499, 500])


@st.composite
def containers(draw):
    """2-4 containers of 2-6 kinds, some the others' counts in another order or doubled."""
    k = draw(st.integers(2, 6))
    first = draw(st.lists(count, min_size=k, max_size=k).filter(lambda c: sum(c) > 0))
    boxes = [tuple(first)]
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["permuted", "doubled", "new"]))
        if how == "permuted":
            boxes.append(tuple(draw(st.permutations(first))))
        elif how == "doubled" and 2 * max(first) <= 500:
            boxes.append(tuple(2 * c for c in first))
        else:
            boxes.append(tuple(draw(st.lists(count, min_size=k, max_size=k).filter(sum))))
    return tuple(boxes)


def oracle_h(p, q=None):
    """H(p, q) of counts at 200 digits (H(p) when q is None), in nats; inf where q = 0 < p."""
    q = p if q is None else q
    with mpmath.workdps(200):
        n_p, n_q = sum(p), sum(q)
        if any(a > 0 and b == 0 for a, b in zip(p, q, strict=True)):
            return mpmath.inf
        return -mpmath.fsum(
            mpmath.mpf(a) / n_p * mpmath.log(mpmath.mpf(b) / n_q)
            for a, b in zip(p, q, strict=True)
            if a > 0
        )


def order(a, b) -> int:
    if a == b:
        return 0
    with mpmath.workdps(200):
        return 0 if abs(a - b) < mpmath.mpf(10) ** -150 else (1 if a > b else -1)


@settings(max_examples=support.examples(60), deadline=None)
@given(containers(), st.sampled_from(list(BASES)))
def test_the_containers_entropies_are_compared_as_mpmath_compares_them(boxes, base):
    state = EntropyState(
        shapes=tuple(f"k{i}" for i in range(len(boxes[0]))), counts=boxes, base=base,
        compare=(0, 1), sample=0,
    )  # fmt: skip
    described = state.worked().boxes
    h = [oracle_h(c) for c in boxes]
    top = max(h)
    best = {j for j in range(len(boxes)) if order(h[j], top) == 0}
    for j in range(len(boxes)):
        said = entropy_text.largest_entropy_answer(state, described, f"container {j + 1}")
        assert said.startswith("Right." if j in best else "Not quite."), (boxes, j, said)
    # one more of the commonest kind of container 1
    more = list(boxes[0])
    more[more.index(max(more))] += 1
    truth = {1: entropy_text.RISES, -1: entropy_text.FALLS, 0: entropy_text.STAYS}[
        order(oracle_h(more), h[0])
    ]
    for option in (entropy_text.RISES, entropy_text.FALLS, entropy_text.STAYS):
        said = entropy_text.one_more_answer(state, described, option)
        assert said.startswith("Right." if option == truth else "Not quite."), (boxes, said)
    # H(p, q) against H(q, p)
    c = compare(boxes[0], boxes[1], base=BASES[base])
    equal = order(oracle_h(boxes[0], boxes[1]), oracle_h(boxes[1], boxes[0])) == 0
    said = entropy_text.comparison(state, c, "Container 1", "Container 2")
    assert ("happen to be equal" in said) == equal, (boxes[:2], said)


# --- "computes as 0 (exactly x)" ---------------------------------------------------------------


def oracle_loss(z, p, temperature, base):
    q = oracle_q(z, temperature)
    with mpmath.workdps(DPS):
        unit = 1 if base is None else mpmath.log(base)
        return (
            -mpmath.fsum(mpmath.mpf(w) * mpmath.log(x) for w, x in zip(p, q, strict=True) if w > 0)
            / unit
        )


def oracle_entropy(z, temperature, base):
    q = oracle_q(z, temperature)
    with mpmath.workdps(DPS):
        unit = 1 if base is None else mpmath.log(base)
        return -mpmath.fsum(x * mpmath.log(x) for x in q) / unit


@settings(max_examples=support.examples(60), deadline=None)
@given(
    logits(),
    st.data(),
    st.sampled_from([0.05, 1.0, 20.0]),
    st.sampled_from(list(BASES)),
    st.sampled_from([0.0, 0.0, 0.99]),
)
def test_the_playground_headline_says_what_float64_and_the_exact_value_are(
    z, data, temperature, base, smoothing
):
    y = data.draw(st.integers(0, len(z) - 1))
    state = PlaygroundState(classes=NAMES[: len(z)], logits=z, target=y, temperature=temperature,
                            base=base, smoothing=smoothing)  # fmt: skip
    w = state.worked()
    said = {label.split(" (")[0]: value for label, value, _ in playground_text.headline(state, w)}
    truths = {
        "Loss H(p, q)": oracle_loss(z, w.p, temperature, BASES[base]),
        "Entropy H(q)": oracle_entropy(z, temperature, BASES[base]),
    }
    if smoothing == 0:
        truths["KL(p ‖ q)"] = truths["Loss H(p, q)"]
    for name, truth in truths.items():
        value = said[name]
        assert value not in ("0", "0.0000"), (name, value)  # never 0 exactly: every q > 0
        if "exactly" in value:
            assert value.startswith("computes as"), value
            assert close(printed(value, "exactly"), truth), (z, name, value, truth)
        elif not value.startswith("computes as"):  # 4 decimals, or 4 digits when tiny
            with mpmath.workdps(60):
                error = abs(printed(value, "") - truth)
                assert error <= 6e-5 + abs(truth) * 1e-3, (z, name, value, truth)


@settings(max_examples=support.examples(60), deadline=None)
@given(logits(low=2), st.data())
def test_the_gradients_page_says_the_exact_value_where_float64_gives_0(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    state = GradientsState(classes=NAMES[: len(z)], logits=z, target=y)
    w = state.worked()
    q = oracle_q(z)
    with mpmath.workdps(DPS):
        g = [q[k] - (1 if k == y else 0) for k in range(len(z))]
        loss = -mpmath.log(q[y])
    lines = gradients_text.observations(state, w)
    for found in re.finditer(
        r"(c\d+)\)?:? (?:q_y − 1 )?computes as 0 in float64 \(exactly ([^)]*)\)", lines
    ):
        k = int(found.group(1)[1:])
        shown = printed(found.group(0), "exactly")
        assert close(shown, g[k]), (z, y, found.group(0))
    headline = dict((label, value) for label, value, _ in gradients_text.headline(state, w))
    value = headline["loss (nats)"]
    if "exactly" in value:
        assert close(printed(value, "exactly"), loss), (z, value)
    assert value != "0"


@settings(max_examples=support.examples(40), deadline=None)
@given(
    st.one_of(st.sampled_from([1000.0, -1000.0, 745.0, 40.0, 38.0]), st.floats(-1000, 1000)),
    st.sampled_from([0, 1]),
    st.sampled_from(list(BASES)),
)
def test_the_binary_slope_says_its_exact_value_where_float64_gives_0(z, t, base):
    state = BinaryState(z=z, t=t, base=base)
    w = state.worked()
    said = binary_text.logit_curves(state, w)
    with mpmath.workdps(DPS):
        zz = mpmath.mpf(z)
        slope = (1 / (1 + mpmath.exp(-zz)) - t) / (
            1 if BASES[base] is None else mpmath.log(BASES[base])
        )
    if w.grad == 0:
        assert close(printed(said, "exactly"), slope), (z, t, said)
        assert "in float64 the step is 0" in said
    else:
        assert "computes as 0" not in said
    assert ("raises z" in said) == (slope < 0)


# --- "the same" -------------------------------------------------------------------------------


@settings(max_examples=support.examples(30), deadline=None)
@given(st.data())
def test_a_recoded_loss_is_the_same_as_mpmath_says(data):
    k = data.draw(st.integers(2, 12))
    z = data.draw(st.lists(logit, min_size=k, max_size=k))
    order = data.draw(st.permutations(range(k)))
    ys = data.draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=8))
    state = EncodingState(classes=NAMES[:k], logits=tuple(z), target=0, ys=tuple(ys),
                          order=tuple(order))  # fmt: skip
    w = state.worked()
    q = oracle_q(z)
    recoded = [0.0] * k
    for j, code in enumerate(order):
        recoded[code] = z[j]
    q2 = oracle_q(recoded)
    with mpmath.workdps(DPS):
        first = mpmath.fsum(-mpmath.log(q[y]) for y in ys)
        second = mpmath.fsum(-mpmath.log(q2[order[y]]) for y in ys)
        assert sign(first - second) == 0
    said = encoding_text.recoded_loss_answer(state, w, encoding_text.SAME)
    assert said.startswith("Right.")


# --- chart labels ------------------------------------------------------------------------------

ZERO = re.compile(r"(?<![0-9.e])[+−-]?0\.0+(?![0-9])")


def texts(figure) -> list[str]:
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "name") and isinstance(value, str):
                    out.append(value)
                elif key == "text" and isinstance(value, list):
                    out.extend(
                        str(v) for row in value for v in (row if isinstance(row, list) else [row])
                    )
                else:
                    walk(value)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(figure)
    return out


@settings(max_examples=support.examples(40), deadline=None)
@given(logits(), st.data())
def test_no_chart_label_prints_0_for_a_value_that_is_not_0(z, data):
    y = data.draw(st.integers(0, len(z) - 1))
    g = GradientsState(classes=NAMES[: len(z)], logits=z, target=y)
    shown = controls.of("gradients").view(g, g.worked())
    b = BinaryState(classes=NAMES[: len(z)], logits=z, target=y, z=z[0], t=y % 2,
                    labels=(1.0,) * len(z))  # fmt: skip
    shown_b = controls.of("binary").view(b, b.worked())
    for figure in (shown["jacobian"], shown["graph"], shown_b["by_z"], shown_b["sigmoids"],
                   shown_b["softmax"]):  # fmt: skip
        for text in texts(figure):
            assert not ZERO.search(text), (z, y, text)


# --- "computes as" reads as a sentence -----------------------------------------------------------

#: A value that computes as 0 (or as a subnormal) said after a relation: "q is computes as 0",
#: "L = computes as 0", "holds only as computes as", "gives computes as", "sum to computes as";
#: and LaTeX's "= \approx" (a float 0 or a subnormal after "=").
GARBLED = re.compile(r"(?:\bis|=|\bas|\bgives|\bto)\s*(?:\\text\{\s*)?computes as|=\s*\\approx")


def _lesson_sentences(modules, state, w) -> list[str]:
    """Every text the lesson functions of ``modules`` give for (state, worked): the prose, the
    headline, the tables, the LaTeX (as the page typesets it, through ``relations``), each
    question and its answer to every option."""
    import dataclasses
    import inspect

    from xentviz.lesson.numbers import relations

    out: list[str] = []

    def add(value):
        if isinstance(value, str):
            out.append(relations(value))
        elif isinstance(value, dict):
            for v in value.values():
                add(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                add(getattr(value, f.name))

    for module in modules:
        functions = {
            name: f
            for name, f in vars(module).items()
            if inspect.isfunction(f) and f.__module__ == module.__name__ and name[0] != "_"
        }
        for name, f in functions.items():
            params = list(inspect.signature(f).parameters)
            if params == ["state"]:
                add(f(state))
            elif params == ["state", "w"]:
                said = f(state, w)
                add(said)
                answer = functions.get(name.removesuffix("_question") + "_answer")
                for option in getattr(said, "options", ()) if answer else ():
                    add(answer(state, w, option))
    return out


def _page_sentences(page: str, state) -> list[str]:
    import json

    from xentviz.lesson import latex, loss, quiz

    modules = {
        "playground": (playground_text, quiz, latex),
        "binary": (binary_text,),
        "loss": (loss,),
        "gradients": (gradients_text,),
        "encoding": (encoding_text,),
    }[page]
    w = state.worked()
    shown = _lesson_sentences(modules, state, w)
    view = controls.of(page).view(state, w)
    return [*shown, json.dumps(view, ensure_ascii=False, default=str)]


def _state(page: str, z, y: int, data):
    from xentviz.state.loss import LossState

    classes = NAMES[: len(z)]
    if page == "playground":
        return PlaygroundState(
            classes=classes, logits=z, target=y,
            temperature=data.draw(st.sampled_from([0.05, 1.0, 20.0])),
            base=data.draw(st.sampled_from(list(BASES))),
            smoothing=data.draw(st.sampled_from([0.0, 0.0, 0.99])),
        )  # fmt: skip
    if page == "binary":
        return BinaryState(
            classes=classes, logits=z, target=y, labels=(1.0,) * len(z),
            z=data.draw(st.sampled_from([z[0], -745.0, -800.0, 745.0, 1000.0, -1000.0])),
            t=data.draw(st.sampled_from([0, 1])),
            setting=data.draw(st.sampled_from(["binary", "multi-class", "multi-label"])),
        )  # fmt: skip
    if page == "loss":
        i = data.draw(st.integers(0, len(z) - 1))
        j = data.draw(st.sampled_from([k for k in range(len(z)) if k != i]))
        return LossState(classes=classes, logits=z, target=y, i=i, j=j,
                         rate=data.draw(st.sampled_from([0.1, 1.0, 10.0])))  # fmt: skip
    if page == "gradients":
        return GradientsState(classes=classes, logits=z, target=y)
    ys = tuple(data.draw(st.lists(st.integers(0, len(z) - 1), min_size=1, max_size=4)))
    return EncodingState(classes=classes, logits=z, target=y, ys=ys, order=tuple(range(len(z))))


@settings(max_examples=support.examples(25), deadline=None)
@given(
    st.sampled_from(["playground", "binary", "loss", "gradients", "encoding"]),
    logits(),
    st.data(),
)
def test_no_sentence_says_is_computes_as(page, z, data):
    """A value that computes as 0 or as a subnormal is said as a sentence: "q of the true class
    computes as 0", never "is computes as 0", "= computes as 0", "holds only as computes as",
    "gives computes as", "sum to computes as", nor a LaTeX "= \\approx"."""
    y = data.draw(st.integers(0, len(z) - 1))
    for text in _page_sentences(page, _state(page, z, y, data)):
        found = GARBLED.search(text)
        assert not found, (page, z, text[max(0, found.start() - 80) : found.end() + 40])
