"""The live preview of a slider being dragged, with every number from the core.

A Streamlit slider tells the server its value only when it is let go. While it is dragged the
browser knows where the thumb is, but not what the page would show there, and it must not work
that out itself: a second implementation of the maths could disagree with the core.

So the server works it out in advance. For a slider the pointer comes near (or the keyboard
focuses), the browser asks once for its *grid*: every position the slider can take (its 0.1
steps) and, for each, what the page's views (charts and headline numbers) show at that state,
built by the very functions that draw the page (``views``). While the thumb moves, the browser
only looks up the position its input reports and draws what was sent for it
(``static/xentviz.js``); on release the server reruns and draws the same state itself. What the
rest of the page says about the old state is dimmed until then.

A grid stays valid while everything but that slider's value does, so the browser keeps it under
a token computed from the rest of the state and asks again only when the token changes. A grid
is sent compactly: each view at the first position, then only what changes along the slider:
numbers as little-endian float64 in base64 (in a row of numbers, only the entries that change),
other values once each with an index per position.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from ..state import PageState
from . import charts
from .charts import css_class
from .session import Page

__all__ = ["MAX_POSITIONS", "GRID_BUDGET", "STEP", "css_class", "positions", "grid", "watch"]

STEP = 0.1  #: a slider's step, as every slider with a preview has
#: A grid holds at most this many positions: the whole of a +-10 slider (201), or the
#: positions nearest the value on a slider a link has widened; beyond them, the page is dimmed
#: until the server answers.
MAX_POSITIONS = 401
#: A grid sends at most about this many bytes (Streamlit refuses a message over 1 MB, as
#: ``.streamlit/config.toml`` sets): the largest views are left still, and dimmed, beyond it.
GRID_BUDGET = 600_000


def positions(lo: float, hi: float, value: float, step: float = STEP) -> np.ndarray:
    """The values a slider over [lo, hi] in steps of ``step`` (1/n for a whole n: 0.1, 0.5,
    0.05) can take (lo and hi on a step), at most :data:`MAX_POSITIONS` of them, centred on
    ``value`` when there are more. Each is k / n for a whole k: the float that a slider's
    "2.3" reads as, in Python and in the browser alike."""
    per = round(1 / step)
    if not math.isclose(per * step, 1.0):
        raise ValueError(f"step must be 1/n for a whole n, got {step!r}")
    first, last = round(lo * per), round(hi * per)
    if last - first + 1 > MAX_POSITIONS:
        centre = min(max(round(value * per), first), last)
        half = MAX_POSITIONS // 2
        first = min(max(first, centre - half), last - MAX_POSITIONS + 1)
        last = first + MAX_POSITIONS - 1
    return np.arange(first, last + 1) / per


def _floats(values) -> str:
    return base64.b64encode(np.asarray(values, dtype="<f8").tobytes()).decode("ascii")


def _number(x: Any) -> bool:
    return x is None or (isinstance(x, (int, float, np.floating)) and not isinstance(x, bool))


def _constant(nodes: list) -> bool:
    """Whether every node is the first (as JSON would tell: True is not 1)."""
    first = nodes[0]
    if nodes.count(first) != len(nodes):
        return False
    return not isinstance(first, (bool, int)) or all(type(n) is type(first) for n in nodes)


def _rows(nodes: list) -> np.ndarray | None:
    """``nodes`` as a (positions, entries) array if each is a row of numbers (None as NaN)."""
    if not nodes[0] or not all(_number(x) for x in nodes[0]):
        return None
    try:
        rows = np.array(nodes, dtype=float)
    except (ValueError, TypeError):
        return None
    return rows if rows.ndim == 2 else None


def _columns(nodes: list, path: tuple = ()) -> Iterator[tuple[list, dict]]:
    """What changes across ``nodes`` (one view at each position), as (path, column)."""
    first = nodes[0]
    if isinstance(first, dict) and all(
        isinstance(node, dict) and node.keys() == first.keys() for node in nodes
    ):
        for key in first:
            yield from _columns([node[key] for node in nodes], (*path, key))
        return
    if isinstance(first, (list, tuple)) and all(
        isinstance(node, (list, tuple)) and len(node) == len(first) for node in nodes
    ):
        rows = _rows(nodes)
        if rows is not None:
            # A row of numbers (a trace's y): each entry the same all along, or its column.
            same = np.all((rows == rows[0]) | (np.isnan(rows) & np.isnan(rows[0])), axis=0)
            entries = [first[j] if same[j] else _floats(rows[:, j]) for j in range(len(first))]
            if not same.all():
                yield list(path), {"r": entries}
            return
        for j in range(len(first)):
            yield from _columns([node[j] for node in nodes], (*path, j))
        return
    if _constant(nodes):
        return
    if all(_number(node) for node in nodes):
        yield list(path), {"f": _floats([math.nan if x is None else x for x in nodes])}
        return
    distinct: dict[Any, int] = {}
    values: list = []
    index = []
    for node in nodes:
        key = (type(node), node) if isinstance(node, (str, bool, int)) else json.dumps(node)
        if key not in distinct:
            distinct[key] = len(values)
            values.append(node)
        index.append(distinct[key])
    yield list(path), {"j": values, "i": index}


def _items(state: PageState, field: str) -> list:
    """The state's ``field`` as a list: its items, or the one number it is."""
    value = getattr(state, field)
    return list(value) if isinstance(value, tuple) else [value]


def _moved(state: PageState, field: str, i: int | None, value: float) -> PageState:
    """``state`` with item ``i`` of ``field`` (the field itself if ``i`` is None) at ``value``."""
    if i is None:
        return replace(state, **{field: value})
    items = list(getattr(state, field))
    items[i] = value
    return replace(state, **{field: tuple(items)})


def _token(state: PageState, field: str, i: int | None, values: np.ndarray) -> str:
    """What a slider's grid depends on: the positions, and the state but the slider's value."""
    items = _items(state, field)
    items[i or 0] = None
    others = tuple((f, getattr(state, f)) for f in state.__dataclass_fields__ if f != field)
    key = (field, i, float(values[0]), float(values[-1]), len(values), tuple(items), others)
    return hashlib.blake2b(repr(key).encode(), digest_size=8).hexdigest()


def grid(
    state: PageState,
    field: str,
    i: int | None,
    values: np.ndarray,
    views: Callable[[PageState], dict[str, Any]],
) -> dict:
    """Every view of ``views`` that changes along ``values`` for item ``i`` of the state's
    ``field`` (the field itself, a number, if ``i`` is None): each at the first position
    whole, then what changes along the positions. A view the slider does not move is left
    out: the browser leaves it as the server drew it. A position the state refuses (a slider
    a link widened past a bound) is left out too: there the page is dimmed until the server
    answers."""
    held, shown = [], []
    for value in values:
        try:
            moved = _moved(state, field, i, float(value))
        except ValueError:
            continue
        held.append(value)
        shown.append(views(moved))
    if not shown:
        raise ValueError(f"no position of {field!r} gives a state")
    columns = {name: list(_columns([s[name] for s in shown])) for name in shown[0]}
    moving = {name: found for name, found in columns.items() if found}
    sizes = {name: len(charts.dumps([shown[0][name], moving[name]])) for name in moving}
    still = []
    for name in sorted(sizes, key=sizes.get, reverse=True):
        if sum(sizes.values()) <= GRID_BUDGET:
            break
        still.append(name)  # too large to send for every position: left still, and dimmed
        del sizes[name], moving[name]
    return {
        "token": _token(state, field, i, values),
        "values": _floats(held),
        "base": {name: shown[0][name] for name in moving},
        "columns": moving,
        "still": still,
    }


def _nothing() -> None:
    """The browser's request arrives as the component's trigger value; nothing to do before."""


def watch(
    page: Page,
    sliders: dict[str, list[tuple[float, ...]]],
    views: Callable[[PageState], dict[str, Any]],
    scope: str,
    still: tuple[str, ...] = (),
) -> None:
    """Give the page's sliders a live preview of ``views``, the page's charts and numbers by
    the names they were drawn under. ``sliders`` maps a state field to its sliders' ranges,
    each (lo, hi) in steps of :data:`STEP` or (lo, hi, step): for a field of several
    numbers, item i's slider over ``ranges[i]`` keyed
    ``page.key(field, i)``; for a field that is one number, one slider keyed
    ``page.key(field)``. While one is dragged, what else the container keyed ``scope`` shows
    is dimmed, and so are the page's views named in ``still``, which ``views`` leaves out (too
    large to send for every position). Call it after the views and sliders are drawn."""
    state = page.state
    watched = []  # (field, item or None, lo, hi, step), in the order the browser numbers them
    for field, ranges in sliders.items():
        many = isinstance(getattr(state, field), tuple)
        for i, (lo, hi, *step) in enumerate(ranges):
            watched.append((field, i if many else None, lo, hi, step[0] if step else STEP))
    entries = []
    for field, i, lo, hi, step in watched:
        value = float(_items(state, field)[i or 0])
        entries.append(
            {
                "cls": css_class(page.key(field) if i is None else page.key(field, i)),
                "value": value,
                "token": _token(state, field, i, positions(lo, hi, value, step)),
            }
        )
    spec = {"page": page.name, "scope": css_class(scope), "sliders": entries, "still": still}
    asked = charts.send("live", page.key("live"), spec, on_want_change=_nothing).want
    # Only the browser's own number is a request; anything else a client sends is ignored.
    if type(asked) is int and 0 <= asked < len(watched):
        field, i, lo, hi, step = watched[asked]
        values = positions(lo, hi, entries[asked]["value"], step)
        try:
            found = grid(state, field, i, values, views)
        except ValueError:  # no position gives a state: nothing to preview
            return
        charts.send("live", page.key("grid"), {**spec, "grid": found})
