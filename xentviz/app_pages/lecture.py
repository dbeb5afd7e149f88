"""Lecture plan: the whole path as a 50-minute lecture of prepared stops, in the order of the
guided path, each a large button that opens its page in its state, with its minutes, one line
of what to say and the sources it draws on."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import lecture
from xentviz.lesson.markup import as_text
from xentviz.state.fixed import FixedState
from xentviz.ui import sections, url
from xentviz.ui.url import open_page

page = open_page("lecture", FixedState)

sections.head(page, "Lecture plan", lecture.intro())

with st.container(key=page.key("lesson")):
    for n, stop in enumerate(lecture.plan(), start=1):
        with st.container(border=True, key=page.key("stop", n)):
            st.subheader(f"{n}. {stop.title}")
            st.caption(lecture.timing(n))
            url.open_in(page_file(stop.page), f"Open: {stop.title}", stop.state,
                        icon=":material/play_arrow:", width="stretch")  # fmt: skip
            st.markdown("Say: " + as_text(stop.say))
            cited = lecture.sources_of(stop)
            if cited:
                st.caption(cited)
    sections.next_idea(page, FixedState())
    url.share(page.state)
