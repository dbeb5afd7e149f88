"""The address bar: the only reader and writer of ``st.query_params``.

A page reads its link once, when it opens (:func:`params`, through :mod:`.session`), and
writes its state back on every run (:func:`address`), so the address bar always holds a link to
the picture shown (and the share box, :func:`share_box`, once it is drawn again).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_FIELDS,
)
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH as MAX_LENGTH,
)
from streamlit.runtime.state.query_params import sanitize_query_string

from ..state import PageState, to_query
from . import presenter, session

__all__ = [
    "params", "dropped", "open_page", "link", "address", "share", "share_box", "open_in",
]  # fmt: skip


def params() -> dict[str, list[str]]:
    """The address bar's query parameters, each with every value it was given."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def dropped() -> str | None:
    """Why the address bar's link was not read, if Streamlit dropped it before the page ran
    (over 1,000 parameters or 512 KB: it then gives the page no parameters at all)."""
    ctx = get_script_run_ctx()
    raw = ctx.query_string if ctx is not None else ""
    if not raw or sanitize_query_string(raw):
        return None
    return (
        f"This link is too long to read ({raw.count('&') + 1:,} parameters, {len(raw):,} "
        f"characters; a link may have at most {MAX_FIELDS:,} parameters and "
        f"{MAX_LENGTH // 1024:,} KB): the page shows its defaults instead."
    )


def open_page(name: str, cls: type[session.S]) -> session.Page[session.S]:
    """The page ``name``, its state from the link if it opens now (see
    :func:`.session.open_page`): call it first thing on every full run."""
    return session.open_page(name, cls, params(), dropped())


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


def address(state: PageState) -> None:
    """Put ``state`` in the address bar (on every run: a tab that reconnects, or a reload,
    gets the page back from it)."""
    # Not bind="query-params": a bound widget takes its URL value even when another parameter
    # of the same link is bad, and a bad link must show the defaults throughout.
    _write({**to_query(state), **presenter.query()})


def share_box(state: PageState) -> None:
    """Show the link to ``state``, to copy."""
    st.subheader("Share this exact picture")
    st.code(link(state), language=None, wrap_lines=True)


def share(state: PageState) -> None:
    """Put ``state`` in the address bar, and show its link to copy."""
    address(state)
    share_box(state)


def open_in(
    page: str, label: str, state: PageState | None, icon: str | None = None, width="content"
) -> None:
    """A link to another page (its file, as app.py declares it) showing ``state`` there;
    ``width`` as ``st.page_link`` takes it ("stretch": as wide as its container)."""
    if state is None:
        return
    query = {**to_query(state), **presenter.query()}
    st.page_link(page, label=label, icon=icon, query_params=query, width=width)
