"""Every number one page shows for one state, computed once from the core: one module per page
(``worked/<page>.py``), read by that page's state (``state.worked()``), words and charts."""
