"""Simulated students: Streamlit sessions driven over the websocket, without a browser.

A browser's part of the protocol is small: it sends a ``rerun_script`` message holding the
query string, the page, and the values of the widgets that changed (with the fragment the widget
lives in, if any), then draws the ``ForwardMsg`` replies until ``script_finished``. A
``Student`` does the same, so one process can stand in for a lecture hall of browsers, and every
reply can be read back: the sliders it drew, the numbers it shows, the errors it raised.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX
from websockets.asyncio.client import ClientConnection

from xentviz import softmax_cross_entropy

FINISHED = ForwardMsg.ScriptFinishedStatus
SUCCESS = {FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Run:
    """One script run as the browser received it."""

    seconds: float  # from sending the request to ``script_finished``
    status: str = ""  # the ScriptFinishedStatus name; "" if the run never finished
    sliders: dict[str, tuple[str, str]] = field(default_factory=dict)  # label: (id, fragment)
    texts: dict[str, str] = field(default_factory=dict)  # a text box's label: its id
    buttons: dict[str, tuple[str, str]] = field(default_factory=dict)  # label: (id, fragment)
    metrics: dict[str, str] = field(default_factory=dict)  # label: value shown
    errors: list[str] = field(default_factory=list)  # exceptions shown, compile errors, status
    warnings: list[str] = field(default_factory=list)  # warning boxes shown
    toasts: list[str] = field(default_factory=list)  # toasts shown (the server's notices)
    url_updates: int = 0  # messages that rewrote the address bar
    received: int = 0  # bytes of every message of the run
    wire: int = 0  # bytes that came over the socket for it (compressed, if the server does)
    live: tuple[str, str, dict] | None = None  # the page's live view: (id, fragment, spec)
    later: tuple[str, str, dict] | None = None  # the lesson's later part: (id, fragment, spec)
    elements: list[str] = field(default_factory=list)  # the type of each element drawn
    code: list[str] = field(default_factory=list)  # code blocks shown (the share box's link)
    tile: dict | None = None  # a tile of the live preview, if the run sent one
    retry: int | None = None  # ms to wait before asking for a tile again, if the run said so
    #: every view of the app's component the run drew, by its key: (id, fragment, kind)
    components: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def read(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.status = FINISHED.Name(msg.script_finished)
            if msg.script_finished not in SUCCESS:
                self.errors.append(f"script finished with {self.status}")
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            self.errors.append(msg.session_event.script_compilation_exception.message)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            self.elements.append(element.WhichOneof("type"))
            match element.WhichOneof("type"):
                case "slider":
                    self.sliders[element.slider.label] = (element.slider.id, msg.delta.fragment_id)
                case "text_input":
                    self.texts[element.text_input.label] = element.text_input.id
                case "button":
                    self.buttons[element.button.label] = (element.button.id, msg.delta.fragment_id)
                case "bidi_component" if element.bidi_component.component_name == "xentviz":
                    view = json.loads(element.bidi_component.bytes)
                    component = element.bidi_component.id
                    key = component.rsplit("-", 1)[-1]
                    self.components[key] = (component, msg.delta.fragment_id, view["kind"])
                    if view["kind"] == "numbers":  # the app's headline numbers
                        self.metrics |= {label: value for label, value, _ in view["items"]}
                    elif view["kind"] == "live" and "grid" in view:
                        self.tile = view
                    elif view["kind"] == "live" and "retry" in view:
                        self.retry = view["retry"]
                    elif view["kind"] == "live":
                        component = element.bidi_component.id
                        self.live = (component, msg.delta.fragment_id, view)
                    elif view["kind"] == "later":
                        component = element.bidi_component.id
                        self.later = (component, msg.delta.fragment_id, view)
                case "code":
                    self.code.append(element.code.code_text)
                case "exception":
                    self.errors.append(f"{element.exception.type}: {element.exception.message}")
                case "alert" if element.alert.format == element.alert.WARNING:
                    self.warnings.append(element.alert.body)
                case "toast":
                    self.toasts.append(element.toast.body)
        elif kind == "page_info_changed":
            self.url_updates += 1


class _Counted(ClientConnection):
    """A websocket that counts the bytes it receives from the network: frames as sent, after
    any compression the server applies (``Run.wire``), where ``recv`` gives them inflated."""

    wire = 0

    def data_received(self, data: bytes) -> None:
        self.wire += len(data)
        super().data_received(data)


class Student:
    """One browser session: opens the app, then moves sliders one at a time, as a person does."""

    def __init__(self, socket, query: str = "", path: str = "") -> None:
        self._socket = socket
        self.query = query  # the address bar's query string, kept as the app rewrites it
        self.path = path  # the page asked for by its address ("digits"), until the app names it
        self.page = ""  # the page shown, once the app has named it
        self.sliders: dict[str, tuple[str, str]] = {}
        self.texts: dict[str, str] = {}
        self.buttons: dict[str, tuple[str, str]] = {}
        self.live: tuple[str, str, dict] | None = None  # the page's live view, as last drawn
        self.later: tuple[str, str, dict] | None = None  # the lesson's later part, as last drawn
        self.components: dict[str, tuple[str, str, str]] = {}  # the component's views, by key

    @classmethod
    @contextlib.asynccontextmanager
    async def connect(
        cls, url: str, query: str = "", path: str = "", cookie: str | bool | None = True
    ):
        """A session on the app served at ``url`` (http://host:port), at the page whose
        address is ``path`` ("digits"; the first page if ""), closed on leaving. As a browser
        does, it loads the page's document first and sends the cookie it sets (the browser's
        id, :func:`browser_cookie`) with the websocket's handshake; ``cookie`` a string sends
        those cookies instead ("name=value; ..."), None or "" none."""
        address = url.replace("http://", "ws://", 1) + "/_stcore/stream"
        if cookie is True:
            cookie = await asyncio.to_thread(browser_cookie, url)
        headers = {"Cookie": cookie} if cookie else None
        async with websockets.connect(
            address,
            subprotocols=["streamlit"],
            max_size=None,
            create_connection=_Counted,
            additional_headers=headers,
        ) as ws:
            yield cls(ws, query, path)

    async def open(self, timeout: float = 60.0) -> Run:
        """The first run, as when the page loads."""
        return await self._rerun([], "", timeout)

    async def move(self, label: str, value: float, timeout: float = 60.0) -> Run:
        """Set the slider labelled ``label`` to ``value`` and wait for the run it starts."""
        widget_id, fragment_id = self.sliders[label]
        return await self._rerun([(widget_id, value)], fragment_id, timeout)

    async def click(self, label: str, timeout: float = 60.0) -> Run:
        """Press the button labelled ``label`` and wait for the run it starts."""
        widget_id, fragment_id = self.buttons[label]
        return await self._rerun([(widget_id, ("trigger_value", True))], fragment_id, timeout)

    async def want(self, slider: int, tile: int, timeout: float = 60.0) -> Run:
        """Ask, as the browser does when the pointer comes near a slider, for one tile of the
        live preview: the live view's trigger ("want") set to [slider, tile]."""
        component, fragment, _ = self.live
        trigger = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component}{EVENT_DELIM}events"
        payload = json.dumps([{"event": "want", "value": [slider, tile]}])
        return await self._rerun([(trigger, ("json_trigger_value", payload))], fragment, timeout)

    async def refresh(self, timeout: float = 60.0) -> Run:
        """Ask, as the browser does when the lesson's later part is in sight and drawn from an
        older state, for its rerun: the later view's trigger ("refresh")."""
        component, fragment, view = self.later
        trigger = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component}{EVENT_DELIM}events"
        payload = json.dumps([{"event": "refresh", "value": view["token"]}])
        return await self._rerun([(trigger, ("json_trigger_value", payload))], fragment, timeout)

    async def trigger(self, key: str, events: list, timeout: float = 60.0) -> Run:
        """Send the component's view keyed ``key`` the trigger events ``events`` (each
        ``{"event": name, "value": ...}``, as the browser's ``setTriggerValue`` sends one) in one
        message, as a script could, and wait for the run it starts."""
        component, fragment, _ = self.components[key]
        trigger = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component}{EVENT_DELIM}events"
        payload = json.dumps(events, separators=(",", ":"))
        return await self._rerun([(trigger, ("json_trigger_value", payload))], fragment, timeout)

    async def set_state(self, key: str, text: str, timeout: float = 60.0) -> Run:
        """Send ``text`` as the JSON state of the component's view keyed ``key`` (the browser
        sends a state only through ``setStateValue``, which the app's views do not use) and
        wait for the run it starts."""
        component, fragment, _ = self.components[key]
        return await self._rerun([(component, ("json_value", text))], fragment, timeout)

    async def send(self, values: list[tuple[str, object]], fragment: str = "", timeout=60.0):
        """Send widget values as they are (``(id, value)``, a value as :meth:`_rerun` takes
        it) and wait for the run they start."""
        return await self._rerun(values, fragment, timeout)

    async def type(self, label: str, text: str, timeout: float = 60.0) -> Run:
        """Send ``text`` as the value of the text box labelled ``label`` (as a script could,
        past any limit the page sets in the browser) and wait for the run it starts."""
        return await self._rerun([(self.texts[label], text)], "", timeout)

    async def _rerun(self, values: list[tuple[str, object]], fragment: str, timeout: float) -> Run:
        request = BackMsg()
        state = request.rerun_script
        state.query_string, state.page_script_hash = self.query, self.page
        if not self.page:
            state.page_name = self.path
        state.fragment_id = fragment
        for widget_id, value in values:
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            if isinstance(value, tuple):  # (field, value): a field of its own
                setattr(widget, *value)
            elif isinstance(value, str):
                widget.string_value = value
            else:
                widget.double_array_value.data.append(value)
        start = time.perf_counter()
        wire = self._socket.wire
        await self._socket.send(request.SerializeToString())
        run = Run(seconds=0.0)
        async with asyncio.timeout(timeout):
            while not run.status:
                msg = ForwardMsg()
                data = await self._socket.recv()
                run.received += len(data)
                msg.ParseFromString(data)
                run.read(msg)
                kind = msg.WhichOneof("type")
                if kind == "navigation":
                    self.page = msg.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query = msg.page_info_changed.query_string
        run.seconds = time.perf_counter() - start
        run.wire = self._socket.wire - wire
        self.sliders |= run.sliders
        self.texts |= run.texts
        self.buttons |= run.buttons
        self.live = run.live or self.live
        self.later = run.later or self.later
        self.components |= run.components
        return run


def browser_cookie(url: str, cookie: str | None = None) -> str | None:
    """The cookies a browser holds after loading the page at ``url`` with ``cookie``: the
    browser id the server sets (``name=value``), or ``cookie`` if it set none."""
    import urllib.request

    request = urllib.request.Request(url + "/", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        found = response.headers.get_all("Set-Cookie") or []
    return next((c.split(";", 1)[0] for c in found if c.startswith("xentviz_browser=")), cookie)


def in_own_loop(coroutine):
    """Run a coroutine to its end on a new event loop in a thread of its own, and return its
    result: the caller's thread may have a loop running already (Playwright's sync API keeps
    one in the main thread for the browser tests)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def walk(student: int, move: int) -> float:
    """A slider value for a student's move: a different walk over a -10 to 10 slider's stops
    (step 0.1) for each student, so that crossed sessions show up as wrong numbers."""
    return round(-10 + 0.1 * ((17 * student + 29 * move) % 201), 1)


def loss_shown(run: Run, state) -> tuple[str, str]:
    """For a run of the Playground showing ``state`` (a PlaygroundState): the loss the page
    shows, and the core's loss for that state printed as the page prints it."""
    exact = softmax_cross_entropy(
        state.logits,
        state.target,
        base=state.core_base,
        temperature=state.temperature,
        label_smoothing=state.smoothing,
    )
    return run.metrics.get(f"Loss H(p, q) ({state.unit})"), f"{exact:.4f}"


#: What a student does in a lecture, action by action: (name, what it sends).
LESSON = (
    "open the Playground",
    "drag a logit (two tiles, then let go)",
    "drag it again",
    "drag it again",
    "open the training page",
    "press Run",
    "open the digits page",
    "draw a stroke",
)


async def lesson(url: str, cookie: str | None, after=None) -> list[tuple[str, list[Run]]]:
    """A normal student's lesson (:data:`LESSON`) as fast as the server answers, each page on
    a websocket of its own carrying the browser's ``cookie``; ``await after(name)`` after each
    action (a benchmark reads the server's CPU there, or waits as a student thinks). Each
    action's runs, by its name."""
    done: list[tuple[str, list[Run]]] = []
    actions = iter(LESSON)

    async def did(*runs: Run) -> None:
        name = next(actions)
        done.append((name, list(runs)))
        if after is not None:
            await after(name)

    async with Student.connect(url, cookie=cookie) as s:
        await did(await s.open(timeout=300))
        for move in range(3):
            tiles = [await s.want(0, tile, timeout=300) for tile in (1, 2)]
            await did(*tiles, await s.move("cat", walk(1, move), timeout=300))
    async with Student.connect(url, "", "training", cookie=cookie) as s:
        await did(await s.open(timeout=300))
        await did(await s.click("Run", timeout=300))
    async with Student.connect(url, "", "digits", cookie=cookie) as s:
        await did(await s.open(timeout=300))
        stroke = [{"event": "drawn", "value": [int(k in (19, 27, 35, 43)) for k in range(64)]}]
        await did(await s.trigger("digits.draw", stroke, timeout=300))
    return done
