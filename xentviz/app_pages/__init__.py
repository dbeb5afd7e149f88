"""The lesson pages, in the order the navigation lists them. Each page is a short script of
sections (see :mod:`xentviz.ui`); ``app.py`` declares them with ``st.navigation``.

The page files are scripts that Streamlit runs, never modules to import: importing one would
run it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PAGES", "page_file"]

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
    {
        "page": _HERE / "entropy.py",
        "title": "Entropy & containers",
        "icon": ":material/category:",
        "url_path": "entropy",
    },
    {
        "page": _HERE / "binary.py",
        "title": "Binary vs multi-class",
        "icon": ":material/call_split:",
        "url_path": "binary",
    },
    {
        "page": _HERE / "encoding.py",
        "title": "Encodings",
        "icon": ":material/data_array:",
        "url_path": "encoding",
    },
    {
        "page": _HERE / "loss.py",
        "title": "Loss & landscape",
        "icon": ":material/landscape:",
        "url_path": "loss",
    },
    {
        "page": _HERE / "gradients.py",
        "title": "Gradients & backprop",
        "icon": ":material/device_hub:",
        "url_path": "gradients",
    },
    {
        "page": _HERE / "training.py",
        "title": "Training & likelihood",
        "icon": ":material/model_training:",
        "url_path": "training",
    },
    {
        "page": _HERE / "lecture.py",
        "title": "Lecture plan",
        "icon": ":material/co_present:",
        "url_path": "lecture",
    },
    {
        "page": _HERE / "glossary.py",
        "title": "Glossary",
        "icon": ":material/menu_book:",
        "url_path": "glossary",
    },
)


def page_file(url_path: str) -> str:
    """The file of the page at ``url_path``, as ``st.page_link`` takes it."""
    return str(next(p["page"] for p in PAGES if p["url_path"] == url_path))
