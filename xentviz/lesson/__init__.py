"""Lesson text: what a page says, as pure functions of (state, worked example); no Streamlit.

One module per page, named after it (:mod:`.playground`, ...), gives its words, headline
numbers' labels and "what to notice"; shared: :mod:`.numbers` formats numbers, :mod:`.latex`
the worked computation, :mod:`.quiz` questions answered by the core, :mod:`.markup` makes any
user text safe to show as Markdown, :mod:`.sources` lists the sources and cites them,
:mod:`.glossary` the terms, :mod:`.lecture` the lecture plan, :mod:`.tour` the guided tour.
"""
