"""A lecture hall behind HAProxy (deploy/run.sh): a replica dies, and its students keep their
pages. Every page's state is in its link, so a tab that loses its replica reconnects through
HAProxy to a live one and gets its page back from the URL; a move made meanwhile is never shown
as done on stale numbers."""

from __future__ import annotations

import os
import shutil
import signal

import pytest

from tests import support
from xentviz import softmax_cross_entropy

TIMEOUT = 120_000

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def haproxy():
    if shutil.which("haproxy") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but haproxy is missing: apt-get install -y haproxy")
        pytest.skip("haproxy not installed (apt-get install -y haproxy)")


def loss(cat: float) -> str:
    return f"{softmax_cross_entropy([3.2, cat, 0.2, 0.8], 0):.4f}"


def shows(page, cat: float) -> None:
    """Until the page shows, settled, the core's loss with cat's logit at ``cat``, and its link
    in the address bar."""
    page.wait_for_function(
        f"([want, link]) => ({support.SETTLED})()"
        " && [...document.querySelectorAll('.xv-number-value')].some((e) => e.innerText === want)"
        " && decodeURIComponent(window.location.search).includes(link)",
        arg=[loss(cat), f"3.2,{cat},0.2,0.8"],
        timeout=TIMEOUT,
    )


def session(page) -> str:
    """The server session that drew the page (a new one after reconnecting to a replica)."""
    return page.evaluate("window.xentviz.guard.session")


def test_a_replica_dies_and_its_students_keep_their_page(page, haproxy):
    """Two replicas behind HAProxy; the one serving a tab is killed. The tab reconnects through
    HAProxy to the live one, which draws the same page from its link, and a slider move is then
    answered there (Streamlit alone would drop it: the new session knows no fragment)."""
    with support.hall(replicas=2) as hall:
        page.goto(f"{hall.url}/?logits=3.2,2.5,0.2,0.8&target=0")
        shows(page, 2.5)
        serving = {c["name"]: c["value"] for c in page.context.cookies()}["XV_REPLICA"]
        first = session(page)
        os.kill(hall.replicas[serving][1], signal.SIGKILL)  # the replica serving this tab dies
        # Reconnected, the tab asks the live replica for a full run: the same page, from its link.
        page.wait_for_function("(first) => window.xentviz.guard.session !== first", arg=first,
                               timeout=TIMEOUT)  # fmt: skip
        shows(page, 2.5)
        now = {c["name"]: c["value"] for c in page.context.cookies()}["XV_REPLICA"]
        assert now != serving and now in hall.replicas
        thumb = page.locator(".st-key-playground-logits-1 input[type=range]")
        thumb.focus()
        page.keyboard.press("ArrowRight")  # a move, answered by the live replica
        shows(page, 2.6)
