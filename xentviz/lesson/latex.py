r"""The worked computation as LaTeX, with the current numbers, as the slides work it by hand.

Each function takes the page's state (for the classes and the log base) and the core's
:class:`~xentviz.WorkedExample`, and prints its numbers as they are: nothing is recomputed,
and every column is arithmetic on the columns before it.
"""

from __future__ import annotations

from ..worked.playground import WorkedExample
from .numbers import latex as number

__all__ = ["worked_table", "worked_sums", "document"]

#: What the exported source needs around the page's blocks to compile with pdflatex alone
#: (Debian's texlive-latex-base): amsmath for aligned and the display maths, amssymb.
PREAMBLE = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{amsmath,amssymb}
\usepackage[margin=1.5cm,landscape]{geometry}
\DeclareUnicodeCharacter{2212}{\ensuremath{-}}
\DeclareUnicodeCharacter{221E}{\ensuremath{\infty}}
\DeclareUnicodeCharacter{2016}{\ensuremath{\|}}
\DeclareUnicodeCharacter{00B7}{\ensuremath{\cdot}}
\DeclareUnicodeCharacter{2014}{---}
\DeclareUnicodeCharacter{2013}{--}
\DeclareUnicodeCharacter{2192}{\ensuremath{\to}}
\DeclareUnicodeCharacter{2248}{\ensuremath{\approx}}
\DeclareUnicodeCharacter{2260}{\ensuremath{\neq}}
\DeclareUnicodeCharacter{2264}{\ensuremath{\leq}}
\DeclareUnicodeCharacter{2265}{\ensuremath{\geq}}
\DeclareUnicodeCharacter{2202}{\ensuremath{\partial}}
\DeclareUnicodeCharacter{2211}{\ensuremath{\sum}}
\DeclareUnicodeCharacter{03C3}{\ensuremath{\sigma}}
\begin{document}
"""


def worked_table(state, w: WorkedExample) -> str:
    r"""One row per class: s_i = (z_i - m)/T, e_i = e^{s_i}, q_i = e_i / S,
    log q_i = (s_i - ln S) / ln b, p_i, -p_i log q_i and the gradient."""
    base = state.log_base
    log_q = rf"{base.log} q_i = s_i - \ln S" if base.base is None else rf"{base.log} q_i"
    rows = " ".join(
        # e_i and q_i are positive in exact arithmetic: a 0 among them has underflowed; and
        # q_i < 1 for two or more classes, so a 0 of log q_i has rounded
        # s_i = 0 for the largest logit exactly (z_i - m); a target's p_i is exact
        rf"{i + 1} & {number(w.shifted[i], exact=True)} & {number(w.exps[i], exact=False)} & "
        rf"{number(w.q[i], exact=False)} & {number(w.log_q[i], exact=False)} & "
        rf"{number(w.p[i], exact=True)} & "
        rf"{number(w.contributions[i], exact=bool(w.p[i] == 0))} & "
        rf"{number(w.grad[i], exact=False)} \\"
        for i in range(w.num_classes)
    )
    return (
        r"\begin{array}{c|r|r|r|r|r|r|r} i & s_i = (z_i - m)/T & e_i = e^{s_i} & "
        rf"q_i = e_i/S & {log_q} & p_i & -p_i {base.log} q_i & "
        rf"\partial L/\partial z_i = {base.gradient_latex} \\ \hline " + rows + r"\end{array}"
    )


def worked_sums(state, w: WorkedExample) -> str:
    """m, S and ln S, the loss (as -log q_y for a one-hot target) and the gradient's sum, as
    one block: each ``st.latex`` is typeset again on every slider move."""
    base, unit, y = state.log_base, state.unit, w.target_index
    # S > 1 and the loss > 0 in exact arithmetic (every e_j > 0, q_y < 1): a 0 has rounded
    lines = [
        rf"m &= \max_j z_j = {number(w.max_logit, exact=True)}",
        rf"S &= \sum_j e_j = {number(w.total)}, \quad \ln S = "
        rf"{number(w.log_total, exact=False)}",
    ]
    if base.base is not None:
        lines.append(rf"{base.log} q_i &= (s_i - \ln S) / \ln {base.key}")
    loss = rf"{number(w.loss, exact=False)}\ \text{{{unit}}}"
    if w.label_smoothing == 0:
        loss = rf"-{base.log} q_{{{y + 1}}} = " + loss
    else:
        loss += (
            rf", \quad H(p) = {number(w.entropy_p, exact=False)}, \quad D_{{KL}}(p \| q) = "
            rf"{number(w.kl, exact=False)}"
        )
    lines.append(rf"L &= -\sum_i p_i {base.log} q_i = {loss}")
    lines.append(
        rf"\sum_i \frac{{\partial L}}{{\partial z_i}} &= \sum_i {base.gradient_latex} = "
        rf"{number(w.grad_sum, 2)} \quad (\text{{zero up to rounding}})"
    )
    return r"\begin{aligned} " + r" \\ ".join(lines) + r" \end{aligned}"


def document(blocks: dict[str, str], title: str) -> str:
    r"""The page's LaTeX blocks as one document that compiles with ``pdflatex`` alone (each
    block in display maths, named in a comment), to paste into a slide or compile as it is.

    >>> print(document({"loss": "L = 1"}, "Playground").splitlines()[-5:])
    ['% loss', '\\[', 'L = 1', '\\]', '\\end{document}']
    """
    body = "\n\n".join(f"% {name}\n\\[\n{text}\n\\]" for name, text in blocks.items())
    heading = "".join(c for c in title if c.isalnum() or c in " ,&-")
    return f"{PREAMBLE}\\section*{{{heading}}}\n\n{body}\n\\end{{document}}\n"
