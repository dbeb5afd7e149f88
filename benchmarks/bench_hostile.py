"""Hostile clients: what one costs the server, and what three do to a bystander's moves.

Run: ``python benchmarks/bench_hostile.py`` (one server process, started here), or
``--url URL --pid PID`` (a server running elsewhere, its CPU read from /proc/PID),
``--kinds events,links`` (which hostile clients), ``--seconds 20`` (per measurement),
``--budget off`` (the server started here without the CPU budget per browser, as before it;
or its numbers, ``rate=0.15,burst=1``: xentviz/ui/budget.py), ``--fresh-ids`` (each hostile
websocket with a browser id of its own, as a script loading the page each time would get
while its address may have new ids), ``--student`` (a normal student's lesson instead, at a
human pace: what the budget must leave room for).

Every client is a browser as far as the server can tell: it loads the page's document once
and sends the browser id it got with every websocket it opens (``tests/students.py``).

A hostile client is a script on the websocket (``tests/students.py``) sending, as fast as the
server answers, what a browser would not:

- ``events``: one message of 10,000 "drawn" events (``--events``) to the digits page's
  drawing (280 KB), again and again (Streamlit calls the event's callback once for each event);
- ``links``: a new heavy /digits link each time (steps=2000, batch=256, a new seed: a model
  trained from scratch, nothing cached);
- ``tiles``: the live preview's tiles of a heavy /gradients link, on a new websocket each time
  (a new session's tile bucket is full);
- ``moves``: a Playground slider moved to a new value as soon as the last move is answered.

For each kind it prints the server's CPU-seconds per second of the client's time, alone on the
server, the requests it made and the CPU-seconds each cost (the rate is capped by the cores the
server gets: on a loaded machine, compare the cost of a request); then a bystander's move wait
on the Playground (a move every 0.5 s, as a student dragging), p50 and p95, alone and while
three clients of that kind run. The clients and the server share this machine's cores: on a
loaded machine every figure is worse.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import random
import sys
import threading
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402
from tests.students import LESSON, Student, browser_cookie, lesson, walk  # noqa: E402

KINDS = ("events", "links", "tiles", "moves")
EVENTS = [10_000]  #: events in an "events" client's message (--events)
FRESH = [False]  #: each hostile websocket with a new browser id (--fresh-ids)
HEAVY_GRADIENTS = "classes=a,b,c,d,e,f,g,h,i,j,k,l&logits=1,2,3,4,5,6,7,8,9,10,11,12"


class Gate:
    """The measurement starts once every client has opened its page (a first run, a model
    trained for the defaults, is not what a hostile client costs), and lasts ``seconds``.
    Each hostile client runs on an event loop of its own, in a thread of its own, and the
    bystander in a process of its own: a hostile client's work (10,000 events made into JSON
    and deflated) does not hold up the bystander's moves."""

    def __init__(self, clients: int, seconds: float) -> None:
        self.waiting, self.seconds = clients, seconds
        self.go = threading.Event()
        self.lock = threading.Lock()
        self.until = float("inf")

    def start(self) -> None:
        self.until = time.monotonic() + self.seconds
        self.go.set()

    async def opened(self) -> float:
        """Say this client is ready; wait for the others; the time the measurement ends."""
        with self.lock:
            self.waiting -= 1
            if self.waiting == 0:
                self.start()
        await asyncio.to_thread(self.go.wait)
        return self.until


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _browser(url: str) -> str | bool | None:
    """The browser id a hostile client sends: one for all its websockets, or (--fresh-ids) a
    new one for each."""
    return True if FRESH[0] else await asyncio.to_thread(browser_cookie, url)


async def _events(url: str, n: int, gate: Gate) -> int:
    done = 0
    async with Student.connect(url, "", "digits", cookie=await _browser(url)) as s:
        await s.open(timeout=600)
        junk = [{"event": "drawn", "value": 0}] * EVENTS[0]
        until = await gate.opened()
        while time.monotonic() < until:
            await s.trigger("digits.draw", junk, timeout=600)
            done += 1
    return done


async def _links(url: str, n: int, gate: Gate) -> int:
    done = 0
    cookie = await _browser(url)
    until = await gate.opened()
    while time.monotonic() < until:
        seed = random.randrange(10_000)  # most likely a model this server never trained
        query = f"seed={seed}&steps=2000&batch=256"
        async with Student.connect(url, query, "digits", cookie=cookie) as s:
            await s.open(timeout=600)
        done += 1
    return done


async def _tiles(url: str, n: int, gate: Gate) -> int:
    done = 0
    cookie = await _browser(url)
    async with Student.connect(url, HEAVY_GRADIENTS, "gradients", cookie=cookie) as s:
        await s.open(timeout=600)  # the link's first run: its page computed once
    until = await gate.opened()
    while time.monotonic() < until:
        async with Student.connect(url, HEAVY_GRADIENTS, "gradients", cookie=cookie) as s:
            await s.open(timeout=300)
            if not s.live:
                return done
            for slider in range(len(s.live[2]["sliders"])):
                for tile in range(8):
                    if time.monotonic() >= until:
                        return done
                    run = await s.want(slider, tile, timeout=300)
                    done += 1
                    if run.retry is not None:
                        break  # the session's tile bucket is empty: a new websocket
            continue
    return done


async def _moves(url: str, n: int, gate: Gate) -> int:
    done = 0
    async with Student.connect(url, cookie=await _browser(url)) as s:
        await s.open(timeout=600)
        until = await gate.opened()
        while time.monotonic() < until:
            await s.move("cat", walk(50 + n, done), timeout=300)
            done += 1
    return done


CLIENTS = {"events": _events, "links": _links, "tiles": _tiles, "moves": _moves}


def _bystander_main(url: str, ready, go, until, out) -> None:
    """The bystander, in a process of its own (its moves timed without the hostile clients'
    threads holding its interpreter): a Playground move every 0.5 s, as a student dragging."""

    async def main() -> list[float]:
        waits = []
        async with Student.connect(url) as s:
            await s.open(timeout=600)
            ready.set()
            await asyncio.to_thread(go.wait)
            move = 0
            while time.monotonic() < until.value:  # the system's clock, as in the parent
                await asyncio.sleep(0.5)
                run = await s.move("dog", walk(7, move), timeout=300)
                waits.append(run.seconds)
                move += 1
        return waits

    try:
        out.put(asyncio.run(main()))
    except BaseException as failed:  # reported by the parent
        out.put(f"{type(failed).__name__}: {failed}")


async def _bystander(url: str, gate: Gate) -> list[float]:
    context = multiprocessing.get_context("spawn")
    ready, go, out = context.Event(), context.Event(), context.Queue()
    until = context.Value("d", float("inf"))
    proc = context.Process(target=_bystander_main, args=(url, ready, go, until, out))
    proc.start()
    try:
        while not await asyncio.to_thread(ready.wait, 1.0):
            if not proc.is_alive():
                raise RuntimeError(f"the bystander ended: {out.get(timeout=5)}")
        until.value = await gate.opened()
        go.set()
        found = await asyncio.to_thread(out.get)
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.terminate()
    if isinstance(found, str):
        raise RuntimeError(f"the bystander failed: {found}")
    return found


async def _measure(url, cpu, kind: str | None, clients: int, seconds: float, bystander: bool):
    """Run ``clients`` hostile clients of ``kind`` (and a bystander) for ``seconds``: the
    server's CPU-seconds over that time, the bystander's waits, the clients' requests done."""
    gate = Gate(clients + bystander, seconds)

    async def guarded(client):  # a client that fails before the start does not hold it up
        try:
            return await asyncio.to_thread(asyncio.run, client)
        except BaseException:
            if not gate.go.is_set():
                gate.start()
            raise

    clients_ = [CLIENTS[kind](url, n, gate) for n in range(clients)] if kind else []
    tasks = [guarded(c) for c in clients_ + ([_bystander(url, gate)] if bystander else [])]
    measured = {}

    async def clock() -> None:  # from the moment every client is in
        await asyncio.to_thread(gate.go.wait)
        measured["cpu"], measured["at"] = cpu(), time.monotonic()

    results = await asyncio.gather(*tasks, clock(), return_exceptions=True)
    results = results[:-1]
    elapsed = time.monotonic() - measured["at"]  # the requests in flight at the end included
    spent = cpu() - measured["cpu"]
    waits = results[-1] if bystander and isinstance(results[-1], list) else []
    failed = [r for r in results if isinstance(r, BaseException)]
    done = sum(r for r in results[: len(results) - bystander] if isinstance(r, int))
    return spent, elapsed, waits, done, failed


def report(url: str, cpu, kinds: list[str], seconds: float) -> None:
    print(f"server {url}, {seconds:g} s a measurement")
    spent, elapsed, waits, _, failed = asyncio.run(_measure(url, cpu, None, 0, seconds, True))
    alone = (quantile(waits, 0.5), quantile(waits, 0.95))
    rate = spent / elapsed
    print(f"bystander alone: move p50 {alone[0] * 1e3:.0f} ms, p95 {alone[1] * 1e3:.0f} ms "
          f"({len(waits)} moves, server {rate:.2f} CPU-s/s){_failed(failed)}")  # fmt: skip
    print(f"{'client':8} {'CPU-s/s alone':>14} {'requests':>9} {'CPU-s each':>11}"
          f" {'CPU-s/s of 3':>13} {'p50 ms':>8} {'p95 ms':>8} {'p95 / alone':>12}")  # fmt: skip
    for kind in kinds:
        spent, elapsed, _, done, failed = asyncio.run(_measure(url, cpu, kind, 1, seconds, False))
        one = spent / elapsed
        spent3, elapsed3, waits, _, failed3 = asyncio.run(
            _measure(url, cpu, kind, 3, seconds, True)
        )
        p50, p95 = quantile(waits, 0.5), quantile(waits, 0.95)
        each = spent / done if done else float("nan")
        print(f"{kind:8} {one:14.2f} {done:9d} {each:11.3f} {spent3 / elapsed3 / 3:13.2f}"
              f" {p50 * 1e3:8.0f} {p95 * 1e3:8.0f} {p95 / alone[1]:12.1f}"
              f"{_failed(failed + failed3)}")  # fmt: skip


def student(url: str, cpu, think: float) -> None:
    """A normal student's lesson (tests/students.py LESSON), thinking ``think`` seconds after
    each action: the server's CPU-seconds for each action and a second of the lesson, for the
    first student of a fresh server (who pays for what is computed once for all: the digits
    model, the tiles) and for the next."""
    print(f"server {url}, a student thinking {think:g} s after each action")

    async def one() -> tuple[list[float], float, float, int]:
        costs: list[float] = []
        mark = [cpu()]

        async def after(name: str) -> None:
            costs.append(cpu() - mark[0])
            await asyncio.sleep(think)
            mark[0] = cpu()

        start, start_cpu = time.monotonic(), cpu()
        done = await lesson(url, await asyncio.to_thread(browser_cookie, url), after)
        told = sum(len(run.toasts) for _, runs in done for run in runs)
        return costs, cpu() - start_cpu, time.monotonic() - start, told

    results = [asyncio.run(one()) for _ in range(2)]
    print(f"{'action':42} {'first CPU-s':>12} {'next CPU-s':>11}")
    for i, name in enumerate(LESSON):
        print(f"{name:42} {results[0][0][i]:12.2f} {results[1][0][i]:11.2f}")
    for label, (_, total, elapsed, told) in zip(("first", "next"), results, strict=True):
        print(f"{label} student: {total:.2f} CPU-s in {elapsed:.1f} s = {total / elapsed:.3f}"
              f" CPU-s/s, heaviest action {max(results[0 if label == 'first' else 1][0]):.2f}"
              f" CPU-s; told the server is busy {told} times")  # fmt: skip


def _failed(failed: list[BaseException]) -> str:
    return f"  ({len(failed)} clients failed: {type(failed[0]).__name__})" if failed else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"hostile clients, of {KINDS}")
    parser.add_argument("--seconds", type=float, default=20.0, help="per measurement")
    parser.add_argument("--url", help="a running server (else one is started here)")
    parser.add_argument("--pid", type=int, help="the running server's process, for its CPU")
    parser.add_argument("--events", type=int, default=EVENTS[0], help="in an events message")
    parser.add_argument("--budget", help="the server's CPU budget per browser: off, or numbers")
    parser.add_argument("--fresh-ids", action="store_true", help="a new browser id a websocket")
    parser.add_argument("--student", action="store_true", help="a normal student's lesson")
    parser.add_argument("--think", type=float, default=3.0, help="a student's pause, seconds")
    args = parser.parse_args()
    EVENTS[0], FRESH[0] = args.events, args.fresh_ids
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kinds: {sorted(unknown)}")
    with contextlib.ExitStack() as stack:
        if args.url:
            if args.pid is None:
                parser.error("--url needs --pid (the server's CPU is read from /proc)")
            url, pid = args.url, args.pid
        else:
            env = {"XENTVIZ_BUDGET": args.budget} if args.budget else None
            running = stack.enter_context(support.server(ROOT / "app.py", timeout=120, env=env))
            url, pid = running.url, running.pid
        server = support.Server(url, pid)
        try:
            if args.student:
                student(url, server.cpu_seconds, args.think)
            else:
                report(url, server.cpu_seconds, kinds, args.seconds)
        except websockets.ConnectionClosed as closed:
            print(f"the server closed a connection: {closed}")


if __name__ == "__main__":
    main()
