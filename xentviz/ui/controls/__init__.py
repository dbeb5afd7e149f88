"""Each page's own controls, one module per page named after it (``controls/<page>.py``): the
widgets only that page has, and what its charts and headline numbers show for a state (its
``view``), drawn alike by the page and by the live preview of a dragged slider."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["of", "view_of"]


def of(page: str) -> ModuleType:
    """The controls module of the page named ``page`` (its ``view``, and its ``TILE`` where a
    slider previews it)."""
    return importlib.import_module(f"{__name__}.{page}")


def view_of(page: str, preview: bool = False):
    """The ``view`` of the page named ``page``: (state) -> what its charts and numbers show;
    with ``preview``, what a dragged slider previews (its ``preview`` where it has one)."""
    module = of(page)
    return getattr(module, "preview", module.view) if preview else module.view
