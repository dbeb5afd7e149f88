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
    meaning: str  #: Markdown

    @property
    def page(self) -> str:
        """The url_path of the page where it first appears (from the registry)."""
        return first_page_of(self.name)


TERMS = (
    Term("logit", "A raw score z_i a model gives class i, any real number; softmax turns the "
         "logits into probabilities. Only differences between logits matter."),
    Term("softmax", "q_i = e^{z_i} / Σ_j e^{z_j}: positive numbers that sum to 1, in the order "
         "of the logits. Computed stably by subtracting the largest logit first."),
    Term("temperature", "T in softmax(z / T): below 1 sharpens q towards the largest logit, "
         "above 1 flattens it towards uniform."),
    Term("cross-entropy", "H(p, q) = −Σ p_i log q_i: the average surprise of outcomes drawn "
         "from p when q is expected. With a one-hot p it is −log q_y, the loss."),
    Term("KL divergence", "D_KL(p ‖ q) = H(p, q) − H(p) ≥ 0: how much more surprise q costs "
         "than p itself; 0 only when q = p. Not symmetric."),
    Term("label smoothing", "A target of (1 − ε)·one-hot + ε/K instead of one-hot, so the loss "
         "never asks for q_y = 1."),
    Term("gradient", "∂L/∂z: how fast the loss changes with each logit. For softmax and "
         "cross-entropy it is q − p (in nats, at T = 1)."),
    Term("entropy", "H(p) = −Σ p_i log p_i: the average surprise of outcomes drawn from p; 0 for "
         "a certain outcome, log K for K equally likely ones. In bits (log2), nats (ln) or bans "
         "(log10)."),
    Term("log loss", "Binary cross-entropy, −[t log p + (1 − t) log(1 − p)], for a yes/no "
         "target t and a probability p = σ(z)."),
    Term("one-hot", "A target vector with 1 for the true class and 0 elsewhere; it picks "
         "−log q_y out of the cross-entropy's sum."),
    Term("Jacobian", "The matrix of ∂q_k/∂z_j = q_k (δ_kj − q_j): how each probability moves "
         "with each logit."),
    Term("likelihood", "The probability a model gives to the labels of a data set: the product "
         "of each example's q_y. Its negative log, averaged, is the mean cross-entropy."),
    Term("learning rate", "How far one step of gradient descent goes: the step is −rate × "
         "gradient."),
    Term("template", "In softmax regression on images, a class's row of weights W_c drawn as an "
         "image: the logit z_c is the image's pixels times the template, summed, plus b_c."),
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
