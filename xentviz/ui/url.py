"""The address bar: the only reader and writer of ``st.query_params``.

A page reads its link once, when it opens (:func:`params`, through :mod:`.session`), and
writes its state back on every run (:func:`share`), so the address bar and the share box always
hold a link to the picture shown.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ..state import PageState, to_query
from . import presenter

__all__ = ["params", "link", "share", "open_in"]


def params() -> dict[str, list[str]]:
    """The address bar's query parameters, each with every value it was given."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _write(query: dict[str, str]) -> None:
    """Make the query string ``query``: in one update, and only when it differs (each update
    sends the whole query string to the browser)."""
    if params() != {key: [value] for key, value in query.items()}:
        st.query_params.from_dict(query)


def link(state: PageState) -> str:
    """The full address of this page showing ``state``."""
    query = {**to_query(state), **presenter.query()}
    here = urlsplit(st.context.url or "http://localhost:8501/")
    address = f"{here.scheme}://{here.netloc}{here.path}"
    return address + ("?" + urlencode(query, safe=",") if query else "")


def share(state: PageState) -> None:
    """Put ``state`` in the address bar, and show its link to copy."""
    # Not bind="query-params": a bound widget takes its URL value even when another parameter
    # of the same link is bad, and a bad link must show the defaults throughout.
    _write({**to_query(state), **presenter.query()})
    st.subheader("Share this exact picture")
    st.code(link(state), language=None, wrap_lines=True)


def open_in(page: str, label: str, state: PageState | None, icon: str | None = None) -> None:
    """A link to another page (its file, as app.py declares it) showing ``state`` there."""
    if state is None:
        return
    query = {**to_query(state), **presenter.query()}
    st.page_link(page, label=label, icon=icon, query_params=query)
