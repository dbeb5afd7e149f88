"""The page contract, executable: every page of the registry (xentviz/pages.py), opened through
AppTest at its default link and at a few states its hypothesis strategy draws, draws what the
registry and its view declare: one title and no warning; every chart, headline and sentence of
its ``view`` (ui/controls/<page>.py), each the view's own for the state, and nothing the view
does not name; its widgets under its own name, each slider setting the field it names; its state
round-tripping through the address bar and the share box; its Next link and its new terms. A
page also needs its test file and its lecture stop: a missing one fails naming it.

Every page list here comes from the registry; a page added by following CONTRIBUTING.md is
opened here without editing this file."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings

from tests import support
from tests.test_any_state import STRATEGIES
from xentviz.lesson import glossary
from xentviz.lesson.lecture import plan
from xentviz.pages import PAGES, next_of
from xentviz.state import parse, to_query
from xentviz.state.fixed import FixedState
from xentviz.ui import controls

#: A page's own test file is ``tests/test_<name>_page.py``; these pages, older than that rule,
#: are tested with others in a file of another name. A new page needs the file of its name.
TESTED_TOGETHER = {
    "playground": "test_app.py",
    "loss": "test_optimisation_pages.py",
    "gradients": "test_optimisation_pages.py",
    "training": "test_optimisation_pages.py",
    "lecture": "test_path.py",
    "glossary": "test_path.py",
}
#: Two states a page (the default link is the third): each opening is a whole AppTest run.
FEW = settings(
    max_examples=support.examples(2), derandomize=True, database=None, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
NAMES = [p.name for p in PAGES]
WITH_STATE = [p for p in PAGES if p.state is not FixedState]
KINDS = {"chart", "numbers", "sentence"}  # what a view shows, as the page keys it


def view_of(page):
    """The page's view (state) -> what its charts and numbers show, or None if it has none."""
    if "ui/controls" not in page.layers:
        return None
    return getattr(controls.of(page.name), "view", None)


def check(page, at, state) -> None:
    """What the page drew in ``at`` for ``state`` agrees with the registry and its view."""
    name = page.name
    assert not at.exception, (state, at.exception)
    assert not at.warning, (state, [w.value for w in at.warning])
    assert len(at.title) == 1 and at.title[0].value, [t.value for t in at.title]

    # Its state, through the address bar and the share box.
    assert dict(at.query_params) == to_query(state), state
    if page.state is not FixedState:
        shared = [c.value for c in at.code if c.value.startswith("http")]
        assert shared, f"{name}: no share box with the page's link (url.share_box, url.share)"
        link = shared[-1]
        assert parse(parse_qs(urlsplit(link).query), page.state) == (state, None)

    # Its view: every chart, headline and sentence, the view's own, and nothing else drawn.
    drawn = {
        key.split(".", 2)[2]: got
        for key, got in support.views(at).items()
        if key.startswith(f"{name}.") and key.split(".")[1] in KINDS
    }
    view = view_of(page)
    if view is not None:
        shown = view(state)
        assert set(drawn) == set(shown), f"{name}: drawn {sorted(drawn)}, view {sorted(shown)}"
        for part, value in shown.items():
            got, want = drawn[part], support.json_round_trip(value)
            if got["kind"] == "chart":
                assert got["figure"] == want, (name, part, state)
            elif got["kind"] == "numbers":
                assert got["items"] == want, (name, part, state)
            else:
                assert got["text"] == want, (name, part, state)

    # Its widgets, each under the page's name.
    widgets = [w for kind in ("slider", "number_input", "selectbox", "radio", "text_input",
                              "toggle", "checkbox", "button", "select_slider", "multiselect",
                              "segmented_control") for w in getattr(at, kind)]  # fmt: skip
    keys = [w.key for w in widgets if w.key]
    assert all(k.startswith(f"{name}.") for k in keys), [k for k in keys if "." not in k]
    assert len(keys) == len(set(keys))

    # Its Next link, to the next page of the guided path, and the terms it introduces.
    if next_of(name):
        where, words = next_of(name)
        links = {p.proto.label: p.proto.page for p in at.get("page_link")}
        assert links.get(words) == where, f"{name}: no link {words!r} to {where!r}"
    if page.terms:
        lines = [c.value for c in at.caption if c.value.startswith("New terms here")]
        assert lines, f"{name}: no caption 'New terms here' for {page.terms} (sections.head)"
        line = lines[0]
        for term in page.terms:
            assert f"[{term}](./glossary#{glossary.slug(term)})" in line, (name, term)


@pytest.mark.parametrize("page", PAGES, ids=NAMES)
def test_a_page_at_its_default_link_draws_what_it_declares(page):
    at = support.open_page(page.name)
    check(page, at, page.state())


@pytest.mark.parametrize("page", WITH_STATE, ids=[p.name for p in WITH_STATE])
def test_a_page_at_any_link_draws_what_it_declares(page):
    assert page.name in STRATEGIES, f"tests/test_any_state.py: STRATEGIES lacks {page.name!r}"

    @FEW
    @given(STRATEGIES[page.name])
    def opens(state):
        check(page, support.open_page(page.name, to_query(state)), state)

    opens()


def slider_fields(page, at):
    """The page's first slider for each field of its state: field: (item or None, its key)."""
    fields = {f.name for f in dataclasses.fields(page.state)}
    found = {}
    for slider in at.slider:
        parts = (slider.key or "").split(".")
        if len(parts) >= 2 and parts[1] in fields and parts[1] not in found:
            item = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else None
            found[parts[1]] = (item, slider.key)
    return found


@pytest.mark.parametrize("page", WITH_STATE, ids=[p.name for p in WITH_STATE])
def test_each_slider_sets_the_field_it_names(page):
    """A slider keyed ``<page>.<field>[.<i>]`` moves that field of the state, and the page then
    draws what it declares for the moved state."""
    at = support.open_page(page.name)
    for field, (item, key) in slider_fields(page, at).items():
        slider = at.slider(key=key)  # found again: a run may have changed its range
        before = parse({k: [v] for k, v in at.query_params.items()}, page.state)[0]
        low, high = slider.min, slider.max
        value = slider.value
        if isinstance(value, tuple):  # a range: its upper end
            continue
        step = slider.step or 1
        moved = value + step if value + step <= high else value - step
        assert low <= moved <= high
        slider.set_value(moved).run()
        assert not at.exception, (field, at.exception)
        after = parse({k: [v] for k, v in at.query_params.items()}, page.state)[0]
        got = getattr(after, field)
        got = got[item] if item is not None else got
        assert got == pytest.approx(moved), (field, got, moved)
        changed = {
            f.name for f in dataclasses.fields(page.state)
            if getattr(before, f.name) != getattr(after, f.name)
        }  # fmt: skip
        assert field in changed, (field, changed)
        check(page, at, after)


@pytest.mark.parametrize("name", NAMES)
def test_a_page_has_its_test_file(name):
    file = TESTED_TOGETHER.get(name, f"test_{name}_page.py")
    path = support.ROOT / "tests" / file
    assert path.is_file(), f"page {name!r} has no test file: tests/{file}"
    assert f'"{name}"' in path.read_text(), f"tests/{file} never opens the page {name!r}"


def test_the_pages_tested_together_are_pages_named_in_their_files():
    for name, file in TESTED_TOGETHER.items():
        assert name in NAMES, f"TESTED_TOGETHER names {name!r}, not a page of the registry"
        text = (support.ROOT / "tests" / file).read_text()
        assert f'"{name}"' in text, f"tests/{file} never names the page {name!r}"


@pytest.mark.parametrize("page", WITH_STATE, ids=[p.name for p in WITH_STATE])
def test_a_page_with_a_state_has_its_lecture_stop(page):
    stops = [s for s in plan() if s.page == page.name]
    assert stops, f"xentviz/lesson/lecture.py: plan() has no Stop for the page {page.name!r}"
    assert all(isinstance(s.state, page.state) for s in stops)
