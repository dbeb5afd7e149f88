"""The test page's state: a count and a log base (a field the Playground has too)."""

from dataclasses import dataclass

from xentviz.state import LOG_BASES, PageState
from xentviz.state.fields import Choice, Count, param


@dataclass(frozen=True)
class OtherState(PageState):
    n: int = param(Count("n", 1, 100), 10)
    base: str = param(Choice("base", LOG_BASES), "2")
