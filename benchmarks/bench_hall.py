"""A lecture hall: N students on the lecturer's link, moving logit sliders as browsers do.

Run: ``python benchmarks/bench_hall.py`` (one server process, started here), or
``python benchmarks/bench_hall.py --replicas 2`` (deploy/run.sh: two processes behind HAProxy),
``--replicas 2 --fault`` (one replica killed mid-run), ``--url URL`` (a server running
elsewhere; its CPU is not measured then), ``--tiles`` (what a live-preview tile costs per page).

Each student is a websocket session (``tests/students.py``) that opens the lecturer's link (the
same for all: a hall shares one link); once all are in, each, after a think time of about 2 s
(exponential), drags cat's logit slider as a browser does: on one drag in four it first asks for
the tile around the thumb (the live preview's request), then lets go at a new value (a fragment
rerun), and checks the loss shown is the core's. Per level it prints the p50 and p95 wait of a
move, errors, moves answered per second, the server's CPU time per move (tiles included;
the full runs of opening the page not), the bytes a move's run sends (its messages, and what
came over the socket: less, where the server compresses), its memory before and after;
then the largest level with p95 <= 300 ms and no errors. Beside it, in the same run, the
one-slider one-line app under the same load and config: the floor a Streamlit move costs.

The students' own work (one client process parsing every reply) shares the 2 cores with the
server(s), as it would not in a real hall: the figures are conservative.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402
from tests.students import Student, loss_shown, walk  # noqa: E402
from xentviz.state import PlaygroundState, to_query  # noqa: E402

LINK = PlaygroundState(logits=(3.2, 1.3, 0.2, 0.8), target=0)  # the lecturer's link
ONE_LINE_APP = """
import streamlit as st

x = st.slider("x", -10.0, 10.0, 0.0, 0.1, key="x")
st.write(x)
"""


@dataclass
class Level:
    """What one level of the hall measured."""

    students: int
    waits: list[float] = field(default_factory=list)  # seconds, per move
    tiles: list[float] = field(default_factory=list)  # seconds, per tile asked
    errors: list[str] = field(default_factory=list)
    received: int = 0  # bytes of the moves' runs (their messages)
    wire: int = 0  # bytes of them over the socket (compressed, if the server compresses)
    moves: int = 0
    seconds: float = 0.0
    cpu: float | None = None  # the servers' CPU seconds over the moves
    rss: tuple[float, float] | None = None  # MiB before and after
    lost: int = 0  # moves in flight when a replica died
    recovered: list[float] = field(default_factory=list)  # seconds from the fault to a page back

    def p(self, q: float) -> float:
        return quantile(self.waits, q)


class Servers:
    """The processes serving the hall: their CPU time and memory, read from /proc."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.last = dict.fromkeys(pids, 0.0)

    def cpu_seconds(self) -> float:
        for pid in self.pids:
            with contextlib.suppress(OSError):
                self.last[pid] = support.Server("", pid).cpu_seconds()
        return sum(self.last.values())

    def rss_mb(self) -> float:
        total = 0.0
        for pid in self.pids:
            with contextlib.suppress(OSError, StopIteration):
                total += support.Server("", pid).rss_mb()
        return total


def _state(value: float) -> PlaygroundState:
    logits = list(LINK.logits)
    logits[1] = value
    return replace(LINK, logits=tuple(logits))


class Start:
    """The moment the moves start: when every student has opened the page (the full runs of
    opening are not a move's cost)."""

    def __init__(self, students: int, seconds: float) -> None:
        self.waiting, self.seconds = students, seconds
        self.go = asyncio.Event()
        self.until = float("inf")

    def opened(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.until = time.monotonic() + self.seconds
            self.go.set()


async def _student(
    url: str, query: str, n: int, level: Level, start: Start, playground: bool, fault=None
) -> None:
    rng = random.Random(n)
    move = 0
    first = True
    while time.monotonic() < start.until:
        try:
            async with Student.connect(url, query) as student:
                opened = await student.open(timeout=120)
                level.errors += opened.errors
                if first:
                    first = False
                    start.opened()
                    await start.go.wait()
                if fault is not None and fault.at is not None:  # back after the fault
                    level.recovered.append(time.monotonic() - fault.at)
                    if playground:
                        level.errors += _check(opened, _state(walk(n, move - 1)) if move else LINK)
                label = "cat" if playground else "x"
                until = start.until
                while time.monotonic() < until:
                    await asyncio.sleep(min(rng.expovariate(1 / 2.0), 10.0))
                    if time.monotonic() >= until:
                        break
                    value = walk(n, move)
                    if playground and rng.random() < 0.25 and student.live:
                        spec = student.live[2]["sliders"][1]
                        tile = (round(value * spec["per"]) - spec["first"]) // spec["size"]
                        asked = await student.want(1, tile, timeout=120)
                        level.tiles.append(asked.seconds)
                        level.errors += asked.errors
                    try:
                        run = await student.move(label, value, timeout=120)
                    except TimeoutError:
                        level.errors.append(f"student {n}: no answer within 120 s")
                        return
                    move += 1
                    level.waits.append(run.seconds)
                    level.received += run.received
                    level.wire += run.wire
                    level.moves += 1
                    if playground:
                        level.errors += _check(run, _state(value))
                    query = student.query
        except (websockets.ConnectionClosed, OSError) as error:
            if fault is None or fault.at is None:
                level.errors.append(f"student {n}: {type(error).__name__}")
                return
            level.lost += 1  # the move in flight when its replica died; reconnect, as a tab does
            await asyncio.sleep(0.5)


def _check(run, state: PlaygroundState) -> list[str]:
    shown, exact = loss_shown(run, state)
    return [] if shown == exact else [f"loss {shown} shown, exactly {exact}"]


class Fault:
    """Kill one replica ``after`` seconds into a level."""

    def __init__(self, pid: int, after: float) -> None:
        self.pid, self.after, self.at = pid, after, None

    async def strike(self) -> None:
        await asyncio.sleep(self.after)
        os.kill(self.pid, signal.SIGKILL)
        self.at = time.monotonic()


async def hall(url: str, servers: Servers | None, students: int, seconds: float, playground: bool,
               fault: Fault | None = None) -> Level:  # fmt: skip
    level = Level(students)
    query = urlencode(to_query(LINK), safe=",") if playground else ""
    start = Start(students, seconds)
    measured = {}

    async def clock() -> None:  # from the moment every student is in
        await start.go.wait()
        measured["rss"] = servers.rss_mb() if servers else None
        measured["cpu"] = servers.cpu_seconds() if servers else None
        measured["t"] = time.monotonic()
        if fault is not None:
            await fault.strike()

    tasks = [_student(url, query, n, level, start, playground, fault) for n in range(students)]
    await asyncio.gather(clock(), *tasks)
    level.seconds = time.monotonic() - measured["t"]
    if servers:
        level.cpu = servers.cpu_seconds() - measured["cpu"]
        level.rss = (measured["rss"], servers.rss_mb())
    return level


def report(name: str, level: Level, base: Level | None = None) -> None:
    per_move = (
        f"{1e3 * level.cpu / max(level.moves, 1):5.1f} ms" if level.cpu is not None else "  n/a  "
    )
    ratio = ""
    if base is not None and base.cpu and level.cpu is not None:
        ratio = f" x{(level.cpu / max(level.moves, 1)) / (base.cpu / max(base.moves, 1)):4.1f}"
    size = level.received / max(level.moves, 1) / 1024
    wire = level.wire / max(level.moves, 1) / 1024
    rss = f"RSS {level.rss[0]:5.0f} -> {level.rss[1]:5.0f} MiB" if level.rss else ""
    tiles = ""
    if level.tiles:
        tiles = f"tiles {len(level.tiles)} p95 {1e3 * quantile(level.tiles, 0.95):5.0f} ms"
    print(
        f"    {name:<12}{level.students:5d} students  p50 {1e3 * level.p(0.5):6.0f} ms  "
        f"p95 {1e3 * level.p(0.95):6.0f} ms  errors {len(level.errors):3d}  "
        f"{level.moves / level.seconds:5.1f} moves/s  CPU {per_move}/move{ratio}  "
        f"{size:5.1f} KB/move ({wire:4.1f} KB sent)  {rss}  {tiles}"
    )
    for error in level.errors[:3]:
        print(f"      {error}")


def quantile(xs: list[float], q: float) -> float:
    """The q-quantile of xs (the value below which a share q of them lies); NaN if none."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def tiles() -> None:
    """What one tile of each page's live preview costs the server, cold, at its heaviest link."""
    from xentviz.state import BinaryState, EncodingState
    from xentviz.state.gradients import GradientsState
    from xentviz.state.loss import LossState
    from xentviz.ui import charts, controls, live

    view = controls.view_of
    twelve = tuple(f"class {i}" for i in range(12))
    spread = tuple(float(v) for v in range(-6, 6))
    cases = [
        ("playground", PlaygroundState(), view("playground"), "logits", 1),
        ("playground", PlaygroundState(classes=twelve, logits=spread, temperature=0.05,
                                       smoothing=0.99), view("playground"), "logits", 1),
        ("binary", BinaryState(), view("binary"), "z", None),
        ("binary", BinaryState(), view("binary"), "logits", 1),
        ("encoding", EncodingState(), view("encoding"), "logits", 1),
        ("loss", LossState(), view("loss", preview=True), "logits", 1),
        ("loss", LossState(classes=twelve, logits=spread), view("loss", preview=True), "logits", 1),
        ("gradients", GradientsState(), view("gradients"), "logits", 1),
        ("gradients", GradientsState(classes=twelve, logits=spread), view("gradients"), "logits",
         1),
    ]  # fmt: skip
    print("(tiles) one tile of the live preview, cold, median of 3 (goal: <= ~100 ms, 150 KB)")
    for name, state, make, slider, i in cases:
        where = live.Lattice(-10.0, 10.0, 0.1, controls.of(name).TILE)
        values = where.values(1)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            found = live.grid(state, slider, i, values, make)
            times.append(time.perf_counter() - start)
        size = len(charts.dumps(found)) / 1024
        label = f"{name}, {len(getattr(state, 'classes', ()))} classes, {slider}"
        print(
            f"    {label:<34}{len(values):4d} positions  {1e3 * statistics.median(times):6.1f} ms"
            f"  {size:6.1f} KB  still: {', '.join(found['still']) or 'none'}"
        )


@contextlib.contextmanager
def one_line_server():
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp, "app.py")
        (script.parent / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", script.parent / ".streamlit")
        script.write_text(ONE_LINE_APP)
        with support.server(script) as server:
            yield server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="50,100,200,400", help="students, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="of moves per level")
    parser.add_argument("--url", help="a running server (else one is started here)")
    parser.add_argument("--replicas", type=int, default=0, help="deploy/run.sh with N replicas")
    parser.add_argument("--fault", action="store_true", help="kill a replica mid-level")
    parser.add_argument("--tiles", action="store_true", help="only what a tile costs per page")
    parser.add_argument("--no-baseline", action="store_true", help="skip the one-line app")
    args = parser.parse_args()
    if args.tiles:
        tiles()
        return
    levels = [int(n) for n in args.levels.split(",")]
    with contextlib.ExitStack() as stack:
        if args.url:
            url, servers, what = args.url, None, f"the server at {args.url} (CPU not measured)"
        elif args.replicas:
            running = stack.enter_context(support.hall(args.replicas))
            url = running.url
            servers = Servers([pid for _, pid in running.replicas.values()])
            what = f"{args.replicas} replicas behind HAProxy (deploy/run.sh)"
        else:
            running = stack.enter_context(support.server(ROOT / "app.py"))
            url, servers, what = running.url, Servers([running.pid]), "one server process"
        baseline = None
        if not args.no_baseline:
            base_server = stack.enter_context(one_line_server())
            asyncio.run(hall(base_server.url, None, 5, 3.0, False))  # warm up
        asyncio.run(hall(url, None, 5, 3.0, True))  # warm up: imports, first runs
        print(f"A hall on {what}; a move every ~2 s each; {args.seconds:g} s per level")
        print(f"    (load generator on the same {os.cpu_count()} cores)")
        best = 0
        for n in levels:
            fault = None
            if args.fault and args.replicas >= 2:
                fault = Fault(running.replicas["st1"][1], args.seconds / 3)
            level = asyncio.run(hall(url, servers, n, args.seconds, True, fault))
            if not args.no_baseline:
                one = Servers([base_server.pid])
                baseline = asyncio.run(hall(base_server.url, one, n, args.seconds / 2, False))
            report("xentviz", level, baseline)
            if baseline is not None:
                report("one-line", baseline)
            if fault is not None:
                back = sorted(level.recovered)
                print(
                    f"    fault: replica st1 killed at {args.seconds / 3:.0f} s; moves in flight "
                    f"lost {level.lost}; {len(back)} students back on their page, in at most "
                    f"{max(back, default=float('nan')):.1f} s (p95 {quantile(back, 0.95):.1f} s)"
                )
                servers.pids.remove(running.replicas["st1"][1])
                break  # the replica is gone: the next level would measure one process
            if level.p(0.95) <= 0.3 and not level.errors:
                best = n
        if args.fault:  # a level with a replica killed in it is not a hall's capacity
            print("    (the level with the fault is not counted as a hall held)")
        else:
            print(f"    largest hall with p95 <= 300 ms and no errors: {best or 'none of these'}")


if __name__ == "__main__":
    main()
