"""Each page's own controls, one module per page named after it (``controls/<page>.py``): the
widgets only that page has, and what its charts and headline numbers show for a state (its
``view``), drawn alike by the page and by the live preview of a dragged slider."""
