"""Numbers as a page prints them: one format everywhere, from :mod:`xentviz.core.numbers`."""

from ..core.numbers import COMPUTES_AS_0, from_log, label, latex, plain, signed, stated

__all__ = ["COMPUTES_AS_0", "from_log", "label", "latex", "plain", "signed", "stated"]
