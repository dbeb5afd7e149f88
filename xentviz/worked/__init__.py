"""Every number one page shows for one state, computed once from the core: one module per page
(``worked/<page>.py``), read by that page's state (``state.worked()``), words and charts.

The logit sliders' shape is here too, the one place it is written: each covers
+-:data:`LOGIT_SPAN` (wider to show a value beyond it) in steps of :data:`LOGIT_STEP`. The
widgets, the live preview's grids, the figures' axes and the loss page's map all read it.
"""

__all__ = ["LOGIT_SPAN", "LOGIT_STEP"]

LOGIT_SPAN = 10.0  #: a logit slider covers +-this (wider to show a value beyond it)
LOGIT_STEP = 0.1  #: a logit slider's step: a preview's positions, a key press's move
