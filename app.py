"""xentviz: the entry point. Page config, navigation, and freezing what the first run imported."""

import streamlit as st

from xentviz.app_pages import freeze_long_lived_objects

st.set_page_config(page_title="xentviz", page_icon=":material/functions:", layout="wide")

pages = [
    st.Page(
        "xentviz/app_pages/playground.py",
        title="Playground",
        icon=":material/tune:",
        url_path="playground",
        default=True,
    ),
]
st.navigation(pages).run()

freeze_long_lived_objects()  # once per process, after the first run's imports
