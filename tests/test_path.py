"""The guided path and the lecture plan: each page ends with a link to the next idea, carrying
the classes and logits along where the next page has them; the lecture plan's prepared links open
their pages in valid states, and carry presenter mode while it is on."""

from urllib.parse import parse_qs

import pytest

from tests import support
from xentviz.app_pages import PAGES
from xentviz.lesson.lecture import NEXT, plan
from xentviz.pages import PAGES as REGISTRY
from xentviz.state import EncodingState, parse
from xentviz.state.fixed import FixedState
from xentviz.state.loss import LossState

APP = str(support.ROOT / "app.py")
STATES = {p.name: p.state for p in REGISTRY}
FIRST = REGISTRY[0].name  # the default page: its link's page is ""
#: The pages whose default state has four logits: a link of four opens them.
FOUR_LOGITS = [p.name for p in REGISTRY if len(getattr(p.state(), "logits", ())) == 4]


def run(page, params=None):
    return support.open_page(page, params)


def links(at):
    return {p.proto.label: p.proto for p in at.get("page_link")}


def test_the_path_visits_every_page_once_in_the_navigations_order():
    order = [p["url_path"] for p in PAGES]
    walked, here = [FIRST], FIRST
    while here in NEXT:
        here = NEXT[here][0]
        walked.append(here)
    assert walked == order


@pytest.mark.parametrize("page", [name for name in NEXT])
def test_each_page_ends_with_the_next_idea_in_a_valid_state(page):
    at = run(page, {"logits": "1,4,2,0"} if page in FOUR_LOGITS else None)
    where, words = NEXT[page]
    link = links(at)[words]
    assert link.page == where
    _, warning = parse(parse_qs(link.query_string), STATES[where])
    assert warning is None


def test_the_logits_travel_along_the_path():
    at = run("binary", {"classes": "a,b,c", "logits": "1,4,2"})
    link = links(at)[NEXT["binary"][1]]
    state = parse(parse_qs(link.query_string), EncodingState)[0]
    assert state.classes == ("a", "b", "c") and state.logits == (1.0, 4.0, 2.0)
    at = run("encoding", {"classes": "a,b,c", "logits": "1,4,2"})
    state = parse(parse_qs(links(at)[NEXT["encoding"][1]].query_string), LossState)[0]
    assert state.logits == (1.0, 4.0, 2.0) and (state.i, state.j) == (state.target, 1)


def test_the_lecture_plan_opens_every_stop_in_its_state():
    at = run("lecture")
    assert not at.warning
    stops = plan()
    found = [p.proto for p in at.get("page_link")]
    prepared = [p for p in found if p.label.startswith("Open: ")]
    assert len(prepared) == len(stops) >= 10
    for stop, link in zip(stops, prepared, strict=True):
        assert link.page == ("" if stop.page == FIRST else stop.page)  # "": the default
        assert link.label == f"Open: {stop.title}"
        state, warning = parse(parse_qs(link.query_string), type(stop.state))
        assert warning is None and state == stop.state
    said = [m.value for m in at.markdown if m.value.startswith("Say: ")]
    assert len(said) == len(stops)


def test_the_plans_numbers_are_the_cores():
    stops = {s.title: s for s in plan()}
    seed = stops["Softmax: logits become probabilities"]
    assert f"{seed.state.worked().q[0]:.4f}" in seed.say
    likelihood = stops["Likelihood: why the log"]
    assert (
        likelihood.state.worked().likelihood.product == 0.0
        and " computes as 0 in float64" in likelihood.say
        and " nats." in likelihood.say
    )


def test_the_lecture_plan_follows_the_guided_path_opening_each_page_in_one_run():
    """Issue 26: the plan went back to the Playground after the entropy page and put the
    likelihood before the landscape; its pages, runs of stops merged, now are the Next chain."""
    from xentviz.lesson.lecture import NEXT

    pages = [stop.page for stop in plan()]
    runs = [p for i, p in enumerate(pages) if i == 0 or pages[i - 1] != p]
    assert len(runs) == len(set(runs))  # no page opened again after another
    chain, page = [FIRST], FIRST  # the path, up to the first page with nothing to set
    while STATES[NEXT[page][0]] is not FixedState:
        page = NEXT[page][0]
        chain.append(page)
    assert runs == chain


def test_in_presenter_mode_the_prepared_links_open_in_it():
    at = run("lecture", {"present": "1"})
    for link in at.get("page_link"):
        assert parse_qs(link.proto.query_string).get("present") == ["1"], link.proto.label


@pytest.mark.slow
def test_the_glossary_defines_every_term_once_and_pages_link_their_new_ones():
    from xentviz.lesson import glossary

    names = [t.name for t in glossary.TERMS]
    assert len(set(names)) == len(names)
    wanted = {"logit", "softmax", "temperature", "entropy", "cross-entropy", "log loss",
              "KL divergence", "one-hot", "label smoothing", "Jacobian", "likelihood"}  # fmt: skip
    assert wanted <= set(names)
    at = run("glossary")
    defined = [h for h in at.subheader if h.value != "Share this exact picture"]
    assert [h.value for h in defined] == names
    assert [h.proto.anchor for h in defined] == [glossary.slug(n) for n in names]
    for term in glossary.TERMS:  # each first page names it, linked to its anchor
        page = run(term.page)
        line = next(c.value for c in page.caption if c.value.startswith("New terms here"))
        assert f"[{term.name}](./glossary#{glossary.slug(term.name)})" in line
