"""What one browser may cost the server: a budget of measured CPU-seconds per browser.

A script on the websocket can ask for work as fast as the server answers: a new heavy /digits
link trains a model, a tile of a heavy link costs a quarter of a CPU-second, and the server
answers one run at a time per session but many sessions at once. So every run of a session is
charged to the browser it comes from, by the CPU time its thread really took (the run's
callbacks, the page, the tiles it computed, a model it trained, a search), in one ledger of
the server process: a token bucket per browser, filled at :data:`RATE` CPU-seconds a second
up to :data:`BURST`. A browser runs one run at a time (its tabs and websockets take turns),
and a run that finds its browser's bucket below zero waits, its page told once, until the
bucket is back at zero: the run is queued, never dropped, and what the browser sent meanwhile
is merged into it by Streamlit (the latest slider value wins). A student's drag, a training
Run and a digits page cost a fraction of :data:`BURST`, refilled long before the next
(``benchmarks/bench_hostile.py --student`` measures it); training a new digits model (1-3.6
CPU-s) makes the next run wait a few seconds, told so.

*Which browser.* A websocket says nothing a browser keeps, and a new one is a new session; so
the page's document is served with a cookie (:data:`COOKIE`) holding a random id signed with
the server's ``server.cookieSecret`` (HMAC-SHA256), which every replica behind a balancer
shares (``deploy/run.sh``), and which the browser sends back with every websocket it opens,
a reconnect included. An id that does not verify counts for nothing. A session without a
valid id (a script that never loaded the page, or a forged id) is charged to its address's
bucket, shared by every such session from there. New ids are handed out at a limited rate per
address (:data:`MINT_BURST`, then :data:`MINT_RATE` a second): a lecture hall behind one
address gets an id each, a script asking for one per request runs out.

``XENTVIZ_BUDGET="rate=0.1,burst=1,start=1"`` changes the numbers (CPU-s a second, CPU-s,
CPU-s a new browser starts with); ``XENTVIZ_BUDGET=off`` turns the budget off.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass, field

__all__ = [
    "RATE", "BURST", "START", "OUTSIDE", "COOKIE", "BUSY", "MINT_BURST", "MINT_RATE", "Ledger",
    "Account", "Mint", "sign", "verify", "new_id", "who", "account", "LEDGER", "MINT",
]  # fmt: skip

#: CPU-seconds a second each browser's bucket fills at. A student's lesson costs the server
#: about 0.03 CPU-s a second (0.12 for the first student of a server, who pays for what is
#: computed once for all: the digits model, the tiles): ``bench_hostile.py --student``.
RATE = 0.1
#: CPU-seconds a bucket holds: a student's heaviest action costs 0.14 (1.3 the first digits
#: page of a server). Any 10 s of a client then cost at most BURST + 10 RATE = 2 CPU-s, plus
#: one run begun with the bucket just above zero (a new digits model, 2-3.6 CPU-s).
BURST = 1.0
#: CPU-seconds a new browser starts with (a full bucket: a student's first pages never wait).
START = BURST
#: CPU-seconds a run costs outside its thread, charged with each: the server's event loop
#: reading its message and sending its replies (protobuf, the websocket's deflate). A Playground
#: move costs 0.0165 CPU-s of the process, 0.0106 of them in its thread (150 moves measured).
OUTSIDE = 0.006
#: The cookie holding a browser's signed id.
COOKIE = "xentviz_browser"
#: What a browser whose run waits for its budget is told, once a wait.
BUSY = "The server is busy with this browser's requests; wait a moment."
#: A run that waits has its page told again this often (a toast lasts 10 s), so the page shows
#: it while the wait lasts, and its guard (static/xentviz/connection.js) knows the server is
#: there and does not reload it.
TELL_EVERY = 8.0
#: New ids one address may have at once, then MINT_RATE a second: a hall behind one address.
MINT_BURST = 400
MINT_RATE = 1.0
#: Accounts kept before those idle and full are forgotten (a forgotten browser starts again
#: with START, which is all it had).
MAX_ACCOUNTS = 20_000
_DOMAIN = b"xentviz-browser:"


def _settings() -> dict[str, float] | None:
    """The budget's numbers, from ``XENTVIZ_BUDGET`` if set (None: off)."""
    text = os.environ.get("XENTVIZ_BUDGET", "").strip().lower()
    if text in {"off", "0", "no", "false"}:
        return None
    found = {"rate": RATE, "burst": BURST, "start": START}
    start_given = False
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name.strip() in found:
            found[name.strip()] = float(value)
            start_given |= name.strip() == "start"
    if not start_given:
        found["start"] = found["burst"]
    return found


# --- the browser's id -----------------------------------------------------------------------


def _secret() -> bytes:
    from streamlit import config

    return str(config.get_option("server.cookieSecret")).encode()


def _mac(browser: str, secret: bytes) -> str:
    digest = hmac.new(secret, _DOMAIN + browser.encode(), hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode("ascii")


def new_id() -> str:
    """A new browser id: 16 random bytes, URL-safe."""
    return secrets.token_urlsafe(16)


def sign(browser: str, secret: bytes | None = None) -> str:
    """The cookie's value for ``browser``: the id and its MAC."""
    return f"{browser}.{_mac(browser, _secret() if secret is None else secret)}"


def verify(value: str | None, secret: bytes | None = None) -> str | None:
    """The browser id a cookie's value holds, if it was signed with the server's secret."""
    if not value or len(value) > 100 or value.count(".") != 1:
        return None
    browser, mac = value.split(".")
    expected = _mac(browser, _secret() if secret is None else secret)
    return browser if browser and hmac.compare_digest(mac, expected) else None


class Mint:
    """New ids per address: a token bucket of ``burst`` ids filled at ``rate`` a second."""

    def __init__(self, burst: float = MINT_BURST, rate: float = MINT_RATE, clock=time.monotonic):
        self.burst, self.rate, self.clock = burst, rate, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(address, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if len(self._buckets) > MAX_ACCOUNTS:  # those full again are as if new
                for a, (t, w) in list(self._buckets.items()):
                    if t + (now - w) * self.rate >= self.burst:
                        del self._buckets[a]
            if tokens < 1.0:
                self._buckets[address] = (tokens, now)
                return False
            self._buckets[address] = (tokens - 1.0, now)
            return True


MINT = Mint()


# --- the ledger -----------------------------------------------------------------------------


@dataclass
class Account:
    """One browser's (or one address's) bucket, and what it spent."""

    tokens: float  #: CPU-seconds it may still spend (below 0: it waits)
    at: float  #: when ``tokens`` was counted
    spent: float = 0.0  #: CPU-seconds charged in all
    runs: int = 0  #: runs started
    waits: int = 0  #: runs that waited
    waited: float = 0.0  #: seconds its runs waited in all
    running: bool = False  #: a run of it is under way (its runs take turns)
    sessions: set = field(default_factory=set)  #: the sessions that ran for it (the first 100)


class Ledger:
    """Every browser's :class:`Account`, shared by the server's sessions (thread-safe)."""

    def __init__(self, rate=RATE, burst=BURST, start=START, clock=time.monotonic) -> None:
        self.rate, self.burst, self.start, self.clock = rate, burst, start, clock
        self._accounts: dict[tuple[str, str], Account] = {}
        self._changed = threading.Condition()

    def _account(self, key: tuple[str, str], now: float) -> Account:
        found = self._accounts.get(key)
        if found is None:
            if len(self._accounts) >= MAX_ACCOUNTS:
                self._forget(now)
            found = self._accounts[key] = Account(self.start, now)
        found.tokens = min(self.burst, found.tokens + (now - found.at) * self.rate)
        found.at = now
        return found

    def _forget(self, now: float) -> None:
        for key, a in list(self._accounts.items()):
            if not a.running and a.tokens + (now - a.at) * self.rate >= self.start:
                del self._accounts[key]

    def delay(self, key: tuple[str, str]) -> float:
        """Seconds until ``key``'s bucket is back at zero (0: it may spend now)."""
        with self._changed:
            found = self._account(key, self.clock())
            return max(0.0, -found.tokens / self.rate) if self.rate > 0 else 0.0

    def turn(self, key: tuple[str, str], session: str = "") -> float:
        """Take ``key``'s turn: its runs, from any of its sessions, take turns (at once if
        none is under way). The seconds it waited."""
        start = self.clock()
        with self._changed:
            while self._account(key, self.clock()).running:
                self._changed.wait(timeout=1.0)
            found = self._account(key, self.clock())
            found.running, found.runs = True, found.runs + 1
            if len(found.sessions) < 100:  # a script opening websockets by the thousand
                found.sessions.add(session)
            return self.clock() - start

    def funds(self, key: tuple[str, str], told=None, sleep=None) -> float:
        """Wait until ``key``'s bucket is not below zero; ``told()`` is called when it starts
        to wait and every :data:`TELL_EVERY` seconds of it (``sleep`` stands in for the wait
        in a test). The seconds it waited."""
        waited, start, last = 0.0, self.clock(), None
        with self._changed:
            while (found := self._account(key, self.clock())).tokens < 0 and self.rate > 0:
                now = self.clock()
                if told is not None and (last is None or now - last >= TELL_EVERY):
                    last = now
                    self._changed.release()
                    try:
                        told()
                    finally:
                        self._changed.acquire()
                need = min(-found.tokens / self.rate, TELL_EVERY)
                if sleep is None:
                    self._changed.wait(timeout=max(need, 0.01))
                else:
                    sleep(need)
                waited = max(self.clock() - start, 1e-9)
            if waited:
                found.waits += 1
                found.waited += waited
            return waited

    def charge(self, key: tuple[str, str], seconds: float, done: bool = False) -> None:
        """Charge ``key`` the CPU-seconds a run took; ``done``: its turn ends."""
        with self._changed:
            found = self._account(key, self.clock())
            found.tokens -= max(0.0, seconds)
            found.spent += max(0.0, seconds)
            if done:
                found.running = False
            self._changed.notify_all()

    def account(self, key: tuple[str, str]) -> Account | None:
        """``key``'s account as of now (a copy), None if it has none."""
        with self._changed:
            if key not in self._accounts:
                return None
            found = self._account(key, self.clock())
            return Account(**{**found.__dict__, "sessions": set(found.sessions)})


_SETTINGS = _settings()
LEDGER = Ledger(**_SETTINGS) if _SETTINGS else None


# --- which browser a session is -------------------------------------------------------------


def who(session_id: str) -> tuple[str, str] | None:
    """The account a session's runs are charged to: ``("browser", id)`` for a valid cookie,
    else ``("address", its address)``; None outside a server (AppTest)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    client = Runtime.instance().get_client(session_id)
    context = getattr(client, "client_context", None)
    if context is None:
        return None
    browser = verify(context.cookies.get(COOKIE))
    if browser is not None:
        return ("browser", browser)
    return ("address", context.remote_ip or "")


def account() -> dict | None:
    """The running session's account, as JSON (for its tests and the benchmark)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    key = who(ctx.session_id) if ctx is not None and LEDGER is not None else None
    found = LEDGER.account(key) if key is not None else None
    if found is None:
        return None
    keep = ("tokens", "spent", "runs", "waits", "waited")
    return {"who": key[0], "sessions": len(found.sessions), **{k: getattr(found, k) for k in keep}}


# --- the hooks: every run of a session, measured and charged --------------------------------

_thread = threading.local()  #: the run under way in this script thread: its key, CPU at start


def _meter() -> None:
    """Charge the run under way in this thread the CPU time it took since the last charge."""
    key = getattr(_thread, "key", None)
    if key is not None:
        now = time.thread_time()
        LEDGER.charge(key, now - _thread.mark)
        _thread.mark = now


def _tell_busy() -> None:
    import streamlit as st

    with contextlib.suppress(Exception):  # the wait goes on without its message
        st.toast(BUSY, icon=":material/hourglass_top:", duration="long")


def _begin(session_id: str) -> tuple[str, str] | None:
    """A session's runs begin in its script thread: its browser's turn taken, the thread's CPU
    metered from now. The key, None if not charged (outside a server)."""
    key = who(session_id)
    if key is not None:
        LEDGER.turn(key, session_id)
        _thread.key, _thread.mark = key, time.thread_time()
    return key


def _end(key: tuple[str, str] | None) -> None:
    if key is not None:
        _thread.key = None
        LEDGER.charge(key, time.thread_time() - _thread.mark, done=True)


def gate() -> None:
    """At the start of each run a browser's message asks for, in its script thread (its
    turn taken): wait until the browser's bucket is not below zero, its page told; then
    charge what the thread took so far."""
    key = getattr(_thread, "key", None)
    if key is None:
        return
    LEDGER.funds(key, told=_tell_busy)
    _meter()  # what came before this run's message (its preparation), charged all the same
    LEDGER.charge(key, OUTSIDE)  # its messages, read and sent outside its thread


def _install() -> None:
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.runtime.state import SafeSessionState

    if getattr(SafeSessionState.on_script_will_rerun, "budgeted", False):
        return
    will_rerun, run_script = SafeSessionState.on_script_will_rerun, ScriptRunner._run_script

    def on_script_will_rerun(self, *args, **kwargs):
        gate()  # before the session's lock: a run that waits holds nothing
        return will_rerun(self, *args, **kwargs)

    def _run_script(self, rerun_data):
        key = _begin(self._session_id)
        try:
            return run_script(self, rerun_data)
        finally:
            _end(key)

    on_script_will_rerun.budgeted = True
    SafeSessionState.on_script_will_rerun = on_script_will_rerun
    ScriptRunner._run_script = _run_script


if LEDGER is not None:
    _install()
