"""The server process: what the app does once, after its first run."""

from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_long_lived_objects() -> None:
    """Move every object alive now out of the garbage collector's sight, once per process.

    With numpy, plotly and Streamlit loaded a full collection takes 20-30 ms and holds the GIL,
    so the answer to a slider move that falls behind one waits for it. Python runs one now and
    then, and Streamlit after every script run unless ``runner.postScriptGC`` is off (it is, in
    .streamlit/config.toml). Called after the first run has imported everything, this leaves
    every later pass only the objects made since. Later calls return at once (asking the
    collector how many objects are frozen walks all of them, several ms each time).
    """
    gc.collect()
    gc.freeze()
