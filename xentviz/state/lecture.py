"""The lecture plan's state: nothing to set (the plan is fixed); a page state all the same, so the
page opens, shares and presents like the others."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import PageState

__all__ = ["LectureState"]


@dataclass(frozen=True)
class LectureState(PageState):
    """The lecture plan shows the same links to everyone."""
