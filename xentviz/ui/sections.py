"""The parts every lesson page draws the same way: the link's warning, charts with what to
notice, the headline numbers, a note from the sources and a question to check yourself.

Words come from :mod:`xentviz.lesson`, figures from :mod:`xentviz.figures`; this module only
places them.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
from collections.abc import Callable

import streamlit as st

from ..figures import export
from ..lesson import glossary
from ..lesson.latex import document as latex_document
from ..lesson.markup import as_text
from ..lesson.numbers import relations
from ..lesson.quiz import Question
from ..pages import next_of, script
from ..pages import page as registered
from . import budget, charts, presenter, session, url
from .session import ANSWER, Page

__all__ = [
    "head",
    "first",
    "lesson",
    "link_warning",
    "cells",
    "chart",
    "what_to_notice",
    "headline",
    "source_note",
    "check_yourself",
    "latex",
    "exports",
    "next_idea",
]


def head(
    page: Page,
    title: str,
    idea: str,
    lead: str | None = None,
    more: str | None = None,
    tools: Callable[[], None] | None = None,
) -> None:
    """A lesson's title, its idea, and the warning a bad link gets; the presenter mode's button
    and view. With a ``lead`` (one line), the page opens on the title and that line, and the
    idea in a paragraph with the page's new terms is folded under "About this page": the
    controls and the charts they drive come first (the first screen, issue 37); ``more``, a
    caption, is folded there too. ``tools`` draws what a reader may want before the lesson (the
    presets, the tour) in a small menu beside the line, on every screen (a phone's too)."""
    presenter.show(page)
    st.title(title)
    terms = glossary.links(page.name)
    if lead is None:
        st.markdown(idea)
        if terms:
            st.caption(terms)
    else:
        if tools is None:
            st.markdown(lead)
        else:
            line, menu = st.columns([4, 1], vertical_alignment="center")
            line.markdown(lead)
            with menu:
                tools()
        with st.expander("About this page", icon=":material/info:"):
            st.markdown(idea)
            if terms:
                st.caption(terms)
            if more:
                st.caption(more)
    link_warning(page)
    # The browser's guard: a tab that reconnects (its server restarted, or its replica died)
    # asks through it for a full run, so the page comes back from its link (static/xentviz/).
    kept = session.settings()
    if kept.session_id is None:  # which session drew the page (a new one on reconnecting)
        kept.session_id = secrets.token_hex(6)
    spec = {"session": kept.session_id, "busy": budget.BUSY}  # the budget's notice, to know
    charts.send("guard", page.key("guard"), spec, on_rerun_change=_nothing)


def first(page: Page, widths: tuple[int, int] = (2, 3)) -> tuple:
    """The first screen's two places: the page's main controls on the left and the chart they
    drive on the right, side by side on a projector (a phone stacks them, the chart first and
    its controls right under it: style.css). In a container keyed ``"<page>.first"``, which
    the tests read as the page's first control and chart."""
    with st.container(key=page.key("first")):
        controls, chart_place = st.columns(list(widths), gap="medium")
    return controls, chart_place


def _nothing() -> None:
    """The guard's and a later part's requests are only for a run; nothing to do before."""


def lesson(page: Page, now: Callable[[], None], later: Callable[[], None]) -> None:
    """The lesson, in one container keyed ``"<page>.lesson"``, drawn by two fragments: ``now``,
    what a move of its controls changes at once (its sliders, charts and headline numbers),
    rerun on every move; and ``later``, the rest (the worked computation, the questions,
    links, exports and the share box), rerun when the browser shows it.

    A move reruns ``now`` only, so a hall's moves cost the server only what they redraw. The
    browser then knows ``later`` was drawn from an older state (each part sends the state's
    token, :meth:`Page.token`): it dims it, and asks for its rerun (the trigger of the part's
    hidden view, :func:`_later`) once it is in sight and no run or input is under way: at
    once on a page whose lesson fits the screen, when scrolled to on a long one. ``now`` must
    draw every control that changes the state (else ``later`` would rerun on a change it
    does not show) and put the state in the address bar (:func:`.url.address`)."""
    with st.container(key=page.key("lesson")):
        _now(now)
        _later(page, later)


@st.fragment
def _now(body: Callable[[], None]) -> None:
    body()


@st.fragment
def _later(page: Page, body: Callable[[], None]) -> None:
    spec = {"page": page.name, "token": page.token()}
    charts.send("later", page.key("later"), spec, on_refresh_change=_nothing)
    body()


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
    page.drawn["charts"][name] = figure
    with cell if cell is not None else contextlib.nullcontext():
        charts.chart(page.key("chart", name), figure, page.name, name)
        if notice:
            what_to_notice(notice)


def what_to_notice(text: str) -> None:
    """What to notice on a chart: a caption under it, or in presenter mode folded under
    "What to notice" (the hall reads the chart while the lecturer says the note; one click
    unfolds it)."""
    if presenter.on():
        with st.expander("What to notice", icon=":material/lightbulb:"):
            st.markdown(text)
    else:
        st.caption("What to notice: " + text)


def headline(page: Page, name: str, numbers: list[tuple[str, str, str | None]]) -> None:
    """The headline numbers (label, value, help), each as wide as it needs, side by side while
    they fit: one row on a projector, two a row on a phone. A live preview of the page updates
    them as ``name``."""
    charts.numbers(page.key("numbers", name), numbers, page.name, name)


def source_note(text: str | None) -> None:
    """What a source printed for the state shown, beside the exact value."""
    if text:
        st.info(text, icon=":material/menu_book:")


def check_yourself(page: Page, *questions: tuple[Question, Callable[[str], str]]) -> None:
    """A question (of the page's kinds, each a question and the verdict on an answer), with
    its options, unanswered at first and again after any change of the state; the verdict once
    one is picked; another kind of question on request; and the session's tally."""
    st.subheader("Check yourself")
    # Drawn in a later run than the change of state that asks a new question (a lesson's later
    # part, :func:`lesson`), the question is unanswered here, in the run that draws it: a
    # choice cleared in an earlier run stays shown in the browser.
    token = page.token()
    if page.value("quiz", "for") != token:
        page.clear_answers()
        page.put(token, "quiz", "for")
    kept = session.settings()
    kind = kept.question.get(page.name, 0) % len(questions)
    question, answer = questions[kind]
    picked = st.radio(question.prompt, question.options, index=None, key=page.key(ANSWER, "quiz"))
    tally = kept.tally
    if picked:
        verdict = answer(picked)
        st.markdown(verdict)
        asked = (page.name, question.prompt, question.options)
        if asked not in tally.counted:  # the first answer to this question counts
            tally.right += verdict.startswith("Right.")
            tally.asked += 1
            tally.counted = (*tally.counted[-200:], asked)
    if len(questions) > 1:
        st.button(
            "Another question", key=page.key("quiz", "next"), icon=":material/refresh:",
            on_click=_next_question, args=(page,),
        )  # fmt: skip
    if tally.asked:
        st.caption(f"This session: {tally.right} of {tally.asked} answered right.")


def _next_question(page: Page) -> None:
    turns = session.settings().question
    turns[page.name] = turns.get(page.name, 0) + 1
    page.clear_answers()


def latex(page: Page, name: str, text: str) -> None:
    """A block of LaTeX, kept under ``name`` for the page's export."""
    text = relations(text)  # "= ≈ 0" as "≈ 0"
    page.drawn["latex"][name] = text
    st.latex(text)


def exports(page: Page) -> None:
    """Everything the page drew, to take to a slide: each chart's numbers as CSV (its PNG and
    SVG are on the chart's own tool bar) and the worked computation as LaTeX source. Files
    are named after the page; their contents are made when asked for."""
    drawn = page.drawn
    with st.expander("Export for slides: the numbers as CSV, the computation as LaTeX"):
        st.caption(
            "Each chart's tool bar downloads it as PNG (three times its size) or SVG. Here are "
            "the numbers each chart draws, and the LaTeX of the worked computation as shown."
        )
        columns = st.columns(3)
        for n, (name, figure) in enumerate(drawn["charts"].items()):
            columns[n % 3].download_button(
                f"{name}.csv", data=functools.partial(export.csv_text, figure),
                file_name=f"{page.name}-{name}.csv", mime="text/csv",
                key=page.key("export", name), icon=":material/table:", on_click="ignore",
            )  # fmt: skip
        if drawn["latex"]:
            st.download_button(
                "The computation as LaTeX",
                data=functools.partial(latex_document, dict(drawn["latex"]), page.name),
                file_name=f"{page.name}-computation.tex", mime="text/x-tex",
                key=page.key("export", "latex"), icon=":material/functions:", on_click="ignore",
            )  # fmt: skip


def next_idea(page: Page, state=None) -> None:
    """The guided path's next page (the registry's, :mod:`xentviz.pages`), opened in ``state``:
    the classes and logits carried along where the next page has them. A state of another
    page's class (the registry's path changed since the page chose it), or none, opens the next
    page at its defaults."""
    name, words = next_of(page.name)
    kind = registered(name).state
    if not isinstance(state, kind):
        state = kind()
    st.divider()
    url.open_in(str(script(name)), words, state, icon=":material/arrow_forward:")
