"""Figure builders: the core's numbers in, a plotly figure out; no widgets, no Streamlit.

One module per page, named after it (:mod:`.playground`: one bar per class, ...); :mod:`.style`
holds the look they share and the one function that makes a figure; :mod:`.export` the numbers
behind a chart as CSV.
"""

from .playground import contributions_figure, gradient_figure, logits_figure, probabilities_figure

__all__ = ["logits_figure", "probabilities_figure", "contributions_figure", "gradient_figure"]
