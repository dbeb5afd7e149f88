"""A lecture on one server: many students at once, each moving their own logits.

Students are websocket sessions (``tests.students``), not browsers, so a whole class fits in
one test. The numbers each one is shown must be the core's for that student's own logits:
sessions that leaked into one another, or a run lost under load, would show someone else's.
"""

import asyncio
from dataclasses import replace
from urllib.parse import parse_qs, urlencode

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.students import Run, Student, in_own_loop, loss_shown, walk
from xentviz.state import PLAYGROUND_PRESETS, PlaygroundState, parse, to_query

DEFAULT = PlaygroundState()
# A smoke of a lecture: enough students at once to cross sessions if they could cross. The hall
# the performance budget names (100 students x 20 moves, and more rounds) is
# benchmarks/bench_lecture.py, which counts the same errors.
STUDENTS, MOVES = 10, 5


async def attend(url: str, student: int, moves: int, state=DEFAULT, query: str = ""):
    """One student's lesson, from the page at ``query`` (which shows ``state``): returns
    (what was shown, what the core says) for each run."""
    seen = []
    async with Student.connect(url, query) as s:
        first = await s.open()
        assert first.errors == []
        seen.append(loss_shown(first, state))
        cat = state.classes.index("cat")
        for move in range(moves):
            logits = list(state.logits)
            logits[cat] = walk(student, move)
            state = replace(state, logits=tuple(logits))
            run = await s.move("cat", logits[cat])
            assert run.errors == []
            assert run.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"  # only the lesson reran
            seen.append(loss_shown(run, state))
        linked, warning = parse(parse_qs(s.query), PlaygroundState)  # the student's share link
        assert warning is None
        assert linked == state
    return seen


def lecture(url: str, students: int, moves: int, **page) -> list[list[tuple[str, str]]]:
    async def everyone():
        return await asyncio.gather(*(attend(url, n, moves, **page) for n in range(students)))

    return in_own_loop(everyone())


def test_a_lecture_of_students_each_sees_their_own_numbers(app_url):
    for seen in lecture(app_url, STUDENTS, MOVES):
        assert len(seen) == MOVES + 1
        for shown, exact in seen:
            assert shown == exact


def test_a_class_opens_the_lecturers_link_at_once(app_url):
    """The lecturer shares a prepared picture; the whole class opens it in the same moment and
    each sees it exactly, then each moves on from it on their own."""
    state = PLAYGROUND_PRESETS["cat-dog-bird"][1]  # other classes, dog true, in nats
    query = urlencode(to_query(state), safe=",")
    for seen in lecture(app_url, STUDENTS, 2, state=state, query=query):
        assert seen[0] == ("0.4644", "0.4644")  # the seed prints 0.462
        for shown, exact in seen:
            assert shown == exact


@pytest.mark.parametrize(("students", "moves"), [(STUDENTS, MOVES), (100, 20)])
def test_walks_differ_between_students(students, moves):
    """The checks here and in bench_lecture can only catch crossed sessions if students move
    to different values."""
    walks = {tuple(walk(n, m) for m in range(moves)) for n in range(students)}
    assert len(walks) == students
    assert all(-10 <= walk(n, m) <= 10 for n in range(students) for m in range(moves))


def test_a_run_counts_what_a_browser_would_show_as_an_error():
    """The lecture test is only as strict as ``Run.read``: an exception box, a compile error
    or a run that ended early must each count."""
    run = Run(seconds=0.0)
    shown = ForwardMsg()
    shown.delta.new_element.exception.type = "ValueError"
    shown.delta.new_element.exception.message = "bad logits"
    compile_error = ForwardMsg()
    compile_error.session_event.script_compilation_exception.message = "invalid syntax"
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    for msg in (shown, compile_error, finished):
        run.read(msg)
    assert run.errors == [
        "ValueError: bad logits",
        "invalid syntax",
        "script finished with FINISHED_EARLY_FOR_RERUN",
    ]
    assert run.status == "FINISHED_EARLY_FOR_RERUN"
