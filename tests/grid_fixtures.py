"""Grids of the live preview as the server sends them, with what each position must show: the
fixtures both sides of the wire are tested against (static/xentviz/PROTOCOL.md).

The Python side writes them with the real encoder (:func:`xentviz.ui.live.grid`, through the
JSON the component sends); node's test runner decodes them with the browser's own module
(``tests/js/grid.test.mjs`` imports ``static/xentviz/grid.js``). A few are kept in
``tests/js/fixtures`` (``tests/test_live.py`` checks they are what the encoder writes today;
``python -m tests.grid_fixtures`` writes them again); the broad tests of ``test_live.py`` write
theirs to a temporary folder and run node on it.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np

from xentviz.state import BinaryState, EncodingState, PlaygroundState
from xentviz.state.gradients import GradientsState
from xentviz.state.loss import LossState
from xentviz.ui import controls, live
from xentviz.ui.charts import dumps

FOLDER = Path(__file__).parent / "js" / "fixtures"


def sent(value):
    """``value`` as the browser receives it."""
    return json.loads(dumps(value))


def fixture(state, field: str, i: int | None, values, views, every: int = 7) -> dict:
    """The grid of ``views`` along ``values`` of item ``i`` of ``field``, and at every
    ``every``-th position it holds: its value and every view that moves along the grid as the
    page draws it there (a view that does not move is the grid's base all along)."""
    grid = sent(live.grid(state, field, i, np.asarray(values, dtype=float), views))
    held = np.frombuffer(base64.b64decode(grid["values"]), "<f8")
    positions = []
    for k in range(0, len(held), every):
        moved = live._moved(state, field, i, float(held[k]))
        shown = sent(views(moved))
        for n in set(grid["base"]) - set(grid["columns"]):  # not moving: the base all along
            assert shown[n] == grid["base"][n], (n, k)
        positions.append(
            {"k": k, "value": float(held[k]), "views": {n: shown[n] for n in grid["columns"]}}
        )
    return {"grid": grid, "positions": positions}


def kept() -> dict[str, dict]:
    """The fixtures kept in the repository: every kind of column (a number, a row of numbers
    with fixed and moving entries, other values by index), a view that does not move, a
    position the state refuses, and a grid over its budget with views left still."""
    twelve = tuple(f"class {i}" for i in range(12))
    where = live.Lattice(-10.0, 10.0, 0.1, controls.of("playground").TILE)
    return {
        "playground-seed": fixture(
            PlaygroundState(), "logits", 1, where.values(1), controls.view_of("playground"),
            every=33,
        ),
        "binary-logit": fixture(
            BinaryState(z=-10.0, t=0), "logits", 2, live.Lattice(-10, 10, 0.1, 32).values(1),
            controls.view_of("binary"), every=15,
        ),
        "encoding-scale-refused": fixture(
            EncodingState(scale=0.5, shift=10.0), "scale", None,
            live.Lattice(0.0, 5.0, 0.05, 64).values(0), controls.view_of("encoding"), every=20,
        ),
        "gradients-extreme": fixture(
            GradientsState(classes=twelve, logits=tuple(np.linspace(-1000, 1000, 12)), target=3),
            "logits", 0, live.Lattice(-1000, 1000, 0.1, 48).values(0),
            controls.view_of("gradients"), every=23,
        ),
        "loss-preview": fixture(
            LossState(), "logits", 0, live.Lattice(-10, 10, 0.1, 64).values(2)[:16],
            controls.view_of("loss", preview=True), every=15,
        ),
    }  # fmt: skip


def decoded_in_node(fixtures: dict[str, dict], folder: Path) -> None:
    """Write ``fixtures`` to ``folder`` and decode them with the browser's module in node;
    fails with node's report if a position decodes to anything but what the page draws."""
    node = shutil.which("node")
    assert node, "node runs the browser modules' tests: apt-get install nodejs (see .ci/run)"
    write(fixtures, folder)
    out = subprocess.run(
        [node, "--test", str(Path(__file__).parent / "js" / "grid.test.mjs")],
        env={**os.environ, "XV_GRID_FIXTURES": str(folder)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def write(fixtures: dict[str, dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in fixtures.items():
        (folder / f"{name}.json").write_text(json.dumps(content, sort_keys=True) + "\n")


if __name__ == "__main__":
    write(kept(), FOLDER)
    print(f"wrote {len(list(FOLDER.glob('*.json')))} fixtures to {FOLDER}")
