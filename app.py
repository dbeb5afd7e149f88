"""xentviz: the entry point. Page config and navigation over the lesson pages; nothing else."""

import streamlit as st

from xentviz.app_pages import PAGES

st.set_page_config(page_title="xentviz", page_icon=":material/functions:", layout="wide")
st.navigation([st.Page(**page) for page in PAGES]).run()
