"""Turning user and URL text into safe markup, and numbers into printable text."""

from __future__ import annotations

import math
import re

# Every ASCII punctuation character that Markdown (or Streamlit's extensions: :emoji:,
# :color[...], $latex$) could read as syntax. A backslash before any of them is a literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'])")


# Some of Streamlit's Markdown reads the text after backslash escapes are undone: links made
# of bare addresses (www.x.com, http://x.com, a@x.com) and icons (:material/home:). A word
# joiner (U+2060, invisible, no line break) before every "." and "@" and after every ":"
# breaks each of those patterns without changing what the reader sees.
_JOIN = str.maketrans({".": "\u2060.", "@": "\u2060@", ":": ":\u2060"})


def as_text(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed, never as a
    link, an icon or any other markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text).translate(_JOIN))


def number(x: float, digits: int = 4) -> str:
    """A number for LaTeX: fixed-point when readable, else a x 10^b; never 'nan' or 'e-05'."""
    x = float(x)
    if x == 0:
        return "0"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if 10 ** (-digits) <= abs(x) < 1e6:
        return f"{x:.{digits}f}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"
