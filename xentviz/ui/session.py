"""Each page's state in the session, and the widget keys that show it.

A page keeps its state (a frozen :class:`~xentviz.state.PageState`) in the session under its
own name. That state is what the page shows; its widgets are views of it. Just before a widget
is drawn its key is filled from the state if it is empty (:meth:`Page.bind`), and the widget's
``on_change`` writes the new value back (:meth:`Page.update`). A change made any other way (a
preset, a new class, an exact value) empties the keys of the fields it changed, so those
widgets are filled again from the new state.

A page *opens* on a session's first run and whenever the user arrives from another page. Then
its state comes from the link, if the link has parameters of this page; else from the session,
as the page was left; else the defaults; and every widget of the page is filled from it afresh.
Streamlit drops a page's widget keys when the user leaves it but keeps everything else, so a
page that trusted its widget keys to be there would fail on return. (Streamlit's
``persist_state="session"`` keeps widget values across pages, but a page's state is more than
its widgets, and a link that opens a page must replace them: the state is kept, and the
widgets follow it.)

This module and :mod:`.url` are the only readers and writers of widget keys and the URL.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields, replace
from typing import Any, Generic, TypeVar

import streamlit as st
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state import get_session_state
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX, SessionState
from threadpoolctl import threadpool_limits

from ..state import PageState, parse, url_keys
from ..state.fields import codec_of
from . import budget  # noqa: F401 - every run charged to its browser (installs its hooks)
from .settings import Settings

__all__ = [
    "ANSWER", "MAX_EVENTS", "REFUSED", "Page", "open_page", "token", "settings", "events", "usable",
]  # fmt: skip

S = TypeVar("S", bound=PageState)

_SHOWN = "xentviz.shown"  #: the name of the page the last full run showed
_SETTINGS = "xentviz.settings"  #: the session's Settings
#: Keys under ``"<page>.answer"`` hold answers to questions about the state shown: any change
#: of the state asks new questions, which start unanswered.
ANSWER = "answer"


@dataclass
class _Memory:
    state: PageState
    warning: str | None  #: what was wrong with the link that opened the page, until a change


def _depends(cls: type[PageState]) -> dict[str, set[str]]:
    """For each field, the fields whose widgets must be redrawn when it changes: itself and
    every field declared as depending on it (a target among the classes, say)."""
    out = {f.name: {f.name} for f in fields(cls)}
    for f in fields(cls):
        for name in codec_of(f).depends_on:
            out[name].add(f.name)
    return out


class Page(Generic[S]):
    """One page's state and widget keys. Widget keys are ``"<page>.<field>"`` or
    ``"<page>.<field>.<i>"`` for the i-th item of a field; other keys of the page
    (``"<page>.quiz"``) hold what the page's widgets show that is not part of its state."""

    def __init__(self, name: str, cls: type[S]) -> None:
        if "." in name:
            raise ValueError(f"page name {name!r} must not contain '.'")
        self.name, self.cls = name, cls
        #: what this run drew, by name: charts (figures) and LaTeX blocks, for the exports
        self.drawn: dict[str, dict] = {"charts": {}, "latex": {}}
        #: the link's parameters when this run opened the page (None on any other run)
        self.link: dict[str, list[str]] | None = None
        self._depends = _depends(cls)

    # --- the state ------------------------------------------------------------------------

    @property
    def _memory(self) -> _Memory:
        return st.session_state[self.name]

    @property
    def state(self) -> S:
        return self._memory.state

    def token(self) -> str:
        """The state's :func:`token`."""
        return token(self.state)

    @property
    def warning(self) -> str | None:
        return self._memory.warning

    def set(self, state: S, source: str | None = None) -> None:
        """Make ``state`` the page's state. Widgets showing a changed value are drawn afresh
        from it, except ``source``, the widget the change came from (it shows it already).

        A widget outside the fragment a change comes from is redrawn at the next full run (a
        change from inside a fragment to such a field should call ``st.rerun()``)."""
        old, memory = self.state, self._memory
        memory.state, memory.warning = state, None
        stale = {
            dependent
            for f in fields(state)
            if getattr(old, f.name) != getattr(state, f.name)
            for dependent in self._depends[f.name]
        }
        keys = self._keys()
        if old != state:  # an answer was to the question the old state asked
            self.clear_answers(keys)
        for key in keys:
            if source and (key == source or key.startswith(source + ".")):
                continue  # the widget the change came from, and what belongs to it
            if _stale(key.split(".")[1:], stale, old, state):
                del st.session_state[key]

    def update(self, source: str | None = None, **changes: Any) -> None:
        """Change some fields of the state (see :meth:`set`)."""
        self.set(replace(self.state, **changes), source)

    def reset(self, state: S) -> None:
        """Make ``state`` the page's state and draw every widget of the page afresh."""
        self.set(state)
        self.forget()

    # --- widget keys -----------------------------------------------------------------------

    def key(self, *parts: object) -> str:
        return ".".join((self.name, *map(str, parts)))

    def bind(self, value: Any, *parts: object) -> str:
        """The key for a widget, filled with ``value`` (from the state) if it is empty."""
        key = self.key(*parts)
        if key not in st.session_state:
            st.session_state[key] = value
        return key

    def remember(self, value: Any, *parts: object) -> Any:
        """What the key ``parts`` holds, after filling it with ``value`` if it was empty (a
        widget's range, fixed while the user moves it)."""
        return st.session_state[self.bind(value, *parts)]

    def refuse(self, key: str, error: ValueError) -> None:
        """A widget sent a value the state cannot hold (a scripted client sending NaN, say):
        the state stays, the widget is drawn from it again, and the page says why once."""
        self._memory.warning = f"A value from the page could not be used ({error})."
        if key in st.session_state:
            del st.session_state[key]

    def value(self, *parts: object) -> Any:
        """What the widget (or other key) ``parts`` holds now; None if nothing."""
        return st.session_state.get(self.key(*parts))

    def put(self, value: Any, *parts: object) -> None:
        """Set a key that is not part of the state (a dialog left open, say)."""
        st.session_state[self.key(*parts)] = value

    def forget(self, *parts: object) -> None:
        """Empty the keys under ``parts`` (all of the page's keys if none)."""
        prefix = self.key(*parts)
        for key in self._keys():
            if key == prefix or key.startswith(prefix + "."):
                del st.session_state[key]

    def clear_answers(self, keys: list[str] | None = None) -> None:
        """Unanswer every question of the page (among ``keys``, the page's keys, if given).
        Set to None, not removed: a removed key leaves the browser showing the old choice."""
        prefix = self.key(ANSWER) + "."
        for key in self._keys() if keys is None else keys:
            if key.startswith(prefix):
                st.session_state[key] = None

    def _keys(self) -> list[str]:
        """The page's keys in the session (a walk over all of the session's state, each value
        presented: about 0.2 ms, so once per change)."""
        prefix = self.name + "."
        return [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]


def _stale(parts: list[str], stale: set[str], old: PageState, new: PageState) -> bool:
    """Whether the widget keyed ``parts`` shows a field that changed (for an item of a field,
    whether that item changed)."""
    if parts[0] not in stale:
        return False
    if len(parts) >= 2 and parts[1].isdigit():  # an item, or something of an item's widget
        i = int(parts[1])
        before, after = getattr(old, parts[0]), getattr(new, parts[0])
        if isinstance(before, tuple) and isinstance(after, tuple):
            return before[i : i + 1] != after[i : i + 1]
    return True


def open_page(
    name: str, cls: type[S], params: dict[str, list[str]], too_long: str | None
) -> Page[S]:
    """The page ``name``, with its state ready, the link's parameters being ``params`` (and
    ``too_long`` why Streamlit dropped them, if it did): :func:`.url.open_page` reads them
    from the address bar. Call that first thing on every full run."""
    page = Page(name, cls)
    ss = st.session_state
    if ss.get(_SHOWN) != name:  # the page opens
        page.link = params
        if too_long:  # a link Streamlit did not read: the defaults, and why
            ss[name] = _Memory(cls(), too_long)
        # Other parameters (Streamlit's embed=true, a tracker's utm_source) are no link.
        elif name not in ss or set(params) & set(url_keys(cls)):
            state, warning = parse(params, cls)
            ss[name] = _Memory(state, warning)
        page.forget()
        ss[_SHOWN] = name
    return page


def token(state: PageState) -> str:
    """A short hash of ``state``: what the browser compares to tell a part of the page drawn
    from an older state (:func:`.sections.lesson`)."""
    return hashlib.blake2b(repr(state).encode(), digest_size=9).hexdigest()


def settings() -> Settings:
    """The session's settings (:mod:`.settings`): what it keeps beside its pages' states,
    typed; change its fields in place."""
    ss = st.session_state
    if _SETTINGS not in ss:
        ss[_SETTINGS] = Settings()
    return ss[_SETTINGS]


#: Events one message to a view may carry. The browser sends one at a time (a stroke's end, a
#: tile asked for, a rerun asked for), and Streamlit's frontend may put the few set between two
#: messages into one list. A script may send thousands: Streamlit calls the event's callback
#: once for each, and each read of the view's value walks the whole list (quadratic: 10,000
#: "drawn" events cost 27 CPU-s). A longer list is refused whole, before Streamlit reads it
#: (:func:`usable`); and a view's callback runs once a message (``charts.send``).
MAX_EVENTS = 8


def events(key: str) -> list:
    """The events the browser sent with this run to the view keyed ``key`` (the list
    Streamlit keeps for it: not a copy; empty if none).

    Streamlit offers no public reading of it: the view's value merges the last event of each
    kind into its state. This is what it walks for that value: the value of the view's
    trigger widget ("<internal prefix>_<id>__events", the id the key last registered)."""
    state = get_session_state()._state
    widget = state.get_widget_id_from_key(key)
    if widget is None:
        return []
    trigger = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{widget}{EVENT_DELIM}events"
    try:
        found = state.get_widget_value(trigger)
    except KeyError:
        return []
    return found if isinstance(found, list) else [] if found is None else [found]


# --- values a browser could not have sent ---------------------------------------------------


def usable(widget, metadata) -> bool:
    """Whether a widget's value from the browser (a ``WidgetState`` message) is one the widget
    can take: of the kind the widget last registered (``metadata``, None for a widget not
    drawn yet), and, for JSON, JSON that Python can read (a view's events, at most
    :data:`MAX_EVENTS` of them). A script can send anything: a select slider a number where
    it takes its option's text, a component's state nested 200,000 deep (Python's reader
    gives up past about 1,000). Streamlit reads such a value before the page runs and fails
    the run; a component's state, kept in the session, then fails every later run until the
    browser reconnects."""
    kind = widget.WhichOneof("value")
    if kind is None:  # a value cleared
        return True
    if metadata is not None and metadata.value_type not in (None, kind):
        return False
    if kind in ("json_value", "json_trigger_value"):
        try:
            value = json.loads(getattr(widget, kind))
        except (ValueError, RecursionError):
            return False
        if kind == "json_trigger_value" and isinstance(value, list):
            return len(value) <= MAX_EVENTS  # Streamlit would call a callback for each
    return True


#: What a page is told, once a run, when something its browser sent was refused.
REFUSED = (
    "Part of what this page sent could not be used (more events at once than the page sends, "
    "or a value its control cannot take); the page goes on as it was."
)


def _kept(
    state: SessionState, sent: WidgetStates | None, refused: list | None = None
) -> WidgetStates | None:
    """``sent`` without the values no widget of the session can take (see :func:`usable`):
    refused, as if not sent, so that the widget keeps its value and the page runs on (each
    refused value's id added to ``refused``)."""
    if sent is None:
        return None
    known = state._new_widget_state.widget_metadata
    kept = [w for w in sent.widgets if usable(w, known.get(w.id))]
    if refused is not None:
        refused += [w.id for w in sent.widgets if w not in kept]
    if len(kept) == len(sent.widgets):
        return sent
    checked = WidgetStates()
    checked.widgets.extend(kept)
    return checked


def _guard(rerun):
    """Streamlit's preparation of a run (``SessionState.on_script_will_rerun``), given the
    browser's values with those refused that no widget can take (:func:`_kept`). Streamlit
    has no hook for checking what a browser sends before it reads it; this is the one place
    that sees every value first."""

    def on_script_will_rerun(self, fresh_widget_states, *args, **kwargs):
        refused: list[str] = []
        replay = kwargs.get("replay_trigger_states")
        if replay is not None:
            kwargs["replay_trigger_states"] = _kept(self, replay, refused)
        done = rerun(self, _kept(self, fresh_widget_states, refused), *args, **kwargs)
        if refused:  # never dropped silently: the page says so, once
            st.toast(REFUSED, icon=":material/block:")
        return done

    on_script_will_rerun.guarded = True
    return on_script_will_rerun


if not getattr(SessionState.on_script_will_rerun, "guarded", False):
    SessionState.on_script_will_rerun = _guard(SessionState.on_script_will_rerun)

# BLAS and OpenMP at one thread for the app's own work (see app.py, which sets it for those not
# loaded yet): those a process loaded before the app's script ran, limited once per process.
threadpool_limits(1)
