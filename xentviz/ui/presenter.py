"""Presenter mode, for a lecture hall: type readable from the back row (body text 28 px,
headline numbers 72 px, chart text 22 px), no sidebar and no Streamlit header, high contrast,
and the lesson's sections revealed one at a time from the keyboard (Page Down and Page Up, as a
clicker sends, or the arrow keys). The browser's part is in ``static/xentviz.js``.

It is on for the session from a button, or from a link with ``present=1`` (``present=0`` turns
it off); while it is on, every page's link carries ``present=1``, so a link copied in presenter
mode opens in it.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from . import charts, session
from .charts import css_class

__all__ = ["PARAM", "on", "opened", "query", "show"]

PARAM = "present"  #: the URL parameter


def on() -> bool:
    return bool(session.setting("present"))


def _set(value: bool) -> None:
    session.set_setting("present", value)


def opened(params: Mapping[str, list[str]]) -> None:
    """A page opened from a link: ``present=1`` turns presenter mode on, ``present=0`` off; any
    other value, or none, leaves it as it was."""
    value = params.get(PARAM)
    if value and value[-1] in ("0", "1"):
        _set(value[-1] == "1")


def query() -> dict[str, str]:
    """What a link adds to carry the mode."""
    return {PARAM: "1"} if on() else {}


def show(page) -> None:
    """The button that turns the mode on (in the sidebar) or off (above the title), and the
    browser's part, which styles the page and reveals the lesson's sections. A page opened from
    a link first takes the mode the link asks for."""
    if page.link is not None:
        opened(page.link)
    if on():
        st.button(
            "Leave presenter mode", key=page.key("present", "off"), on_click=_set, args=(False,),
            icon=":material/close_fullscreen:",
        )  # fmt: skip
    else:
        st.sidebar.button(
            "Presenter mode", key=page.key("present", "on"), on_click=_set, args=(True,),
            icon=":material/co_present:", width="stretch",
            help="Big type, no sidebar, and the lesson one section at a time (Page Down / Up).",
        )  # fmt: skip
    spec = {"on": on(), "page": page.name, "scope": css_class(page.key("lesson"))}
    charts.send("present", page.key("present", "view"), spec)
