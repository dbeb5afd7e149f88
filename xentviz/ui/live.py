"""The live preview of a slider being dragged, with every number from the core.

A Streamlit slider tells the server its value only when it is let go. While it is dragged the
browser knows where the thumb is, but not what the page would show there, and it must not work
that out itself: a second implementation of the maths could disagree with the core.

So the server works it out in advance. A slider's positions (its 0.1 steps) are cut into
*tiles* of a few dozen consecutive positions. For a slider the pointer comes near (or the
keyboard focuses), the browser asks for the tile around the thumb, and for the next one as the
thumb nears a tile's end: for each position, what the page's views (charts and headline
numbers) show at that state, built by the very functions that draw the page (``views``). While
the thumb moves, the browser only looks up the position its input reports and draws what was
sent for it (``static/xentviz/``); on release the server reruns and draws the same state
itself. What the rest of the page says about the old state is dimmed until then, and so is a
position no tile has reached yet.

A tile stays valid while everything but that slider's value does, so the browser keeps it under
a token computed from the rest of the state and asks again only when the token changes. A hall
of students mostly holds the same link, so tiles are kept in one cache of the server process
(:func:`_shared_tile`, bounded: at most :data:`MAX_TILES` of at most :data:`GRID_BUDGET` bytes
each) and computed once for all of them; and a session may ask for at most
:data:`GRIDS_PER_SECOND` tiles a second (beyond a burst of :data:`GRID_BURST`): a request
beyond that is ignored, and the browser told when to ask again. A tile's size is chosen per page
so that it costs the server about 100 ms at most, cold, on any link; what it cost (its CPU
time, measured) is charged to the browser's budget as any run's is (:mod:`.budget`).

A tile is sent compactly: each view at the first position, then only what changes along the
slider: numbers as little-endian float64 in base64 (in a row of numbers, only the entries that
change), other values once each with an index per position.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np
import streamlit as st

from ..state import LOGIT_STEP, PageState
from . import charts
from .charts import css_class
from .session import Page, settings, token

__all__ = [
    "TILE", "GRID_BUDGET", "MAX_TILES", "GRIDS_PER_SECOND", "GRID_BURST", "STEP", "css_class",
    "Lattice", "grid", "watch", "play",
]  # fmt: skip

STEP = LOGIT_STEP  #: a slider's step, unless it says another (a logit slider's)
#: Positions in a tile, unless a page asks for fewer (its views cost more per state): a tile
#: costs the server at most about 100 ms cold (benchmarks/bench_hall.py prints each page's).
TILE = 64
#: A tile sends at most about this many bytes: the largest views are left still, and dimmed,
#: beyond it.
GRID_BUDGET = 150_000
#: Tiles the server process keeps for every session (each at most about GRID_BUDGET bytes).
MAX_TILES = 400
#: Tiles one session may ask for each second, after a burst of GRID_BURST: a drag across a
#: whole slider asks for a few; a client asking for more is answered "later".
GRIDS_PER_SECOND = 4.0
GRID_BURST = 8


class Lattice:
    """The positions a slider over [lo, hi] in steps of ``step`` (1/n for a whole n: 0.1, 0.5,
    0.05) can take, lo and hi on a step: k / n for each whole k from ``first`` to ``last``
    (the float that a slider's "2.3" reads as, in Python and in the browser alike), cut into
    tiles of ``size`` consecutive positions."""

    def __init__(self, lo: float, hi: float, step: float = STEP, size: int = TILE) -> None:
        per = round(1 / step)
        if not math.isclose(per * step, 1.0):
            raise ValueError(f"step must be 1/n for a whole n, got {step!r}")
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size!r}")
        self.per, self.size = per, size
        self.first, self.last = round(lo * per), round(hi * per)
        if self.last < self.first:
            raise ValueError(f"hi must not be below lo, got {lo!r} and {hi!r}")
        self.tiles = (self.last - self.first) // size + 1

    def tile_of(self, value: float) -> int:
        """The tile holding the position nearest ``value`` (clamped to the slider)."""
        k = min(max(round(value * self.per), self.first), self.last)
        return (k - self.first) // self.size

    def values(self, tile: int) -> np.ndarray:
        """The positions of ``tile``."""
        if not 0 <= tile < self.tiles:
            raise ValueError(f"tile must be in [0, {self.tiles}), got {tile!r}")
        start = self.first + tile * self.size
        return np.arange(start, min(start + self.size - 1, self.last) + 1) / self.per

    def spec(self) -> dict:
        """What the browser needs to find a value's tile."""
        return {"first": self.first, "last": self.last, "per": self.per, "size": self.size}


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
            # A row of numbers (a trace's y): each entry the same all along, or its column;
            # or, where the rows recur (a row of a map of classes), each distinct row once and
            # its index at each position: whichever is smaller.
            same = np.all((rows == rows[0]) | (np.isnan(rows) & np.isnan(rows[0])), axis=0)
            if same.all():
                return
            entries = [first[j] if same[j] else _floats(rows[:, j]) for j in range(len(first))]
            by_entry = {"r": entries}
            by_row = _distinct(nodes)
            smaller = len(json.dumps(by_row)) < len(json.dumps(by_entry))
            yield list(path), by_row if smaller else by_entry
            return
        for j in range(len(first)):
            yield from _columns([node[j] for node in nodes], (*path, j))
        return
    if _constant(nodes):
        return
    if all(_number(node) for node in nodes):
        yield list(path), {"f": _floats([math.nan if x is None else x for x in nodes])}
        return
    yield list(path), _distinct(nodes)


def _distinct(nodes: list) -> dict:
    """``nodes`` as their distinct values (``j``) and the index of each node's (``i``)."""
    distinct: dict[Any, int] = {}
    values: list = []
    index = []
    for node in nodes:
        key = (type(node), node) if isinstance(node, (str, bool, int)) else json.dumps(node)
        if key not in distinct:
            distinct[key] = len(values)
            values.append(node)
        index.append(distinct[key])
    return {"j": values, "i": index}


def _items(state: PageState, field: str) -> list:
    """The state's ``field`` as a list: its items, or the one number it is."""
    value = getattr(state, field)
    return list(value) if isinstance(value, tuple) else [value]


def _moved(state: PageState, field: str, i: int | None, value: float) -> PageState:
    """``state`` with item ``i`` of ``field`` (the field itself if ``i`` is None) at ``value``
    (a whole number for a field of whole numbers: a step slider's)."""
    if isinstance(getattr(state, field), int) and float(value).is_integer():
        value = int(value)
    if i is None:
        return replace(state, **{field: value})
    items = list(getattr(state, field))
    items[i] = value
    return replace(state, **{field: tuple(items)})


def _token(
    state: PageState, field: str, i: int | None, where: Lattice, options: tuple | None = None
) -> str:
    """What a slider's tiles depend on: its lattice (and a select slider's options), and the
    state but the slider's value."""
    items = _items(state, field)
    items[i or 0] = None
    others = tuple((f, getattr(state, f)) for f in state.__dataclass_fields__ if f != field)
    shape = (where.first, where.last, where.per, where.size)
    key = (type(state).__name__, field, i, shape, options, tuple(items), others)
    return hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()


def grid(
    state: PageState,
    field: str,
    i: int | None,
    values: np.ndarray,
    views: Callable[[PageState], dict[str, Any]],
    options: tuple | None = None,
) -> dict:
    """Every view of ``views`` along ``values`` for item ``i`` of the state's ``field`` (the
    field itself, a number, if ``i`` is None; for a select slider, ``values`` are indices into
    its ``options``, as its input reports them): each at the first position whole, then what
    changes along the positions (a view that does not change along them has no columns). A
    position the state refuses (a slider a link widened past a bound) is left out: there the
    page is dimmed until the server answers. Past :data:`GRID_BUDGET` bytes, the largest views
    that change are left out, named in ``still`` (the page dims them while the thumb moves)."""
    held, shown = [], []
    for value in values:
        try:
            moved = _moved(state, field, i, options[int(value)] if options else float(value))
        except ValueError:
            continue
        held.append(value)
        shown.append(views(moved))
    if not shown:
        raise ValueError(f"no position of {field!r} gives a state")
    columns = {name: list(_columns([s[name] for s in shown])) for name in shown[0]}
    sizes = {name: len(charts.dumps([shown[0][name], found])) for name, found in columns.items()}
    still = []
    for name in sorted(sizes, key=sizes.get, reverse=True):
        if sum(sizes.values()) <= GRID_BUDGET:
            break
        if columns[name]:  # too large to send for every position: left still, and dimmed
            still.append(name)
            del sizes[name], columns[name]
    return {
        "values": _floats(held),
        "base": {name: shown[0][name] for name in columns},
        "columns": {name: found for name, found in columns.items() if found},
        "still": still,
    }


def _allowed(now: float) -> tuple[bool, float]:
    """Whether this session may have another tile now (a token bucket of
    :data:`GRID_BURST` tiles, filled at :data:`GRIDS_PER_SECOND`); if not, the seconds until it
    may."""
    kept = settings()
    tokens, then = kept.grid_bucket or (float(GRID_BURST), now)
    tokens = min(float(GRID_BURST), tokens + (now - then) * GRIDS_PER_SECOND)
    if tokens >= 1.0:
        kept.grid_bucket = (tokens - 1.0, now)
        return True, 0.0
    kept.grid_bucket = (tokens, now)
    return False, (1.0 - tokens) / GRIDS_PER_SECOND


@st.cache_data(max_entries=MAX_TILES, show_spinner=False)
def _shared_tile(
    page: str, token: str, tile: int, _state, _field, _i, _values, _views, _options=None
) -> bytes | None:
    """One tile's JSON, computed once per server process for every session holding a state
    with this token (the underscored arguments are what the token stands for)."""
    try:
        return charts.dumps(grid(_state, _field, _i, _values, _views, _options))
    except ValueError:  # no position gives a state: nothing to preview
        return None


def _request(asked: Any, count: int) -> tuple[int, int] | None:
    """The browser's request, [slider, tile] (two ints, the slider in range); anything else a
    client sends is None."""
    if type(asked) is not list or len(asked) != 2 or not all(type(x) is int for x in asked):
        return None
    i, tile = asked
    return (i, tile) if 0 <= i < count and 0 <= tile < 2**31 else None


def _nothing() -> None:
    """The browser's request arrives as the component's trigger value; nothing to do before."""


def watch(
    page: Page,
    sliders: dict[str, list[tuple[float, ...]] | tuple[float, ...]],
    views: Callable[[PageState], dict[str, Any]],
    scope: str,
    still: tuple[str, ...] = (),
    tile: int = TILE,
) -> None:
    """Give the page's sliders a live preview of ``views``, the page's charts and numbers by
    the names they were drawn under. ``sliders`` maps a state field to its sliders' ranges,
    each (lo, hi) in steps of :data:`STEP` or (lo, hi, step): for a field of several
    numbers, item i's slider over ``ranges[i]`` keyed ``page.key(field, i)``; for a field that
    is one number, one slider keyed ``page.key(field)``; for a select slider, the tuple of its
    options (its positions are their indices, as its input reports them). While one is dragged,
    what else the
    container keyed ``scope`` shows is dimmed, and so are the page's views named in ``still``,
    which ``views`` leaves out (too large to send for every position). A tile holds ``tile``
    positions (fewer for views that cost more). Call it after the views and sliders are
    drawn.

    It draws in the page's fragment, not one of its own: a request for a tile (a trigger of the
    live view) and a slider let go at the same moment would then be two fragments' updates in
    one batch, which Streamlit's frontend sends as one fragment's, losing the move."""
    _watch(page, sliders, views, scope, still, tile)


def _watch(page, sliders, views, scope, still, tile) -> None:
    state = page.state
    # (field, item or None, lattice, a select slider's options), as the browser numbers them
    watched = []
    for field, ranges in sliders.items():
        many = isinstance(getattr(state, field), tuple)
        if not isinstance(ranges, list):  # a select slider's options
            where = Lattice(0, len(ranges) - 1, 1, tile)
            watched.append((field, None, where, tuple(ranges)))
            continue
        for i, (lo, hi, *step) in enumerate(ranges):
            where = Lattice(lo, hi, step[0] if step else STEP, tile)
            watched.append((field, i if many else None, where, None))

    def value(field, i, options):
        now = _items(state, field)[i or 0]
        return float(options.index(now) if options else now)

    entries = [
        {
            "cls": css_class(page.key(field) if i is None else page.key(field, i)),
            "value": value(field, i, options),
            "token": _token(state, field, i, where, options),
            **where.spec(),
        }
        for field, i, where, options in watched
    ]
    spec = {
        "page": page.name, "scope": css_class(scope), "sliders": entries, "still": still,
        "state": token(page.state),  # what the lesson's later part must show to be current
    }  # fmt: skip
    asked = charts.send("live", page.key("live"), spec, on_want_change=_nothing).want
    request = _request(asked, len(watched))
    if request is None:
        return
    n, tile_asked = request
    field, i, where, options = watched[n]
    if tile_asked >= where.tiles:
        return
    allowed, wait = _allowed(time.monotonic())
    if not allowed:  # more than a few a second: ignored, and the browser told when to ask
        charts.send("live", page.key("grid"), {**spec, "retry": math.ceil(1e3 * wait)})
        return
    token_n, values = entries[n]["token"], where.values(tile_asked)
    found = _shared_tile(page.name, token_n, tile_asked, state, field, i, values, views, options)
    if found is not None:
        head = charts.dumps({"kind": "live", **spec, "tile": tile_asked, "slider": n})
        charts.send_bytes(page.key("grid"), head[:-1] + b',"grid":' + found + b"}")


def play(
    page: Page,
    field: str,
    values: np.ndarray,
    views: Callable[[PageState], dict[str, Any]],
    scope: str,
    stop: str,
    tick: float,
) -> float | None:
    """Play the state's ``field`` through ``values`` in the browser: every view of ``views`` at
    each value, sent once as a grid (kept in the shared cache of tiles, so a hall on one link
    computes it once) and drawn by the page's component every ``tick`` seconds, with no run of
    the server between two frames. The button keyed ``stop`` stops it where it is. Returns the
    value the browser reports it stopped at (its last frame, or where Stop was pressed) once it
    does, else None. Call it after the views are drawn."""
    state = page.state
    others = tuple((f, getattr(state, f)) for f in state.__dataclass_fields__ if f != field)
    key = ("play", type(state).__name__, field, tuple(float(v) for v in values), others)
    token = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
    found = _shared_tile(page.name, token, 0, state, field, None, values, views)
    spec = {
        "page": page.name, "scope": css_class(scope), "stop": css_class(stop), "token": token,
        "tick": round(1e3 * tick), "start": float(getattr(state, field)),
    }  # fmt: skip
    if found is None:  # no frame gives a state: nothing to play
        return float(getattr(state, field))
    head = charts.dumps({"kind": "play", **spec})
    data = head[:-1] + b',"grid":' + found + b"}"
    reached = charts.send_bytes(page.key("play"), data, on_played_change=_nothing).played
    held = {float(v) for v in values} | {float(getattr(state, field))}
    if type(reached) in (int, float) and float(reached) in held:
        return float(reached)
    return None  # nothing reported yet, or not a frame of this run: played on
