"""Lesson text: what a page says, as pure functions of (state, worked example); no Streamlit.

:mod:`.notices` gives the headline numbers and "what to notice"; :mod:`.latex` the worked
computation; :mod:`.quiz` questions answered by the core; :mod:`.markup` makes any user text
safe to show as Markdown; :mod:`.sources` lists the sources and cites them.
"""
