"""Lecture plan: the whole path as prepared links, in the order of the seeds' argument, each with
one line of what to say."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import lecture
from xentviz.lesson.markup import as_text
from xentviz.state.fixed import FixedState
from xentviz.ui import sections, url
from xentviz.ui.url import open_page

page = open_page("lecture", FixedState)

sections.head(
    page,
    "Lecture plan",
    "The path through the app in the order the ideas build on each other: softmax, entropy, "
    "cross-entropy, the binary case and one-hot labels, likelihood, the loss landscape and its "
    "gradient, training. Each link opens a page in a prepared state; under it, what to say, "
    "with that state's own numbers. Studying alone? Start at the Playground and follow "
    "**Next** at the bottom of each page. In presenter mode (the button in the sidebar) every "
    "link opens in it, and Page Down reveals each page a section at a time.",
)

with st.container(key=page.key("lesson")):
    for n, stop in enumerate(lecture.plan(), start=1):
        st.subheader(f"{n}. {stop.title}")
        url.open_in(page_file(stop.page), f"Open: {stop.title}", stop.state)
        st.markdown("Say: " + as_text(stop.say))
    sections.next_idea(page, FixedState())
    url.share(page.state)
