"""A second page for the tests: its own state, a widget named like the Playground's, a link."""

import streamlit as st

from tests.apps.other_state import OtherState
from xentviz.ui import url, widgets
from xentviz.ui.url import open_page

page = open_page("other", OtherState)

st.title("Another page")
widgets.bound(page, st.slider, "n", "n", min_value=1, max_value=100)
widgets.log_base(page)  # the same field, and widget, as the Playground's
st.markdown(f"n = {page.state.n}, base {page.state.base}")
url.share(page.state)
