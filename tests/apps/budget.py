"""A test app: the app as ``streamlit run app.py`` serves it (its middleware included), and
after each full run the account its browser's runs are charged to (xentviz/ui/budget.py), as
JSON in a code block."""

import json
import runpy
from pathlib import Path

import streamlit as st

from xentviz.ui import budget, serve

APP = Path(__file__).resolve().parents[2] / "app.py"

if __name__ == "__main__":
    runpy.run_path(str(APP), run_name="__main__")
    st.code(json.dumps({"budget": budget.account()}), language="json")
else:
    app = st.App(__file__, middleware=serve.middleware())
