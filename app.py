"""xentviz: the entry point. Page config, navigation, and one garbage-collector setting."""

import gc

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

# Streamlit runs a full garbage collection after every script run (runner.postScriptGC). With
# numpy, plotly and Streamlit loaded that pass takes ~20-30 ms and holds the GIL, so the
# answer to a slider move waits for it. Once the first run has imported everything, move
# those long-lived objects out of the collector's sight: later passes look only at new objects.
if not gc.get_freeze_count():
    gc.collect()
    gc.freeze()
