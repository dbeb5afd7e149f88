"""A test app: the real pages, and one more page after them, as a second page would be."""

import streamlit as st

from xentviz.app_pages import PAGES

other = st.Page("other_page.py", title="Other", url_path="other")
st.navigation([*(st.Page(**page) for page in PAGES), other]).run()
