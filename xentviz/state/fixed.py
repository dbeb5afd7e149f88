"""The state of a page with nothing to set (the lecture plan, the glossary): a page state all the
same, so the page opens, shares and presents like the others."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import PageState

__all__ = ["FixedState"]


@dataclass(frozen=True)
class FixedState(PageState):
    """The same for everyone: no parameters."""
