"""The page registry (xentviz/pages.py) is the one list of pages: every page has one module per
layer named after it, and the navigation, the Next links, the glossary and the tests' page lists
agree with it."""

import ast
import dataclasses

import pytest

from tests.support import ROOT
from xentviz import pages
from xentviz.app_pages import PAGES as NAVIGATION
from xentviz.lesson import glossary
from xentviz.lesson.lecture import NEXT
from xentviz.state.fixed import FixedState

PACKAGE = ROOT / "xentviz"


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.name)
def test_a_page_has_its_module_in_every_layer(page):
    for layer in page.layers:
        path = PACKAGE / layer / f"{page.name}.py"
        assert path.is_file(), f"page {page.name!r} lacks {path.relative_to(ROOT)}"
    if page.state is FixedState:
        assert "state" not in page.layers
    else:
        assert page.state.__module__ == f"xentviz.state.{page.name}", page.state


@pytest.mark.parametrize("folder", ["app_pages", "worked", "ui/controls"])
def test_a_module_of_a_per_page_folder_is_a_page(folder):
    """Nothing in these folders but the pages' own modules (shared code lives elsewhere)."""
    names = {p.stem for p in (PACKAGE / folder).glob("*.py") if p.name != "__init__.py"}
    assert names == {p.name for p in pages.PAGES if folder in p.layers}


def test_the_navigation_is_the_registry():
    assert [p["url_path"] for p in NAVIGATION] == [p.name for p in pages.PAGES]
    assert [p["title"] for p in NAVIGATION] == [p.title for p in pages.PAGES]
    assert [p["page"] for p in NAVIGATION] == [pages.script(p.name) for p in pages.PAGES]
    assert [p.get("default", False) for p in NAVIGATION] == [True] + [False] * (
        len(pages.PAGES) - 1
    )
    app = ast.parse((ROOT / "app.py").read_text())
    assert "PAGES" in {n.id for n in ast.walk(app) if isinstance(n, ast.Name)}  # no list of its own


def test_the_guided_path_visits_every_page_in_the_registrys_order():
    order, here = [pages.PAGES[0].name], pages.PAGES[0].name
    while here in NEXT:
        here = NEXT[here][0]
        order.append(here)
    assert order == [p.name for p in pages.PAGES]
    assert all(words.startswith("Next: ") for _, words in NEXT.values())


def test_each_glossary_term_first_appears_on_one_page():
    named = [t for p in pages.PAGES for t in p.terms]
    assert sorted(named) == sorted(t.name for t in glossary.TERMS)  # each once, none unknown
    for term in glossary.TERMS:
        assert term in glossary.terms_of(term.page)


def test_an_unknown_page_or_term_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of"):
        pages.page("nowhere")
    with pytest.raises(ValueError, match="term must be"):
        pages.first_page_of("flux capacitor")


#: The registry's pages whose state has logits: each draws a slider a logit.
WITH_LOGITS = [
    p.name for p in pages.PAGES if "logits" in {f.name for f in dataclasses.fields(p.state)}
]


@pytest.mark.parametrize("name", WITH_LOGITS)
def test_every_logit_slider_has_the_one_shape(name):
    """The logit sliders' range and step are written once (xentviz/worked/__init__.py) and
    every page's logit sliders, with the live preview's lattice, read them."""
    from streamlit.testing.v1 import AppTest

    from xentviz.worked import LOGIT_SPAN, LOGIT_STEP

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if name != "playground":
        at.switch_page(f"xentviz/app_pages/{name}.py").run()
    logits = [s for s in at.slider if s.key and s.key.startswith(f"{name}.logits.")]
    assert len(logits) >= 2
    for slider in logits:
        assert (slider.min, slider.max, slider.step) == (-LOGIT_SPAN, LOGIT_SPAN, LOGIT_STEP)


def test_a_next_link_of_another_pages_state_opens_the_next_page_at_its_defaults(monkeypatch):
    """A page whose successor changed in the registry still links to it: a state of the wrong
    class (or none) is the next page's defaults, never a link the next page cannot read."""
    from xentviz.ui import sections

    opened = []
    monkeypatch.setattr(sections.st, "divider", lambda: None)
    monkeypatch.setattr(sections.url, "open_in", lambda *args, **kw: opened.append(args))

    for page in pages.PAGES:
        if not page.next:
            continue
        there = pages.page(page.next)
        other = next(p.state() for p in pages.PAGES if p.state is not there.state)
        words = pages.next_of(page.name)[1]
        for state in (other, None):  # another page's state, or none
            opened.clear()
            sections.next_idea(page, state)
            assert opened == [(str(pages.script(there.name)), words, there.state())], page.name
