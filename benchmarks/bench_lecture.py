"""A lecture on one server process: the Playground beside a one-slider, one-line Streamlit app.

Run: ``python benchmarks/bench_lecture.py`` (no browser needed).

Students are websocket sessions (``tests/students.py``) that move a slider and wait for the run
it starts, as a browser does, so a hall of them fits in one process. Each app gets its own
server; the figures are:

(d) One student moving a slider back to back: reruns per second over the websocket, the
    server's CPU time per rerun and the bytes each rerun sends.
(e) A lecture: many students at once, each moving a slider again and again, in rounds: reruns
    per second the one server process answers, each move's wait (median and 95th percentile),
    and errors (exceptions shown, runs that did not finish, timeouts, numbers that are not the
    core's, a share link that does not hold the student's own picture; a wrong number means a
    run answered with another student's state). At its defaults, 100 students x 20 moves x 3
    rounds: the lecture the performance budget names (CI runs a smoke of it in
    tests/test_lecture.py).
(f) The server's memory (resident set) after the students connect and after each round.

It prints each figure and the Playground's ratio to a one-line app run with the Playground's
own config (.streamlit/config.toml: the same garbage collection, message limits and all), the
fair floor; beside them, for scale, the same app with Streamlit's stock config.
The students' own work (one client process, parsing every reply) shares the 2 cores with the
servers, as it would not in a real hall; it costs the Playground more, as its replies are longer.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402
from tests.students import Student, loss_shown, walk  # noqa: E402
from xentviz.state import PlaygroundState, parse  # noqa: E402

DEFAULT = PlaygroundState()

ONE_LINE_APP = """
import streamlit as st

x = st.slider("x", -10.0, 10.0, 0.0, 0.1, key="x")
st.write(x)
"""


class App:
    """How to move one app's slider and check what it shows."""

    def __init__(self, name: str, slider: str, playground: bool) -> None:
        self.name, self.slider, self.playground = name, slider, playground

    def _state(self, value: float) -> PlaygroundState:
        logits = list(DEFAULT.logits)
        logits[DEFAULT.classes.index(self.slider)] = value
        return replace(DEFAULT, logits=tuple(logits))

    def check(self, value: float, run) -> list[str]:
        if not self.playground:
            return run.errors
        shown, exact = loss_shown(run, self._state(value))
        wrong = [] if shown == exact else [f"loss {shown} shown for {value}, exactly {exact}"]
        return run.errors + wrong

    def check_link(self, value: float, student: Student) -> list[str]:
        """The student's address bar holds a link to their own picture."""
        if not self.playground:
            return []
        linked, warning = parse(parse_qs(student.query), PlaygroundState)
        if warning is None and linked == self._state(value):
            return []
        return [f"link {student.query!r} does not hold {value}"]


async def one_student(server, app: App, moves: int) -> tuple[float, float, float, list[str]]:
    """(reruns per second, server CPU ms per rerun, bytes sent per rerun, errors)."""
    async with Student.connect(server.url) as student:
        await student.open()
        errors, received = [], 0
        cpu, start = server.cpu_seconds(), time.perf_counter()
        for move in range(moves):
            value = walk(0, move)
            run = await student.move(app.slider, value)
            received += run.received
            errors += app.check(value, run)
        seconds, cpu = time.perf_counter() - start, server.cpu_seconds() - cpu
        return moves / seconds, 1e3 * cpu / moves, received / moves, errors


async def lectures(servers, apps: list[App], students: int, moves: int, rounds: int):
    """A hall of students on each server: all connect and open the page; then, round by round
    and app by app (so drift hits every app alike), each student makes ``moves`` moves, all
    the students of a hall at once."""
    results = [
        {"per_second": [], "waits": [], "errors": [], "memory": [], "cpu_ms": []} for _ in apps
    ]

    async def attend(app: App, got: dict, n: int, student: Student, first: int) -> None:
        for move in range(first, first + moves):
            value = walk(n, move)
            try:
                run = await student.move(app.slider, value, timeout=120)
            except TimeoutError:
                got["errors"].append(f"student {n}: no answer within 120 s")
                return
            got["waits"].append(run.seconds)
            got["errors"].extend(app.check(value, run))
        got["errors"].extend(app.check_link(value, student))

    async with contextlib.AsyncExitStack() as stack:
        halls = []
        for server, got in zip(servers, results, strict=True):
            connecting = (Student.connect(server.url) for _ in range(students))
            hall = await asyncio.gather(*map(stack.enter_async_context, connecting))
            for run in await asyncio.gather(*(student.open() for student in hall)):
                got["errors"].extend(run.errors)
            got["memory"].append(server.rss_mb())
            halls.append(hall)
        for r in range(rounds):
            for server, app, hall, got in zip(servers, apps, halls, results, strict=True):
                cpu, start = server.cpu_seconds(), time.perf_counter()
                class_time = (attend(app, got, n, s, r * moves) for n, s in enumerate(hall))
                await asyncio.gather(*class_time)
                got["per_second"].append(students * moves / (time.perf_counter() - start))
                got["cpu_ms"].append(1e3 * (server.cpu_seconds() - cpu) / (students * moves))
                got["memory"].append(server.rss_mb())
    return dict(zip((app.name for app in apps), results, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200, help="(d) one student's moves")
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--round-moves", type=int, default=20, help="(e) moves per round each")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    apps = [
        App("one-line, stock", "x", playground=False),
        App("one-line, same cfg", "x", playground=False),
        App("Playground", "cat", playground=True),
    ]
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        stock, same = Path(tmp, "stock", "app.py"), Path(tmp, "same", "app.py")
        (same.parent / ".streamlit").mkdir(parents=True)  # read where the server starts
        shutil.copy(ROOT / ".streamlit" / "config.toml", same.parent / ".streamlit")
        stock.parent.mkdir()
        for script in (stock, same):
            script.write_text(ONE_LINE_APP)
        scripts = [stock, same, ROOT / "app.py"]
        servers = [stack.enter_context(support.server(script)) for script in scripts]
        for server, app in zip(servers, apps, strict=True):  # warm up: imports, first runs
            asyncio.run(one_student(server, app, 10))

        rows = {app.name: [] for app in apps}
        for _ in range(2):  # twice, interleaved, so drift hits every app alike
            for server, app in zip(servers, apps, strict=True):
                *figures, errors = asyncio.run(one_student(server, app, args.moves // 2))
                assert not errors, errors
                rows[app.name].append(figures)
        means = {
            name: [statistics.mean(c) for c in zip(*r, strict=True)] for name, r in rows.items()
        }
        base = means[apps[1].name]
        print(f"(d) one student, {args.moves} moves back to back")
        print("    (ratios to the one-line app with the same config)")
        for app in apps:
            rate, cpu_ms, size = means[app.name]
            print(
                f"    {app.name:<18}{rate:7.1f} reruns/s  ratio {rate / base[0]:.2f}  "
                f"CPU {cpu_ms:5.1f} ms/rerun  x {cpu_ms / base[1]:4.1f}  "
                f"{size / 1024:5.1f} KB/rerun  x {size / base[2]:4.1f}"
            )

        print(
            f"(e) a lecture: {args.students} students at once, {args.rounds} round(s) of "
            f"{args.round_moves} moves each ({args.students * args.round_moves * args.rounds} "
            "reruns per app)"
        )
        results = asyncio.run(lectures(servers, apps, args.students, args.round_moves, args.rounds))
        base = statistics.median(results[apps[1].name]["per_second"])
        for app in apps:
            got = results[app.name]
            rate = statistics.median(got["per_second"])
            waits = sorted(got["waits"])
            p95 = waits[int(0.95 * (len(waits) - 1))]
            print(
                f"    {app.name:<18}{rate:7.1f} reruns/s  ratio {rate / base:.2f}  "
                f"CPU {statistics.median(got['cpu_ms']):5.1f} ms/rerun  "
                f"wait median {1e3 * statistics.median(waits):6.0f} ms  "
                f"p95 {1e3 * p95:6.0f} ms  errors {len(got['errors'])}"
            )
            for error in got["errors"][:3]:
                print(f"      {error}")
        print("    goal for the Playground: ratio >= 0.75, errors 0")
        print("(f) server memory (MiB): after the students connect, then after each round")
        for app in apps:
            memory = results[app.name]["memory"]
            rounds = " ".join(f"{mb:6.1f}" for mb in memory)
            growth = "(needs 2 rounds)"
            if len(memory) > 2:
                growth = f"{(memory[-1] - memory[1]) / (len(memory) - 2):+.1f}"
            print(f"    {app.name:<18}{rounds}  growth per round after the first {growth}")
        print("    goal for the Playground: flat over the rounds")


if __name__ == "__main__":
    main()
