"""The controls pages share, each bound to the fields every page names alike: ``classes``,
``logits``, ``target``, ``temperature``, ``base`` and ``smoothing`` (see :mod:`.session`).

Each widget is filled from the page's state before it is drawn and writes its value back
when it changes, so the state is always what the page shows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import streamlit as st

from ..lesson.markup import as_text
from ..state import (
    CLASSES,
    LOG_BASES,
    LOGIT_LIMIT,
    LOGIT_SPAN,
    LOGIT_STEP,
    MAX_CLASSES,
    MAX_NAME_LENGTH,
    MAX_SMOOTHING,
    MIN_CLASSES,
    T_STOPS,
    PageState,
    temperature_stops,
)
from ..state.fields import refitted
from .session import Page

__all__ = [
    "grid",
    "bound",
    "add_remove",
    "slider",
    "presets",
    "presets_menu",
    "class_editor",
    "logit_sliders",
    "exact_logits",
    "settings",
    "true_class",
    "temperature",
    "log_base",
    "smoothing",
    "SMOOTHING_STEP",
]


def grid(n: int, width: int) -> Iterator[tuple[int, st.delta_generator.DeltaGenerator]]:
    """Yield (i, column) for n items laid out in rows of ``width`` columns, row by row, so that
    on a phone, where columns stack, the items still come in their order."""
    for start in range(0, n, width):
        row = st.columns(min(n, width))
        for i in range(start, min(start + width, n)):
            yield i, row[i - start]


def _pull(page: Page, name: str, cast: Callable[[Any], Any] | None) -> None:
    """A widget's new value into the page's state, checked as a link's would be."""
    key, value = page.key(name), page.value(name)
    try:
        changes = refitted(page.state, {name: value if cast is None else cast(value)})
        page.update(source=key, **changes)
    except (ValueError, TypeError) as err:
        page.refuse(key, ValueError(str(err)))


def bound(page: Page, widget: Callable, name: str, label: str, cast=None, **kwargs) -> Any:
    """Any Streamlit input ``widget`` showing the state's field ``name``, which it changes
    (``cast`` turns the widget's value into the field's type)."""
    return widget(
        label,
        key=page.bind(getattr(page.state, name), name),
        on_change=_pull,
        args=(page, name, cast),
        **kwargs,
    )


def slider(
    page: Page, name: str, label: str, span: tuple[float, float], step: float
) -> tuple[float, float]:
    """A slider for the state's number ``name`` over ``span``, widened to whole numbers that
    hold a value set beyond it (by a link); the range stays while the slider is moved. Its
    range."""
    value = getattr(page.state, name)
    lo, hi = page.remember(
        (min(span[0], float(math.floor(value))), max(span[1], float(math.ceil(value)))),
        name,
        "range",
    )
    bound(page, st.slider, name, label, float, min_value=lo, max_value=hi, step=step)
    return lo, hi


# --- presets -------------------------------------------------------------------------------


def presets(page: Page, choices: Mapping[str, tuple[str, PageState]]) -> None:
    """One button per preset (title, state): a click shows that state."""
    st.header("Presets")
    for key, (title, state) in choices.items():
        st.button(
            title, key=page.key("preset", key), on_click=page.reset, args=(state,), width="stretch"
        )


def presets_menu(
    page: Page, choices: Mapping[str, tuple[str, PageState]], *more: Callable[[], None]
) -> None:
    """The presets, after ``more`` (the guided tour's button, say), in a small menu on the page:
    on every screen, a phone's too, without opening the sidebar. Drawn in a full run (a preset
    changes the sidebar's settings too)."""
    label = "Presets, tour" if more else "Presets"
    with st.popover(label, icon=":material/school:", width="stretch"):
        for draw in more:
            draw()
        presets(page, choices)


# --- classes -------------------------------------------------------------------------------


def _resize(page: Page, classes: tuple[str, ...]) -> None:
    """New class names: every field that depends on the classes made to fit them, as its
    codec says (logits and labels kept by position, a new class's logit 0; the true class kept
    while it still exists; a coding of the classes extended)."""
    page.update(**refitted(page.state, {"classes": classes}))


def _typed_classes(page: Page) -> None:
    text = str(page.value("classes"))
    try:
        if len(text) > MAX_CLASSES * (MAX_NAME_LENGTH + 2):
            raise ValueError(f"classes: at most {MAX_CLASSES} names of {MAX_NAME_LENGTH} letters")
        classes = CLASSES.check(text.split(","), {})
    except ValueError as err:
        page.put(str(err), "classes_error")
        page.forget("classes")  # the box shows the classes in use again
        return
    page.forget("classes_error")
    page.forget("classes")  # written back as the page writes names: "a, b, c"
    _resize(page, classes)


def _classes_to(page: Page, n: int) -> None:
    """n classes: the last removed, or a new one named after its place."""
    classes = page.state.classes[:n]
    for k in range(len(classes) + 1, n + 1):
        classes += (next(f"class {i}" for i in range(k, 10 * k) if f"class {i}" not in classes),)
    _resize(page, classes)


def add_remove(
    page: Page,
    what: str,
    count: int,
    limits: tuple[int, int],
    resize: Callable[[Page, int], None],
    labels: tuple[str, str] | None = None,
) -> None:
    """Buttons side by side to add one more ``what`` and to remove the last, within
    ``limits``; ``resize(page, n)`` makes the state hold n of them."""
    add_label, remove_label = labels or (f"Add {what}", f"Remove the last {what.split()[-1]}")
    add, remove = st.columns(2)
    add.button(
        add_label,
        key=page.key("add", what.split()[-1]),
        on_click=resize,
        args=(page, count + 1),
        disabled=count >= limits[1],
    )
    remove.button(
        remove_label,
        key=page.key("remove", what.split()[-1]),
        on_click=resize,
        args=(page, count - 1),
        disabled=count <= limits[0],
    )


def class_editor(page: Page) -> None:
    """The class names as one comma-separated box, with buttons to add and remove a class."""
    classes = page.state.classes
    st.header("Classes")
    st.text_input(
        f"Class names ({MIN_CLASSES} to {MAX_CLASSES}, comma-separated)",
        max_chars=MAX_CLASSES * (MAX_NAME_LENGTH + 2),  # all that valid names can take
        key=page.bind(", ".join(classes), "classes"),
        on_change=_typed_classes,
        args=(page,),
    )
    error = page.value("classes_error")
    if error:
        st.error(as_text(error))
    add_remove(
        page, "class", len(classes), (MIN_CLASSES, MAX_CLASSES), _classes_to,
        labels=("Add class", "Remove last"),
    )  # fmt: skip


# --- logits --------------------------------------------------------------------------------


def _slide(page: Page, i: int) -> None:
    key = page.key("logits", i)
    logits = list(page.state.logits)
    try:
        logits[i] = float(page.value("logits", i))
        page.update(source=key, logits=tuple(logits))
    except (ValueError, TypeError) as err:
        page.refuse(key, ValueError(str(err)))


def _slider_range(z: float) -> tuple[float, float]:
    """+-10, widened to whole numbers that hold a logit set beyond it (by a link or an exact
    value); 10 itself stays inside, so dragging to the end changes nothing."""
    return (
        min(-LOGIT_SPAN, float(math.floor(z))),
        max(LOGIT_SPAN, float(math.ceil(z))),
    )


def logit_sliders(page: Page, width: int = 4) -> list[tuple[float, float]]:
    """One slider per class, row by row, each covering +-10 or wider to show its value; their
    ranges, in order. A slider's range is fixed when its value comes from elsewhere and kept
    while it is moved: a range that followed the thumb would move the thumb under the
    pointer."""
    state = page.state
    ranges = []
    for i, column in grid(len(state.classes), width):
        z = state.logits[i]
        # The value the key holds, given: without one Streamlit reads the whole session state
        # per slider to tell a range slider from one with a single thumb. Not on the run that
        # fills the key (Streamlit would log a value given twice).
        given = None if page.value("logits", i) is None else z
        key = page.bind(z, "logits", i)
        lo, hi = page.remember(_slider_range(z), "logits", i, "range")
        ranges.append((min(lo, z), max(hi, z)))
        column.slider(
            as_text(state.classes[i]),
            min_value=ranges[-1][0],
            max_value=ranges[-1][1],
            value=given,
            step=LOGIT_STEP,
            key=key,
            on_change=_slide,
            args=(page, i),
        )
    return ranges


def _open_exact(page: Page) -> None:
    page.forget("exact")  # the entries start from the logits in use
    page.put(True, "dialog")


def _apply_exact(page: Page) -> None:
    k = len(page.state.classes)
    try:
        page.update(logits=tuple(float(page.value("exact", i)) for i in range(k)))
    except (ValueError, TypeError) as err:
        page.refuse(page.key("exact"), ValueError(str(err)))
    page.forget("dialog")


def _exact_entries(page: Page) -> None:
    if not page.value("dialog"):  # applied: close the dialog and redraw with the new values
        st.rerun()
    state = page.state
    st.caption(f"Any value from −{LOGIT_LIMIT:g} to {LOGIT_LIMIT:g}; a slider widens to show it.")
    for i, column in grid(len(state.classes), 2):
        column.number_input(
            as_text(state.classes[i]),
            min_value=-LOGIT_LIMIT,
            max_value=LOGIT_LIMIT,
            step=LOGIT_STEP,
            format="%.4f",
            key=page.bind(state.logits[i], "exact", i),
        )
    st.button("Apply", type="primary", key=page.key("apply"), on_click=_apply_exact, args=(page,))


def exact_logits(page: Page) -> None:
    """A button that opens a dialog to type any logit up to +-1000; nothing changes before
    Apply."""
    st.button(
        "Exact values…",
        key=page.key("open_exact"),
        on_click=_open_exact,
        args=(page,),
        width="stretch",
    )
    if page.value("dialog"):
        # Dismissing the dialog (Escape, the cross, a click outside) changes nothing.
        dismiss = functools.partial(page.forget, "dialog")
        st.dialog("Set exact logit values", on_dismiss=dismiss)(_exact_entries)(page)


# --- the target and the settings ----------------------------------------------------------


def settings(page: Page, *controls: Callable[[Page], None]) -> None:
    """The sidebar: the page's own ``controls`` (a class editor, say), then its settings, the
    log base last."""
    with st.sidebar:
        for control in controls:
            control(page)
        st.header("Settings")
        log_base(page)


def true_class(page: Page) -> None:
    classes = page.state.classes
    bound(
        page,
        st.selectbox,
        "target",
        "True class y",
        int,
        options=range(len(classes)),
        format_func=lambda i: classes[i],
    )


def temperature(page: Page) -> None:
    bound(
        page,
        st.select_slider,
        "temperature",
        "Temperature T (logits are divided by T)",
        float,
        options=temperature_stops(page.state.temperature),
        format_func=lambda t: f"{t:g}",
        help=f"Stops spaced evenly on a log scale, from {T_STOPS[0]:g} to {T_STOPS[-1]:g}.",
    )


def log_base(page: Page) -> None:
    bound(
        page,
        st.radio,
        "base",
        "Log base for every entropy and loss",
        options=list(LOG_BASES),
        format_func=lambda b: str(LOG_BASES[b]),
        horizontal=True,
    )


SMOOTHING_STEP = 0.01  #: the smoothing slider's step (its live preview's lattice)


def smoothing(page: Page) -> None:
    bound(
        page,
        st.slider,
        "smoothing",
        "Label smoothing ε (the target becomes (1 − ε)·one-hot + ε/K)",
        float,
        min_value=0.0,
        max_value=MAX_SMOOTHING,
        step=SMOOTHING_STEP,
    )
