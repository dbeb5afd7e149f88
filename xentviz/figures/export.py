"""The numbers behind a chart as CSV, for a slide or a spreadsheet: each trace's points as rows
of the values the chart draws (names HTML-unescaped back to what was typed)."""

from __future__ import annotations

import csv
import html
import io

__all__ = ["rows", "csv_text"]

_COLUMNS = ("x", "y", "a", "b", "c")  #: a point's coordinates, in every trace that has them


def _plain(value):
    return html.unescape(value) if isinstance(value, str) else value


def rows(figure: dict) -> list[dict]:
    """One row per point of every trace: the trace's name, then its coordinates; a heat map's
    or contour's cells as (x, y, z)."""
    out = []
    for trace in figure.get("data", []):
        name = _plain(trace.get("name", trace.get("type", "")))
        z = trace.get("z")
        if z is not None and trace.get("type") in ("heatmap", "contour"):
            for r, row in enumerate(z):
                for c, value in enumerate(row):
                    out.append(
                        {"trace": name, "x": _plain(trace["x"][c]), "y": _plain(trace["y"][r]),
                         "z": value}
                    )  # fmt: skip
            continue
        columns = [k for k in _COLUMNS if isinstance(trace.get(k), list)]
        if not columns:
            continue
        for i in range(len(trace[columns[0]])):
            row = {"trace": name}
            row |= {k: _plain(trace[k][i]) for k in columns if i < len(trace[k])}
            out.append(row)
    return out


def csv_text(figure: dict) -> str:
    """:func:`rows` as CSV, with a header of every column any row has (in a fixed order); a
    missing value (a gap in a line) is empty."""
    found = rows(figure)
    header = ["trace", *(k for k in (*_COLUMNS, "z") if any(k in r for r in found))]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in found:
        writer.writerow(
            {
                k: ""
                if row.get(k) is None
                else repr(row[k])
                if isinstance(row.get(k), float)
                else row.get(k)
                for k in header
            }
        )
    return buffer.getvalue()
