"""Hostile and heavy input from scripted clients: one server, sessions over the websocket.

A browser keeps to what the page allows; a script sends what it likes. Each case must leave
the page showing the core's numbers (or the defaults with one warning), the server answering
and its memory in check, and other sessions untouched.
"""

import math
from urllib.parse import urlencode

import pytest
from streamlit import config

from tests import support
from tests.students import Student, in_own_loop, loss_shown
from tests.support import ROOT
from xentviz.state import PlaygroundState

DEFAULT = PlaygroundState()
CLASSES = "Class names (2 to 12, comma-separated)"


def visit(url, query, then=None):
    """Open the page at ``query`` and, if given, do ``then(student)``: (first run, last run)."""

    async def go():
        async with Student.connect(url, query) as s:
            first = await s.open()
            return first, (await then(s) if then else first)

    return in_own_loop(go())


def test_a_link_of_999_long_junk_keys_rewrites_the_address_bar_once(app_url):
    """The share link used to delete unknown keys one at a time, each deletion sending the
    whole remaining query: 1,000 messages and 53 MB for this link."""
    query = urlencode({f"junk{i}": "x" * 100 for i in range(999)})
    first, _ = visit(app_url, query)
    assert first.errors == [] and first.url_updates <= 2
    assert first.received < 2_000_000, first.received
    assert loss_shown(first, DEFAULT)[0] == loss_shown(first, DEFAULT)[1]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 5000.0, -1e300])
def test_a_scripted_logit_out_of_range_stays_in_range(app_url, value):
    """A slider sent NaN, inf or 5000 landed on the slider's minimum and widened it, so that
    each message lowered the logit by one more, past 1,000. Streamlit still turns such a value
    into the slider's minimum; the slider no longer widens, so the logit stays there."""

    async def push(s):
        runs = [await s.move("cat", value) for _ in range(4)]
        return runs

    _, runs = visit(app_url, "", push)
    at_minimum = PlaygroundState(logits=(3.2, -10.0, 0.2, 0.8))
    for run in runs:
        assert run.errors == []
        shown = loss_shown(run, DEFAULT)[0]
        assert shown in {loss_shown(run, DEFAULT)[1], loss_shown(run, at_minimum)[1]}
    assert len({loss_shown(run, DEFAULT)[0] for run in runs}) == 1  # no drift


def test_a_huge_class_name_is_refused_and_the_server_keeps_its_memory(server):
    """One scripted 24 MB value took the server from 144 MB to 851 MB."""
    before = server.rss_mb()

    async def flood(s):
        try:
            await s.type(CLASSES, "a" * 24_000_000, timeout=30)
        except Exception:  # the server may close the connection: that is a refusal too
            return None
        return None

    visit(server.url, "", flood)
    first, _ = visit(server.url, "")  # the server still answers, with the default page
    assert first.errors == [] and loss_shown(first, DEFAULT)[0] == loss_shown(first, DEFAULT)[1]
    assert server.rss_mb() - before < 60


def test_a_long_class_name_typed_past_the_box_limit_is_refused_with_a_message(app_url):
    async def long(s):
        return await s.type(CLASSES, ", ".join("n" * 24 for _ in range(20)))

    _, run = visit(app_url, "", long)
    assert run.errors == []
    assert loss_shown(run, DEFAULT)[0] == loss_shown(run, DEFAULT)[1]


def test_deployment_settings(monkeypatch):
    """Students see a short message for an unexpected error, and no message is over 1 MB
    (the project's config, read where ``streamlit run app.py`` starts)."""
    monkeypatch.chdir(ROOT)
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("client.showErrorDetails") == "none"
        assert config.get_option("server.maxMessageSize") == 1
        assert config.get_option("server.maxWidgetStateSize") == 1
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)


@pytest.fixture(scope="module")
def server():
    """A server of this module's own, so that its memory answers for these tests alone."""
    with support.server(ROOT / "app.py") as running:
        yield running
