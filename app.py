"""xentviz: the entry point. Page config and navigation over the lesson pages; nothing else."""

import streamlit as st

from xentviz.app_pages import PAGES

# An emoji favicon is drawn in the page; a ":material/...:" one is fetched from Google's servers.
st.set_page_config(page_title="xentviz", page_icon="📊", layout="wide")
st.navigation([st.Page(**page) for page in PAGES]).run()
