"""Numbers as a page prints them: fixed-point when readable, scientific when tiny or huge.

A loss of 4.25e-18 printed as "0.0000" would say it is 0; it is not. Both forms here keep
the digits a number has and never print "nan" or "e-05".
"""

from __future__ import annotations

import math

__all__ = ["plain", "signed", "latex"]


def _parts(x: float, digits: int) -> tuple[str, int] | str:
    """Fixed-point text, or (mantissa, exponent) when fixed-point would hide the digits."""
    if x == 0:
        return "0"
    if 10 ** (-digits) <= abs(x) < 1e6:
        return f"{x:.{digits}f}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return mantissa, int(exponent)


def plain(x: float, digits: int = 4) -> str:
    """For text: ``0.2547``, ``4.248e-18``, ``∞``.

    >>> plain(0.25468), plain(4.248354e-18), plain(-math.inf), plain(0.0)
    ('0.2547', '4.248e-18', '−∞', '0')
    """
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    parts = _parts(x, digits)
    return parts if isinstance(parts, str) else f"{parts[0]}e{parts[1]}"


def signed(x: float, digits: int = 4) -> str:
    """``plain`` with a "+" on positive numbers, for a gradient's direction.

    >>> signed(0.11594), signed(-4.2e-18), signed(0.0)
    ('+0.1159', '-4.200e-18', '0')
    """
    return ("+" if x > 0 else "") + plain(x, digits)


def latex(x: float, digits: int = 4) -> str:
    r"""For LaTeX: ``0.0234``, ``4.250 \times 10^{-18}``, ``-\infty``.

    >>> latex(0.0234), latex(4.25e-18), latex(-math.inf)
    ('0.0234', '4.250 \\times 10^{-18}', '-\\infty')
    """
    x = float(x)
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    parts = _parts(x, digits)
    return parts if isinstance(parts, str) else rf"{parts[0]} \times 10^{{{parts[1]}}}"
