"""Presenter mode, for a lecture hall: type readable from the back row (body text 28 px,
headline numbers 72 px, each chart enlarged as a whole, its text up to 22 px), no sidebar and no
Streamlit header, high contrast, and the page shown one screen at a time from the keyboard (Page
Down and Page Up, as a clicker sends, or the arrow keys), each screen no taller than the window.
The lecturer's own controls (leave, what to hide) are in a small menu in the corner, out of the
hall's sight. The browser's part is in ``static/xentviz/``.

It is on for the session from a button, or from a link with ``present=1`` (``present=0`` turns
it off); while it is on, every page's link carries ``present=1``, so a link copied in presenter
mode opens in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

import streamlit as st

from . import charts, session
from .charts import css_class

__all__ = ["PARAM", "HIDE", "on", "controls", "opened", "query", "show"]

PARAM = "present"  #: the URL parameter
HIDE = "hide"  #: the URL parameter of the controls hidden while presenting, "logits.2,target"


def on() -> bool:
    return session.settings().present


def _set(value: bool) -> None:
    session.settings().present = value


def controls(page) -> dict[str, str]:
    """The page's controls a lecturer can hide while presenting, as TensorFlow Playground's
    classroom mode does: each field of its state (each item of a field of several), by its
    widget key's suffix, with what to call it."""
    state, out = page.state, {}
    classes = getattr(state, "classes", ())
    for f in fields(state):
        value = getattr(state, f.name)
        if isinstance(value, tuple) and value and not isinstance(value[0], tuple):
            for i in range(len(value)):
                name = classes[i] if f.name == "logits" and i < len(classes) else str(i + 1)
                out[f"{f.name}.{i}"] = f"{f.name}: {name}"
        else:
            out[f.name] = f.name
    return out


def _hidden(page) -> tuple[str, ...]:
    return session.settings().hidden.get(page.name, ())


def _hide(page) -> None:
    session.settings().hidden[page.name] = tuple(page.value("present", "hide") or ())


def opened(params: Mapping[str, list[str]], page=None) -> None:
    """A page opened from a link: ``present=1`` turns presenter mode on, ``present=0`` off; any
    other value, or none, leaves it as it was. ``hide=`` names the page's controls to hide
    (names it does not have are passed over)."""
    value = params.get(PARAM)
    if value and value[-1] in ("0", "1"):
        _set(value[-1] == "1")
    hide = params.get(HIDE)
    if page is not None and hide:
        known = controls(page)
        chosen = tuple(dict.fromkeys(h for h in hide[-1].split(",") if h in known))
        session.settings().hidden[page.name] = chosen


def query() -> dict[str, str]:
    """What a link adds to carry the mode, and the controls hidden on the page shown."""
    if not on():
        return {}
    kept = session.settings()
    hidden = kept.hidden.get(kept.presented, ())
    return {PARAM: "1", **({HIDE: ",".join(hidden)} if hidden else {})}


def show(page) -> None:
    """The button that turns the mode on (in the sidebar) or off (in a small menu in the
    corner), and the browser's part, which styles the page and shows it screen by screen. A
    page opened from a link first takes the mode the link asks for."""
    if page.link is not None:
        opened(page.link, page)
    session.settings().presented = page.name
    if on():
        # The lecturer's own controls, out of the hall's sight: a small menu in the window's
        # top right corner (style.css), opened with a click.
        menu = st.popover(
            "Presenter", icon=":material/more_vert:", key=page.key("present", "menu"),
            help="Leave presenter mode, or hide controls from the hall",
        )  # fmt: skip
        menu.button(
            "Leave presenter mode", key=page.key("present", "off"), on_click=_set, args=(False,),
            icon=":material/close_fullscreen:",
        )  # fmt: skip
        known = controls(page)
        hidden = [h for h in _hidden(page) if h in known]
        if tuple(hidden) != _hidden(page):  # a class removed since: its control is gone
            session.settings().hidden[page.name] = tuple(hidden)
        if page.value("present", "hide") is None:
            page.put(hidden, "present", "hide")
        if known:  # a page of links (the lecture plan, the glossary) has nothing to hide
            menu.multiselect(
                "Hide these controls while presenting (the link keeps the choice)",
                options=list(known), format_func=known.get, key=page.key("present", "hide"),
                on_change=_hide, args=(page,),
            )  # fmt: skip
        menu.caption("Page Down / Page Up (or the arrow keys): the next screen / back.")
        if hidden:
            selectors = ", ".join("." + css_class(page.key(*h.split("."))) for h in hidden)
            st.html(f"<style>{selectors} {{ display: none !important; }}</style>")
    else:
        st.sidebar.button(
            "Presenter mode", key=page.key("present", "on"), on_click=_set, args=(True,),
            icon=":material/co_present:", width="stretch",
            help="Big type, no sidebar, and the lesson one section at a time (Page Down / Up).",
        )  # fmt: skip
    spec = {"on": on(), "page": page.name, "scope": css_class(page.key("lesson"))}
    charts.send("present", page.key("present", "view"), spec)
