"""Exports for slides: each chart's numbers as CSV and the worked computation as LaTeX, from the
same state as the page; what a download gives is made when it is asked for, and tested here by
calling what the page registered."""

import csv
import io
import os
import re
import subprocess

import numpy as np
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from tests import support
from xentviz import softmax, softmax_cross_entropy_grad
from xentviz.app_pages import PAGES
from xentviz.figures.export import csv_text, rows
from xentviz.pages import page as registered
from xentviz.state import PlaygroundState
from xentviz.state.training import TrainingState
from xentviz.ui import controls

APP = str(support.ROOT / "app.py")


@pytest.fixture
def made(monkeypatch):
    """What each download would give, by its button's deferred id."""
    found = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        found[file_id] = (data_callable, args, kwargs)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found


def run(page, params=None):
    return support.open_page(page, params)


def downloads(at, made):
    """Each export button's file name and contents."""
    out = {}
    for button in at.get("download_button"):
        data, args, kwargs = made[button.proto.deferred_file_id]
        out[kwargs.get("file_name") or args[2]] = data()
    return out


def parsed(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("page", [p["url_path"] for p in PAGES])
def test_every_chart_of_every_page_exports_its_numbers(page, made):
    at = run(page)
    files = downloads(at, made)
    drawn = {k.split(".")[-1]: f for k, f in support.figures(at).items()}
    assert {f"{page}-{name}.csv" for name in drawn} <= set(files)
    for name, figure in drawn.items():
        text = files[f"{page}-{name}.csv"]
        assert parsed(text) and len(parsed(text)) == len(rows(figure)), name


def test_the_playground_csv_holds_the_cores_numbers(made):
    state = PlaygroundState(logits=(1.0, -2.0, 0.5, 3.0), target=2)
    at = run("playground", {"logits": "1,-2,0.5,3", "target": "2"})
    files = downloads(at, made)
    q = [r for r in parsed(files["playground-q.csv"]) if r["trace"].startswith("q")]
    assert [r["x"] for r in q] == list(state.classes)
    np.testing.assert_array_equal([float(r["y"]) for r in q], softmax(state.logits))
    # the gradient chart has a trace for each sign, 0 where the other holds the value
    summed = dict.fromkeys(state.classes, 0.0)
    for r in parsed(files["playground-gradient.csv"]):
        summed[r["x"]] += float(r["y"])
    expected = softmax_cross_entropy_grad(np.array(state.logits), 2)
    assert list(summed.values()) == list(expected)


def test_the_latex_is_the_computation_as_the_page_shows_it(made):
    at = run("playground", {"base": "2"})
    tex = downloads(at, made)["playground-computation.tex"]
    shown = [block.value.strip("$\n") for block in at.latex]
    for block in shown:
        assert f"\\[\n{block}\n\\]" in tex
    assert tex.count("\\[") == tex.count("\\]") == len(shown)
    assert tex.count("{") == tex.count("}")  # balanced, as LaTeX needs
    assert "\\log_2" in tex


def test_class_names_come_back_as_typed():
    figure = controls.view_of("playground")(
        PlaygroundState(classes=("<b>a</b>", "b&c"), logits=(1.0, 2.0))
    )["q"]
    assert {r["x"] for r in rows(figure)} == {"<b>a</b>", "b&c"}
    assert "<b>a</b>" in csv_text(figure)


def test_a_heat_map_exports_its_cells():
    figure = controls.view_of("training")(TrainingState(steps=10, at=10))["regions"]
    cells = [r for r in rows(figure) if "z" in r]
    heat = figure["data"][0]
    assert len(cells) == len(heat["x"]) * len(heat["y"])
    assert cells[1] == {"trace": heat["name"], "x": heat["x"][1], "y": heat["y"][0],
                        "z": heat["z"][0][1]}  # fmt: skip


def test_each_chart_is_described_in_words_with_the_cores_numbers():
    from xentviz.figures.export import summary

    state = PlaygroundState(logits=(2.0, 2.0, 0.0, 1.0))
    shown = controls.view_of("playground")(state)
    said = summary(shown["q"])
    q = softmax(state.logits)
    assert said.startswith("Prediction q and target p.")
    assert all(f"{name} {q[k]:.4g}" in said for k, name in enumerate(state.classes))
    assert "tied: dog, cat" in said  # the mark says what it marks, not where it stands
    regions = summary(controls.view_of("training")(TrainingState(steps=10, at=10))["regions"])
    assert "50 by 50 values from 0 to 2" in regions and "class 0: 100 points" in regions


def test_the_page_sends_each_charts_words_with_it():
    from xentviz.figures.export import summary

    at = run("playground")
    sent = support.views(at)["playground.chart.q"]
    assert sent["summary"] == summary(sent["figure"])


HOSTILE = ['=HYPERLINK("//ev.il")', "@SUM(1+1)", "+cmd", "-2+3", "＝1"]


@pytest.mark.parametrize("page", [p["url_path"] for p in PAGES])
def test_no_csv_cell_of_any_page_is_a_formula(page, made):
    """Issue 26: class and kind names went into CSV cells as typed, so a spreadsheet ran
    ``=HYPERLINK(...)``. Every text cell starting a formula is now written after a quote;
    numbers stay numbers."""
    names = ",".join(HOSTILE)
    params = {"shapes": names, "counts": "1,2,3,4,5"} if page == "entropy" else {"classes": names}
    at = run(page, params)
    files = {k: v for k, v in downloads(at, made).items() if k.endswith(".csv")}
    if {"classes", "shapes"} & set(registered(page).state.__dataclass_fields__):  # names in links
        assert any("HYPERLINK" in text for text in files.values()), page  # the names are there
    for name, text in files.items():
        for row in csv.reader(io.StringIO(text)):
            for value in row:
                try:
                    float(value)
                    continue  # a number, written as a number
                except ValueError:
                    pass
                assert not value.startswith(
                    ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
                ), (
                    name,
                    value,
                )


PDFLATEX = "/usr/bin/pdflatex"
#: Each page with LaTeX, at its default and in an edge state: 12 classes named with LaTeX's
#: special characters, logits at ±1000, T = 0.05, smoothing 0.99, bits.
TEX_LINKS = {
    "default": {},
    "edge": {
        "classes": ",".join(
            ["a_b", "50%", "#1", "x&y", "{z}", "~t", "^u", "\\v", "$w", "é", "猫", "😀"]
        ),
        "logits": ",".join(["1000", "-1000"] + ["0"] * 10),
        "T": "0.05",
        "smoothing": "0.99",
        "base": "2",
        "target": "1",
    },
}


@pytest.mark.skipif(
    not os.path.exists(PDFLATEX) and os.environ.get("CI") != "true",
    reason="pdflatex (Debian's texlive-latex-base) is not installed; .ci/run installs it",
)
@pytest.mark.parametrize("link", list(TEX_LINKS))
@pytest.mark.parametrize("page", [p["url_path"] for p in PAGES])
def test_the_exported_latex_compiles_with_pdflatex(page, link, made, tmp_path):
    """Issue 26: the .tex each page exports compiles as it is, with ``pdflatex
    -no-shell-escape`` (no package beyond texlive-latex-base), into a PDF of at least a page."""
    at = run(page, TEX_LINKS[link])
    files = downloads(at, made)
    name = f"{page}-computation.tex"
    if name not in files:
        assert page in ("lecture", "glossary", "entropy") or not at.latex, page
        return
    (tmp_path / name).write_text(files[name])
    done = subprocess.run(
        [PDFLATEX, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", name],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    pdf = (tmp_path / name).with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and re.search(r"Output written on \S+ \(\d+ pages?", done.stdout)
    assert "Missing character" not in (tmp_path / name).with_suffix(".log").read_text()
