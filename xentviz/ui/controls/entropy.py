"""The entropy page's controls: kinds, containers of counts, the pair compared, the sample and
the challenge; each bound to a field of the page's state (see :mod:`xentviz.ui.session`)."""

from __future__ import annotations

import streamlit as st

from ...lesson.markup import as_text
from ...state.entropy import MAX_CONTAINERS, MAX_COUNT, MAX_DRAWS, SHAPES
from ...state.fields import Names
from ..session import Page
from ..widgets import add_remove, bound

__all__ = [
    "kinds_editor",
    "count_inputs",
    "container_buttons",
    "pair_picker",
    "sample_controls",
    "goal_controls",
]

_KINDS = Names("shapes", (2, len(SHAPES)), 24, noun="kind")


def _resize(page: Page, shapes: tuple[str, ...]) -> None:
    """New kinds: counts kept by position, a new kind starting at 0 in every container (a
    container left with no items gets one of its first kind)."""
    rows = []
    for row in page.state.counts:
        row = (*row[: len(shapes)], *(0,) * (len(shapes) - len(row)))
        rows.append(row if any(row) else (1, *row[1:]))
    page.update(shapes=shapes, counts=tuple(rows))


def _typed_kinds(page: Page) -> None:
    text = str(page.value("shapes"))
    try:
        if len(text) > len(SHAPES) * 26:
            raise ValueError(f"shapes: at most {len(SHAPES)} kinds of 24 letters")
        shapes = _KINDS.check(text.split(","), {})
    except ValueError as err:
        page.put(str(err), "shapes_error")
        page.forget("shapes")
        return
    page.forget("shapes_error")
    page.forget("shapes")
    _resize(page, shapes)


def kinds_editor(page: Page) -> None:
    """The kinds' names in one box (each drawn with the next marker), with add and remove."""
    shapes = page.state.shapes
    st.header("Kinds")
    st.text_input(
        f"Kinds ({2} to {len(SHAPES)}, comma-separated; drawn as {', '.join(SHAPES)})",
        max_chars=len(SHAPES) * 26,
        key=page.bind(", ".join(shapes), "shapes"),
        on_change=_typed_kinds,
        args=(page,),
    )
    error = page.value("shapes_error")
    if error:
        st.error(as_text(error))
    add_remove(
        page, "a kind", len(shapes), (2, len(SHAPES)), _kinds_to, ("Add a kind", "Remove last")
    )


def _kinds_to(page: Page, n: int) -> None:
    """n kinds: the last removed, or the next free marker's name added."""
    shapes = page.state.shapes[:n]
    for _ in range(len(shapes), n):
        names = (*SHAPES, *(f"kind {i}" for i in range(1, 8)))
        shapes += (next(s for s in names if s not in shapes),)
    _resize(page, shapes)


def _count(page: Page, j: int, k: int) -> None:
    key = page.key("counts", j, k)
    rows = [list(row) for row in page.state.counts]
    try:
        rows[j][k] = int(page.value("counts", j, k))
        page.update(source=key, counts=tuple(tuple(row) for row in rows))
    except (ValueError, TypeError) as err:
        page.refuse(key, ValueError(str(err)))


def count_inputs(page: Page, j: int) -> None:
    """One number box per kind for container ``j``, labelled with the kind and the container
    (on a phone the containers' boxes stack: "triangle" alone would not say whose)."""
    state = page.state
    for k, column in enumerate(st.columns(len(state.shapes))):
        column.number_input(
            f"{as_text(state.shapes[k])}, container {j + 1}",
            min_value=0,
            max_value=MAX_COUNT,
            step=1,
            key=page.bind(state.counts[j][k], "counts", j, k),
            on_change=_count,
            args=(page, j, k),
        )


def _containers(page: Page, rows) -> None:
    rows = tuple(rows)
    state = page.state
    compare = state.compare
    if len(rows) < 2:
        compare = ()
    elif not compare or max(compare) >= len(rows):
        compare = (0, 1)
    page.update(counts=rows, compare=compare, sample=min(state.sample, len(rows) - 1))


def _containers_to(page: Page, n: int) -> None:
    """n containers: the last removed, or one of 10 of each kind added."""
    rows = page.state.counts[:n]
    rows += ((10,) * len(page.state.shapes),) * (n - len(rows))
    _containers(page, rows)


def container_buttons(page: Page) -> None:
    add_remove(page, "a container", len(page.state.counts), (1, MAX_CONTAINERS), _containers_to)


def _pick_pair(page: Page, part: int) -> None:
    old = page.state.compare
    pair = list(old)
    pair[part] = int(page.value("compare", part))
    if pair[0] == pair[1]:  # the other one takes the place this one left
        pair[1 - part] = old[part]
    page.update(compare=tuple(pair))


def pair_picker(page: Page) -> None:
    """Which container is p (the data) and which is q (the code), and a button to swap."""
    state = page.state
    options = range(len(state.counts))
    left, right, swap = st.columns([2, 2, 1], vertical_alignment="bottom")
    for part, (column, label) in enumerate(((left, "p (the data)"), (right, "q (the code)"))):
        column.selectbox(
            label,
            options,
            format_func=lambda i: f"Container {i + 1}",
            key=page.bind(state.compare[part], "compare", part),
            on_change=_pick_pair,
            args=(page, part),
        )
    swap.button(
        "Swap p and q",
        key=page.key("swap"),
        on_click=lambda: page.update(compare=page.state.compare[::-1]),
        width="stretch",
    )


def sample_controls(page: Page) -> None:
    state = page.state
    which, size, again = st.columns([2, 2, 1], vertical_alignment="bottom")
    with which:
        bound(
            page,
            st.selectbox,
            "sample",
            "Draw from",
            int,
            options=range(len(state.counts)),
            format_func=lambda i: f"Container {i + 1}",
        )
    with size:
        bound(page, st.number_input, "n", "Picks, n", int, min_value=1, max_value=MAX_DRAWS)
    again.button(
        "Draw again",
        key=page.key("again"),
        on_click=lambda: page.update(seed=(page.state.seed + 1) % 2**31),
        width="stretch",
    )


def goal_controls(page: Page, another: float) -> None:
    """The challenge's goal, and a button for ``another`` (chosen from the state)."""
    goal, button = st.columns([3, 1], vertical_alignment="bottom")
    with goal:
        bound(
            page,
            st.number_input,
            "goal",
            "Goal for the last container's entropy (bits, in every base)",
            float,
            min_value=0.0,
            max_value=10.0,
            step=0.05,
            format="%.4f",
        )
    button.button(
        "Another goal",
        key=page.key("another_goal"),
        on_click=lambda: page.update(goal=another),
        width="stretch",
    )
