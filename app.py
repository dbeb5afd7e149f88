"""xentviz: the entry point. Page config and navigation, nothing else."""

import streamlit as st

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
