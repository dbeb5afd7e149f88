"""Streamlit pages: widgets and layout only; every number comes from the core."""

from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_long_lived_objects() -> None:
    """Move every object alive now out of the garbage collector's sight, once per process.

    Streamlit runs a full collection after every script run (``runner.postScriptGC``). With
    numpy, plotly and Streamlit loaded that pass takes 20-30 ms and holds the GIL, so the
    answer to a slider move waits for it. Called after the first run has imported everything,
    this leaves later passes only the objects made since. Later calls return at once (asking
    the collector how many objects are frozen walks all of them, several ms each time).
    """
    gc.collect()
    gc.freeze()
