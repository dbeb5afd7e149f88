"""Charts and headline numbers, drawn in the browser by the app's own component.

``st.plotly_chart`` gives a chart a new identity whenever its figure changes, so the browser
tears it down and builds it again on every move of a slider. Here one Streamlit component
(``st.components.v2``, no iframe), keyed by the page, draws each chart with ``Plotly.react``
into the same element from run to run, and the headline numbers beside it; the live preview of
a slider (:mod:`.live`) draws into both. The browser's part is ``static/xentviz/``, which
Streamlit serves at ``app/static/`` (``server.enableStaticServing``); plotly.js is the copy
Streamlit ships for its own charts, loaded from the same server. Nothing comes from elsewhere.

Figures are the plain dicts :mod:`xentviz.figures` builds; what is sent is their JSON, as
bytes (non-finite numbers as null, as plotly's own encoder does).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from ..figures import export
from .session import MAX_EVENTS, events

__all__ = [
    "SCRIPTS",
    "VERSION",
    "PLOTLY_CHUNK",
    "MAX_EVENTS",
    "css_class",
    "dumps",
    "chart",
    "numbers",
    "send",
    "send_bytes",
]

#: The browser's part: ES modules served by Streamlit from the ``static`` folder beside ``app.py``.
SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "xentviz"
#: Every file of it, as the app serves it (``xentviz/<name>``): the loader revalidates each.
_FILES = sorted(p.name for p in SCRIPTS.iterdir() if p.suffix in (".js", ".css"))
#: A hash of every file's content: a new version is a new address of the entry module.
VERSION = hashlib.sha256(b"".join((SCRIPTS / name).read_bytes() for name in _FILES)).hexdigest()[
    :12
]


def _plotly_chunk() -> str:
    """The file of plotly.js that Streamlit's frontend loads for ``st.plotly_chart``."""
    js = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(js.glob("PlotlyChart.*.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one PlotlyChart.*.js in {js}, found {len(found)}")
    return found[0].name


PLOTLY_CHUNK = _plotly_chunk()

# The component's module: a few lines that load static/xentviz/main.js from the app's root,
# wherever Streamlit serves it, and start fetching plotly.js at the same time (chart.js imports
# the same URL: loaded once). The entry module's address carries VERSION; the modules it imports
# are asked for by their plain address, so each file is first revalidated ("no-cache": a
# conditional request, answered 304 when unchanged) and a browser never runs an old module
# beside a new one after an upgrade.
_LOADER = f"""// xentviz: see static/xentviz/main.js
const index = document.querySelector('script[src*="static/js/index"]');
const root = index ? index.src.replace(/static\\/js\\/[^/]*$/, "") : document.baseURI;
const dir = new URL("app/static/xentviz/", root);
import(new URL("static/js/{PLOTLY_CHUNK}", root).href).catch(() => null);  // fetched meanwhile
const fresh = Promise.all({json.dumps(_FILES)}.map((name) =>
  fetch(new URL(name, dir), {{ cache: "no-cache" }}).catch(() => null)));
const main = fresh.then(() => import(new URL("main.js?v={VERSION}", dir).href));
export default (args) => main.then((module) => module.default(args));
"""
_COMPONENT = st.components.v2.component("xentviz", js=_LOADER, isolate_styles=False)


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _finite(value: Any) -> Any:
    """``value`` with every non-finite number made None (JSON has no NaN or infinity)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if isinstance(value, (np.ndarray, np.generic)):
        return _finite(_jsonable(value))
    return value


def dumps(value: Any) -> bytes:
    """Compact JSON of ``value`` (numpy arrays and numbers included; NaN and infinities as
    null), as UTF-8."""
    options = {"separators": (",", ":"), "ensure_ascii": False, "allow_nan": False}
    try:
        text = json.dumps(value, default=_jsonable, **options)
    except ValueError:  # a non-finite number somewhere: rare, so only then walk it all
        text = json.dumps(_finite(value), default=_jsonable, **options)
    return text.encode()


def css_class(key: str) -> str:
    """The class Streamlit gives the container of the element keyed ``key``."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


def _once(key: str, callback: Callable[[], Any]) -> Callable[[], None]:
    """``callback`` made to run once for a message to the view keyed ``key``, however many of
    its events it is called for, and not at all for a message of over :data:`MAX_EVENTS`
    events. Made afresh at each run that draws the view: Streamlit keeps the last one drawn and
    calls it for the next message."""
    handled: list = []  # the message's events, once handled (held, so never another's)

    def once() -> None:
        found = events(key)
        if handled and handled[0] is found:
            return
        handled[:] = [found]
        if len(found) <= MAX_EVENTS:
            callback()

    return once


def _mount(key: str, data: bytes, callbacks: dict[str, Callable[[], Any]]) -> Any:
    """The component under ``key`` drawing ``data``, with each ``on_<event>_change`` callback
    run once a message; its value, without events if the message had too many."""
    once = {name: _once(key, callback) for name, callback in callbacks.items()}
    result = _COMPONENT(data=data, key=key, **once)
    if callbacks and len(events(key)) > MAX_EVENTS:
        for name in callbacks:  # "on_want_change": the trigger "want"
            result[name.removeprefix("on_").removesuffix("_change")] = None
    return result


def send(kind: str, key: str, payload: dict, **callbacks) -> Any:
    """Mount the component as a ``kind`` view under ``key`` with ``payload``; each callback
    ``on_<event>_change`` runs once for a message that holds the event (see
    :data:`MAX_EVENTS`)."""
    return _mount(key, dumps({"kind": kind, **payload}), callbacks)


def send_bytes(key: str, data: bytes, **callbacks) -> Any:
    """Mount the component under ``key`` with ``data``, a view's JSON already made (as
    :func:`send` makes it: ``{"kind": ..., ...}``)."""
    return _mount(key, data, callbacks)


def chart(key: str, figure: dict, page: str | None = None, name: str | None = None) -> None:
    """The plotly ``figure`` (a dict of data and layout), drawn in place under ``key``; a live
    preview of ``page`` updates it as its view ``name``."""
    spec = {"figure": figure, "chunk": PLOTLY_CHUNK, "page": page, "name": name}
    send("chart", key, spec | {"summary": export.summary(figure)})


def numbers(
    key: str, items: list[tuple[str, str, str | None]], page: str | None = None, name=None
) -> None:
    """Headline numbers (label, value, help) side by side, wrapping on a narrow screen; a live
    preview of ``page`` updates them as its view ``name``."""
    send("numbers", key, {"items": items, "page": page, "name": name})
