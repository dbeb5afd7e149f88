"""Pages in one session: each page keeps its own state when the user leaves it and comes back.

Streamlit drops a page's widget keys when the user goes to another page and keeps the rest of
the session; a page that trusted its widget keys failed on return (``st.session_state has no
attribute "T"``). The test app declares every real page and one more (tests/apps/).
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import check, key
from xentviz.app_pages import PAGES
from xentviz.state import PlaygroundState

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "tests" / "apps" / "two_pages.py"
PLAYGROUND = next(p["page"] for p in PAGES if p["url_path"] == "playground")
#: Every page but the Playground, each as the test app names it (relative to it).
OTHERS = [
    str(Path("..", "..", p["page"].relative_to(ROOT))) for p in PAGES if p["page"] != PLAYGROUND
] + ["other_page.py"]


def go(at: AppTest, page: str | Path) -> AppTest:
    """Go to ``page`` as the navigation menu does (the address bar drops the old page's
    query), and check that it ran without an exception."""
    at.query_params.clear()
    at.switch_page(str(Path(page))).run()
    assert not at.exception, at.exception
    return at


def playground_path() -> str:
    return str(Path("..", "..", PLAYGROUND.relative_to(ROOT)))


@pytest.fixture
def at():
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("other", OTHERS)
def test_playground_keeps_its_state_through_every_page(at, other):
    at.slider(key=key("logits", 1)).set_value(3.0).run()
    at.select_slider(key=key("temperature")).set_value(2.5).run()
    at.radio(key=key("base")).set_value("10").run()
    at.text_input(key=key("classes")).set_value("wolf, fox, bear, lynx").run()
    state = PlaygroundState(
        classes=("wolf", "fox", "bear", "lynx"),
        logits=(3.2, 3.0, 0.2, 0.8),
        temperature=2.5,
        base="10",
    )
    check(at, state)
    go(at, other)
    go(at, playground_path())
    check(at, state)  # the numbers, the link and the URL
    assert at.slider(key=key("logits", 1)).value == 3.0
    assert at.select_slider(key=key("temperature")).value == 2.5
    assert at.radio(key=key("base")).value == "10"
    assert at.text_input(key=key("classes")).value == "wolf, fox, bear, lynx"
    at.slider(key=key("logits", 0)).set_value(-1.0).run()  # and it still moves
    check(at, PlaygroundState(**{**state.__dict__, "logits": (-1.0, 3.0, 0.2, 0.8)}))


def test_each_page_keeps_its_own_state_under_the_same_names(at):
    """Both pages have a log base; each keeps its own, in its own widget."""
    at.radio(key=key("base")).set_value("10").run()
    go(at, "other_page.py")
    assert at.radio(key="other.base").value == "2"  # its own default, not the Playground's
    at.slider(key="other.n").set_value(42).run()
    assert dict(at.query_params) == {"n": "42"}
    go(at, playground_path())
    assert at.radio(key=key("base")).value == "10"
    go(at, "other_page.py")
    assert at.slider(key="other.n").value == 42
    assert at.markdown[0].value == "n = 42, base 2"
    assert dict(at.query_params) == {"n": "42"}  # the link is back in the address bar


def test_a_link_that_opens_a_page_replaces_what_it_remembered(at):
    at.slider(key=key("logits", 1)).set_value(3.0).run()
    go(at, "other_page.py")
    at.query_params["T"] = "0.5"
    at.switch_page(playground_path()).run()
    check(at, PlaygroundState(temperature=0.5))


def test_a_bad_link_on_return_warns_once_and_shows_the_defaults(at):
    at.slider(key=key("logits", 1)).set_value(3.0).run()
    go(at, "other_page.py")
    at.query_params["T"] = "0"
    at.switch_page(playground_path()).run()
    assert len(at.warning) == 1
    check(at, PlaygroundState())


def test_parameters_of_no_page_keep_what_the_page_remembered(at):
    """Streamlit's own embed=true, or a tracker's utm_source, are not a link to a state."""
    at.slider(key=key("logits", 1)).set_value(3.0).run()
    go(at, "other_page.py")
    at.query_params["embed"] = "true"
    at.query_params["utm_source"] = "slides"
    at.switch_page(playground_path()).run()
    assert not at.warning
    assert at.slider(key=key("logits", 1)).value == 3.0


def test_the_entropy_page_keeps_its_state_through_the_playground(at):
    from tests.test_entropy_page import key as entropy_key
    from xentviz.state import EntropyState, to_query

    entropy = str(Path("..", "..", "xentviz", "app_pages", "entropy.py"))
    go(at, entropy)
    at.number_input(key=entropy_key("counts", 2, 0)).set_value(5).run()
    at.radio(key=entropy_key("base")).set_value("e").run()
    state = EntropyState(counts=((26, 4), (14, 16), (5, 29)), base="e")
    assert dict(at.query_params) == to_query(state)
    go(at, playground_path())
    go(at, entropy)
    assert dict(at.query_params) == to_query(state)
    assert at.number_input(key=entropy_key("counts", 2, 0)).value == 5


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("entropy", {"counts": "26,4;5,25", "base": "e", "n": "300"}),
        ("binary", {"setting": "multi-label", "z": "-3", "ts": "0,1"}),
        ("encoding", {"ys": "1,1,2", "shift": "-4", "scale": "3"}),
        ("loss", {"logits": "1,3,0", "i": "2", "trail": "1,1;2,2", "T": "0.5"}),
        ("gradients", {"h": "0.001", "target": "2"}),
        ("training", {"seed": "3", "steps": "40", "at": "12", "point": "4"}),
    ],
)
def test_every_page_keeps_its_state_through_the_playground(at, page, link):
    """Opened from a link, each information page is as it was after a visit to the
    Playground, and its link is back in the address bar."""
    path = str(Path("..", "..", "xentviz", "app_pages", f"{page}.py"))
    at.query_params.clear()
    for name, value in link.items():
        at.query_params[name] = value
    at.switch_page(path).run()
    assert not at.exception and not at.warning
    kept = dict(at.query_params)
    assert kept == link
    go(at, playground_path())
    go(at, path)
    assert dict(at.query_params) == kept and not at.warning
