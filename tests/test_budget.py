"""The CPU-time budget per browser (xentviz/ui/budget.py): its ledger, the browser's signed id,
and, over the websocket, that a browser's runs are charged to it whatever websocket they come
on, that a forged id counts for nothing, that runs beyond the budget wait with a message and
are not lost, and that a normal student's lesson never waits."""

from __future__ import annotations

import json

import pytest

from tests import support
from tests.students import Student, browser_cookie, in_own_loop, lesson, loss_shown, walk
from tests.support import ROOT
from xentviz.state import PlaygroundState
from xentviz.ui import budget, serve
from xentviz.ui.budget import BUSY, COOKIE, Ledger, Mint

APP = ROOT / "tests" / "apps" / "budget.py"
KEY = ("browser", "b1")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


# --- the ledger ----------------------------------------------------------------------------


def test_a_bucket_starts_full_is_charged_by_cpu_and_refills_at_the_rate_up_to_the_burst():
    clock = Clock()
    ledger = Ledger(rate=0.2, burst=6.0, start=6.0, clock=clock)
    ledger.turn(KEY, "s1")
    ledger.charge(KEY, 7.0, done=True)
    assert ledger.account(KEY).tokens == pytest.approx(-1.0)
    assert ledger.delay(KEY) == pytest.approx(5.0)  # 1 CPU-s at 0.2 a second
    clock.now += 5.0
    assert ledger.delay(KEY) == 0.0
    clock.now += 1000.0
    assert ledger.account(KEY).tokens == pytest.approx(6.0)  # never above the burst
    assert ledger.account(KEY).spent == pytest.approx(7.0)


def test_a_run_in_debt_waits_until_the_bucket_is_back_at_zero_and_is_told_once():
    clock = Clock()
    ledger = Ledger(rate=0.25, burst=1.0, start=0.0, clock=clock)
    told = []
    assert ledger.funds(KEY, told=lambda: told.append(1), sleep=clock.sleep) == 0.0
    ledger.charge(KEY, 2.0)
    waited = ledger.funds(KEY, told=lambda: told.append(1), sleep=clock.sleep)
    assert waited == pytest.approx(8.0) and told == [1]
    found = ledger.account(KEY)
    assert found.tokens == pytest.approx(0.0) and found.waits == 1
    ledger.charge(KEY, 5.0)  # 20 s at 0.25 a second: told again while it lasts
    told.clear()
    assert ledger.funds(KEY, told=lambda: told.append(clock.now), sleep=clock.sleep) == 20.0
    assert told == [clock.now - 20.0, clock.now - 20.0 + budget.TELL_EVERY,
                    clock.now - 20.0 + 2 * budget.TELL_EVERY]  # fmt: skip


def test_runs_of_a_browser_take_turns_and_its_sessions_share_one_account():
    ledger = Ledger(rate=0.2, burst=6.0, start=6.0, clock=Clock())
    ledger.turn(KEY, "s1")
    assert ledger.account(KEY).running
    ledger.charge(KEY, 0.5, done=True)
    ledger.turn(KEY, "s2")  # another websocket, the same browser: the same bucket
    ledger.charge(KEY, 0.5, done=True)
    found = ledger.account(KEY)
    assert not found.running and found.runs == 2 and found.sessions == {"s1", "s2"}
    assert found.tokens == pytest.approx(5.0)
    assert ledger.account(("browser", "other")) is None


# --- the browser's id ----------------------------------------------------------------------


def test_an_id_verifies_only_as_signed_with_the_servers_secret():
    secret = b"s" * 32
    value = budget.sign("abc", secret)
    assert budget.verify(value, secret) == "abc"
    browser, mac = value.split(".")
    forged = [
        f"abd.{mac}", f"{browser}.{mac[:-1]}A" if mac[-1] != "A" else f"{browser}.{mac[:-1]}B",
        budget.sign("abc", b"another secret"), "abc", "", ".", "a.b.c", "x" * 200, None,
    ]  # fmt: skip
    assert [budget.verify(f, secret) for f in forged] == [None] * len(forged)


def test_replicas_sharing_the_secret_agree_on_an_id():
    """Each replica behind HAProxy signs and verifies with ``server.cookieSecret``, which
    deploy/run.sh gives them all: an id one replica handed out holds on another."""
    shared = b"the hall's secret"
    assert budget.verify(budget.sign("tab", shared), shared) == "tab"
    assert budget.new_id() != budget.new_id()


def test_new_ids_are_handed_out_at_a_limited_rate_per_address():
    clock = Clock()
    mint = Mint(burst=3, rate=0.5, clock=clock)
    assert [mint.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert mint.allow("10.0.0.2")  # another address has its own
    clock.now += 2.0
    assert mint.allow("10.0.0.1") and not mint.allow("10.0.0.1")


def _served(cookie: str | None, content_type: bytes, allow: bool = True):
    """What :class:`serve.BrowserIds` answers a GET with ``cookie``: its headers."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type)]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"<html></html>"})

    async def send(message):
        sent.append(message)

    headers = [(b"cookie", cookie.encode())] if cookie else []
    scope = {"type": "http", "method": "GET", "path": "/", "headers": headers,
             "client": ("10.9.9.9", 1)}  # fmt: skip
    mint, budget.MINT = budget.MINT, Mint(burst=1 if allow else 0)
    try:
        in_own_loop(serve.BrowserIds(app)(scope, None, send))
    finally:
        budget.MINT = mint
    return dict(sent[0]["headers"])


def test_the_pages_document_sets_a_signed_id_unless_the_browser_has_one():
    found = _served(None, b"text/html; charset=utf-8").get(b"set-cookie", b"").decode()
    assert found.startswith(COOKIE + "=") and "HttpOnly" in found and "Path=/" in found
    value = found.split(";")[0].split("=", 1)[1]
    assert budget.verify(value) is not None
    assert b"set-cookie" not in _served(f"{COOKIE}={value}", b"text/html")
    assert b"set-cookie" in _served(f"{COOKIE}=forged.id", b"text/html")
    assert b"set-cookie" not in _served(None, b"application/javascript")
    assert b"set-cookie" not in _served(None, b"text/html", allow=False)


# --- over the websocket --------------------------------------------------------------------


def _account(run) -> dict:
    """The account the test app printed after a full run (tests/apps/budget.py)."""
    found = [json.loads(c)["budget"] for c in run.code if c.startswith('{"budget"')]
    assert found, run.code
    return found[0]


@pytest.fixture(scope="module")
def ledger_server():
    """A server whose buckets refill so slowly and hold so much that an account's tokens tell
    what was spent (nothing waits)."""
    env = {"XENTVIZ_BUDGET": "rate=0.0001,burst=1000,start=1000"}
    with support.server(APP, timeout=120, cwd=ROOT, env=env) as running:
        yield running


@pytest.mark.server
def test_a_browser_is_charged_whatever_websocket_it_comes_on(ledger_server):
    """A new websocket with the same id does not refill its bucket: its runs go on being
    charged to the same account, which a new id does not share."""
    url = ledger_server.url
    cookie = browser_cookie(url)
    assert cookie and cookie.startswith(COOKIE + "=")

    async def go():
        async with Student.connect(url, cookie=cookie) as s:
            await s.open(timeout=120)
            for move in range(3):
                await s.move("cat", walk(2, move))
            first = _account(await s.open())
        async with Student.connect(url, cookie=cookie) as s:
            again = _account(await s.open(timeout=120))
        async with Student.connect(url, cookie=browser_cookie(url)) as s:
            other = _account(await s.open(timeout=120))
        return first, again, other

    first, again, other = in_own_loop(go())
    assert first["who"] == again["who"] == other["who"] == "browser"
    assert first["runs"] == 5 and first["spent"] > 0.01
    assert again["sessions"] == 2 and again["runs"] == 6
    assert again["spent"] >= first["spent"]
    assert again["tokens"] <= 1000 - first["spent"] + 0.01  # not refilled
    assert other["sessions"] == 1 and other["runs"] == 1  # a new browser, its own bucket


@pytest.mark.server
def test_a_forged_or_missing_id_is_charged_to_its_address(ledger_server):
    """An id not signed with the server's secret is no id: such sessions share their
    address's one bucket (as a script without cookies does), however many they open."""
    url = ledger_server.url
    value = browser_cookie(url).split("=", 1)[1]
    browser, mac = value.split(".")
    forged = [
        f"{COOKIE}={budget.new_id()}.{mac}",
        f"{COOKIE}={budget.sign(budget.new_id(), b'not the servers secret')}",
        f"{COOKIE}={browser}x.{mac}",
        None,
    ]

    async def go():
        seen = []
        for cookie in forged:
            async with Student.connect(url, cookie=cookie) as s:
                seen.append(_account(await s.open(timeout=120)))
        return seen

    seen = in_own_loop(go())
    assert [a["who"] for a in seen] == ["address"] * len(forged)
    assert [a["sessions"] for a in seen] == list(range(1, len(forged) + 1))
    assert seen[-1]["runs"] >= len(forged)


@pytest.mark.server
def test_runs_beyond_the_budget_wait_with_a_message_and_none_is_lost():
    """A bucket that holds nothing: a run that puts it below zero (a page's first run on a
    fresh server costs a few tenths of a CPU-second) makes the browser's next run wait for it,
    say why, then draw what was asked (the move's numbers; the training run's first step), on
    a new websocket of the same browser as on the first."""
    env = {"XENTVIZ_BUDGET": "rate=0.25,burst=0,start=0"}
    with support.server(APP, timeout=120, cwd=ROOT, env=env) as running:
        url = running.url
        cookie = browser_cookie(url)

        async def go():
            async with Student.connect(url, cookie=cookie) as s:
                opened = await s.open(timeout=120)
                moved = await s.move("cat", 2.0, timeout=120)
            async with Student.connect(url, "", "training", cookie=cookie) as s:
                await s.open(timeout=120)
                ran = await s.click("Run", timeout=120)
                account = _account(await s.open(timeout=120))
            return opened, moved, ran, account

        opened, moved, ran, account = in_own_loop(go())
    assert opened.toasts == [] and opened.errors == []
    for run in (moved, ran):
        assert run.toasts == [BUSY] and run.errors == []
        assert run.status.startswith("FINISHED")
    logits = list(PlaygroundState().logits)
    logits[PlaygroundState().classes.index("cat")] = 2.0
    shown, core = loss_shown(moved, PlaygroundState(logits=tuple(logits)))
    assert shown == core
    assert ran.buttons  # the training page drawn again: its buttons
    assert account["who"] == "browser" and account["sessions"] == 2
    assert account["runs"] == 5 and account["waits"] >= 2 and account["waited"] > 0


@pytest.mark.server
def test_a_normal_students_lesson_never_waits():
    """With the app's own budget, a student's lesson (the Playground dragged, a training Run,
    the digits page and a stroke), done as fast as the server answers, never waits and is
    never told the server is busy. The server has served one lesson before (the lecturer's,
    which pays for what is computed once for all: the digits model for the defaults, the
    tiles: about 3 CPU-s, not this student's doing)."""
    with support.server(APP, timeout=120, cwd=ROOT) as running:

        async def go():
            first = await lesson(running.url, browser_cookie(running.url))
            cookie = browser_cookie(running.url)
            done = await lesson(running.url, cookie)
            async with Student.connect(running.url, cookie=cookie) as s:
                return first, done, _account(await s.open(timeout=120))

        first, done, account = in_own_loop(go())
    runs = [run for _, runs in first + done for run in runs]
    assert [run.errors for run in runs] == [[]] * len(runs)
    runs = [run for _, runs in done for run in runs]
    assert [run.toasts for run in runs] == [[]] * len(runs)
    assert account["who"] == "browser" and account["waits"] == 0
    assert account["spent"] < budget.START  # within the bucket a new browser starts with
