"""The lesson pages, as ``st.navigation`` takes them, derived from the registry
(:mod:`xentviz.pages`): ``app.py`` declares them in its order.

The page files are scripts that Streamlit runs, never modules to import: importing one would
run it.
"""

from __future__ import annotations

from ..pages import PAGES as REGISTRY
from ..pages import script

__all__ = ["PAGES", "page_file"]

#: Keyword arguments of ``st.Page`` for each page, in the registry's order.
PAGES = tuple(
    {"page": script(p.name), "title": p.title, "icon": p.icon, "url_path": p.name}
    | ({"default": True} if p.default else {})
    for p in REGISTRY
)


def page_file(url_path: str) -> str:
    """The file of the page at ``url_path``, as ``st.page_link`` takes it."""
    return str(script(url_path))
