"""xentviz: the entry point. Page config and navigation over the lesson pages; nothing else.

A session's run executes this file as ``__main__`` (as does AppTest): it draws the navigation.
``streamlit run app.py`` first finds the ``st.App`` named ``app`` below and imports this file
as a module to serve it: the same script, with its static files compressed (xentviz/ui/serve.py).
"""

import streamlit as st

if __name__ == "__main__":
    from xentviz.app_pages import PAGES

    # An emoji favicon is drawn in the page; a ":material/...:" one is fetched from Google's
    # servers.
    st.set_page_config(page_title="xentviz", page_icon="📊", layout="wide")
    st.navigation([st.Page(**page) for page in PAGES]).run()
else:
    from xentviz.ui import serve

    app = st.App(__file__, middleware=serve.middleware())
