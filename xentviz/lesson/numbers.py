"""Numbers as a page prints them: one format everywhere, from :mod:`xentviz.core.numbers`."""

import math

from ..core.numbers import COMPUTES_AS_0, from_log, label, latex, plain, signed, stated

__all__ = [
    "COMPUTES_AS_0", "from_log", "label", "latex", "plain", "signed", "stated", "shown",
    "latex_shown",
]  # fmt: skip


def shown(x: float, digits: int = 4) -> str:
    """:func:`plain`, and "nan" for a number not formed (a product that was not taken)."""
    return "nan" if math.isnan(x) else plain(x, digits)


def latex_shown(x: float) -> str:
    """A number in LaTeX; a product not formed (NaN) as a dash."""
    return r"\text{—}" if math.isnan(x) else latex(x)
