"""xentviz: the entry point. Page config and navigation over the lesson pages; nothing else.

A session's run executes this file as ``__main__`` (as does AppTest): it draws the navigation.
``streamlit run app.py`` first finds the ``st.App`` named ``app`` below and imports this file
as a module to serve it: the same script, with its static files compressed (xentviz/ui/serve.py).
"""

import os

# The app's own numbers (a digits model's training, a model's fit) on one BLAS and OpenMP thread:
# a session's work then holds one core, not every core with threads spinning between calls (a
# heavy /digits link cost 14 CPU-s with two threads on this 2-core machine). OpenBLAS, MKL and
# OpenMP read these when they load, so before numpy is first imported: Streamlit imports it
# only for the script. Those already loaded anyway (a test process) are limited in ui/session.py.
for _pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")

import streamlit as st  # noqa: E402

if __name__ == "__main__":
    from xentviz.app_pages import PAGES

    # An emoji favicon is drawn in the page; a ":material/...:" one is fetched from Google's
    # servers.
    st.set_page_config(page_title="xentviz", page_icon="📊", layout="wide")
    st.navigation([st.Page(**page) for page in PAGES]).run()
else:
    from xentviz.ui import serve

    app = st.App(__file__, middleware=serve.middleware())
