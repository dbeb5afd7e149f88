"""Glossary: every term the app teaches, defined once, with where it first appears; then the
References, the sources every citation in the app links to."""

import streamlit as st

from xentviz.app_pages import page_file
from xentviz.lesson import glossary, sources
from xentviz.state.fixed import FixedState
from xentviz.ui import sections, url
from xentviz.ui.url import open_page

page = open_page("glossary", FixedState)

sections.head(
    page, "Glossary", "The terms of softmax and cross-entropy, each in a few words, and the page "
    f"where it first appears; then the [references]({sources.LINK}), the sources the app "
    "cites.",
)  # fmt: skip

with st.container(key=page.key("lesson")):
    for term in glossary.TERMS:
        st.subheader(term.name, anchor=glossary.slug(term.name))
        st.markdown(term.meaning)
        st.page_link(page_file(term.page), label="Where it first appears", icon=":material/link:")
    st.header("References", anchor=sources.ANCHOR)
    st.markdown("\n".join(f"- {sources.reference(s)}" for s in sources.SOURCES))
    url.share(page.state)
