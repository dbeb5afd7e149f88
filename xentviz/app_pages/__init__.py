"""The lesson pages, in the order the navigation lists them. Each page is a short script of
sections (see :mod:`xentviz.ui`); ``app.py`` declares them with ``st.navigation``.

The page files are scripts that Streamlit runs, never modules to import: importing one would
run it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PAGES"]

_HERE = Path(__file__).parent

#: Keyword arguments of ``st.Page`` for each page.
PAGES = (
    {
        "page": _HERE / "playground.py",
        "title": "Playground",
        "icon": ":material/tune:",
        "url_path": "playground",
        "default": True,
    },
)
