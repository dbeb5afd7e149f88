"""The log bases a page can print its entropies and losses in: one table for all of them.

Each row gives the URL value (``base=2``), the maths core's ``base`` argument, the unit's name,
the log as LaTeX writes it and the gradient of a loss in that unit, so no page keeps a table of
its own.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LogBase", "LOG_BASES", "log_base_of", "InBase"]


@dataclass(frozen=True)
class LogBase:
    key: str  #: the URL value: "e", "2" or "10"
    base: float | None  #: the maths core's ``base`` argument (None: natural log)
    unit: str  #: nats, bits or bans
    log: str  #: the log in LaTeX: \ln, \log_2, \log_{10}
    per_nat: str  #: what a nat's gradient is divided by, as text: "", " ln 2", " ln 10"

    def __str__(self) -> str:
        """How a control names it: "2 (bits)"."""
        return f"{self.key} ({self.unit})"

    def gradient(self, of: str = "q − p", temperature: bool = True) -> str:
        """The gradient of a loss in this unit with respect to the logits, as text:
        ``(q − p)/T`` in nats, ``(q − p)/(T ln 2)`` in bits (without T, for a page that has
        none: ``q − p``, ``(q − p)/ln 2``)."""
        top = f"({of})" if " " in of else of
        if not temperature:
            return of if not self.per_nat else f"{top}/{self.per_nat.strip()}"
        return f"{top}/T" if not self.per_nat else f"{top}/(T{self.per_nat})"

    @property
    def gradient_latex(self) -> str:
        """The same, as LaTeX for component i."""
        return r"\frac{q_i - p_i}{T" + self.per_nat.replace(" ln", r" \ln") + "}"


LOG_BASES = {
    b.key: b
    for b in (
        LogBase("e", None, "nats", r"\ln", ""),
        LogBase("2", 2, "bits", r"\log_2", " ln 2"),
        LogBase("10", 10, "bans", r"\log_{10}", " ln 10"),
    )
}


def log_base_of(base: float | None) -> LogBase:
    """The row for the maths core's ``base`` argument (a seed's printed unit, say).

    >>> log_base_of(2).unit
    'bits'
    """
    for row in LOG_BASES.values():
        if row.base == base:
            return row
    raise ValueError(f"base must be one of None, 2, 10, got {base!r}")


class InBase:
    """For a page state with a ``base`` field (a key of :data:`LOG_BASES`): its row of the
    table, the core's ``base`` argument and the unit's name."""

    base: str

    @property
    def log_base(self) -> LogBase:
        return LOG_BASES[self.base]

    @property
    def core_base(self) -> float | None:
        """The ``base`` argument for the maths core (None for nats)."""
        return self.log_base.base

    @property
    def unit(self) -> str:
        return self.log_base.unit
