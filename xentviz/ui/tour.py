"""A guided tour on a page: the step to do now, its control outlined, and the next step as soon
as the state shows it done (the steps come from :mod:`xentviz.lesson.tour`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ..lesson.tour import Step
from . import session
from .charts import css_class
from .settings import Tour

__all__ = ["offer", "show"]

_OUTLINE = "3px solid #D55E00"  #: the loss colour: seen on both themes (3.9:1 and 4.9:1)


def _start(page, first: int) -> None:
    session.settings().tours[page.name] = Tour(step=0, about=first)


def _end(page) -> None:
    session.settings().tours.pop(page.name, None)


def offer(page, first: int, place=None) -> None:
    """The button that starts the tour, working with class ``first`` (in ``place``, the
    sidebar by default)."""
    if page.name not in session.settings().tours:
        (st.sidebar if place is None else place).button(
            "Take the guided tour", key=page.key("tour", "start"), icon=":material/school:",
            on_click=_start, args=(page, first),
            width="stretch",
        )  # fmt: skip


def show(page, steps_for: Callable[[int], list[Step]]) -> None:
    """The tour's current step, if a tour is on: said in a box, its control outlined; steps
    the state already shows done are passed. ``steps_for(k)`` gives the steps for class k."""
    tour = session.settings().tours.get(page.name)
    if tour is None:
        return
    # First, so that the tour can always be ended, whatever happens below.
    st.button("End the tour", key=page.key("tour", "end"), on_click=_end, args=(page,))
    steps = steps_for(tour.about)
    if steps and steps[0].about is not None and steps[0].about != tour.about:
        # Its class is gone (removed, or a link with fewer classes): again from the start,
        # with the class the steps chose instead.
        tour.step, tour.about = 0, steps[0].about
    at = min(tour.step, len(steps))
    # A step whose words no longer hold (an earlier step undone) sends the tour back to it.
    while 0 < at < len(steps) and not steps[at].holds:
        at -= 1
    while at < len(steps) and steps[at].done:
        at += 1
    tour.step = at
    if at == len(steps):
        st.success("Tour done: every step shown on the page. Follow **Next** at the bottom.",
                   icon=":material/school:")  # fmt: skip
        return
    step = steps[at]
    st.info(f"Step {at + 1} of {len(steps)}: {step.say}", icon=":material/school:")
    target = css_class(page.key(*step.control))
    st.html(f"<style>.{target} {{ outline: {_OUTLINE}; outline-offset: 4px; }}</style>")
