"""Hostile and heavy input from scripted clients: one server, sessions over the websocket.

A browser keeps to what the page allows; a script sends what it likes. Each case must leave
the page showing the core's numbers (or the defaults with one warning), the server answering
and its memory in check, and other sessions untouched.
"""

import json
import math
from urllib.parse import parse_qs, urlencode

import pytest
from streamlit import config
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

from tests import support
from tests.students import Student, in_own_loop, loss_shown
from tests.support import ROOT
from xentviz.pages import PAGES
from xentviz.state import PlaygroundState
from xentviz.ui.charts import MAX_EVENTS
from xentviz.ui.controls import digits as digits_controls
from xentviz.ui.session import REFUSED

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


@pytest.mark.server
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


# --- many events in one message ------------------------------------------------------------


def _send_events(at, key: str, events: list) -> None:
    """Run ``at`` with the events ``events`` sent to the component's view keyed ``key`` in
    one message, beside the widgets' values as the browser sends them."""
    component = next(e.proto.id for e in at.get("bidi_component") if e.proto.id.endswith(key))
    states = WidgetStates()
    states.widgets.extend(at._tree.get_widget_states().widgets)
    trigger = states.widgets.add()
    trigger.id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component}{EVENT_DELIM}events"
    trigger.json_trigger_value = json.dumps(events, separators=(",", ":"))
    at._run(states)
    assert not at.exception, at.exception


def _pixels(*inked: int) -> list[int]:
    return [int(k in inked) for k in range(64)]


@pytest.mark.parametrize("n", [1, 2, MAX_EVENTS, MAX_EVENTS + 1, 2_000])
def test_a_message_of_many_drawn_events_is_handled_once_or_not_at_all(monkeypatch, n):
    """Streamlit calls a view's callback once for each event of a message, and each call read
    the view's value, which walks the whole list: 10,000 "drawn" events cost 27.5 CPU-s. The
    drawing is now taken once a message, and a message of more events than a browser sends is
    refused whole (counted: the calls of the page's handler of a stroke)."""
    calls = []
    handler = digits_controls._drawn
    monkeypatch.setattr(digits_controls, "_drawn", lambda page: (calls.append(1), handler(page)))
    at = support.open_page("digits")
    _send_events(at, "digits.draw", [{"event": "drawn", "value": _pixels(9)}])
    assert calls == [1] and _linked(at)[9] == "1"
    calls.clear()
    _send_events(at, "digits.draw", [{"event": "drawn", "value": _pixels(9, 10)}] * n)
    taken = n <= MAX_EVENTS
    assert len(calls) == taken
    assert _linked(at)[10] == str(int(taken))
    assert ("digits.chart.drawn_logits" in support.views(at)) is True


def _linked(at) -> list[str]:
    """The drawing in the page's link, pixel by pixel."""
    return str(at.query_params["drawing"]).split(",")


@pytest.mark.server
def test_thousands_of_events_in_one_message_cost_the_server_little(server):
    """Over the websocket, as a script sends them: 30,000 events (0.8 MB, about the most one
    message may hold) cost the server under half a CPU-second (quadratic, they cost minutes),
    are refused, and the page goes on drawing the next stroke."""

    async def flood(s):
        await s.trigger("digits.draw", [{"event": "drawn", "value": _pixels(3)}])
        drawn = s.query
        before = server.cpu_seconds()
        junk = [{"event": "drawn", "value": 0}] * 29_999  # 28 bytes each
        run = await s.trigger("digits.draw", [*junk, {"event": "drawn", "value": _pixels(4)}])
        cost = server.cpu_seconds() - before
        after = await s.trigger("digits.draw", [{"event": "drawn", "value": _pixels(5)}])
        return drawn, run, cost, after

    async def go():
        async with Student.connect(server.url, "", "digits") as s:
            await s.open(timeout=120)
            return await flood(s), s.query

    (drawn, run, cost, after), query = in_own_loop(go())
    assert run.errors == [] and after.errors == []
    assert run.toasts.count(REFUSED) == 1 and REFUSED not in after.toasts  # said, once
    assert cost < 0.5, cost
    assert "drawing=" in drawn and _drawing(drawn)[3] == "1" and _drawing(drawn)[4] == "0"
    assert _drawing(query)[5] == "1" and _drawing(query)[4] == "0"


def _drawing(query: str) -> list[str]:
    return parse_qs(query)["drawing"][0].split(",")


# --- values no browser sends ---------------------------------------------------------------

DEEP = "[" * 200_000 + "]" * 200_000


@pytest.mark.parametrize(
    "state",
    [DEEP, '{"a":' * 50_000 + "1" + "}" * 50_000, "not json"],
    ids=["deep-lists", "deep-objects", "not-json"],
)
def test_a_forged_component_state_is_refused_and_the_page_goes_on(app_url, state):
    """A component's state nested 200,000 deep (Python's JSON reader gives up past about
    1,000) failed the run, and, kept in the session, every later run until the browser
    reconnected. It is refused before Streamlit reads it: the page runs on, and draws."""

    async def forge(s):
        runs = [await s.set_state("digits.draw", state)]
        runs.append(await s.trigger("digits.draw", [{"event": "drawn", "value": _pixels(7)}]))
        runs.append(await s.trigger("digits.draw", [{"event": "drawn", "value": DEEP}]))
        runs.append(await s.open())
        return runs, s.query

    async def go():
        async with Student.connect(app_url, "", "digits") as s:
            await s.open(timeout=120)
            return await forge(s)

    runs, query = in_own_loop(go())
    assert [run.errors for run in runs] == [[]] * len(runs)
    assert all(run.status.startswith("FINISHED") for run in runs)
    assert [run.toasts for run in runs] == [[REFUSED], [], [], []]  # the state refused, said
    assert _drawing(query)[7] == "1"


@pytest.mark.parametrize(
    ("path", "label", "value"),
    [
        ("gradients", "Step h of the central difference", 99.0),
        ("gradients", "Step h of the central difference", "99"),
        ("training", "Classes (blobs)", 99.0),
        ("training", "Classes (blobs)", -1.0),
    ],
)
def test_a_select_slider_sent_an_index_or_a_text_keeps_its_value(app_url, path, label, value):
    """A select slider takes its option's text; a script sent it the number 99 (an index past
    its options), and the run failed with the generic error. The value is refused, or, as
    text no option has, Streamlit's default is kept: the page runs on, its link unchanged."""

    async def go():
        async with Student.connect(app_url, "", path) as s:
            first = await s.open(timeout=120)
            link = s.query
            widget, fragment = s.sliders[label]
            sent = await s.send([(widget, value)], fragment)
            again = await s.open()
            return first, sent, again, (link, s.query)

    first, sent, again, (before, after) = in_own_loop(go())
    assert first.errors == sent.errors == again.errors == []
    assert first.toasts == again.toasts == [] and sent.toasts in ([], [REFUSED])
    assert sent.status.startswith("FINISHED") and label in again.sliders
    assert parse_qs(after) == parse_qs(before)


# --- names from a link, in every page's tables and captions ---------------------------------

#: Pages with class names, from the registry: each takes them from a link.
NAMED = [p.name for p in PAGES if "classes" in getattr(p.state, "__dataclass_fields__", {})]
#: What a rendered name would leave in the page: (selector, its text), none of it from the app.
RENDERED = """(names) => {
  const main = document.querySelector('[data-testid=stMain]');
  const found = [];
  const marks = [['strong', 'bold'], ['em', 'it'], ['b', 'b'], ['a', 'lnk'], ['a', 'h']];
  for (const [tag, text] of marks)
    for (const e of main.querySelectorAll(tag))
      if (e.textContent.trim() === text) found.push(tag + ': ' + text);
  for (const e of main.querySelectorAll('img'))
    if (!e.src.startsWith(location.origin) && !e.src.startsWith('data:'))
      found.push('img ' + e.src);
  for (const e of main.querySelectorAll('a[href]'))
    if (new URL(e.getAttribute('href'), location.href).hostname === 'e.x')
      found.push('a ' + e.getAttribute('href'));
  for (const e of main.querySelectorAll('annotation'))
    if (e.textContent.includes('x^2')) found.push('latex ' + e.textContent);
  const tables = [...main.querySelectorAll('[data-testid=stTable]')].map(
    (t) => t.innerText.replaceAll('\\u2060', ''));
  return {found, tables};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMED)
def test_class_names_from_a_link_show_as_typed_in_tables_and_captions(page, app_url, name):
    """The finite-difference table (/gradients) and the stability lab's headers (/loss) drew
    class names as Markdown: a link made every student's browser fetch an image from any host
    and drew a working link. Every page with class names gets names made of Markdown, HTML
    and LaTeX: nothing is fetched but from the app, no image, link, emphasis or formula comes
    of a name, and each table that shows the names shows them as typed."""
    names = [
        "![](//127.1:8679/m)", "**bold** _it_", "[lnk](https://e.x/a)", "<b>b</b> $x^2$",
        "<a href=//e.x>h</a>",
    ]  # fmt: skip
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    link = urlencode({"classes": ",".join(names), "logits": "1,2,3,4,5"})
    page.goto(f"{app_url}/{'' if name == PAGES[0].name else name}?{link}")
    page.wait_for_function(support.SETTLED, timeout=120_000)
    if name in ("gradients", "loss"):  # their tables list the classes: until one is drawn
        page.wait_for_function(
            f"(names) => ({RENDERED})(names).tables.some((t) => names.every((n) => t.includes(n)))",
            arg=names,
            timeout=120_000,
        )
    shown = page.evaluate(RENDERED, names)
    assert shown["found"] == []
    assert [url for url in asked if not url.startswith((app_url, "data:", "blob:"))] == []
    for table in shown["tables"]:
        if any(word in table for word in ("bold", "lnk", "x^2")):
            assert all(n in table for n in names), table
    if name in ("gradients", "loss"):  # their tables list the classes
        assert any(all(n in table for n in names) for table in shown["tables"])


# --- one core a session ------------------------------------------------------------------------


@pytest.mark.server
def test_the_apps_own_work_runs_blas_and_openmp_on_one_thread():
    """BLAS ran a thread per core: a heavy /digits link cost 14 CPU-s on this 2-core machine
    (its threads spinning), 2-3.6 on one. Under ``streamlit run``, once the digits page has
    trained its model (numpy's OpenBLAS, and scikit-learn's with its OpenMP, loaded), every
    pool the server process holds has one thread."""
    with support.server(ROOT / "tests" / "apps" / "thread_pools.py", cwd=ROOT) as running:

        async def go():
            async with Student.connect(running.url, "", "digits") as s:
                return await s.open(timeout=300)

        run = in_own_loop(go())
    assert run.errors == []
    found = [json.loads(code) for code in run.code if code.startswith('{"thread_pools"')]
    pools = found[0]["thread_pools"]
    assert {api for api, _, _ in pools} >= {"openblas", "openmp"}, pools
    assert all(threads == 1 for _, threads, _ in pools), pools
