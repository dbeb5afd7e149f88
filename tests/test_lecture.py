"""A lecture on one server: many students at once, each moving their own logits.

Students are websocket sessions (``tests.students``), not browsers, so a whole class fits in
one test. The numbers each one is shown must be the core's for that student's own logits:
sessions that leaked into one another, or a run lost under load, would show someone else's.
"""

import asyncio
from urllib.parse import parse_qs

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.students import Run, Student, in_own_loop, walk
from xentviz import softmax_cross_entropy
from xentviz.state import DEFAULT, parse_playground

STUDENTS, MOVES = 100, 20  # the lecture the performance budget names: 100 students x 20 reruns
LOSS = "Loss H(p, q) (nats)"


async def attend(url: str, student: int) -> list[tuple[str, str]]:
    """One student's lesson; returns (what was shown, what the core says) for each run."""
    seen = []
    async with Student.connect(url) as s:
        first = await s.open()
        assert first.errors == []
        cat = DEFAULT.classes.index("cat")
        logits = list(DEFAULT.logits)
        seen.append((first.metrics[LOSS], f"{softmax_cross_entropy(logits, DEFAULT.target):.4f}"))
        for move in range(MOVES):
            logits[cat] = walk(student, move)
            run = await s.move("cat", logits[cat])
            assert run.errors == []
            assert run.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"  # only the lesson reran
            exact = softmax_cross_entropy(logits, DEFAULT.target)
            seen.append((run.metrics[LOSS], f"{exact:.4f}"))
        linked, warning = parse_playground(parse_qs(s.query))  # the student's share link
        assert warning is None
        assert linked.logits == tuple(logits)
    return seen


def test_a_lecture_of_students_each_sees_their_own_numbers(app_url):
    async def lecture():
        return await asyncio.gather(*(attend(app_url, n) for n in range(STUDENTS)))

    for seen in in_own_loop(lecture()):
        assert len(seen) == MOVES + 1
        for shown, exact in seen:
            assert shown == exact


def test_walks_differ_between_students():
    """The check above can only catch crossed sessions if students move to different values."""
    walks = {tuple(walk(n, m) for m in range(MOVES)) for n in range(STUDENTS)}
    assert len(walks) == STUDENTS
    assert all(-10 <= walk(n, m) <= 10 for n in range(STUDENTS) for m in range(MOVES))


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
