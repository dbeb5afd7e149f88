"""The numbers behind a chart as CSV, for a slide or a spreadsheet: each trace's points as rows
of the values the chart draws (names HTML-unescaped back to what was typed)."""

from __future__ import annotations

import csv
import html
import io

__all__ = ["rows", "csv_text", "cell", "summary"]

_COLUMNS = ("x", "y", "a", "b", "c")  #: a point's coordinates, in every trace that has them


def _plain(value):
    return html.unescape(value) if isinstance(value, str) else value


def _words(text: str) -> str:
    """A label's text without its markup: lines joined by commas."""
    return _plain(str(text).replace("<br>", ", "))


def rows(figure: dict) -> list[dict]:
    """One row per point of every trace: the trace's name, then its coordinates; a heat map's
    or contour's cells as (x, y, z). A trace without hover (``hoverinfo: skip``) only marks
    something (the predicted class, a graph's edges): it has no numbers of its own."""
    out = []
    for trace in figure.get("data", []):
        if trace.get("hoverinfo") == "skip":
            continue
        name = _plain(trace.get("name", trace.get("type", "")))
        if trace.get("hoverinfo") == "text":  # placed by position: its numbers are its text
            out += [{"trace": name, "text": _words(t)} for t in trace.get("text", [])]
            continue
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
        # a bar on its side has its class on y: read as the class (x) and its value (y)
        across = {"x": "y", "y": "x"} if trace.get("orientation") == "h" else {}
        for i in range(len(trace[columns[0]])):
            row = {"trace": name}
            row |= {across.get(k, k): _plain(trace[k][i]) for k in columns if i < len(trace[k])}
            out.append(row)
    return out


#: What a spreadsheet reads as the start of a formula, in ASCII and full width (OWASP's list
#: for CSV injection): a text cell starting with one is written after a single quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell(value):
    """One CSV cell: a float as Python writes it (every digit), None as empty, text as typed
    but never as a formula: ``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``, as OWASP
    advises, so a spreadsheet shows it and runs nothing.

    >>> cell(0.25), cell(None), cell("dog"), cell("=1+1"), cell("@SUM(1)"), cell("－1")
    ('0.25', '', 'dog', "'=1+1", "'@SUM(1)", "'－1")
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(figure: dict) -> str:
    """:func:`rows` as CSV, with a header of every column any row has (in a fixed order); a
    missing value (a gap in a line) is empty; no text cell starts a formula (:func:`cell`)."""
    found = rows(figure)
    header = ["trace", *(k for k in (*_COLUMNS, "z", "text") if any(k in r for r in found))]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in found:
        writer.writerow({k: cell(row.get(k)) for k in header})
    return buffer.getvalue()


_LISTED = 12  #: a trace of up to this many points is read out point by point


def _number(value) -> str:
    return "none" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)


def summary(figure: dict) -> str:
    """The chart in words, for a screen reader: its title, then each trace's values (point by
    point for a short trace, the range of a long one or of a map)."""
    title = _plain(figure.get("layout", {}).get("title", {}).get("text", "")) or "Chart"
    title = title.replace("<sub>", "").replace("</sub>", "").replace("<br>", " ")
    parts = []
    for trace in figure.get("data", []):
        name = _plain(trace.get("name", ""))
        if trace.get("hoverinfo") == "skip":  # a mark: which points it marks, by name
            pairs = zip(trace.get("x", []), trace.get("y", []), strict=False)
            marked = [_plain(x) for x, y in pairs if y is not None and not isinstance(x, float)]
            if marked:
                parts.append(f"{name}: {', '.join(marked)}")
            continue
        z = trace.get("z")
        if z is not None and trace.get("type") in ("heatmap", "contour"):
            flat = [v for row in z for v in row if v is not None]
            if flat:
                parts.append(
                    f"{name or 'map'}: {len(z)} by {len(z[0])} values from "
                    f"{_number(float(min(flat)))} to {_number(float(max(flat)))}"
                )
            continue
        if trace.get("hoverinfo") == "text":
            parts.append(f"{name}: " + "; ".join(r["text"] for r in rows({"data": [trace]})))
            continue
        points = [r for r in rows({"data": [trace]}) if r.get("y", r.get("a")) is not None]
        values = [r.get("y", r.get("a")) for r in points]
        if not points or all(v is None for v in values):
            continue
        if len(points) <= _LISTED:
            said = ", ".join(
                f"{_number(r.get('x', i + 1))} {_number(r.get('y', r.get('a')))}"
                for i, r in enumerate(points)
            )
        else:
            known = [float(v) for v in values if v is not None]
            said = f"{len(points)} points, from {_number(min(known))} to {_number(max(known))}"
        parts.append(f"{name}: {said}" if name else said)
    return f"{title}. " + "; ".join(parts) + ("." if parts else "")
