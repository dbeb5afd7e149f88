"""Streamlit pages: widgets and layout only; every number comes from the core."""
