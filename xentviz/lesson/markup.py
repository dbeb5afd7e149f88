"""Turning user and URL text into Markdown that shows exactly as typed."""

from __future__ import annotations

import re

# Some of Streamlit's Markdown reads the text after backslash escapes are undone: links made
# of bare addresses (www.x.com, http://x.com, a@x.com) and icons (:material/home:). A word
# joiner (U+2060, invisible, no line break) before every "." and "@" and after every ":"
# breaks each of those patterns without changing what the reader sees.
_JOIN = str.maketrans({".": "\u2060.", "@": "\u2060@", ":": ":\u2060"})
# What Markdown (or Streamlit's extensions: :emoji:, :color[...], $latex$) reads as syntax
# anywhere in a line. Other punctuation is syntax only at the start of a line (headings,
# quotes, list items) or not at all, and is left bare: a widget's label also becomes its
# aria-label, and a screen reader reads every backslash ("T\-shirt" for "T-shirt"). So is
# a "_" between two letters or digits ("golden_retriever"): CommonMark never opens or closes
# emphasis there, so only the others are escaped; and an "&" that does not begin an entity
# ("&copy;", "&#65;") is text too ("R&D", "black & white").
_INLINE = re.compile(r"([\\`*~\[\]<$:|]|(?<![^\W_])_|_(?![^\W_])|&(?=#?[0-9A-Za-z]+;))")
_LINE_START = re.compile(
    r"^([ \t]*)(?:(>|[#+\-=](?=[ \t#+\-=]|$))|(\d+\u2060?)([.)])(?=[ \t]|$))", re.MULTILINE
)  # a quote; a heading, list item or rule ("# ", "- ", "---", but not "-1"); "1. ", "2) "


def as_text(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed, never as a
    link, an icon or any other markup."""
    text = _INLINE.sub(r"\\\1", str(text).translate(_JOIN))
    return _LINE_START.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), text)


def named(state, k: int) -> str:
    """The name of class ``k`` of a page's state, as text."""
    return as_text(state.classes[k])
