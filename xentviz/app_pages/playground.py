"""Playground: slide the logits, pick the true class, and watch softmax and the loss respond."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from xentviz import figures, softmax_cross_entropy, worked_example
from xentviz.app_pages.markup import as_text, number
from xentviz.presets import LOGITS_EXAMPLES
from xentviz.state import (
    BASES,
    LOGIT_LIMIT,
    MAX_CLASSES,
    MAX_SMOOTHING,
    MIN_CLASSES,
    PLAYGROUND_PRESETS,
    T_STOPS,
    UNITS,
    PlaygroundState,
    check_classes,
    parse_playground,
    playground_query,
    temperature_stops,
    unit_key,
)

SLIDER_RANGE = 10.0
ss = st.session_state


def _put(state: PlaygroundState) -> None:
    """Write a state into the widgets' session-state keys (before the widgets are drawn)."""
    ss.classes = state.classes
    ss.classes_text = ", ".join(state.classes)
    for i, z in enumerate(state.logits):
        ss[f"z{i}"] = z
    ss.target = state.target
    ss.T = state.temperature
    ss.base = state.base
    ss.smoothing = state.smoothing
    ss.pop("quiz", None)
    ss.exact_open = False


def _load_preset(key: str) -> None:
    _put(PLAYGROUND_PRESETS[key][1])
    ss.url_warning = None


def _open_exact() -> None:
    for i in range(len(ss.classes)):
        ss[f"exact{i}"] = ss[f"z{i}"]
    ss.exact_open = True


def _apply_exact() -> None:
    for i in range(len(ss.classes)):
        ss[f"z{i}"] = ss[f"exact{i}"]
    ss.exact_open = False


def _close_exact() -> None:
    ss.exact_open = False


def _resize(classes: tuple[str, ...]) -> None:
    old = len(ss.classes)
    for i in range(old, len(classes)):
        ss[f"z{i}"] = 0.0
    ss.classes = classes
    ss.classes_text = ", ".join(classes)
    if ss.target >= len(classes):
        ss.target = 0


def _on_classes_text() -> None:
    try:
        _resize(check_classes(ss.classes_text.split(",")))
        ss.classes_error = None
    except ValueError as err:
        ss.classes_error = str(err)
        ss.classes_text = ", ".join(ss.classes)


def _add_class() -> None:
    k = len(ss.classes) + 1
    name = next(f"class {n}" for n in range(k, 10 * k) if f"class {n}" not in ss.classes)
    _resize((*ss.classes, name))


def _remove_class() -> None:
    _resize(ss.classes[:-1])


# --- state: from the link on a session's first run, then from the widgets ---------------------

if "classes" not in ss:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    first, ss.url_warning = parse_playground(params)
    _put(first)
    ss.classes_error = None

# --- the lesson -------------------------------------------------------------------------------

st.title("Softmax and cross-entropy playground")
st.markdown(
    "Softmax turns a vector of **logits** $z$ into probabilities "
    "$q_i = e^{z_i/T} / \\sum_j e^{z_j/T}$; the **cross-entropy** $-\\sum_i p_i \\log q_i$ "
    "measures how far $q$ is from the target $p$, and its gradient is simply $(q - p)/T$."
)
if ss.url_warning:
    st.warning(as_text(ss.url_warning), icon=":material/link_off:")

with st.sidebar:
    st.header("Presets")
    for key, (title, _) in PLAYGROUND_PRESETS.items():
        st.button(title, key=f"preset-{key}", on_click=_load_preset, args=(key,), width="stretch")
    st.header("Classes")
    st.text_input(
        f"Class names ({MIN_CLASSES} to {MAX_CLASSES}, comma-separated)",
        key="classes_text",
        on_change=_on_classes_text,
    )
    if ss.classes_error:
        st.error(as_text(ss.classes_error))
    add, remove = st.columns(2)
    add.button("Add class", on_click=_add_class, disabled=len(ss.classes) >= MAX_CLASSES)
    remove.button("Remove last", on_click=_remove_class, disabled=len(ss.classes) <= MIN_CLASSES)
    st.header("Settings")
    st.select_slider(
        "Temperature T (logits are divided by T)",
        options=temperature_stops(ss.T), key="T", format_func=lambda t: f"{t:g}",
        help=f"Stops spaced evenly on a log scale, from {T_STOPS[0]:g} to {T_STOPS[-1]:g}.",
    )  # fmt: skip
    st.radio(
        "Log base for every entropy and loss",
        list(BASES),
        key="base",
        format_func=lambda b: f"{b} ({UNITS[b]})",
        horizontal=True,
    )
    st.slider(
        "Label smoothing e (target becomes (1 − e)·one-hot + e/K)",
        min_value=0.0, max_value=MAX_SMOOTHING, step=0.01, key="smoothing",
    )  # fmt: skip

# --- the interactive part: a fragment, so moving a logit reruns only this -------------------


def _current() -> PlaygroundState:
    """The state the widgets hold. Session state has the new values before the widgets are
    drawn, so the charts can be sent to the browser first (the deltas go out in script order)."""
    k = len(ss.classes)
    return PlaygroundState(
        classes=ss.classes,
        logits=tuple(float(ss[f"z{i}"]) for i in range(k)),
        target=ss.target,
        temperature=float(ss.T),
        base=ss.base,
        smoothing=float(ss.smoothing),
    )


def _grid(n: int, width: int):
    """Yield (i, column) for n items laid out in rows of ``width`` columns, row by row, so that
    on a phone, where columns stack, the items still come in their order."""
    for start in range(0, n, width):
        row = st.columns(min(n, width))
        for i in range(start, min(start + width, n)):
            yield i, row[i - start]


@st.dialog("Set exact logit values", on_dismiss=_close_exact)
def _exact_dialog() -> None:
    if not ss.exact_open:  # applied: close the dialog and redraw the page with the new values
        st.rerun()
    st.caption(f"Any value from −{LOGIT_LIMIT:g} to {LOGIT_LIMIT:g}; a slider widens to show it.")
    for i, column in _grid(len(ss.classes), 2):
        column.number_input(
            as_text(ss.classes[i]), min_value=-LOGIT_LIMIT, max_value=LOGIT_LIMIT, step=0.1,
            format="%.4f", key=f"exact{i}",
        )  # fmt: skip
    st.button("Apply", type="primary", on_click=_apply_exact)


def _controls(classes: tuple[str, ...]) -> None:
    """Logit sliders, the exact-value dialog and the true class."""
    k = len(classes)
    st.subheader("Logits")
    for i, column in _grid(k, 4):
        lo = min(-SLIDER_RANGE, float(int(min(ss[f"z{i}"], 0) - 1)))
        hi = max(SLIDER_RANGE, float(int(max(ss[f"z{i}"], 0) + 1)))
        column.slider(as_text(classes[i]), min_value=lo, max_value=hi, step=0.1, key=f"z{i}")
    target, exact = st.columns([3, 1], vertical_alignment="bottom")
    target.selectbox("True class y", range(k), key="target", format_func=lambda i: classes[i])
    exact.button("Exact values…", on_click=_open_exact, width="stretch")
    if ss.exact_open:
        _exact_dialog()


def _loss_notice(w) -> str:
    if w.label_smoothing == 0:
        return (
            "with a one-hot target only the true class contributes, −log q_y (the one-hot vector "
            "is a selector). Label smoothing makes every class contribute."
        )
    return (
        "label smoothing gives every class a target p_i ≥ e/K > 0, so every class contributes "
        "−p_i log q_i, and a class the model rules out (q_i near 0) costs a lot."
    )


def _gradient_notice(w) -> str:
    """What the gradient bars say, true of the state shown: a one-hot target always pushes the
    true logit up, a soft one only while q_y is below its target p_y."""
    # The title prints the sum as computed; say why it may read 6e-17 and not 0.
    total = "The bars sum to 0" + (
        f" (the title's {w.grad_sum:.1g} is floating-point rounding)." if w.grad_sum else "."
    )
    if w.label_smoothing == 0:
        return (
            "the true class's bar is (q_y − 1)/T ≤ 0, so gradient descent raises its logit; "
            f"every other bar is q_i/T ≥ 0 and lowers its logit. {total}"
        )
    y = w.target_index
    q_y, p_y, bar = w.q[y], w.p[y], w.grad[y]
    if bar < 0:
        now = f"q_y = {q_y:.4f} is below p_y = {p_y:.4f}, so descent raises the true logit"
    elif bar > 0:
        now = f"q_y = {q_y:.4f} is above p_y = {p_y:.4f}, so descent lowers even the true logit"
    else:
        now = f"q_y = p_y = {p_y:.4f}, so descent leaves the true logit where it is"
    return (
        "with a soft target each bar is (q_i − p_i)/T: descent raises the logits where "
        f"q_i < p_i and lowers the rest, pulling q towards p, not towards one-hot. Here {now}. "
        + total
    )


def _charts(w, classes, unit: str) -> None:
    """The four charts, each with what to notice; the prediction is sent first, as it is the
    one a lecturer's class watches."""
    top_left, top_right = st.columns(2)
    bottom_left, bottom_right = st.columns(2)
    charts = [
        (top_right, "fig_q", figures.probabilities_figure(classes, w.q, w.p, w.predicted),
         "every q is positive and they sum to 1; raising T flattens q towards uniform, lowering "
         "it sharpens q towards the largest logit."),
        (top_left, "fig_logits", figures.logits_figure(classes, w.logits, w.temperature),
         "only differences between logits matter. Add the same number to every logit and "
         "nothing below changes."),
        (bottom_left, "fig_loss", figures.contributions_figure(classes, w.contributions, unit),
         _loss_notice(w)),
        (bottom_right, "fig_grad", figures.gradient_figure(classes, w.grad, w.grad_sum),
         _gradient_notice(w)),
    ]  # fmt: skip
    for column, key, figure, notice in charts:
        with column:
            st.plotly_chart(figures.unvalidated(figure), key=key)
            st.caption("What to notice: " + notice)


def _numbers(w, state: PlaygroundState) -> None:
    classes, unit = state.classes, state.unit
    numbers = [  # label, value, help
        (f"Loss H(p, q) ({unit})", f"{w.loss:.4f}", None),
        (f"Entropy H(q) ({unit})", f"{w.entropy_q:.4f}", "The model's uncertainty."),
        (f"Entropy H(p) ({unit})", f"{w.entropy_p:.4f}", "The least loss any q reaches."),
        (f"KL(p ‖ q) ({unit})", f"{w.kl:.4f}", "H(p, q) − H(p): avoidable loss."),
        (
            f"Predicted class (q = {w.predicted_probability:.4f})",
            as_text(classes[w.predicted]),
            None,
        ),
    ]
    # Each number as wide as it needs, side by side while they fit (one row on a projector, two
    # a row on a phone): in five equal columns a name of over ten letters was cut with "…".
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        for label, value, tip in numbers:
            st.metric(label, value, help=tip, width="content")

    for example in LOGITS_EXAMPLES:
        same_input = (state.classes, state.logits, state.target) == (
            example.classes,
            example.logits,
            example.target,
        )
        if same_input and state.temperature == 1 and not state.smoothing:
            printed_unit = UNITS[unit_key(example)]
            exact = softmax_cross_entropy(example.logits, example.target, base=example.printed_base)
            st.info(
                f"**{example.title}** — {example.source}. The seed prints a loss of "
                f"{example.printed_loss} {printed_unit}; exactly it is {exact:.4f} "
                f"{printed_unit}. {example.note}",
                icon=":material/menu_book:",
            )


def _worked(w, state: PlaygroundState) -> None:
    classes, k, unit = state.classes, len(state.classes), state.unit
    st.subheader("The computation, step by step")
    log = {"e": r"\ln", "2": r"\log_2", "10": r"\log_{10}"}[state.base]
    exponent = "z_i/T" if w.shift == 0 else rf"z_i/T - {number(w.shift)}"
    if w.shift:
        st.caption(
            f"The largest scaled logit is subtracted before exponentiating (c = {w.shift:g}); "
            "softmax does not change, and nothing overflows."
        )
    rows = [
        rf"{i + 1} & {number(w.scaled[i])} & {number(w.exps[i])} & {number(w.q[i])} & "
        rf"{number(w.p[i])} & {number(w.contributions[i])} & {number(w.grad[i])} \\"
        for i in range(k)
    ]
    st.latex(
        r"\begin{array}{c|r|r|r|r|r|r} i & z_i/T & e_i = e^{" + exponent + r"} & q_i = e_i/S & "
        rf"p_i & -p_i {log} q_i & (q_i - p_i)/T \\ \hline " + " ".join(rows) + r"\end{array}"
    )
    st.caption("Rows follow the classes in order: " + ", ".join(
        f"{i + 1} = {as_text(c)}" for i, c in enumerate(classes)
    ))  # fmt: skip
    y = w.target_index
    loss = rf"{number(w.loss)}\ \text{{{unit}}}"
    if w.label_smoothing == 0:
        loss = rf"-{log} q_{{{y + 1}}} = -{log} {number(w.q[y], 6)} = " + loss
    else:
        loss += rf", \quad H(p) = {number(w.entropy_p)}, \quad D_{{KL}}(p \| q) = {number(w.kl)}"
    # One block for the three lines: each st.latex is typeset again on every slider move.
    st.latex(
        rf"\begin{{aligned}} S &= \sum_j e_j = {number(w.total)} \\ "
        rf"L &= -\sum_i p_i {log} q_i = {loss} \\ "
        rf"\sum_i \frac{{\partial L}}{{\partial z_i}} &= \sum_i \frac{{q_i - p_i}}{{T}} = "
        rf"{number(w.grad_sum, 2)} \quad (\text{{zero up to rounding}}) \end{{aligned}}"
    )


def _quiz(w, state: PlaygroundState) -> None:
    classes, k, y, unit = state.classes, len(state.classes), w.target_index, state.unit
    st.subheader("Check yourself")
    others = [i for i in range(k) if i != y]
    j = max(others, key=lambda i: w.q[i])  # the strongest rival: the most interesting logit
    answer = st.radio(
        f"If you raise the logit of the rival class {as_text(classes[j])} by 1, what happens to "
        "the loss?",
        ["it goes up", "it goes down"],
        index=None,
        key="quiz",
    )
    if answer:
        raised = list(state.logits)
        raised[j] += 1
        after = float(
            softmax_cross_entropy(raised, y, state.core_base, state.temperature, state.smoothing)
        )
        truth = "it goes up" if after > w.loss else "it goes down"
        verdict = "Right." if answer == truth else "Not quite."
        # The loss is convex in each logit, so a rise of 1 can only disagree with the
        # gradient's sign one way: it overshoots the minimum a falling loss was heading for.
        overshoot = (
            " A rise of 1 is not small here: the loss first falls, then, being convex in each "
            "logit, climbs back past where it started."
            if w.grad[j] < 0 < after - w.loss
            else ""
        )
        st.markdown(
            f"{verdict} The loss goes from {w.loss:.4f} to {after:.4f} {unit}. The gradient "
            f"for that logit is (q − p)/T = {w.grad[j]:+.4f}: its sign tells which way the loss "
            f"moves for a small rise of that logit.{overshoot}"
        )


def _link(state: PlaygroundState) -> None:
    query = playground_query(state)
    if query:
        ss.url_warning = None
    # Not bind="query-params": a bound widget takes its URL value even when another parameter
    # of the same link is bad, and a bad link must show the defaults throughout.
    for key, value in query.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    for key in [p for p in st.query_params if p not in query]:
        del st.query_params[key]
    base_url = urlsplit(st.context.url or "http://localhost:8501/")
    link = f"{base_url.scheme}://{base_url.netloc}{base_url.path}"
    st.subheader("Share this exact picture")
    st.code(
        link + ("?" + urlencode(query, safe=",") if query else ""), language=None, wrap_lines=True
    )


@st.fragment
def lesson() -> None:
    state = _current()
    w = worked_example(
        state.logits, state.target, state.temperature, state.core_base, state.smoothing
    )
    controls, charts = st.container(), st.container()
    with charts:
        _charts(w, state.classes, state.unit)
    with controls:
        _controls(state.classes)
    _numbers(w, state)
    _worked(w, state)
    _quiz(w, state)
    _link(state)


lesson()
