"""Start a real Streamlit server and a real Chromium, for browser tests and benchmarks.

Servers listen on 127.0.0.1 only and are stopped by whoever started them (a ``with`` block).
The browser is Debian's Chromium; Playwright never downloads one of its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The markers of the test running now, set by tests/conftest.py (None outside pytest, as in the
# benchmarks). A test that starts a server or a browser must carry its marker, so that the fast
# command (`-m "not server and not browser and not slow"`) never starts one by surprise.
RUNNING: set[str] | None = None


def needs(marker: str, what: str) -> None:
    """Fail a test that starts ``what`` without the marker that says so."""
    if RUNNING is not None and marker not in RUNNING:
        raise RuntimeError(
            f"this test starts {what}: mark it @pytest.mark.{marker} "
            f"(or `pytestmark = pytest.mark.{marker}` for its module)"
        )


def examples(n: int) -> int:
    """``n`` hypothesis examples under the full profile (CI's), scaled down with the profile
    loaded (the fast loop's ``--hypothesis-profile=fast``): at least 2."""
    from hypothesis import settings

    return max(2, round(n * settings.default.max_examples / 150))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:port
    pid: int

    def cpu_seconds(self) -> float:
        """The server process's CPU time so far, user and system (Linux)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        """The server process's resident memory now (Linux), in MiB."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(kib) / 1024


def healthy(url: str) -> bool:
    """Whether the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _until(ready, proc, deadline: float, why) -> None:
    """Until ``ready()``, a state of the process ``proc`` started (its health, its log, its
    balancer's page), looked at again as soon as ``proc`` ends or a tenth of a second after
    the last look (another process's state sends no event to wait on). If ``proc`` ends first,
    RuntimeError; past ``deadline``, TimeoutError; each says ``why(ended)``."""
    while not ready():
        try:
            proc.wait(timeout=0.1)  # returns at once if the process ends
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                raise TimeoutError(why(False)) from None
        else:
            raise RuntimeError(why(True))


@contextlib.contextmanager
def serve(script: Path | str, timeout: float = 60.0, cwd: Path | None = None):
    """Run ``streamlit run script`` on a free loopback port; yield its base URL."""
    with server(script, timeout, cwd) as running:
        yield running.url


@contextlib.contextmanager
def server(
    script: Path | str, timeout: float = 60.0, cwd: Path | None = None, env: dict | None = None
):
    """Run ``streamlit run script`` on a free loopback port; yield the ``Server``. It starts in
    ``cwd`` (the script's folder by default), where it reads ``.streamlit/config.toml`` and
    imports from; ``env``, variables to set for it."""
    needs("server", "a Streamlit server")
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.address=127.0.0.1", f"--server.port={port}", "--server.headless=true",
        "--server.fileWatcherType=none", "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        cwd=cwd or Path(script).parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ | (env or {}),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _until(
            lambda: healthy(url),
            proc,
            time.monotonic() + timeout,
            lambda ended: (
                f"streamlit exited early: {proc.stderr.read().decode()[-2000:]}"
                if ended
                else f"streamlit did not answer on {url} within {timeout} s"
            ),
        )
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


@dataclass(frozen=True)
class Hall:
    """deploy/run.sh running: HAProxy at ``url`` in front of replicas (name: (url, pid))."""

    url: str
    replicas: dict[str, tuple[str, int]]
    pid: int  # run.sh's, the leader of its process group


def up(stats: int) -> set[str]:
    """The replicas HAProxy's page of their state (on port ``stats``) shows UP."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{stats}/;csv", timeout=2) as r:
            rows = r.read().decode().splitlines()
    except OSError:
        return set()
    head = rows[0].lstrip("# ").split(",")
    name, status = head.index("svname"), head.index("status")
    cells = [row.split(",") for row in rows[1:] if row]
    return {c[name] for c in cells if c[0] == "replicas" and c[status] == "UP"} - {"BACKEND"}


@contextlib.contextmanager
def hall(replicas: int = 2, timeout: float = 90.0):
    """``deploy/run.sh`` with ``replicas`` Streamlit processes behind HAProxy on loopback ports,
    in a process group of its own; everything in it is stopped on leaving."""
    needs("server", "deploy/run.sh's replicas and HAProxy")
    port, first, stats = free_port(), free_port(), free_port()
    env = os.environ | {
        "REPLICAS": str(replicas), "PORT": str(port), "FIRST_PORT": str(first),
        "STATS_PORT": str(stats),
    }  # fmt: skip
    log = tempfile.NamedTemporaryFile("w+", prefix="xentviz-hall-", suffix=".log")  # noqa: SIM115
    proc = subprocess.Popen(
        ["bash", str(ROOT / "deploy" / "run.sh")],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        found: dict[str, tuple[str, int]] = {}

        def started() -> bool:  # "deploy/run.sh: replica 1 on 127.0.0.1:8601 (pid 123)"
            for line in Path(log.name).read_text().splitlines():
                if line.startswith("deploy/run.sh: replica "):
                    words = line.split()
                    found[f"st{words[2]}"] = (f"http://{words[4]}", int(words[6].rstrip(")")))
            return len(found) == replicas

        # Every replica started, then HAProxy's own page says each passed its health check.
        for ready in (started, lambda: len(up(stats)) == replicas):
            _until(
                ready,
                proc,
                deadline,
                lambda _: f"deploy/run.sh: {Path(log.name).read_text()[-2000:]}",
            )
        yield Hall(url, found, proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        with contextlib.suppress(ProcessLookupError):  # anything left of the group
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM)


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright."""
    needs("browser", "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- what a page drew, through AppTest -------------------------------------------------------


def views(at) -> dict[str, dict]:
    """Every chart, headline and live view the page drew with the app's own component, by key
    (``"playground.chart.q"``): the JSON it sends to the browser, decoded."""
    import json

    return {
        e.proto.id.rsplit("-", 1)[-1]: json.loads(e.proto.bytes)
        for e in at.get("bidi_component")
        if e.proto.component_name == "xentviz"
    }


def figures(at) -> dict[str, dict]:
    """The charts the page drew (plotly figures as dicts), by key."""
    return {key: v["figure"] for key, v in views(at).items() if v["kind"] == "chart"}


def headline(at) -> dict[str, str]:
    """The headline numbers the page shows, label: value, in order."""
    return {
        label: value
        for v in views(at).values()
        if v["kind"] == "numbers"
        for label, value, _help in v["items"]
    }


def json_round_trip(value):
    """``value`` as the page's component sends it and the browser reads it: JSON (NaN and
    infinities as null)."""
    import json

    from xentviz.ui import charts

    return json.loads(charts.dumps(value))


def open_page(page: str, params=None):
    """The app at ``page`` (a url_path), opened from a link with ``params``, through AppTest;
    checked to have run without an exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page != "playground":  # the default page: the link must be there at the first run
        at.run()
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "playground":
        at.switch_page(f"xentviz/app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


# --- a page that has finished drawing, read from the page itself ------------------------------

#: True once Streamlit has finished the script's run (its own attribute on the app's root), the
#: page's title is there, the app's browser part has loaded (its style is in the page), every
#: chart the page placed (an element keyed ``<page>-chart-<name>``) is drawn by plotly with its
#: words for a screen reader and none is being drawn again (presenter mode draws every chart
#: again, larger), every drawing grid it placed (keyed ``<page>-draw``) is drawn, and the
#: page's fonts are loaded: a state to wait for, never a time. (A grid not yet drawn takes no
#: room, and a chart drawn again changes its height: what stands under them would be measured
#: too high.)
SETTLED = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  if (!document.getElementById('xv-style') || document.querySelector('[data-xv-dim]')) return false;
  const placed = document.querySelectorAll('.stElementContainer[class*="-chart-"]');
  const drawn = [...document.querySelectorAll('.xv-chart')].filter(
    (c) => c.querySelector('.main-svg') && c.getAttribute('aria-label'));
  if (drawn.length !== placed.length || document.fonts.status !== 'loaded') return false;
  const present = document.documentElement.hasAttribute('data-xv-present');
  const views = window.xentviz ? [...window.xentviz.charts.values()] : [];
  if (views.some((v) => v.gd.isConnected
      && (v.busy || !v.colours || JSON.parse(v.colours).present !== present))) return false;
  const grids = [...document.querySelectorAll('.stElementContainer')]
    .filter((e) => [...e.classList].some((c) => /^st-key-.+-draw$/.test(c)));
  return grids.every((e) => e.querySelector('.xv-draw') && e.offsetHeight > 0);
}"""


def linked(page, text: str, timeout: float = 120_000) -> None:
    """Until the address bar's link holds ``text`` (the server's run for the state writes it:
    the sign that a move was answered)."""
    page.wait_for_function(
        "(t) => decodeURIComponent(window.location.search).includes(t)", arg=text, timeout=timeout
    )


def later_fresh(page, name: str = "playground", timeout: float = 120_000) -> None:
    """Until the lesson's later part (the quiz, links, exports and share box) shows the state the
    page shows: scrolled into sight, as a reader would (it is redrawn when seen), and drawn."""
    page.evaluate("(n) => window.xentviz.pages.get(n).later.el.scrollIntoView()", name)
    page.wait_for_function(
        "(n) => { const p = window.xentviz?.pages.get(n);"
        " return p?.later && p.later.token === p.state"
        " && !p.later.el.hasAttribute('data-xv-stale')"
        " && document.querySelector('[data-testid=stApp]')"
        "   .getAttribute('data-test-script-state') === 'notRunning'; }",
        arg=name,
        timeout=timeout,
    )


def axe_source() -> str:
    """axe-core, Deque's WCAG engine, as the README's test command installs it from npm
    (``node_modules/axe-core``); never fetched from a CDN."""
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


#: axe-core's run over the whole document for WCAG 2.0 and 2.1, levels A and AA: each violation
#: with the first nodes it found.
AXE_RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}"""


# --- what a first visit transfers -------------------------------------------------------------


@dataclass(frozen=True)
class Transfer:
    """One response of a page load, as Chromium's network layer saw it."""

    url: str
    bytes: int  # received over the wire: headers and (encoded) body
    encoding: str  # its Content-Encoding, "" if none


def first_visit(browser, url: str, timeout: float = 120_000) -> list[Transfer]:
    """Every HTTP response a first visit of ``url`` received (a new browser context: nothing
    cached), counted by Chromium's DevTools protocol (``Network.loadingFinished``'s
    ``encodedDataLength``), once the page has settled (``SETTLED``), the network has gone idle
    and no request is left unfinished. The websocket's messages are not among them."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        started, encodings, done = {}, {}, {}
        cdp.on("Network.requestWillBeSent", lambda e: started.setdefault(e["requestId"], e))
        cdp.on(
            "Network.responseReceived",
            lambda e: encodings.__setitem__(
                e["requestId"],
                {k.lower(): v for k, v in e["response"]["headers"].items()}.get(
                    "content-encoding", ""
                ),
            ),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: done.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        cdp.on("Network.loadingFailed", lambda e: done.__setitem__(e["requestId"], 0))
        cdp.send("Network.enable")
        page.goto(url)
        page.wait_for_function(SETTLED, timeout=timeout)
        page.wait_for_load_state("networkidle", timeout=timeout)
        unfinished = [started[r]["request"]["url"] for r in set(started) - set(done)]
        assert not unfinished, f"requests still open after the page settled: {unfinished}"
        return [
            Transfer(started[r]["request"]["url"], done[r], encodings.get(r, ""))
            for r in done
            if r in started
        ]
    finally:
        context.close()
