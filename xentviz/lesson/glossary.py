"""The terms the app teaches, each defined once; the page where each first appears is the
registry's (:mod:`xentviz.pages`), and a page links its new terms to the glossary page."""

from __future__ import annotations

from dataclasses import dataclass

from ..pages import first_page_of
from ..pages import page as page_of

__all__ = ["Term", "TERMS", "slug", "terms_of", "links"]


@dataclass(frozen=True)
class Term:
    name: str
    meaning: str  #: Markdown, its formulas in $...$ (typeset by Streamlit)

    @property
    def page(self) -> str:
        """The url_path of the page where it first appears (from the registry)."""
        return first_page_of(self.name)


TERMS = (
    Term("logit", r"A raw score $z_i$ a model gives class $i$, any real number; softmax turns "
         r"the logits into probabilities. Only differences between logits matter."),
    Term("softmax", r"$q_i = e^{z_i} / \sum_j e^{z_j}$: positive numbers that sum to 1, in the "
         r"order of the logits. Computed stably by subtracting the largest logit first."),
    Term("temperature", r"$T$ in $\mathrm{softmax}(z / T)$: below 1 sharpens $q$ towards the "
         r"largest logit, above 1 flattens it towards uniform."),
    Term("cross-entropy", r"$H(p, q) = -\sum_i p_i \log q_i$: the average surprise of outcomes "
         r"drawn from $p$ when $q$ is expected. With a one-hot $p$ it is $-\log q_y$, the loss."),
    Term("KL divergence", r"$D_{KL}(p \,\|\, q) = H(p, q) - H(p) \ge 0$: how much more surprise "
         r"$q$ costs than $p$ itself; 0 only when $q = p$. Not symmetric."),
    Term("label smoothing", r"A target of $(1 - \varepsilon) \cdot \text{one-hot} + \varepsilon/K$ "
         r"instead of one-hot, so the loss never asks for $q_y = 1$."),
    Term("gradient", r"$\partial L / \partial z$: how fast the loss changes with each logit. For "
         r"softmax and cross-entropy it is $q - p$ (in nats, at $T = 1$)."),
    Term("entropy", r"$H(p) = -\sum_i p_i \log p_i$: the average surprise of outcomes drawn from "
         r"$p$; 0 for a certain outcome, $\log K$ for $K$ equally likely ones. In bits "
         r"($\log_2$), nats ($\ln$) or bans ($\log_{10}$)."),
    Term("log loss", r"Binary cross-entropy, $-[t \log p + (1 - t) \log(1 - p)]$, for a yes/no "
         r"target $t$ and a probability $p = \sigma(z)$."),
    Term("one-hot", r"A target vector with 1 for the true class and 0 elsewhere; it picks "
         r"$-\log q_y$ out of the cross-entropy's sum."),
    Term("Jacobian", r"The matrix of $\partial q_k / \partial z_j = q_k (\delta_{kj} - q_j)$: how "
         r"each probability moves with each logit."),
    Term("likelihood", r"The probability a model gives to the labels of a data set: the product "
         r"of each example's $q_y$. Its negative log, averaged, is the mean cross-entropy."),
    Term("learning rate", r"How far one step of gradient descent goes: the step is "
         r"$-\text{rate} \times \text{gradient}$."),
    Term("template", r"In softmax regression on images, a class's row of weights $W_c$ drawn as "
         r"an image: the logit $z_c$ is the image's pixels times the template, summed, plus "
         r"$b_c$."),
)  # fmt: skip


def slug(name: str) -> str:
    """The term's anchor on the glossary page: ``KL divergence`` -> ``kl-divergence``."""
    return name.lower().replace(" ", "-")


def terms_of(page: str) -> tuple[Term, ...]:
    """The terms that first appear on ``page``."""
    named = page_of(page).terms
    return tuple(t for t in TERMS if t.name in named)


def links(page: str, glossary: str = "glossary") -> str | None:
    """A line of Markdown linking the page's new terms to their definitions; None if none."""
    found = terms_of(page)
    if not found:
        return None
    items = " · ".join(f"[{t.name}](./{glossary}#{slug(t.name)})" for t in found)
    return f"New terms here: {items}"
