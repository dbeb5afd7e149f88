"""The words a reader sees (issue 37, goal 7): no internal label (a source's file number, "the
seed's example", "the Chaurasia article") on any page; every source cited by author, title and
year, each citation made from the one list (:mod:`xentviz.lesson.sources`) and linked to the
glossary's References, which list exactly the sources cited; the glossary's formulas typeset;
the lecture plan a 50-minute lecture whose intro follows its stops.
"""

import json
import re

import pytest

from tests import support
from xentviz.lesson import glossary, lecture, sources
from xentviz.pages import PAGES, page
from xentviz.state import PlaygroundState

#: What only the project knows a source by: its number among the teaching sources ("seed 001",
#: "seeds 000 and 004"), "the seed('s)" for a source, a source named by its author and kind
#: rather than cited. A random seed ("Seed (data, first weights, batches)") is not one.
LABELS = re.compile(
    r"\bseeds?\s+\d|\bseeds?'s?(?=\s)|\bthe seeds?\b(?! \()|"
    r"\b(?:Chaurasia|Wocjan|Bahumi|Guzelkabaagac)(?:'s)?\s+(?:article|notes|slides|post)|"
    r"\bthe (?:article|post)\b",
    re.IGNORECASE,
)

#: States beside each page's default that bring out its notes on the sources: the worked
#: examples of the slides and the notes, the two logit vectors of softmax against z / Σz.
STATES = [(p.name, None) for p in PAGES] + [
    ("playground", {"base": "2"}),
    ("playground", {"classes": "cat,dog,bird", "logits": "1,2,0.5", "target": "1"}),
    ("playground", {"classes": "a,b", "logits": "2,4", "target": "0"}),
    ("playground", {"classes": "dog,cat,horse,cheetah", "logits": "4.68,1.3,0.2,0.8", "base": "2"}),
    ("entropy", {"base": "e"}),
    ("binary", {"setting": "binary"}),
    ("training", {"points": "1000", "at": "0", "n": "1000"}),
]

#: The kinds of element whose value is text (AppTest's names).
_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success",
          "error")  # fmt: skip


def _texts(at) -> list[str]:
    """Every text the page shows through Streamlit (Markdown, captions, notes, headings,
    questions) and through its own component (chart titles and labels, headline numbers)."""
    found = [e.value for kind in _KINDS for e in getattr(at, kind)]
    found += [e.label for e in at.radio] + [o for e in at.radio for o in e.options]
    found += [e.label for e in at.expander]
    found += [p.proto.label for p in at.get("page_link")]
    found += [json.dumps(v, ensure_ascii=False) for v in support.views(at).values()]
    return found


@pytest.fixture(scope="module")
def shown() -> dict[tuple[str, str], list[str]]:
    """What every page shows in each state of :data:`STATES`, by (page, query)."""
    out = {}
    for name, params in STATES:
        at = support.open_page(name, params)
        assert not at.warning, (name, params, [w.value for w in at.warning])
        out[(name, json.dumps(params))] = _texts(at)
    return out


@pytest.mark.slow
def test_no_page_shows_an_internal_label(shown):
    for where, texts in shown.items():
        for text in texts:
            found = LABELS.search(text)
            assert found is None, (where, found[0], text)


def _mentions(s: sources.Source) -> list[str]:
    """How a page could name ``s`` outside a citation: its author, or (with none) its title.
    (A title alone may be a slide's too: "slides 'Cross-Entropy Loss Function XVI'".)"""
    return [s.surname or s.title]


@pytest.mark.slow
def test_every_mention_of_a_source_is_a_citation_linked_to_the_references(shown):
    """Take every citation (as :func:`sources.cite` makes it) out of a page's words: no name
    or title of a source is left, so none is cited another way, or linked elsewhere."""
    references = {sources.reference(s) for s in sources.SOURCES}
    cited = 0
    for where, texts in shown.items():
        for text in texts:
            rest = text
            for s in sources.SOURCES:
                cited += rest.count(sources.cite(s.key))
                rest = rest.replace(sources.cite(s.key), "")
            for line in references:  # the References list itself
                rest = rest.replace(line, "")
            for s in sources.SOURCES:
                for word in _mentions(s):
                    assert word.lower() not in rest.lower(), (where, word, text)
    assert cited >= 10


def test_every_citation_names_author_title_and_year_and_links_to_the_references():
    assert sources.LINK == "./glossary#references"
    for s in sources.SOURCES:
        text = sources.cite(s.key)
        assert text.startswith("[") and text.endswith(f"]({sources.LINK})")
        assert f"“{s.title}”" in text  # quoted, not italic: no italic font on a first visit
        assert (s.surname is None) or text.startswith(f"[{s.surname}, ")
        assert f"({s.year})" in text if s.year else f"({s.kind.split(',')[0]})" in text
    assert sources.cite("chaurasia") == (
        "[Chaurasia, “Cross-Entropy Loss Function” (2023)](./glossary#references)"
    )
    with pytest.raises(ValueError, match="key must be one of"):
        sources.cite("002")


@pytest.mark.slow
def test_the_references_list_exactly_the_sources_cited(shown):
    everything = "\n".join(t for texts in shown.values() for t in texts)
    cited = {s.key for s in sources.SOURCES if sources.cite(s.key) in everything}
    assert cited == {s.key for s in sources.SOURCES}  # none listed that no page cites
    at = support.open_page("glossary")
    heading = next(h for h in at.header if h.value == "References")
    assert heading.proto.anchor == sources.ANCHOR
    listed = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert listed == ["\n".join(f"- {sources.reference(s)}" for s in sources.SOURCES)]
    for s in sources.SOURCES:  # author, title and year (or what stands in for it)
        line = sources.reference(s)
        assert f"*{s.title}*" in line and (s.author or "") in line
        assert str(s.year) in line if s.year else s.kind[1:] in line


def test_a_preset_names_a_listed_source():
    from xentviz.core.presets import CONTAINERS, LOGITS_EXAMPLES, SOFTMAX_VS_STANDARD

    keys = {s.key for s in sources.SOURCES}
    examples = [*LOGITS_EXAMPLES, SOFTMAX_VS_STANDARD, *CONTAINERS]
    assert {e.seed for e in examples} <= keys


# --- the glossary's formulas ----------------------------------------------------------------

_MATH = re.compile(r"\$[^$]+\$")
#: What is maths, not prose: TeX's sub- and superscripts and commands, and maths symbols.
_RAW = re.compile(r"[_^\\Σ∂δ‖σεΣ≥×]")


@pytest.mark.parametrize("term", glossary.TERMS, ids=lambda t: t.name)
def test_the_glossarys_formulas_are_typeset(term):
    """Streamlit typesets $...$ in Markdown; a formula outside it showed as raw e^{z_i}."""
    assert term.meaning.count("$") % 2 == 0
    prose = _MATH.sub("", term.meaning)
    assert not _RAW.search(prose), (term.name, prose)
    assert _MATH.search(term.meaning) or term.name in ("likelihood",), term.name


def test_the_glossary_page_shows_each_meaning_as_written():
    at = support.open_page("glossary")
    shown = {m.value for m in at.markdown}
    assert {t.meaning for t in glossary.TERMS} <= shown


# --- the lecture plan -----------------------------------------------------------------------


def test_the_lecture_takes_50_minutes():
    stops = lecture.plan()
    assert all(isinstance(s.minutes, int) and s.minutes > 0 for s in stops)
    assert sum(s.minutes for s in stops) == lecture.LECTURE_MINUTES == 50
    last = lecture.timing(len(stops))
    assert last.endswith(f"to {lecture.LECTURE_MINUTES} of {lecture.LECTURE_MINUTES}")


def test_the_intro_lists_the_path_in_the_order_of_the_stops():
    """Issue 38 item 10: the intro left out the digits; it is made from the stops now."""
    intro = lecture.intro()
    runs = [name for i, name in enumerate(s.page for s in lecture.plan())
            if i == 0 or lecture.plan()[i - 1].page != name]  # fmt: skip
    assert "digits" in runs
    places = [intro.index(f"{page(name).title} (") for name in runs]
    assert places == sorted(places)
    for name, minutes in lecture.path():
        assert f"{page(name).title} ({minutes}\u00a0min)" in intro
    assert sum(m for _, m in lecture.path()) == lecture.LECTURE_MINUTES
    assert intro.startswith(f"A {lecture.LECTURE_MINUTES}-minute lecture in {len(lecture.plan())}")


def test_each_stop_is_a_large_button_with_its_minutes_and_sources():
    at = support.open_page("lecture")
    stops = lecture.plan()
    buttons = [p.proto for p in at.get("page_link") if p.proto.label.startswith("Open: ")]
    assert len(buttons) == len(stops)
    captions = [c.value for c in at.caption]
    for n, stop in enumerate(stops, start=1):
        assert lecture.timing(n) in captions
        if stop.cites:
            assert lecture.sources_of(stop) in captions
    assert lecture.intro() in [m.value for m in at.markdown]


def test_a_stop_cites_only_listed_sources():
    keys = {s.key for s in sources.SOURCES}
    for stop in lecture.plan():
        assert set(stop.cites) <= keys, stop.title


def test_the_playgrounds_stops_are_its_own_examples():
    """The stop that works the slides' example in bits opens exactly that example."""
    stop = next(s for s in lecture.plan() if s.title.startswith("Cross-entropy of the dog"))
    assert stop.state == PlaygroundState(base="2")
    assert "0.3677" in stop.say and "chaurasia" in stop.cites
