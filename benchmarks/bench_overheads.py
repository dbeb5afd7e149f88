"""A tuning measured alone: `gc.freeze()` after the first run.

Run: ``python benchmarks/bench_overheads.py`` (no browser needed; about 5 minutes).

It is kept in the app only if it shows a gain beyond noise here, with everything else as the
app ships it (``runner.postScriptGC`` off). Variants run interleaved, round after round, so
drift on a shared machine hits both alike; each figure is printed with its spread across rounds.

(g) ``gc.freeze()`` once per process, after the first run. The app does not ship it: with
    ``postScriptGC`` off, Python ran no full collection of its own in hundreds of reruns, and
    two lectures of 100 students measured 1.05x and 0.98x the reruns per second, within the
    round-to-round spread (2026-12-01).
    g1  one full collection, in a process that has run the app, without and with the freeze;
    g2  the server's rerun (AppTest, in this process), without and with the freeze, and how
        many full (generation 2) collections Python ran on its own during those reruns;
    g3  a lecture on two servers, app.py as shipped and app.py with the freeze added: reruns
        per second and the 95th percentile wait (tests/students.py, as bench_lecture.py).
(The second tuning once measured here, plotly's ``go.Figure(spec, _validate=False)``, went
with plotly.py itself: the app's figures are plain dicts its own component sends as JSON,
xentviz/ui/charts.py; benchmarks/bench_rerun.py times that.)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_lecture  # noqa: E402
from bench_app import rerun_ms  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests import support  # noqa: E402

# Freezing once per process, after the first run has imported everything (a function of the
# script itself would be defined anew, and freeze again, on every run).
FREEZE_ONCE = """
import gc

@st.cache_resource
def freeze():
    gc.collect()
    gc.freeze()

freeze()
"""


def spread(values: list[float]) -> str:
    """Median, and the range of the middle half, of per-round figures."""
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return f"{q[1]:8.2f}  (middle half {q[0]:.2f} .. {q[2]:.2f})"


def app_test() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def full_collection_ms() -> float:
    start = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - start) * 1e3


class Gen2Counter:
    """Counts the full collections Python starts on its own."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            self.count += 1


def part_g1_g2(rounds: int, reruns: int) -> None:
    at = app_test()
    rerun_ms(at, 5)  # warm up
    collect = {"unfrozen": [], "frozen": []}
    rerun = {"unfrozen": [], "frozen": []}
    gen2 = {"unfrozen": 0, "frozen": 0}
    counter = Gen2Counter()
    gc.callbacks.append(counter)
    try:
        for _ in range(rounds):
            for variant in ("unfrozen", "frozen"):
                gc.unfreeze()
                if variant == "frozen":
                    gc.collect()
                    gc.freeze()
                collect[variant].append(full_collection_ms())
                counter.count = 0
                rerun[variant].append(rerun_ms(at, reruns))
                gen2[variant] += counter.count
    finally:
        gc.callbacks.remove(counter)
        gc.unfreeze()
    print(f"(g1) one full collection after the app has run, ms, median of {rounds} rounds")
    for variant, times in collect.items():
        print(f"    {variant:<10}{spread(times)}")
    print(
        f"(g2) AppTest rerun after a logit move, ms (median of {reruns} a round, {rounds} rounds)"
    )
    for variant, times in rerun.items():
        per = gen2[variant] / (rounds * reruns)
        print(f"    {variant:<10}{spread(times)}  full collections per rerun {per:.3f}")
    ratio = statistics.median(rerun["frozen"]) / statistics.median(rerun["unfrozen"])
    print(f"    frozen / unfrozen {ratio:.2f}")


@contextlib.contextmanager
def app_with_freeze():
    """A copy of the app whose app.py freezes after its first run: package and config linked."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = (ROOT / "app.py").read_text()
        assert "gc.freeze" not in source, "app.py freezes already: nothing to compare"
        (folder / "app.py").write_text(source + FREEZE_ONCE)
        (folder / "xentviz").symlink_to(ROOT / "xentviz")
        (folder / ".streamlit").symlink_to(ROOT / ".streamlit")
        yield folder / "app.py"


def part_g3(students: int, moves: int, rounds: int) -> None:
    apps = [
        bench_lecture.App("app.py as shipped", "cat", playground=True),
        bench_lecture.App("with the freeze", "cat", playground=True),
    ]
    with app_with_freeze() as frozen, contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(support.server(ROOT / "app.py")),
            stack.enter_context(support.server(frozen)),
        ]
        for server, app in zip(servers, apps, strict=True):
            asyncio.run(bench_lecture.one_student(server, app, 10))  # warm up
        results = asyncio.run(bench_lecture.lectures(servers, apps, students, moves, rounds))
    print(
        f"(g3) a lecture: {students} students, {rounds} rounds of {moves} moves each: "
        "reruns per second, per round"
    )
    for app in apps:
        got = results[app.name]
        waits = sorted(got["waits"])
        p95 = waits[int(0.95 * (len(waits) - 1))]
        print(
            f"    {app.name:<20}{spread(got['per_second'])}  wait p95 {1e3 * p95:5.0f} ms  "
            f"errors {len(got['errors'])}"
        )
    shipped, frozen = (statistics.median(results[a.name]["per_second"]) for a in apps)
    print(f"    with the freeze / shipped {frozen / shipped:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--reruns", type=int, default=40)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--moves", type=int, default=10)
    parser.add_argument("--lecture-rounds", type=int, default=4)
    parser.add_argument("--parts", default="g12,g3", help="which to run, comma-separated: g12, g3")
    args = parser.parse_args()

    parts = set(args.parts.split(","))
    if "g12" in parts:
        part_g1_g2(args.rounds, args.reruns)
    if "g3" in parts:
        part_g3(args.students, args.moves, args.lecture_rounds)


if __name__ == "__main__":
    main()
