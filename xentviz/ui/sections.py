"""The parts every lesson page draws the same way: the link's warning, charts with what to
notice, the headline numbers, a note from the sources and a question to check yourself.

Words come from :mod:`xentviz.lesson`, figures from :mod:`xentviz.figures`; this module only
places them.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from ..lesson.markup import as_text
from ..lesson.quiz import Question
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
    """A lesson's title, its idea in a paragraph, and the warning a bad link gets."""
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


def chart(page: Page, cell, name: str, figure: go.Figure, notice: str) -> None:
    """A chart in ``cell`` with what to notice under it."""
    with cell:
        st.plotly_chart(figure, key=page.key("chart", name))
        st.caption("What to notice: " + notice)


def headline(numbers: list[tuple[str, str, str | None]]) -> None:
    """The headline numbers (label, value, help), each as wide as it needs, side by side while
    they fit: one row on a projector, two a row on a phone. (In equal columns a long class
    name was cut with "…".)"""
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        for label, value, tip in numbers:
            st.metric(label, value, help=tip, width="content")


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
