"""The parts every lesson page draws the same way: the link's warning, charts with what to
notice, the headline numbers, a note from the sources and a question to check yourself.

Words come from :mod:`xentviz.lesson`, figures from :mod:`xentviz.figures`; this module only
places them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import streamlit as st

from ..lesson.markup import as_text
from ..lesson.quiz import Question
from . import charts, presenter
from .session import ANSWER, Page

__all__ = [
    "head",
    "link_warning",
    "cells",
    "chart",
    "headline",
    "source_note",
    "check_yourself",
]


def head(page: Page, title: str, idea: str) -> None:
    """A lesson's title, its idea in a paragraph, and the warning a bad link gets; the presenter
    mode's button and view."""
    presenter.show(page)
    st.title(title)
    st.markdown(idea)
    link_warning(page)


def link_warning(page: Page) -> None:
    """The one warning a bad link gets, until the state changes."""
    if page.warning:
        st.warning(as_text(page.warning), icon=":material/link_off:")


def cells(rows: int, columns: int) -> list:
    """``rows`` x ``columns`` places for charts, in reading order, to fill in any order."""
    return [cell for _ in range(rows) for cell in st.columns(columns)]


def chart(page: Page, cell, name: str, figure: dict, notice: str | None = None) -> None:
    """A chart in ``cell`` (here, if None) with what to notice under it. It is drawn in place
    from run to run, and a live preview of the page (:mod:`.live`) updates it as ``name``."""
    with cell if cell is not None else contextlib.nullcontext():
        charts.chart(page.key("chart", name), figure, page.name, name)
        if notice:
            st.caption("What to notice: " + notice)


def headline(page: Page, name: str, numbers: list[tuple[str, str, str | None]]) -> None:
    """The headline numbers (label, value, help), each as wide as it needs, side by side while
    they fit: one row on a projector, two a row on a phone. A live preview of the page updates
    them as ``name``."""
    charts.numbers(page.key("numbers", name), numbers, page.name, name)


def source_note(text: str | None) -> None:
    """What a source printed for the state shown, beside the exact value."""
    if text:
        st.info(text, icon=":material/menu_book:")


def check_yourself(page: Page, question: Question, answer: Callable[[str], str]) -> None:
    """A question with its options, unanswered at first, and again after any change of the
    state; the verdict once one is picked."""
    st.subheader("Check yourself")
    picked = st.radio(question.prompt, question.options, index=None, key=page.key(ANSWER, "quiz"))
    if picked:
        st.markdown(answer(picked))
