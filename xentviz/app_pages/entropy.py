"""Entropy and the containers: pick a shape at random; the entropy is its average surprise."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.figures import entropy as charts
from xentviz.lesson import entropy as lesson_text
from xentviz.state import EntropyState
from xentviz.state.links import binary_from_playground, playground_from_container
from xentviz.ui import sections, url, widgets
from xentviz.ui.controls import entropy as controls
from xentviz.ui.url import open_page

page = open_page("entropy", EntropyState)

sections.head(
    page, "Entropy: containers of shapes", lesson_text.idea(page.state),
    lead=lesson_text.lead(page.state),
)  # fmt: skip
widgets.settings(page, controls.kinds_editor)


@st.fragment
def lesson() -> None:
    state = page.state
    w = state.worked()
    boxes = list(w.boxes)
    titles = [lesson_text.title(state, j, box) for j, box in enumerate(boxes)]
    names = [f"Container {j + 1}" for j in range(len(boxes))]

    # --- the containers, their counts and numbers ---------------------------------------------
    # The first screen: the picture and, right under it, each container's counts (its first
    # controls) and its entropy.
    with st.container(key=page.key("first")):
        st.markdown(lesson_text.first_action(state))
        picture = charts.containers_figure(state.shapes, boxes, titles)
        sections.chart(page, None, "containers", picture)
        for j, column in enumerate(st.columns(len(boxes))):
            with column:
                controls.count_inputs(page, j)
                sections.headline(page, f"container{j}", lesson_text.headline(state, j, boxes[j]))
                st.caption(lesson_text.kinds(state, boxes[j]))
    controls.container_buttons(page)
    sections.source_note(lesson_text.seed_note(state, boxes))
    st.caption(lesson_text.seed_sign(state))

    # --- each kind's share, and the curve -------------------------------------------------------
    share, curve = sections.cells(1, 2)
    terms = charts.terms_figure(state.shapes, boxes, names, state.unit)
    sections.chart(page, share, "terms", terms, lesson_text.terms(state, boxes))
    if len(state.shapes) == 2:
        points = [(names[j], float(box.p[0]), box.entropy) for j, box in enumerate(boxes)]
        figure = charts.binary_curve_figure(points, state.core_base, state.unit)
        sections.chart(page, curve, "curve", figure, lesson_text.curve(state, points))
    else:
        figure = charts.entropy_vs_most_figure(names, boxes, state.unit)
        sections.chart(page, curve, "most", figure, lesson_text.against_most(state, boxes, names))

    # --- two containers, each coded with the other's code -----------------------------------------
    if state.compare:
        st.subheader("Two containers: cross-entropy and KL")
        controls.pair_picker(page)
        p, q = state.compare
        c = w.comparison
        figure = charts.comparison_figure(c, names[p], names[q], state.unit)
        sections.chart(
            page, None, "compare", figure,
            lesson_text.comparison(state, c, names[p], names[q]),
        )  # fmt: skip

    # --- a sample: the average surprise approaches the entropy -----------------------------------
    st.subheader("Draw a sample")
    controls.sample_controls(page)
    box = boxes[state.sample]
    running, freqs = w.running, w.freqs
    average, shares = sections.cells(1, 2)
    sections.chart(
        page, average, "running", charts.running_surprise_figure(running, box.entropy, state.unit),
        lesson_text.sample(state, running, box),
    )  # fmt: skip
    figure = charts.frequencies_figure(state.shapes, freqs, box.p, state.n)
    sections.chart(page, shares, "frequencies", figure)

    # --- the challenge, the sum worked out, a question ---------------------------------------
    st.subheader("Challenge")
    controls.goal_controls(page, lesson_text.another_goal(state, boxes[-1]))
    text, done = lesson_text.challenge(state, boxes[-1])
    (st.success if done else st.info)(text)
    st.subheader("The entropy, worked out")
    sections.latex(page, "worked", lesson_text.worked(state, state.sample, box))
    sections.check_yourself(
        page,
        (
            lesson_text.largest_entropy(state, boxes),
            lambda answer: lesson_text.largest_entropy_answer(state, boxes, answer),
        ),
        (
            lesson_text.one_more(state, boxes),
            lambda answer: lesson_text.one_more_answer(state, boxes, answer),
        ),
    )
    url.open_in(
        page_file("playground"),
        f"Open container {state.sample + 1} in the Playground",
        playground_from_container(state, state.sample),
        icon=":material/tune:",
    )
    sections.exports(page)
    sections.next_idea(page, binary_from_playground(playground_from_container(state, 0)))
    url.share(state)


lesson()
