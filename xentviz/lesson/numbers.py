"""Numbers as a page prints them: one format everywhere, from :mod:`xentviz.core.numbers`."""

import math

from ..core import exact
from ..core.numbers import (
    COMPUTES_AS_0,
    a_number,
    count,
    from_log,
    given,
    label,
    latex,
    named,
    plain,
    relations,
    signed,
    stated,
    times,
)  # fmt: skip

__all__ = [
    "COMPUTES_AS_0", "from_log", "named", "given", "label", "latex", "plain", "signed", "stated",
    "relations", "shown", "latex_shown", "exactly", "times", "count", "a_number", "computed",
]  # fmt: skip


def shown(x: float, digits: int = 4) -> str:
    """:func:`plain`, and "nan" for a number not formed (a product that was not taken)."""
    return "nan" if math.isnan(x) else plain(x, digits)


def latex_shown(x: float) -> str:
    """A number in LaTeX; a product not formed (NaN) as a dash."""
    return r"\text{—}" if math.isnan(x) else latex(x)


def exactly(x, sign: bool = False) -> str:
    """An exact value (an mpmath number from :mod:`xentviz.core.exact`) as the page prints
    numbers, however far below float64's range it lies: ``-3.428e-15``, ``2.577e-869``.

    >>> exactly(exact.gradient([1000.0, 0.0], 0)[1], sign=True), exactly(-exact.loss([34.0, 0], 0))
    ('+5.076e-435', '−1.714e-15')
    """
    if x == 0:
        return "0"
    size = from_log(float(exact.mpmath.log(abs(x))))
    return ("−" if x < 0 else "+" if sign else "") + size


def computed(x: float, exact_value) -> str:
    """A computed float64 value that is never 0 exactly, as :func:`plain` prints it; where
    float64 gives 0 or a subnormal (a digit or two left), the exact value beside it.
    ``exact_value`` is called only then (an mpmath number from :mod:`xentviz.core.exact`).

    >>> computed(0.25, None)
    '0.2500'
    >>> computed(7.371e-321, lambda: exact.entropy([745.0, 0.0, 0.0]))
    'computes as 7.371e-321 (exactly 4.211e-321)'
    """
    text = plain(x, exact=False)
    if text.startswith("computes"):
        text += f" (exactly {exactly(exact_value())})"
    return text
