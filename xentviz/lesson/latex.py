r"""The worked computation as LaTeX, with the current numbers, as seed 002 works it by hand.

Each function takes the page's state (for the classes and the log base) and the core's
:class:`~xentviz.WorkedExample`, and prints its numbers as they are: nothing is recomputed.
"""

from __future__ import annotations

import math

from ..worked_example import WorkedExample

__all__ = ["number", "worked_table", "worked_sums"]


def number(x: float, digits: int = 4) -> str:
    r"""A number for LaTeX: fixed-point when readable, else a x 10^b; never 'nan' or 'e-05'.

    >>> number(0.0234), number(4.25e-18), number(-math.inf)
    ('0.0234', '4.250 \\times 10^{-18}', '-\\infty')
    """
    x = float(x)
    if x == 0:
        return "0"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if 10 ** (-digits) <= abs(x) < 1e6:
        return f"{x:.{digits}f}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def worked_table(state, w: WorkedExample) -> str:
    """One row per class: z_i/T, e_i, q_i, p_i, -p_i log q_i and (q_i - p_i)/T."""
    log = state.log_base.log
    exponent = "z_i/T" if w.shift == 0 else rf"z_i/T - {number(w.shift)}"
    rows = " ".join(
        rf"{i + 1} & {number(w.scaled[i])} & {number(w.exps[i])} & {number(w.q[i])} & "
        rf"{number(w.p[i])} & {number(w.contributions[i])} & {number(w.grad[i])} \\"
        for i in range(w.num_classes)
    )
    return (
        r"\begin{array}{c|r|r|r|r|r|r} i & z_i/T & e_i = e^{" + exponent + r"} & q_i = e_i/S & "
        rf"p_i & -p_i {log} q_i & (q_i - p_i)/T \\ \hline " + rows + r"\end{array}"
    )


def worked_sums(state, w: WorkedExample) -> str:
    """The sum S, the loss (as -log q_y for a one-hot target) and the gradient's sum, as one
    block: each ``st.latex`` is typeset again on every slider move."""
    log, unit, y = state.log_base.log, state.unit, w.target_index
    loss = rf"{number(w.loss)}\ \text{{{unit}}}"
    if w.label_smoothing == 0:
        loss = rf"-{log} q_{{{y + 1}}} = -{log} {number(w.q[y], 6)} = " + loss
    else:
        loss += rf", \quad H(p) = {number(w.entropy_p)}, \quad D_{{KL}}(p \| q) = {number(w.kl)}"
    return (
        rf"\begin{{aligned}} S &= \sum_j e_j = {number(w.total)} \\ "
        rf"L &= -\sum_i p_i {log} q_i = {loss} \\ "
        rf"\sum_i \frac{{\partial L}}{{\partial z_i}} &= \sum_i \frac{{q_i - p_i}}{{T}} = "
        rf"{number(w.grad_sum, 2)} \quad (\text{{zero up to rounding}}) \end{{aligned}}"
    )
