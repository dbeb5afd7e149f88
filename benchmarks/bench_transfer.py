"""What a student's first visit of the Playground transfers, with and without compression.

Run: ``python benchmarks/bench_transfer.py`` (needs Debian's /usr/bin/chromium).

Two servers of the app side by side on 127.0.0.1: one as ``streamlit run app.py`` serves it
(its static files gzip-compressed, xentviz/ui/serve.py), one with ``XENTVIZ_COMPRESS=0`` (as
Streamlit 1.67 alone serves them: its own static files uncompressed). For each, a first visit in
a fresh Chromium context (nothing cached) of the Playground, until the page has settled and the
network is idle: the bytes its HTTP responses took on the wire (headers and bodies, Chromium's
``Network.loadingFinished`` ``encodedDataLength``; the websocket's messages are not counted),
the number of responses, the largest ones, and the server's CPU a visit once warm (one visit
first, not counted: the imports, and each file's one compression). The issue's goal: at most 3.5 MB.

With ``--mbps N`` (default 8: a hall's Wi-Fi of some 400 Mbit/s shared by 50 students), also
the time from a first visit's start until the Playground has settled, with Chromium's download
throughput held to N Mbit/s (and 20 ms of latency) by its DevTools protocol.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402

GOAL_MB = 3.5


@contextlib.contextmanager
def server(compress: bool):
    """The app served with or without its static files compressed (``XENTVIZ_COMPRESS``)."""
    before = os.environ.get("XENTVIZ_COMPRESS")
    os.environ["XENTVIZ_COMPRESS"] = "1" if compress else "0"
    try:
        with support.server(ROOT / "app.py") as running:
            yield running
    finally:
        if before is None:
            del os.environ["XENTVIZ_COMPRESS"]
        else:
            os.environ["XENTVIZ_COMPRESS"] = before


def settled_s(browser, url: str, mbps: float, latency_ms: float = 20) -> float:
    """Seconds from a first visit's start (nothing cached) to the page settled, the download
    throughput held to ``mbps`` Mbit/s."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": latency_ms, "downloadThroughput": mbps * 1e6 / 8,
             "uploadThroughput": mbps * 1e6 / 8},
        )  # fmt: skip
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(support.SETTLED, timeout=600_000)
        return time.perf_counter() - start
    finally:
        context.close()


def report(name: str, visits: list[list[support.Transfer]], cpu: float, top: int) -> float:
    """Print one server's figures; return its median first visit in MB."""
    totals = sorted(sum(t.bytes for t in visit) for visit in visits)
    mb = totals[len(totals) // 2] / 1e6
    last = visits[-1]
    gzipped = sum(t.bytes for t in last if t.encoding)
    print(f"{name}: {mb:.2f} MB over {len(last)} responses (median of {len(visits)} visits;"
          f" {gzipped / 1e6:.2f} MB of it in compressed responses); server CPU"
          f" {cpu / len(visits):.2f} s a visit")  # fmt: skip
    for t in sorted(last, key=lambda t: -t.bytes)[:top]:
        print(f"    {t.bytes / 1e6:6.3f} MB  {t.encoding or '-':5}  {t.url.split('/', 3)[-1][:70]}")
    return mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=3, help="first visits per server")
    parser.add_argument("--top", type=int, default=5, help="largest responses to list")
    parser.add_argument("--mbps", type=float, default=8.0, help="throttled Mbit/s (0: none)")
    args = parser.parse_args()
    if not support.chromium_available():
        print(f"skipped: {support.CHROMIUM} is missing")
        return
    with (
        server(compress=False) as plain,
        server(compress=True) as compressed,
        support.chromium() as browser,
    ):
        figures = {}
        for name, running in (
            ("uncompressed (Streamlit alone)", plain),
            ("compressed", compressed),
        ):
            support.first_visit(browser, running.url)  # warm-up: imports, files compressed
            cpu = running.cpu_seconds()
            start = time.perf_counter()
            visits = [support.first_visit(browser, running.url) for _ in range(args.visits)]
            seconds = time.perf_counter() - start
            figures[name] = report(name, visits, running.cpu_seconds() - cpu, args.top)
            print(f"    {seconds / args.visits:.1f} s a visit on loopback")
            if args.mbps:
                settled = settled_s(browser, running.url, args.mbps)
                print(f"    {settled:.1f} s to the page settled at {args.mbps:g} Mbit/s")
        before, after = figures.values()
        print(f"first visit of the Playground: {before:.2f} MB -> {after:.2f} MB"
              f" ({after / before:.0%}); goal <= {GOAL_MB} MB:"
              f" {'met' if after <= GOAL_MB else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
