"""Hostile clients: what one costs the server, and what three do to a bystander's moves.

Run: ``python benchmarks/bench_hostile.py`` (one server process, started here), or
``--url URL --pid PID`` (a server running elsewhere, its CPU read from /proc/PID),
``--kinds events,links`` (which hostile clients), ``--seconds 20`` (per measurement).

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
import random
import sys
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402
from tests.students import Student, walk  # noqa: E402

KINDS = ("events", "links", "tiles", "moves")
EVENTS = [10_000]  #: events in an "events" client's message (--events)
HEAVY_GRADIENTS = "classes=a,b,c,d,e,f,g,h,i,j,k,l&logits=1,2,3,4,5,6,7,8,9,10,11,12"


class Gate:
    """The measurement starts once every client has opened its page (a first run, a model
    trained for the defaults, is not what a hostile client costs), and lasts ``seconds``."""

    def __init__(self, clients: int, seconds: float) -> None:
        self.waiting, self.seconds = clients, seconds
        self.go = asyncio.Event()
        self.until = float("inf")

    async def opened(self) -> float:
        """Say this client is ready; wait for the others; the time the measurement ends."""
        self.waiting -= 1
        if self.waiting == 0:
            self.until = time.monotonic() + self.seconds
            self.go.set()
        await self.go.wait()
        return self.until


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _events(url: str, n: int, gate: Gate) -> int:
    done = 0
    async with Student.connect(url, "", "digits") as s:
        await s.open(timeout=600)
        junk = [{"event": "drawn", "value": 0}] * EVENTS[0]
        until = await gate.opened()
        while time.monotonic() < until:
            await s.trigger("digits.draw", junk, timeout=600)
            done += 1
    return done


async def _links(url: str, n: int, gate: Gate) -> int:
    done = 0
    until = await gate.opened()
    while time.monotonic() < until:
        seed = random.randrange(10_000)  # most likely a model this server never trained
        async with Student.connect(url, f"seed={seed}&steps=2000&batch=256", "digits") as s:
            await s.open(timeout=600)
        done += 1
    return done


async def _tiles(url: str, n: int, gate: Gate) -> int:
    done = 0
    async with Student.connect(url, HEAVY_GRADIENTS, "gradients") as s:
        await s.open(timeout=600)  # the link's first run: its page computed once
    until = await gate.opened()
    while time.monotonic() < until:
        async with Student.connect(url, HEAVY_GRADIENTS, "gradients") as s:
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
                        break  # the bucket is empty: a new websocket fills it
            continue
    return done


async def _moves(url: str, n: int, gate: Gate) -> int:
    done = 0
    async with Student.connect(url) as s:
        await s.open(timeout=600)
        until = await gate.opened()
        while time.monotonic() < until:
            await s.move("cat", walk(50 + n, done), timeout=300)
            done += 1
    return done


CLIENTS = {"events": _events, "links": _links, "tiles": _tiles, "moves": _moves}


async def _bystander(url: str, gate: Gate) -> list[float]:
    waits = []
    async with Student.connect(url) as s:
        await s.open(timeout=600)
        until = await gate.opened()
        move = 0
        while time.monotonic() < until:
            await asyncio.sleep(0.5)
            run = await s.move("dog", walk(7, move), timeout=300)
            waits.append(run.seconds)
            move += 1
    return waits


async def _measure(url, cpu, kind: str | None, clients: int, seconds: float, bystander: bool):
    """Run ``clients`` hostile clients of ``kind`` (and a bystander) for ``seconds``: the
    server's CPU-seconds over that time, the bystander's waits, the clients' requests done."""
    gate = Gate(clients + bystander, seconds)

    async def guarded(client):  # a client that fails before the start does not hold it up
        try:
            return await client
        except BaseException:
            if not gate.go.is_set():
                gate.until = time.monotonic() + seconds
                gate.go.set()
            raise

    clients_ = [CLIENTS[kind](url, n, gate) for n in range(clients)] if kind else []
    tasks = [guarded(c) for c in clients_ + ([_bystander(url, gate)] if bystander else [])]
    measured = {}

    async def clock() -> None:  # from the moment every client is in
        await gate.go.wait()
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
    print(f"{'client':8} {'CPU-s/s alone':>14} {'requests':>9} {'CPU-s each':>11} {'p50 ms':>8}"
          f" {'p95 ms':>8} {'p95 / alone':>12}")  # fmt: skip
    for kind in kinds:
        spent, elapsed, _, done, failed = asyncio.run(_measure(url, cpu, kind, 1, seconds, False))
        one = spent / elapsed
        _, _, waits, _, failed3 = asyncio.run(_measure(url, cpu, kind, 3, seconds, True))
        p50, p95 = quantile(waits, 0.5), quantile(waits, 0.95)
        each = spent / done if done else float("nan")
        print(f"{kind:8} {one:14.2f} {done:9d} {each:11.3f} {p50 * 1e3:8.0f}"
              f" {p95 * 1e3:8.0f} {p95 / alone[1]:12.1f}{_failed(failed + failed3)}")  # fmt: skip


def _failed(failed: list[BaseException]) -> str:
    return f"  ({len(failed)} clients failed: {type(failed[0]).__name__})" if failed else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"hostile clients, of {KINDS}")
    parser.add_argument("--seconds", type=float, default=20.0, help="per measurement")
    parser.add_argument("--url", help="a running server (else one is started here)")
    parser.add_argument("--pid", type=int, help="the running server's process, for its CPU")
    parser.add_argument("--events", type=int, default=EVENTS[0], help="in an events message")
    args = parser.parse_args()
    EVENTS[0] = args.events
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kinds: {sorted(unknown)}")
    with contextlib.ExitStack() as stack:
        if args.url:
            if args.pid is None:
                parser.error("--url needs --pid (the server's CPU is read from /proc)")
            url, pid = args.url, args.pid
        else:
            running = stack.enter_context(support.server(ROOT / "app.py", timeout=120))
            url, pid = running.url, running.pid
        server = support.Server(url, pid)
        try:
            report(url, server.cpu_seconds, kinds, args.seconds)
        except websockets.ConnectionClosed as closed:
            print(f"the server closed a connection: {closed}")


if __name__ == "__main__":
    main()
