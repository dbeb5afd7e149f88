"""A test app: the app as ``streamlit run app.py`` runs it, then the BLAS and OpenMP thread
pools the server process has loaded by then, with the threads each uses (threadpoolctl), as
JSON in a code block."""

import json
import runpy
from pathlib import Path

import streamlit as st
from threadpoolctl import threadpool_info

runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
pools = [(p["internal_api"], p["num_threads"], Path(p["filepath"]).name) for p in threadpool_info()]
st.code(json.dumps({"thread_pools": pools}), language="json")
