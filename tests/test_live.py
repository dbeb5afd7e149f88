"""The live preview of a dragged slider: what the server sends, and what a real browser shows.

The server sends, for each position of a slider, the page's views at that state, built by the
page's own functions (xentviz/ui/live.py); the browser only looks them up
(static/xentviz/grid.js). So every previewed chart and number must be exactly what the server
draws when the slider is let go there: checked here position by position, and in Chromium
during a real pointer drag, a touch drag and key presses.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import replace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests import support
from tests.grid_fixtures import FOLDER, decoded_in_node, fixture, kept, write
from xentviz import pages as registry
from xentviz.state import (
    LOGIT_SPAN,
    LOGIT_STEP,
    PLAYGROUND_PRESETS,
    T_STOPS,
    BinaryState,
    EncodingState,
    PlaygroundState,
)
from xentviz.state.gradients import GradientsState
from xentviz.state.loss import LossState
from xentviz.state.training import MAX_POINTS, MAX_STEPS, NOISE_LIMIT, TrainingState
from xentviz.ui import controls, live
from xentviz.ui.charts import dumps
from xentviz.ui.controls import training as player
from xentviz.ui.settings import Settings

TIMEOUT = 120_000


def sent(value):
    """``value`` as the browser receives it."""
    return json.loads(dumps(value))


# --- positions, tiles and tokens -------------------------------------------------------------


def test_a_slider_over_ten_either_way_has_201_positions_read_as_typed():
    where = live.Lattice(-10.0, 10.0, 0.1, 64)
    values = np.concatenate([where.values(t) for t in range(where.tiles)])
    assert where.tiles == 4 and len(values) == 201 and values[0] == -10.0 and values[-1] == 10.0
    # The browser reads the slider's value as text ("2.3") and looks for the equal float.
    assert all(v == float(f"{v:.1f}") for v in values)
    assert np.all(np.diff(values) > 0)
    # Each position is in the tile tile_of names, as the browser works it out.
    for t in range(where.tiles):
        assert {where.tile_of(float(v)) for v in where.values(t)} == {t}
    assert where.tile_of(-99.0) == 0 and where.tile_of(99.0) == where.tiles - 1


WIDE = [(-10, 1000, 500.0), (-10, 1000, 999.9), (-1000, 10, -1000.0), (-10, 50, 3.14159)]


@pytest.mark.parametrize(("lo", "hi", "value"), WIDE)
def test_every_position_of_a_widened_slider_is_in_a_tile(lo, hi, value):
    """A slider a link widened to 1000 has 10,101 positions: a tile reaches any of them."""
    where = live.Lattice(lo, hi, 0.1, 100)
    assert where.tiles == -(-(round(hi * 10) - round(lo * 10) + 1) // 100)
    tile = where.values(where.tile_of(value))
    assert len(tile) <= 100 and lo <= tile[0] and tile[-1] <= hi
    assert tile[0] <= round(value, 1) <= tile[-1]
    with pytest.raises(ValueError, match="tile"):
        where.values(where.tiles)


def test_other_steps_have_their_own_positions():
    half = live.Lattice(-10, 10, 0.5, 100)
    assert list(half.values(0)) == [k / 2 for k in range(-20, 21)]
    twentieths = live.Lattice(0.05, 5, 0.05, 64)
    values = np.concatenate([twentieths.values(t) for t in range(twentieths.tiles)])
    assert list(values) == [k / 20 for k in range(1, 101)]
    with pytest.raises(ValueError, match="step"):
        live.Lattice(0, 1, 0.3)


def test_a_grid_holds_while_only_its_slider_moves():
    state = PlaygroundState()
    where = live.Lattice(-10, 10)
    token = live._token(state, "logits", 1, where)
    moved = replace(state, logits=(3.2, 7.7, 0.2, 0.8))
    assert live._token(moved, "logits", 1, where) == token
    for other in (
        replace(state, logits=(3.3, 1.3, 0.2, 0.8)),
        replace(state, target=1),
        replace(state, temperature=2.0),
        replace(state, base="2"),
        replace(state, smoothing=0.1),
        replace(state, classes=("a", "cat", "horse", "cheetah")),
    ):
        assert live._token(other, "logits", 1, where) != token
    assert live._token(state, "logits", 2, where) != token
    assert live._token(state, "logits", 1, live.Lattice(-10, 11)) != token
    assert live._token(state, "logits", 1, live.Lattice(-10, 10, size=32)) != token


# --- every position of the grid is the page's own view there ---------------------------------

STATES = {
    "seed": PlaygroundState(),
    "tie at 3.2": PlaygroundState(logits=(3.2, 1.3, 0.2, 3.2)),
    "hot, bits, smoothed": PlaygroundState(temperature=0.05, base="2", smoothing=0.2),
    "beyond the slider": PlaygroundState(logits=(600.0, 1.3, -40.0, 0.8), target=2),
    "12 hostile names": PlaygroundState(
        classes=tuple(f"<img onerror=alert({i})>" for i in range(12)),
        logits=tuple(float(v) for v in np.linspace(-9, 9, 12)),
        target=11,
    ),
} | {key: state for key, (_, state) in PLAYGROUND_PRESETS.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", STATES)
def test_every_position_of_a_grid_is_what_the_page_draws_there(name, tmp_path):
    """At the ends and the value's own tile, every 7th position decodes, in the browser's own
    module (node), to what the Playground draws there."""
    state = STATES[name]
    size = controls.of("playground").TILE
    view = controls.view_of("playground")
    found = {}
    for i in sorted({0, len(state.classes) - 1}):
        z = state.logits[i]
        where = live.Lattice(min(-10.0, math.floor(z)), max(10.0, math.ceil(z)), 0.1, size)
        here = where.tile_of(z)
        for t in sorted({0, here, where.tiles - 1}):  # the ends, and the tile of the value
            values = where.values(t)
            made = fixture(state, "logits", i, values, view)
            grid = made["grid"]
            floats = np.frombuffer(base64.b64decode(grid["values"]), "<f8")
            np.testing.assert_array_equal(floats, values)
            assert not grid["still"]
            assert set(grid["base"]) == set(sent(view(state)))  # every view, moving or not
            assert len(made["positions"]) == len(range(0, len(values), 7))
            found[f"logit{i}-tile{t}"] = made
    decoded_in_node(found, tmp_path)


def test_a_grid_sends_only_what_changes():
    """The seed's tile for cat: 100 positions of four charts and five numbers in under 40 KB
    of JSON, since only what changes along the slider is sent per position."""
    values = live.Lattice(-10, 10, 0.1, 100).values(1)
    grid = live.grid(PlaygroundState(), "logits", 1, values, controls.view_of("playground"))
    size = len(dumps(grid))
    assert size < 40_000, size
    paths = {name: [tuple(p) for p, _ in columns] for name, columns in grid["columns"].items()}
    assert ("data", 0, "y") in paths["q"] and ("data", 1, "y") not in paths["q"]  # p is fixed


SPAN = (-LOGIT_SPAN, LOGIT_SPAN, LOGIT_STEP)
#: The registry's pages whose controls have a TILE: a dragged slider previews them.
PREVIEWING = [
    p.name
    for p in registry.PAGES
    if "ui/controls" in p.layers and hasattr(controls.of(p.name), "TILE")
]
OTHER = [name for name in PREVIEWING if name != "playground"]  # the Playground's tests: above
WATCHED = {  # page: some watched sliders as (field, item or None, lo, hi, step)
    "binary": [("z", None, *SPAN), ("logits", 0, *SPAN), ("logits", 3, *SPAN)],
    "encoding": [
        ("logits", 0, *SPAN),
        ("logits", 2, *SPAN),
        ("shift", None, -10.0, 10.0, 0.5),
        ("scale", None, 0.05, 5.0, 0.05),
    ],
    "loss": [("logits", 0, *SPAN), ("logits", 1, *SPAN)],
    "gradients": [("logits", 0, *SPAN), ("logits", 3, *SPAN)],
    "training": [("at", None, 0, 200, 1)],
}
#: page: its views (what a dragged slider previews), its state class, its watched sliders.
OTHER_PAGES = {
    name: (controls.view_of(name, preview=True), registry.page(name).state, WATCHED.get(name, []))
    for name in OTHER
}
OTHER_STATES = {
    "loss": [
        LossState(),
        LossState(logits=(10.0, -10.0, 0.0), target=0, i=2, j=0, trail=((1.0, 1.0),), base="2"),
        LossState(
            classes=("a", "b", "c", "d"), logits=(2.0, 2.0, 2.0, 2.0), i=0, j=3, temperature=0.05
        ),
    ],
    "gradients": [
        GradientsState(),
        GradientsState(logits=(10.0, -10.0, 0.0, 0.0), target=1, h=1e-12),
        GradientsState(logits=(500.0, 0.0, 0.0, 0.0), h=0.1),
    ],
    "binary": [
        BinaryState(),
        BinaryState(z=-10.0, t=0, logits=(10.0, -10.0, 0.0, 0.0), base="2"),
        BinaryState(z=55.0, logits=(4.0, 4.0, 4.0, 4.0), labels=(0.0, 0.0, 0.0, 0.0)),
    ],
    "training": [
        TrainingState(at=150),  # mid-run
        TrainingState(steps=600, at=250, seed=3, n_classes=5, points=400, noise=2.0),
        TrainingState(steps=30, at=0, n_classes=4, batch=1, rate=5.0),
    ],
    "encoding": [
        EncodingState(),
        EncodingState(logits=(0.0, 0.0, 0.0, 0.0), shift=-30.0, scale=0.05),
        EncodingState(logits=(-40.0, 9.0, 9.0, 0.5), scale=20.0, base="10"),
        EncodingState(scale=0.5, shift=10.0),  # the scale's slider then starts at 0: refused
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", OTHER_PAGES)
def test_every_position_on_the_other_pages_is_what_they_draw_there(name, tmp_path):
    """The binary page's z and logit sliders, the encodings page's logit, shift and scale
    sliders: every 7th position of each grid decodes, in the browser's own module (node), to
    the page's own view there; a view left out of a grid does not move along it, and a
    position left out is one the state refuses."""
    page_views, _, watched = OTHER_PAGES[name]
    found = {}
    for s, state in enumerate(OTHER_STATES[name]):
        drawn = sent(page_views(state))
        for field, i, lo, hi, step in watched:
            value = getattr(state, field) if i is None else getattr(state, field)[i]
            lo, hi = min(lo, math.floor(value)), max(hi, math.ceil(value))
            where = live.Lattice(lo, hi, step, controls.of(name).TILE)
            values = where.values(where.tile_of(value))
            made = fixture(state, field, i, values, page_views)
            grid = made["grid"]
            assert grid["columns"], (name, field, i)  # the slider moves something
            held = np.frombuffer(base64.b64decode(grid["values"]), "<f8")
            for value in set(values) - set(held):  # left out: positions the state refuses
                with pytest.raises(ValueError):
                    live._moved(state, field, i, float(value))
            assert set(grid["base"]) | set(grid["still"]) == set(drawn)
            found[f"state{s}-{field}{'' if i is None else i}"] = made
    decoded_in_node(found, tmp_path)


def test_the_kept_grid_fixtures_are_what_the_encoder_writes(tmp_path):
    """tests/js/fixtures, which node's own test run decodes, are today's encoder's output
    (``python -m tests.grid_fixtures`` writes them again after a change to the format)."""
    write(kept(), tmp_path)
    kept_files = sorted(p.name for p in FOLDER.glob("*.json"))
    assert kept_files == sorted(p.name for p in tmp_path.glob("*.json"))
    for name in kept_files:
        assert (FOLDER / name).read_text() == (tmp_path / name).read_text(), name


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_the_other_pages_watch_their_sliders(name):
    """Each watched slider names a slider on the page by its key, at the state's value."""
    _, state_type, watched = OTHER_PAGES[name]
    at = AppTest.from_file(str(support.ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(f"xentviz/app_pages/{name}.py").run()
    watch = support.views(at)[f"{name}.live"]
    state = state_type()
    expected = []  # (key, value) of every slider of each watched field, in order
    for field in dict.fromkeys(f for f, *_ in watched):
        value = getattr(state, field)
        if isinstance(value, tuple):
            expected += [(f"{name}.{field}.{i}", v) for i, v in enumerate(value)]
        else:
            expected.append((f"{name}.{field}", value))
    assert [(s["cls"], s["value"]) for s in watch["sliders"]] == [
        (live.css_class(k), v) for k, v in expected
    ]
    for k, _ in expected:  # a real slider, at that value
        assert at.slider(key=k).value == dict(expected)[k]


# --- the page sends one live view, and a grid only when asked --------------------------------


class _Page:
    """As much of a page (xentviz/ui/session.py) as live.watch uses."""

    name = "playground"
    state = PlaygroundState()

    @staticmethod
    def key(*parts):
        return ".".join(("playground", *map(str, parts)))


class _Tally:
    """What live.watch sent, with the browser's request ``want``; the session's settings in a
    dict of its own."""

    def __init__(self, monkeypatch, want, settings=None, played=None):
        self.sent, self.want, self.played = [], want, played
        self.settings = Settings() if settings is None else settings
        monkeypatch.setattr(live.charts, "send", self.send)
        monkeypatch.setattr(live.charts, "send_bytes", self.send_bytes)
        monkeypatch.setattr(live, "settings", lambda: self.settings)

    def send(self, kind, key, payload, **callbacks):
        self.sent.append((key, json.loads(dumps({"kind": kind, **payload}))))
        return type("Answer", (), {"want": self.want})

    def send_bytes(self, key, data, **callbacks):
        self.sent.append((key, json.loads(data)))
        return type("Answer", (), {"played": self.played})

    def watch(self, page=None, tile=64):
        self.sent.clear()
        live._watch(  # what live.watch's fragment draws
            page or _Page, {"logits": [(-10.0, 10.0)] * 4}, controls.view_of("playground"),
            "playground.lesson", (), tile,
        )  # fmt: skip
        return self.sent


@pytest.mark.parametrize(
    "want",
    [None, -1, 4, 99, "1", 1.0, True, [1], {"i": 1}, 10**30, [0, 4], [4, 0], [1, -1],
     [1.0, 1], [True, 1], [1, 2**40], [1, 1, 1], [0, 0], [3, 1], [2, 3]],
)  # fmt: skip
def test_only_the_browsers_own_request_draws_a_grid(monkeypatch, want):
    """A client can send any trigger value: only [slider, tile] (two ints, in range) draws a
    tile, and then that slider's; anything else draws the page's live view alone."""
    tally = _Tally(monkeypatch, want)
    sent = tally.watch()
    asked = (
        type(want) is list and len(want) == 2 and all(type(x) is int for x in want)
        and 0 <= want[0] < 4 and 0 <= want[1] < 4
    )  # fmt: skip
    assert [key for key, _ in sent] == ["playground.live"] + ["playground.grid"] * asked
    if asked:
        i, t = want
        slider = sent[0][1]["sliders"][i]
        assert (sent[1][1]["slider"], sent[1][1]["tile"]) == (i, t)
        assert slider == sent[1][1]["sliders"][i]
        where = live.Lattice(-10.0, 10.0, 0.1, 64)
        held = np.frombuffer(base64.b64decode(sent[1][1]["grid"]["values"]), "<f8")
        np.testing.assert_array_equal(held, where.values(t))


class _TrainingPage:
    """As much of the training page as live.play uses, a run of 120 steps shown at step 50."""

    name = "training"
    state = TrainingState(steps=120, at=50)

    @staticmethod
    def key(*parts):
        return ".".join(("training", *map(str, parts)))


def _play(played=None):
    frames = player.frames(_TrainingPage.state)
    views = controls.view_of("training")
    return live.play(_TrainingPage, "at", frames, views, "training.lesson", "training.stop", 0.03)


@pytest.mark.parametrize(
    "played", [None, "60", True, [60], -1, 10**30, 1e300, float("nan"), 53.0, 60.5, 121, 0,
               60, 60.0, 120, 50],
)  # fmt: skip
def test_a_run_plays_in_the_browser_and_only_a_step_it_shows_stops_it(monkeypatch, played):
    """Run sends the run's frames once, as a grid along the step (every stride steps from the
    step shown, and the last); the browser's report of where it stopped is taken only when it
    is one of them (or the step it started from): any other value a client sends plays on."""
    tally = _Tally(monkeypatch, None, played=played)
    reached = _play(played)
    [(key, sent)] = tally.sent
    assert key == "training.play" and sent["kind"] == "play" and sent["tick"] == 30
    frames = player.frames(_TrainingPage.state)
    held = np.frombuffer(base64.b64decode(sent["grid"]["values"]), "<f8")
    np.testing.assert_array_equal(held, frames)
    assert frames[0] == 50 + player.stride(120) and frames[-1] == 120
    steps = {float(v) for v in frames} | {50.0}
    known = type(played) in (int, float) and float(played) in steps
    assert reached == (float(played) if known else None)


@pytest.mark.slow
def test_a_hall_on_one_link_plays_a_run_computed_once(monkeypatch):
    """Two hundred sessions pressing Run on the same link: the run's frames are computed once
    and the same bytes sent to each."""
    live._shared_tile.clear()
    made = []
    real = live.grid
    monkeypatch.setattr(live, "grid", lambda *a, **k: made.append(1) or real(*a, **k))
    sent = set()
    for _ in range(200):
        tally = _Tally(monkeypatch, None)
        _play()
        sent.add(json.dumps(tally.sent[0][1]))
    assert len(made) == 1 and len(sent) == 1


def test_a_hall_on_one_link_computes_each_tile_once(monkeypatch):
    """Two hundred sessions holding the same link, each asking for the same tile: it is
    computed once and the same bytes are sent to each. A session whose state differs only in
    the dragged slider's value shares it too; another state gets its own."""
    live._shared_tile.clear()
    computed = []
    real = live.grid

    def counted(*args):
        computed.append(args[3])
        return real(*args)

    monkeypatch.setattr(live, "grid", counted)
    answers = set()
    for _ in range(200):  # each session its own settings: none is rate-limited
        tally = _Tally(monkeypatch, [1, 1])
        answers.add(dumps(tally.watch()[1][1]))
    assert len(computed) == 1 and len(answers) == 1

    class Moved(_Page):
        state = PlaygroundState(logits=(3.2, 5.0, 0.2, 0.8))

    class Other(_Page):
        state = PlaygroundState(temperature=2.0)

    _Tally(monkeypatch, [1, 1]).watch(Moved)
    assert len(computed) == 1  # the same tile: cat's own value is not part of it
    _Tally(monkeypatch, [1, 1]).watch(Other)
    assert len(computed) == 2


def test_the_shared_tiles_are_bounded(monkeypatch):
    """The cache keeps at most MAX_TILES tiles: the least recently used goes first, so a hall's
    tiles stay while a client cycling through links makes it recompute only its own."""
    live._shared_tile.clear()
    computed = []
    monkeypatch.setattr(live, "grid", lambda *args: computed.append(args) or {"n": 1})

    def tile(n):
        return live._shared_tile("p", f"token{n}", 0, None, None, None, None, None)

    for n in range(live.MAX_TILES + 50):
        assert tile(n) == b'{"n":1}'
    assert len(computed) == live.MAX_TILES + 50
    tile(live.MAX_TILES + 49)
    assert len(computed) == live.MAX_TILES + 50  # the latest are kept
    tile(0)
    assert len(computed) == live.MAX_TILES + 51  # the oldest went
    live._shared_tile.clear()


def test_a_session_asking_too_often_is_told_to_wait(monkeypatch):
    """A session gets GRID_BURST tiles at once, then GRIDS_PER_SECOND a second: a request
    beyond is not computed; the answer says in how many ms to ask again (never an error)."""
    live._shared_tile.clear()
    now = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: now[0])
    settings = Settings()
    answers = []
    for n in range(live.GRID_BURST + 3):
        tally = _Tally(monkeypatch, [n % 4, n % 4], settings)
        answers.append(tally.watch()[1][1])
    assert all("grid" in a for a in answers[: live.GRID_BURST])
    late = answers[live.GRID_BURST :]
    assert all("grid" not in a and 0 < a["retry"] <= 1000 / live.GRIDS_PER_SECOND for a in late)
    now[0] += late[-1]["retry"] / 1000  # once the wait it was told is over, it may ask again
    assert "grid" in _Tally(monkeypatch, [0, 0], settings).watch()[1][1]
    other = _Tally(monkeypatch, [0, 1])  # another session is not held back
    assert "grid" in other.watch()[1][1]


def test_the_playground_watches_each_logit_slider_its_temperature_and_smoothing():
    at = AppTest.from_file(str(support.ROOT / "app.py"), default_timeout=30).run()
    drawn = support.views(at)
    watch = drawn["playground.live"]
    assert watch["kind"] == "live" and watch["page"] == "playground"
    assert [s["cls"] for s in watch["sliders"]] == [
        *(f"st-key-playground-logits-{i}" for i in range(4)),
        "st-key-playground-temperature",
        "st-key-playground-smoothing",
    ]
    # The temperature's select slider reports the index of its stop (T = 1 is stop 13 of 27).
    assert [s["value"] for s in watch["sliders"]] == [3.2, 1.3, 0.2, 0.8, 13.0, 0.0]
    assert T_STOPS[13] == 1.0 and watch["sliders"][4]["last"] == len(T_STOPS) - 1
    assert watch["sliders"][5]["per"] == 100 and watch["sliders"][5]["last"] == 99
    assert len({s["token"] for s in watch["sliders"]}) == 6
    assert "grid" not in watch and "playground.grid" not in drawn  # not asked for
    named = {v["name"] for v in drawn.values() if v["kind"] in ("chart", "numbers")}
    assert named == set(
        controls.view_of("playground")(PlaygroundState())
    )  # every view can be previewed
    for i in range(4):  # the slider each entry names is there
        assert at.slider(key=f"playground.logits.{i}").value == watch["sliders"][i]["value"]


# --- in a real browser ----------------------------------------------------------------------

SHOWN = """() => {
  const gd = (name) => document.querySelector(`.st-key-playground-chart-${name} .js-plotly-plot`);
  return {
    value: document.querySelector('.st-key-playground-logits-1 input[type=range]').value,
    q: gd('q').data[0].y, loss: gd('loss').data[0].y, logits: gd('logits').data[0].y,
    numbers: [...document.querySelectorAll('.xv-number-value')].map((e) => e.innerText),
    dimmed: (() => {  // the text about the old state dimmed, the views and sliders not
      const scope = document.querySelector('.st-key-playground-lesson');
      const faint = (el) => getComputedStyle(el).opacity === '0.35';
      const boxes = [...scope.querySelectorAll('[data-testid="stElementContainer"]')];
      const kept = boxes.filter((el) => el.querySelector('.xv-live, [data-testid="stSlider"]'));
      const rest = boxes.filter((el) => !kept.includes(el) && el.innerText.trim());
      return scope.hasAttribute('data-xv-preview') && rest.length > 0 && rest.every(faint)
        && !kept.some(faint);
    })(),
    nodes: ['q', 'logits', 'loss', 'gradient'].map((n) => gd(n).dataset.tag || null),
    sight: Object.fromEntries(['q', 'logits', 'loss', 'headline'].map((n) => [
      n === 'headline' ? 'numbers' : n,
      window.xentviz.pages.get('playground').views.get(n).inSight,
    ])),
  };
}"""
TAG = """() => ['q', 'logits', 'loss', 'gradient'].forEach((n) => {
  document.querySelector(`.st-key-playground-chart-${n} .js-plotly-plot`).dataset.tag = n;
})"""


def core(cat: float, state: PlaygroundState | None = None) -> dict:
    """What the server draws with cat's logit at ``cat`` (in ``state``, else the seed's)."""
    state = state or PlaygroundState()
    shown = sent(controls.view_of("playground")(replace(state, logits=(3.2, cat, 0.2, 0.8))))
    return {
        "q": shown["q"]["data"][0]["y"],
        "loss": shown["loss"]["data"][0]["y"],
        "logits": shown["logits"]["data"][0]["y"],
        "numbers": [value for _, value, _ in shown["headline"]],
    }


def ready(page, url):
    page.goto(url)
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot').length >= 4"
        " && document.querySelector('.xv-number-value')",
        timeout=TIMEOUT,
    )
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    page.evaluate(TAG)
    return page.locator(".st-key-playground-logits-1 input[type=range]")


def wait_for_grid(page, name="playground", i=1, value=None):
    """Until a tile holds slider i's position at ``value`` (its value if None)."""
    page.wait_for_function(
        "([name, i, value]) => window.xentviz?.holds(name, i, value)",
        arg=[name, i, value],
        timeout=TIMEOUT,
    )


def at_thumb(page, name="playground", i=1):
    """Until a tile holds where slider i's thumb is, no run (the request for the next tile) is
    under way nor fading out, and the preview has had a frame to draw it (a drag across a
    tile's end waits for the next tile)."""
    page.wait_for_function(
        "([name, i]) => { const s = window.xentviz.pages.get(name).sliders[i];"
        " const input = document.querySelector(`.${s.cls} input[type=range]`);"
        " const app = document.querySelector('[data-testid=stApp]');"
        " return app.getAttribute('data-test-script-state') === 'notRunning'"
        # Streamlit fades a run's stale elements in and out: none is fading.
        " && document.getAnimations().every((a) => !(a instanceof CSSTransition)"
        "    || a.playState !== 'running')"
        " && window.xentviz.holds(name, i, Number.parseFloat(input.value)); }",
        arg=[name, i],
        timeout=TIMEOUT,
    )
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def assert_core(shown, cat, dragging=False, state=None):
    """What ``shown`` holds is the server's drawing with cat at ``cat``; while a drag goes on,
    for the views in sight (one out of sight catches up when it comes into sight). Returns the
    views checked."""
    expected = core(cat, state)
    checked = [k for k in ("q", "loss", "logits", "numbers") if shown["sight"][k] or not dragging]
    for key in checked:
        assert shown[key] == expected[key], (cat, key, shown[key], expected[key])
    return checked


def catch_up(page, value, state=None):
    """Scrolled into sight while the drag holds, each view out of sight shows ``value``."""
    expected = core(float(value), state)
    for name, key in (("loss", "loss"), ("headline", "numbers"), ("q", "q")):
        page.evaluate(
            "(n) => window.xentviz.pages.get('playground').views.get(n).el.scrollIntoView()", name
        )
        page.wait_for_function(
            f"([key, want]) => JSON.stringify(({SHOWN})()[key]) === JSON.stringify(want)",
            arg=[key, expected[key]],
            timeout=TIMEOUT,
        )


# Every chart whose last frame the preview drew quickly (drawNumbers, static/xentviz/chart.js):
# its drawing (plotly's data layer: each element's class, geometry, style and text; a trace's
# random id and the ids a fill refers to left out), then Plotly.react's full drawing of the same
# figure (fresh arrays: react recalculates and redraws them) in the same chart. The same: the
# same elements, classes, styles and text, and geometry within half a pixel (react itself,
# given the same figure again, can move a subplot by a hundredth of a pixel as its automatic
# margins settle). A chart Plotly.react drew is plotly's drawing already. [name, frames the
# preview drew quickly, same, first difference].
PLOTLY_DRAWS_THE_SAME = """async () => {
  const layer = (gd) => [...gd.querySelectorAll('.overplot *')].map((el) => [
    [el.tagName, el.getAttribute('class')?.replace(/\\btrace[0-9a-f]{6}\\b/, ''),
      el.getAttribute('style')?.replace(/url\\("#[^"]*"\\)/g, 'url()'),
      el.tagName === 'text' ? el.textContent : null].join('|'),
    ['d', 'transform', 'x', 'y'].map((a) => el.getAttribute(a) ?? '').join('|'),
  ]);
  const number = /-?\\d*\\.?\\d+(?:e[-+]?\\d+)?/gi;
  const near = (a, b) => {
    const [x, y] = [a.match(number) ?? [], b.match(number) ?? []];
    return a.replace(number, '#') === b.replace(number, '#') && x.length === y.length
      && x.every((v, i) => Math.abs(Number(v) - Number(y[i])) <= 0.5);
  };
  const out = [];
  for (const view of window.xentviz.charts.values()) {
    const gd = view.gd;
    if (!gd.isConnected || view.how !== 'quick' || view.busy) continue;
    const mine = layer(gd);
    await Plotly.react(gd, structuredClone(view.drawn.data), gd.layout);
    const theirs = layer(gd);
    const at = mine.findIndex((row, i) => !theirs[i] || row[0] !== theirs[i][0]
      || !near(row[1], theirs[i][1]));
    const name = gd.closest('[class*="-chart-"]').className.match(/-chart-([a-z]+)/)[1];
    out.push([name, view.quick ?? 0, mine.length === theirs.length && at < 0,
      at < 0 ? null : [mine[at], theirs[at]]]);
  }
  return out;
}"""


def assert_plotly_draws_the_same(page) -> dict[str, int]:
    """Every chart on the page is drawn as plotly itself draws the figure it shows; returns the
    frames each chart's preview drew without plotly's full pipeline (drawNumbers)."""
    compared = page.evaluate(PLOTLY_DRAWS_THE_SAME)
    for name, quick, same, diff in compared:
        assert same, (name, quick, diff)
    return {name: quick for name, quick, _, _ in compared}


@pytest.mark.browser
def test_each_preview_frame_is_plotlys_own_drawing_of_its_state(page, app_url):
    """Frame by frame during a real drag (each move of the pointer a new state), every chart's
    bars, labels and markers are where plotly's full drawing (Plotly.react) of the same figure
    puts them: the preview's quick frames (no defaults pass) never draw what plotly would not.
    And on release, the server's answer drawn, still."""
    thumb = ready(page, app_url)
    box = thumb.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    wait_for_grid(page)
    page.mouse.down()
    values, quick = set(), {}
    # Right, past the grid's tile and the "predicted" marker's move to cat, then back left.
    for step in [*range(1, 13), *range(11, -6, -2)]:
        page.mouse.move(box["x"] + box["width"] * (0.5 + step / 60), y)
        at_thumb(page)
        shown = page.evaluate(SHOWN)
        values.add(shown["value"])
        assert_core(shown, float(shown["value"]), dragging=True)
        quick = assert_plotly_draws_the_same(page)
        assert {"q", "logits"} <= set(quick), quick  # the two beside the slider, each frame
    assert len(values) >= 15, values
    assert quick["q"] >= 15 and quick["logits"] >= 15, quick
    page.mouse.up()
    last = shown["value"]
    support.linked(page, f"logits=3.2,{last},0.2,0.8")
    page.wait_for_function(
        "!document.querySelector('.st-key-playground-lesson').hasAttribute('data-xv-preview')",
        timeout=TIMEOUT,
    )
    assert_core(page.evaluate(SHOWN), float(last))
    assert not assert_plotly_draws_the_same(page)  # the server's answer: Plotly.react's drawing


@pytest.mark.browser
def test_a_drag_moves_every_chart_and_number_with_the_cores_values(page, app_url):
    """While the pointer holds cat's thumb, every chart and headline number follows it, each
    state the one the server draws for that value; nothing is rebuilt, and on release the
    server draws the same numbers."""
    thumb = ready(page, app_url)
    box = thumb.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)  # near: the grid is asked for
    wait_for_grid(page)
    page.mouse.down()
    states = []
    for step in range(1, 16):
        page.mouse.move(box["x"] + box["width"] * (0.5 + step / 40), y)
        page.wait_for_timeout(60)  # pacing: a hand's drag, not a time to settle
        at_thumb(page)
        states.append(page.evaluate(SHOWN))
    during = {s["value"]: s for s in states if not s["value"].startswith("1.3")}
    assert len(during) >= 8, [s["value"] for s in states]
    checked = set()
    for value, shown in during.items():  # the server has not answered: only the pointer moved
        checked.update(assert_core(shown, float(value), dragging=True))
        assert shown["dimmed"]  # what the page says about the old state waits for the server
    # The chart beside the slider and the two under it (logits, loss) at 1366 x 768, all in sight.
    assert {"q", "logits", "loss"} <= checked
    # The headline is below, out of sight: scrolled to, it catches up (and so does each view).
    assert not states[-1]["sight"]["numbers"]
    catch_up(page, states[-1]["value"])
    page.mouse.up()
    last = states[-1]["value"]
    support.linked(page, f"logits=3.2,{last},0.2,0.8")  # the link
    page.wait_for_function(
        "!document.querySelector('.st-key-playground-lesson').hasAttribute('data-xv-preview')",
        timeout=TIMEOUT,
    )
    after = page.evaluate(SHOWN)
    assert_core(after, float(last))
    assert after["nodes"] == ["q", "logits", "loss", "gradient"]  # the same nodes throughout
    assert not after["dimmed"] and page.locator("[data-xv-dim]").count() == 0


SIDEBAR_SHOWN = """([cls]) => {
  const gd = (name) => document.querySelector(`.st-key-playground-chart-${name} .js-plotly-plot`);
  return {
    value: document.querySelector(`.${cls} input[type=range]`).value,
    q: gd('q').data[0].y, loss: gd('loss').data[0].y,
    numbers: [...document.querySelectorAll('.xv-number-value')].map((e) => e.innerText),
    sight: Object.fromEntries(['q', 'loss', 'headline'].map((n) => [
      n === 'headline' ? 'numbers' : n,
      window.xentviz.pages.get('playground').views.get(n).inSight,
    ])),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("field", ["temperature", "smoothing"])
def test_the_sidebars_temperature_and_smoothing_drags_preview_the_cores_values(
    page, app_url, field
):
    """Dragging the temperature (a select slider: its input reports the stop's index) or the
    label smoothing in the sidebar: the q and loss charts and the headline numbers in sight are
    the core's at each value the thumb passes, drawn as plotly draws them; on release the
    server draws the same."""
    ready(page, app_url)
    cls = live.css_class(f"playground.{field}")
    page.evaluate(f"document.querySelector('.{cls}').scrollIntoView({{block: 'center'}})")
    box = page.locator(f".{cls} input[type=range]").locator("xpath=../..").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    width = page.locator(f".{cls}").bounding_box()["width"]
    n = 4 if field == "temperature" else 5
    page.mouse.move(x, y)
    wait_for_grid(page, "playground", n)

    def state_at(value: str) -> PlaygroundState:
        moved = T_STOPS[int(value)] if field == "temperature" else float(value)
        return replace(PlaygroundState(), **{field: moved})

    def expected(value: str) -> dict:
        shown = sent(controls.view_of("playground")(state_at(value)))
        return {
            "q": shown["q"]["data"][0]["y"],
            "loss": shown["loss"]["data"][0]["y"],
            "numbers": [v for _, v, _ in shown["headline"]],
        }

    page.mouse.down()
    values = set()
    for step in range(1, 9):
        page.mouse.move(x + step * width / 24, y)
        at_thumb(page, "playground", n)
        shown = page.evaluate(SIDEBAR_SHOWN, [cls])
        values.add(shown["value"])
        want = expected(shown["value"])
        in_sight = [k for k in want if shown["sight"][k]]
        assert "q" in in_sight, shown["sight"]  # beside the sidebar, at 1366 x 768
        for key in in_sight:  # a view out of sight catches up when it comes into sight
            assert shown[key] == want[key], (key, shown["value"])
        assert "q" in assert_plotly_draws_the_same(page)
    assert len(values) >= 4, values
    page.mouse.up()
    last = shown["value"]
    page.wait_for_function(  # the server's answer: its live view holds the new value
        "([n, v]) => window.xentviz.pages.get('playground').sliders[n].value === v",
        arg=[n, float(last)],
        timeout=TIMEOUT,
    )
    support.later_fresh(page)
    after = page.evaluate(SIDEBAR_SHOWN, [cls])
    del after["sight"]
    assert after == {"value": last, **expected(last)}


@pytest.mark.browser
def test_a_key_press_shows_the_new_numbers_at_once_and_keeps_the_charts(page, app_url):
    thumb = ready(page, app_url)
    thumb.focus()  # focused: the grid is asked for
    wait_for_grid(page)
    for key, value in (("ArrowRight", "1.4"), ("ArrowRight", "1.5"), ("ArrowLeft", "1.4")):
        page.keyboard.press(key)
        page.wait_for_function(
            f"(q) => ({SHOWN})().q.every((x, i) => x === q[i])",
            arg=core(float(value))["q"],
            timeout=TIMEOUT,
        )
        support.linked(page, f"logits=3.2,{value},0.2,0.8")
        shown = page.evaluate(SHOWN)
        assert shown["value"] == value
        assert_core(shown, float(value))
        assert shown["nodes"] == ["q", "logits", "loss", "gradient"]


FRAMES = """() => {
  window.__frames = [];
  const input = document.querySelector('.st-key-playground-logits-1 input[type=range]');
  const gd = document.querySelector('.st-key-playground-chart-q .js-plotly-plot');
  const frame = () => {
    window.__frames.push([input.value, JSON.stringify(gd.data[0].y)]);
    if (window.__frames.length < 400) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""


@pytest.mark.browser
def test_fast_key_presses_never_show_a_state_the_thumb_has_left(page, app_url):
    """Keys pressed faster than the server answers: the server's answer to an earlier press
    arrives while the thumb is already further on. Frame by frame, the q chart shows the
    core's q for where the thumb is or lately was, never going back to a value it has left."""
    thumb = ready(page, app_url)
    thumb.focus()
    wait_for_grid(page)
    page.evaluate(FRAMES)
    page.wait_for_function("window.__frames.length >= 6", timeout=TIMEOUT)  # frames at the start
    for key in ["ArrowRight"] * 8 + ["ArrowLeft"] * 5:
        page.keyboard.press(key)
        page.wait_for_timeout(45)  # pacing: presses faster than the server answers
    support.linked(page, "logits=3.2,1.6,0.2,0.8")
    page.wait_for_function("window.__frames.length >= 400", timeout=TIMEOUT)
    frames = page.evaluate("window.__frames")
    q = {v: core(float(v))["q"] for v in {v for v, _ in frames}}  # the core's, per value held
    since = 0  # the earliest frame whose thumb value the chart can have shown last
    for n, (_, shown) in enumerate(frames):
        # What the chart shows is where the thumb was at most 12 frames ago, and never where it
        # was before a value the chart has already shown (a late answer from the server).
        held = [m for m in range(max(since, n - 12), n + 1) if q[frames[m][0]] == json.loads(shown)]
        if not held:  # say, frame by frame, where the thumb was and whose q was shown
            named = {json.dumps(q[v]): v for v in q}
            path = [(v, named.get(json.dumps(json.loads(y)), "?")) for v, y in frames[: n + 1]]
            pytest.fail(f"frame {n}: {path}")
        since = held[0]
    assert frames[-1][0] == "1.6" and json.loads(frames[-1][1]) == core(1.6)["q"]
    assert len({v for v, _ in frames}) >= 8  # the thumb went through its values


@pytest.mark.browser
def test_a_touch_drag_on_a_phone_previews_too(phone, app_url):
    thumb = ready(phone, app_url)
    thumb.scroll_into_view_if_needed()
    box = thumb.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    touch = phone.context.new_cdp_session(phone)

    def send(kind, x=None):
        points = [] if x is None else [{"x": x, "y": y}]
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    send("touchStart", x)  # no hover on a phone: touching asks for the grid
    wait_for_grid(phone)
    values = set()
    for step in range(1, 10):
        send("touchMove", x + step * 6)
        phone.wait_for_timeout(80)  # pacing: a finger's drag, not a time to settle
        at_thumb(phone)
        shown = phone.evaluate(SHOWN)
        if shown["value"] != "1.3":
            assert_core(shown, float(shown["value"]), dragging=True)
            values.add(shown["value"])
    assert len(values) >= 3, values
    catch_up(phone, shown["value"])  # the charts are below the sliders on a phone
    send("touchEnd")


@pytest.mark.browser
def test_a_slider_widened_by_a_link_previews_near_its_value(page, app_url):
    """cat at 500 from a link: its slider runs to 500 (5,101 positions), and a drag there
    previews the core's numbers from the tiles near 500."""
    ready(page, f"{app_url}/?logits=3.2,500,0.2,0.8&target=1")
    thumb = page.locator(".st-key-playground-logits-1 input[type=range]").locator("xpath=../..")
    box = thumb.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    wait_for_grid(page)
    page.mouse.down()
    seen = set()
    for step in range(1, 7):
        page.mouse.move(x - 2 * step, y)
        page.wait_for_timeout(80)  # pacing: a hand's drag, not a time to settle
        at_thumb(page)
        shown = page.evaluate(SHOWN)
        value = float(shown["value"])
        if value < 500:
            assert "q" in assert_core(shown, value, True, PlaygroundState(target=1))
            seen.add(value)
    catch_up(page, shown["value"], PlaygroundState(target=1))
    page.mouse.up()
    assert len(seen) >= 2, seen


OTHER_SHOWN = """([page, cls]) => ({
  value: document.querySelector(`.${cls} input[type=range]`).value,
  views: Object.fromEntries([...window.xentviz.pages.get(page).views].map(([name, v]) => [name, {
    inSight: v.inSight,
    dim: !!v.el.closest('[data-xv-dim]'),
    shown: v.el.classList.contains('xv-numbers')
      ? [...v.el.querySelectorAll('.xv-number-value')].map((e) => e.innerText)
      : v.el.classList.contains('xv-sentence') ? v.el.textContent
      : v.el.data.map((t) => t.z ?? t.y),
  }])),
})"""


DRAGS = {  # page: the sliders dragged in a browser, as (field, item or None, the slider's place)
    "binary": [("z", None, 0)],
    "encoding": [("logits", 1, 1), ("scale", None, 5)],
    "loss": [("logits", 0, 0)],
    "gradients": [("logits", 1, 1)],
    "training": [("at", None, 0)],
}


def other_core(name, state, field, i, value):
    page_views = OTHER_PAGES[name][0]
    shown = sent(page_views(live._moved(state, field, i, value)))
    return {
        view: got  # a sentence (the training page's step shown)
        if isinstance(got, str)
        else [v for _, v, _ in got]
        if isinstance(got, list)
        else [t.get("z", t.get("y")) for t in got["data"]]
        for view, got in shown.items()
    }


@pytest.mark.browser
@pytest.mark.parametrize(
    "name, field, i, n", [(name, *drag) for name in OTHER for drag in DRAGS.get(name, [])]
)
def test_a_drag_on_the_other_pages_previews_the_cores_values(page, app_url, name, field, i, n):
    """The binary page's z slider, the encodings page's cat and scale sliders (steps of 0.1
    and 0.05): during a real drag, each view in sight is the core's at the thumb's value, drawn
    as plotly draws it; one out of sight catches up when scrolled to; on release the server
    draws the same."""
    state = OTHER_PAGES[name][1]()
    key = f"{name}.{field}" if i is None else f"{name}.{field}.{i}"
    cls = live.css_class(key)
    page.goto(f"{app_url}/{name}")
    thumb = page.locator(f".{cls} input[type=range]")
    thumb.wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=TIMEOUT
    )
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    page.evaluate(f"document.querySelector('.{cls}').scrollIntoView({{block: 'center'}})")
    box = thumb.locator("xpath=../..").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    wait_for_grid(page, name, n)
    page.mouse.down()
    checked, values = set(), set()
    # Towards the other end from a thumb at its slider's end (the training page's last step).
    sign = -1 if thumb.input_value() == thumb.get_attribute("max") else 1
    for step in range(1, 9):
        page.mouse.move(x + sign * step * 7, y)
        page.wait_for_timeout(80)  # pacing: a hand's drag, not a time to settle
        at_thumb(page, name, n)
        shown = page.evaluate(OTHER_SHOWN, [name, cls])
        expected = other_core(name, state, field, i, float(shown["value"]))
        values.add(shown["value"])
        assert_plotly_draws_the_same(page)
        for view, got in shown["views"].items():
            if view not in expected:  # a view the preview leaves still: dimmed meanwhile
                assert got["dim"], (view, shown["value"])
            elif got["inSight"]:
                assert got["shown"] == expected[view], (view, shown["value"])
                checked.add(view)
    assert len(values) >= 4 and checked, (values, checked)
    hidden = [v for v, got in shown["views"].items() if not got["inSight"] and v in expected]
    for view in hidden[:1]:  # scrolled to while the pointer holds: it catches up
        page.evaluate(
            "([p, v]) => window.xentviz.pages.get(p).views.get(v).el.scrollIntoView()", [name, view]
        )
        page.wait_for_function(
            f"([args, view, want]) => JSON.stringify(({OTHER_SHOWN})(args).views[view].shown)"
            " === JSON.stringify(want)",
            arg=[[name, cls], view, expected[view]],
            timeout=TIMEOUT,
        )
    page.mouse.up()
    last = float(shown["value"])
    page.wait_for_function(  # the server's answer: its live view now holds the new value
        "([page, n, v]) => window.xentviz.pages.get(page).sliders[n].value === v",
        arg=[name, n, last],
        timeout=TIMEOUT,
    )
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # its run's charts, drawn
    after = page.evaluate(OTHER_SHOWN, [name, cls])
    expected = other_core(name, state, field, i, last)
    for view, got in after["views"].items():
        assert not got["dim"], view
        if view in expected:
            assert got["shown"] == expected[view], (view, last)


def test_a_grid_over_its_budget_leaves_its_largest_views_still(monkeypatch):
    """A grid never nears Streamlit's 1 MB message limit: past the budget its largest views are
    left out (the page dims them while the thumb moves), the rest as always."""
    state = LossState()
    values = live.Lattice(-10, 10, 0.1, 64).values(1)
    whole = sent(live.grid(state, "logits", 2, values, controls.of("loss").preview))
    assert whole["still"] == []
    monkeypatch.setattr(live, "GRID_BUDGET", 20_000)
    cut = sent(live.grid(state, "logits", 2, values, controls.of("loss").preview))
    assert cut["still"] and not set(cut["still"]) & set(cut["base"])
    assert set(cut["base"]) | set(cut["still"]) == set(whole["base"])
    assert len(dumps(cut)) < 20_000 + 2_000  # the budget, and the positions' values
    for name in cut["base"]:
        assert cut["columns"].get(name) == whole["columns"].get(name)


TWELVE = tuple(f"class {i}" for i in range(12))
HEAVY = {  # page: states whose views are the largest a link can make, and the sliders to drag
    "playground": [
        PlaygroundState(classes=TWELVE, logits=tuple(np.linspace(-1000, 1000, 12)), target=11,
                        temperature=0.05, smoothing=0.99),
        PlaygroundState(classes=TWELVE, logits=tuple(np.linspace(-9, 9, 12)), temperature=20.0),
    ],
    "binary": [BinaryState(), BinaryState(z=-1000.0, t=0, base="2")],
    "encoding": [EncodingState(), EncodingState(logits=(-1000.0, 1000.0, 0.0, 0.0))],
    "loss": [LossState(), LossState(classes=TWELVE, logits=tuple(np.linspace(-9, 9, 12)))],
    "gradients": [
        GradientsState(),
        GradientsState(classes=TWELVE, logits=tuple(np.linspace(-1000, 1000, 12)), target=3),
    ],
    "training": [
        TrainingState(),
        TrainingState(steps=MAX_STEPS, points=MAX_POINTS, n_classes=5, noise=NOISE_LIMIT, at=0),
    ],
}  # fmt: skip
PAGE_VIEWS = {"playground": controls.view_of("playground")} | {
    k: v[0] for k, v in OTHER_PAGES.items()
}


@pytest.mark.parametrize("name", PREVIEWING)
def test_no_tile_is_larger_than_the_budget(name):
    """On any page and link (12 classes, logits of +-1000, a widened slider), a tile's JSON
    stays under the budget: a view too large to send for every position is left still."""
    for state in HEAVY[name]:
        if name == "training":  # the step slider: whole steps
            field, value = "at", state.at
            where = live.Lattice(0, state.steps, 1, controls.of(name).TILE)
        else:
            field = "z" if name == "binary" and state.z != 0 else "logits"
            value = state.z if field == "z" else state.logits[0]
            where = live.Lattice(min(-10.0, math.floor(value)), max(10.0, math.ceil(value)),
                                 0.1, controls.of(name).TILE)  # fmt: skip
        i = None if field in ("z", "at") else 0
        for t in sorted({0, where.tile_of(value), where.tiles - 1}):
            size = len(dumps(live.grid(state, field, i, where.values(t), PAGE_VIEWS[name])))
            assert size <= live.GRID_BUDGET + 4_000, (name, state, t, size)


def test_every_page_that_previews_a_slider_is_tested_here():
    """The pages with a live preview are the registry's pages whose controls have a TILE (the
    tests above are parametrized by them): each has its entry in the tables above, so a new
    page with a preview fails here, naming the table, until it has."""
    assert "playground" in PREVIEWING
    for table, names in (("WATCHED", WATCHED), ("OTHER_STATES", OTHER_STATES),
                         ("DRAGS", DRAGS), ("HEAVY", HEAVY)):  # fmt: skip
        wanted = OTHER if table != "HEAVY" else PREVIEWING
        assert set(names) == set(wanted), (
            f"tests/test_live.py: {table} lacks or has too many "
            f"pages: {sorted(set(wanted) ^ set(names))}"
        )
