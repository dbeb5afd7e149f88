"""xentviz: the entry point. Page config, navigation over the lesson pages, and freezing what
the first run imported."""

import streamlit as st

from xentviz.app_pages import PAGES
from xentviz.ui.runtime import freeze_long_lived_objects

st.set_page_config(page_title="xentviz", page_icon=":material/functions:", layout="wide")
st.navigation([st.Page(**page) for page in PAGES]).run()

freeze_long_lived_objects()  # once per process, after the first run's imports
