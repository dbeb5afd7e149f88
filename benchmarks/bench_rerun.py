"""Where one Playground rerun goes: the server's time in parts, and the bytes by element.

Run: ``python benchmarks/bench_rerun.py`` (no browser needed).

(g) In this process, the median time of each thing a run of the Playground makes the server
    do: the core's worked example, the lesson's text, the four figures and the headline
    (the page's ``view``, xentviz/ui/controls/playground.py), what the app's component sends
    of them (JSON), and a whole run of the page after a logit move in AppTest (which runs
    every part: a browser's move reruns the lesson's first part only, measured in (h)); what
    remains is Streamlit itself (widgets, elements, protobuf).
    Beside them, what a slider's tile for the live preview costs (sent when the pointer comes
    near the slider or the thumb nears a tile's end, not per rerun; shared by every session).
(i) The same tile for each watched slider of the loss and gradients pages (their defaults):
    server time, bytes, and the views a tile leaves still (too large to send).
(h) Over a real server's websocket, what one rerun sends, by element type: how many
    elements and how many bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_app import rerun_ms  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests import support  # noqa: E402
from tests.students import Student  # noqa: E402
from xentviz.lesson import latex, quiz  # noqa: E402
from xentviz.lesson import playground as notices  # noqa: E402
from xentviz.state import PlaygroundState  # noqa: E402
from xentviz.ui import charts, controls, live  # noqa: E402


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def part_g(runs: int) -> None:
    state = PlaygroundState()
    w = state.worked()

    def text():
        notices.headline(state, w)
        for notice in (notices.probabilities, notices.logits, notices.loss, notices.gradient):
            notice(state, w)
        notices.seed_note(state, w)
        notices.shift(state, w)
        latex.worked_table(state, w)
        latex.worked_sums(state, w)
        quiz.rival_logit(state, w)

    def build():
        return controls.view_of("playground")(state, w)

    built = build()

    def to_json():
        for view in built.values():
            charts.dumps({"kind": "chart", "figure": view})

    parts = {
        "worked example (core)": median_ms(state.worked, runs),
        "lesson text and LaTeX": median_ms(text, runs),
        "four figures and headline": median_ms(build, runs),
        "their JSON": median_ms(to_json, runs),
    }
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    total = rerun_ms(at, runs)
    print("(g) the Playground's maths and text for a state, and a full run after a logit move")
    print("    (AppTest runs the whole page; a browser's move reruns its first part: (h)),")
    print(f"    median of {runs}, ms")
    for name, ms in parts.items():
        print(f"    {name:<28}{ms:7.2f}  {100 * ms / total:4.0f} %")
    rest = total - sum(parts.values())
    print(f"    {'Streamlit (the rest)':<28}{rest:7.2f}  {100 * rest / total:4.0f} %")
    print(f"    {'a full run (AppTest)':<28}{total:7.2f}")
    where = live.Lattice(-10.0, 10.0, 0.1, controls.of("playground").TILE)
    cat = where.values(where.tile_of(state.logits[1]))
    grid_ms = median_ms(
        lambda: live.grid(state, "logits", 1, cat, controls.view_of("playground")), 5
    )
    size = len(charts.dumps(live.grid(state, "logits", 1, cat, controls.view_of("playground"))))
    label = "a slider's tile (on request)"
    print(f"    {label:<28}{grid_ms:7.2f}  ({len(cat)} states, {size / 1024:.1f} KB)")


def part_i() -> None:
    from xentviz.state.gradients import GradientsState
    from xentviz.state.loss import LossState

    print("(i) a logit slider's tile on the loss and gradients pages, median of 3")
    for name, state, make in (
        ("loss", LossState(), controls.of("loss").preview),
        ("gradients", GradientsState(), controls.view_of("gradients")),
    ):
        for i, z in enumerate(state.logits):
            where = live.Lattice(-10.0, 10.0, 0.1, controls.of(name).TILE)
            values = where.values(where.tile_of(z))
            ms = median_ms(lambda: live.grid(state, "logits", i, values, make), 3)  # noqa: B023
            grid = live.grid(state, "logits", i, values, make)
            size = len(charts.dumps(grid))
            still = ", ".join(grid["still"]) or "none"
            label = f"{name}, {state.classes[i]}"
            print(f"    {label:<28}{ms:7.1f} ms  {size / 1024:7.1f} KB  (left still: {still})")


def element_type(msg: ForwardMsg) -> str | None:
    if msg.WhichOneof("type") != "delta":
        return msg.WhichOneof("type")
    delta = msg.delta
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        return delta.new_element.WhichOneof("type")
    return kind


async def part_h(url: str) -> None:
    async with Student.connect(url) as s:
        await s.open()
        sizes: dict[str, list[int]] = collections.defaultdict(list)
        widget_id, fragment = s.sliders["cat"]
        request = BackMsg()  # the move a browser sends, with every reply counted
        rerun = request.rerun_script
        rerun.query_string, rerun.page_script_hash, rerun.fragment_id = s.query, s.page, fragment
        widget = rerun.widget_states.widgets.add()
        widget.id = widget_id
        widget.double_array_value.data.append(2.5)
        await s._socket.send(request.SerializeToString())
        while True:
            data = await s._socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data)
            sizes[element_type(msg) or "other"].append(len(data))
            if msg.WhichOneof("type") == "script_finished":
                break
    total = sum(sum(v) for v in sizes.values())
    print("(h) what one logit move sends, by element type")
    for kind, got in sorted(sizes.items(), key=lambda kv: -sum(kv[1])):
        share = 100 * sum(got) / total
        print(f"    {kind:<22}{len(got):4d} x  {sum(got) / 1024:7.1f} KB  {share:4.0f} %")
    print(f"    {'in all':<22}{sum(map(len, sizes.values())):4d} messages  {total / 1024:6.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    part_g(args.runs)
    part_i()
    with support.server(ROOT / "app.py") as server:
        asyncio.run(part_h(server.url))


if __name__ == "__main__":
    main()
