"""A lesson in two parts (xentviz/ui/sections.py lesson): a slider move reruns only what it
changes at once; the rest (the worked computation, questions, links, exports, share box) is
rerun when the browser shows it, and is never shown as current while it is drawn from an
older state."""

from __future__ import annotations

import dataclasses

import pytest

from tests import support
from tests.students import Student, in_own_loop
from xentviz.pages import PAGES, script

TIMEOUT = 60_000
LATER_ONLY = {"radio", "page_link", "download_button", "code"}  # the quiz, links, exports, share


#: The registry's lessons in two parts (a later part) whose logits have sliders.
TWO_PARTS = [
    p.name
    for p in PAGES
    if "logits" in {f.name for f in dataclasses.fields(p.state)}
    and "sections.lesson(" in script(p.name).read_text()
]


@pytest.mark.parametrize("name", TWO_PARTS)
def test_both_parts_carry_the_token_of_the_state_they_show(name):
    at = support.open_page(name)
    views = support.views(at)
    assert views[f"{name}.later"]["token"] == views[f"{name}.live"]["state"]
    before = views[f"{name}.later"]["token"]
    slider = at.slider(key=f"{name}.logits.0")
    slider.set_value(round(slider.value + 1.0, 1)).run()
    assert not at.exception
    views = support.views(at)
    assert views[f"{name}.later"]["token"] == views[f"{name}.live"]["state"] != before
    # The later part's share box holds the link of the state shown.
    assert f"{slider.value:g}" in at.code[-1].value


@pytest.mark.server
def test_a_move_reruns_only_the_first_part_and_the_browsers_request_the_rest():
    """Over the websocket, as a browser: a logit move redraws the sliders, charts and numbers
    and none of the later part; the later part's request (its trigger) redraws it alone, from
    the moved state."""

    async def student(url):
        async with Student.connect(url) as s:
            opened = await s.open()
            assert opened.later[2]["token"] == opened.live[2]["state"]
            assert set(opened.elements) >= LATER_ONLY

            moved = await s.move("cat", 2.5)
            assert not moved.errors
            assert moved.later is None and not LATER_ONLY & set(moved.elements)
            assert moved.live[2]["state"] != opened.live[2]["state"]
            assert "slider" in moved.elements

            later = await s.refresh()
            assert not later.errors
            assert later.later[2]["token"] == moved.live[2]["state"]
            assert set(later.elements) >= LATER_ONLY and "slider" not in later.elements
            assert later.live is None  # the first part is left as it is
            # The share box now holds the moved state's link.
            assert any("logits=3.2,2.5,0.2,0.8" in code for code in later.code), later.code

    with support.server(support.ROOT / "app.py") as server:
        in_own_loop(student(server.url))


# --- in the browser ----------------------------------------------------------------------------

PART = """(name) => {
  const p = window.xentviz?.pages.get(name);
  if (!p?.later) return null;
  return {state: p.state, token: p.later.token, stale: p.later.el.hasAttribute('data-xv-stale'),
          busy: p.later.el.getAttribute('aria-busy'),
          clickable: getComputedStyle(p.later.el).pointerEvents !== 'none',
          share: p.later.el.querySelector('[data-testid=stCode]')?.textContent ?? '',
          address: decodeURIComponent(window.location.search)};
}"""


def _part(page, name):
    return page.evaluate(f"({PART})({name!r})")


def _opened(page, url, name="playground"):
    page.goto(url)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    _fresh(page, name)
    return _part(page, name)


def _fresh(page, name, other_than=None):
    """Until the later part shows the state the page shows (one other than ``other_than``),
    its share box the link in the address bar (the code block is drawn after the part)."""
    page.wait_for_function(
        f"([name, old]) => {{ const s = ({PART})(name);"
        " return s && s.token === s.state && !s.stale && s.state !== old"
        " && s.share.endsWith(s.address); }",
        arg=[name, other_than],
        timeout=TIMEOUT,
    )


def _move(page, before, name="playground"):
    thumb = page.locator(f".st-key-{name}-logits-1 input[type=range]")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([name, old]) => window.xentviz.pages.get(name).state !== old"
        " && document.querySelector('[data-testid=stApp]')"
        "   .getAttribute('data-test-script-state') === 'notRunning'",
        arg=[name, before["state"]],
        timeout=TIMEOUT,
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", ["playground", "loss"])
def test_the_later_part_out_of_sight_waits_dimmed_and_is_redrawn_when_scrolled_to(
    page, app_url, name
):
    url = app_url if name == "playground" else f"{app_url}/{name}"
    before = _opened(page, url, name)
    assert not before["stale"] and before["clickable"]
    assert before["share"].endswith(before["address"])
    _move(page, before, name)
    now = _part(page, name)
    # Out of sight below the charts: drawn from the old state, so dimmed and not clickable.
    assert now["token"] == before["token"] != now["state"]
    assert now["stale"] and now["busy"] == "true" and not now["clickable"]
    page.evaluate("(n) => window.xentviz.pages.get(n).later.el.scrollIntoView()", name)
    _fresh(page, name)
    after = _part(page, name)
    assert after["clickable"] and after["busy"] == "false"
    # The share box holds the link in the address bar: the moved state's.
    assert after["share"].endswith(after["address"]) and after["address"] != before["address"]


@pytest.mark.browser
def test_the_later_part_in_sight_is_redrawn_after_a_move_by_itself(browser, app_url):
    """On a screen tall enough to show the whole lesson, the later part follows each move."""
    context = browser.new_context(viewport={"width": 1366, "height": 6000})
    try:
        page = context.new_page()
        before = _opened(page, app_url)
        _move(page, before)
        _fresh(page, "playground", other_than=before["state"])
        after = _part(page, "playground")
        assert "logits=3.2,1.4,0.2,0.8" in after["share"]
    finally:
        context.close()
