"""Numbers as every page prints them (text, tables, headlines, chart labels, graphs): fixed-point
when readable, scientific when tiny or huge, and "computes as 0" for a float that is 0 where
the exact value is not.

A loss of 4.25e-18 printed as "0.0000" would say it is 0; it is not. Every form here keeps
the digits a number has and never prints "nan", "e-05", "-0.000" or a bare 0 for what is not 0.
"""

from __future__ import annotations

import math
import re
import sys

__all__ = [
    "COMPUTES_AS_0", "ABOUT_0", "plain", "signed", "latex", "label", "named", "from_log",
    "relations", "stated", "times", "count", "a_number", "given", "MINUS",
]  # fmt: skip

#: What a float that is 0 prints as where the exact value is not known to be 0 (a q that
#: underflowed, a difference that cancelled): true whatever the exact value.
COMPUTES_AS_0 = "computes as 0"
#: The same in a chart cell too small for the words (a heat map's): "about 0", never "0".
ABOUT_0 = "≈0"
#: A subnormal keeps only a digit or two: it prints with at most this many significant digits.
SUBNORMAL_DIGITS = 4


def _subnormal(x: float) -> bool:
    return 0 < abs(x) < sys.float_info.min


#: The minus sign of the prose (U+2212), not a hyphen: "q_y − 1 = −0.9679".
MINUS = "−"


def _minus(text: str) -> str:
    """A number's leading "-" as the prose's minus sign (an exponent's "e-18" stays)."""
    return MINUS + text[1:] if text.startswith("-") else text


def given(x: float) -> str:
    """A value as a control or a link set it, shortest form, with the prose's minus sign:
    "z = −6", "shift 1000", "T = 0.05".

    >>> given(-6.0), given(1000.0), given(0.05), given(-1e-9)
    ('−6', '1000', '0.05', '−1e-09')
    """
    return _minus(f"{float(x):g}")


def _parts(x: float, digits: int) -> tuple[str, int] | str:
    """Fixed-point text, or (mantissa, exponent) when fixed-point would hide the digits."""
    if x == 0:
        return "0"
    if 10 ** (-digits) <= abs(x) < 1e6:
        return f"{x:.{digits}f}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return mantissa, int(exponent)


def plain(x: float, digits: int = 4, exact: bool = False) -> str:
    """For text: ``0.2547``, ``4.248e-18``, ``∞``. A float 0 prints "computes as 0" (true
    whatever the exact value: a q that underflowed, a loss that rounded away) unless the caller
    knows the 0 is exact (``exact``: a target's 0, a count); a subnormal (below 2.2e-308, where
    float64 keeps only a few true digits) as "computes as 4.941e-324".

    >>> plain(0.25468), plain(4.248354e-18), plain(-math.inf), plain(0.0)
    ('0.2547', '4.248e-18', '−∞', 'computes as 0')
    >>> plain(0.0, exact=True), plain(5e-324), plain(1e-323, 8)
    ('0', 'computes as 4.941e-324', 'computes as 9.881e-324')
    """
    x = float(x)
    if x == 0 and not exact:
        return COMPUTES_AS_0
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    subnormal = _subnormal(x)
    parts = _parts(x, min(digits, SUBNORMAL_DIGITS) if subnormal else digits)
    text = _minus(parts if isinstance(parts, str) else f"{parts[0]}e{parts[1]}")
    return f"computes as {text}" if subnormal else text


def signed(x: float, digits: int = 4, exact: bool = False) -> str:
    """``plain`` with a "+" on positive numbers, for a gradient's direction.

    >>> signed(0.11594), signed(-4.2e-18), signed(0.0, exact=True), signed(-0.0)
    ('+0.1159', '−4.200e-18', '0', 'computes as 0')
    """
    text = plain(x, digits, exact)
    return ("+" if x > 0 and not text.startswith("computes") else "") + text


def latex(x: float, digits: int = 4, exact: bool = False) -> str:
    r"""For LaTeX: ``0.0234``, ``4.250 \times 10^{-18}``, ``-\infty``; a float 0 as "≈ 0"
    unless the caller knows it is exact (``exact``): never a bare 0 for what may not be 0. A
    relation before it ("= ≈ 0") is folded by :func:`relations`.

    >>> latex(0.0234), latex(4.25e-18), latex(-math.inf), latex(0.0, exact=False)
    ('0.0234', '4.250 \\times 10^{-18}', '-\\infty', '\\approx 0')
    >>> latex(-1e-323)  # a subnormal keeps a digit or two
    '\\approx -9.9 \\times 10^{-324}'
    """
    x = float(x)
    if x == 0 and not exact:
        return r"\approx 0"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if _subnormal(x):  # float64 keeps a digit or two: "≈" and two, as on a chart
        mantissa, exponent = _parts(x, 2)
        return rf"\approx {mantissa} \times 10^{{{exponent}}}"
    parts = _parts(x, digits)
    return parts if isinstance(parts, str) else rf"{parts[0]} \times 10^{{{parts[1]}}}"


def relations(tex: str) -> str:
    r"""LaTeX with "= ≈" folded to "≈" (a value :func:`latex` gives as "\approx …" after an
    "="): "\ln S = \approx 0" reads "\ln S \approx 0".

    >>> relations(r"L &= \approx 0 \\ S = 1")
    'L &\\approx 0 \\\\ S = 1'
    """
    return re.sub(r"=\s*\\approx", r"\\approx", tex)


def stated(x: float, sign: bool = False, digits: int = 4, exact: bool = False) -> str:
    """A computed value as the rest of a sentence: "is 0.2547", or "computes as 0" for a float
    0 (never "is computes as 0"), "computes as 4.941e-324" for a subnormal.

    >>> stated(0.25468), stated(-0.5, sign=True), stated(0.0), stated(5e-324)
    ('is 0.2547', 'is −0.5000', 'computes as 0', 'computes as 4.941e-324')
    """
    text = signed(x, digits, exact) if sign else plain(x, digits, exact)
    return text if text.startswith("computes") else f"is {text}"


def label(x: float, fmt: str, exact: bool = True, short: bool = False, small: float = 0.0) -> str:
    """A value printed on a chart with ``fmt`` (``".3f"``, ``"+.4f"``) where that shows it,
    else as :func:`plain` would: never "0.000" or "-0.000" for what is not 0. A float 0 prints
    "0" where it is exactly 0 (``exact``) and "computes as 0" (on two lines) elsewhere.
    A subnormal (float64 keeps a digit or two) prints "≈" and two digits. ``short``, for a
    cell too small for words (a heat map's): a float 0 that is not exact prints
    :data:`ABOUT_0`, a tiny value two digits.

    >>> label(0.7751, ".3f"), label(3.139e-17, ".4f"), label(-3.1e-17, "+.3f")
    ('0.775', '3.139e-17', '-3.100e-17')
    >>> label(0.0, ".3f"), label(0.0, "+.3f", exact=False), label(1e-05, "+.3f")
    ('0', 'computes<br>as 0', '+1.000e-5')
    >>> label(5e-324, "+.3f"), label(0.0, ".3f", exact=False, short=True)
    ('≈4.9e-324', '≈0')
    >>> label(-1e-323, ".3f", short=True), label(4.54e-5, ".2f", short=True)
    ('≈-9.9e-324', '4.5e-5')

    ``small``: below it (in size) a value prints in the short scientific form too, so that one
    chart never mixes "0.001", "0.0003" and "3.075e-6" (its bars all "0.775" or "3.1e-4").

    >>> [label(v, ".3f", False, short=True, small=0.01) for v in (0.7751, 8e-4, 3.075e-6, 0.0)]
    ['0.775', '8.0e-4', '3.1e-6', '≈0']
    >>> label(0.0003, "+.3f", short=True, small=0.01), label(-0.0003, "+.3f", short=True)
    ('+3.0e-4', '-3.0e-4')
    """
    x = float(x)
    if x == 0:
        return "0" if exact else ABOUT_0 if short else COMPUTES_AS_0.replace(" as", "<br>as")
    if not math.isfinite(x):
        return plain(x)
    text = format(x, fmt)
    if float(text) != 0 and abs(x) >= small:
        return text
    # the format would print a 0 (or the value is below ``small``)
    if short or _subnormal(x):  # a subnormal keeps a digit or two: "≈4.9e-324" (narrow)
        mantissa, exponent = _parts(x, 2)
        tiny = f"{mantissa}e{exponent}"
        if _subnormal(x):
            return "≈" + tiny
        return ("+" if "+" in fmt and x > 0 else "") + tiny
    # a chart keeps plotly's narrow hyphen (a wider minus made a digits bar value meet a tick)
    return ("+" if "+" in fmt and x > 0 else "") + plain(x).replace(MINUS, "-")


def named(name: str, text: str) -> str:
    """A chart's "name = value", or "name computes as 0", "name ≈0" where the value says how
    it computes (never "L = computes as 0").

    >>> named("L", "0.2547"), named("L", "computes as 9.881e-324"), named("q", "≈4.9e-324")
    ('L = 0.2547', 'L computes as 9.881e-324', 'q ≈4.9e-324')
    """
    return f"{name} {text}" if text.startswith(("computes", "≈")) else f"{name} = {text}"


def from_log(log_x: float, digits: int = 4) -> str:
    """The positive number whose natural log is ``log_x``, in scientific form, however far
    below float64's range: ``e^-1000`` is ``5.076e-435``.

    >>> from_log(-1000.0), from_log(math.log(0.5))
    ('5.076e-435', '0.5000')
    """
    if log_x > math.log(1e-300):
        return plain(math.exp(log_x), digits)
    tens = log_x / math.log(10)
    exponent = math.floor(tens)
    mantissa = 10 ** (tens - exponent)
    text = f"{mantissa:.{digits - 1}f}"
    if float(text) >= 10:  # 9.9996 rounds up to the next power of ten
        exponent, text = exponent + 1, f"{1:.{digits - 1}f}"
    return f"{text}e{exponent}"


def times(log_ratio: float) -> str:
    """A ratio given by its natural log, to 3 significant digits, in powers of ten when large:
    never "inf" for a finite ratio, never false digits.

    >>> times(math.log(202.7156)), times(math.log(1.5)), times(744.4)
    ('203', '1.50', '1.94e323')
    """
    tens = log_ratio / math.log(10)
    if tens < 6:
        rounded = float(f"{math.exp(log_ratio):.3g}")  # 3 significant digits
        return f"{rounded:.{max(0, 2 - math.floor(math.log10(rounded)))}f}"
    exponent = math.floor(tens)
    mantissa = 10 ** (tens - exponent)
    text = f"{mantissa:.2f}"
    if float(text) >= 10:
        exponent, text = exponent + 1, "1.00"
    return f"{text}e{exponent}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """A count in words: "1 step", "2 steps", "0 items" (``plural`` for irregular nouns).

    >>> count(1, "step"), count(2, "step"), count(1, "batch", "batches"), count(0, "pick")
    ('1 step', '2 steps', '1 batch', '0 picks')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def a_number(n: int) -> str:
    """A number with its article, as it is read aloud: "an 8", "an 11", "an 18", "a 7".

    >>> a_number(8), a_number(7), a_number(11), a_number(18), a_number(80), a_number(1)
    ('an 8', 'a 7', 'an 11', 'an 18', 'an 80', 'a 1')
    """
    spoken = str(int(n))
    eleven = spoken in ("11", "18") or (len(spoken) == 5 and spoken[:2] in ("11", "18"))
    return f"{'an' if spoken.startswith('8') or eleven else 'a'} {n}"
