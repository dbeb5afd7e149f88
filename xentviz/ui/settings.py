"""What a session keeps beside its pages' states: typed, in one object per session.

The pages' states (:mod:`xentviz.state`) are in their links; these are not: whether presenter
mode is on and what it hides, the quiz's turn and tally, the guided tour's step, the live
preview's rate limit, the id of the session that drew the page. :func:`.session.settings` gives
the session's one :class:`Settings` (``ui/session.py`` stays the one module that touches
Streamlit's session state); callers read and change its fields in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Settings", "Tally", "Tour"]


@dataclass
class Tally:
    """The session's answers to check-yourself questions."""

    right: int = 0
    asked: int = 0
    counted: tuple = ()  #: the questions already counted, (page, prompt, options), the last 200


@dataclass
class Tour:
    """Where a guided tour is: the step shown, for the class it works with."""

    step: int = 0
    about: int = 0  #: the class the steps are about


@dataclass
class Settings:
    session_id: str | None = None  #: which session drew the page (a new one on reconnecting)
    present: bool = False  #: presenter mode
    presented: str | None = None  #: the page presenter mode last showed
    hidden: dict[str, tuple[str, ...]] = field(default_factory=dict)  #: controls hidden, a page
    question: dict[str, int] = field(default_factory=dict)  #: a page's turn of its questions
    tally: Tally = field(default_factory=Tally)
    tours: dict[str, Tour] = field(default_factory=dict)  #: a page's tour, while it is on
    #: the live preview's token bucket: (tiles left, when counted)
    grid_bucket: tuple[float, float] | None = None
