"""The sources the app teaches from, listed once: every citation on every page is made from
this list by :func:`cite`, and the glossary page ends with it as its References section
(:func:`reference`, under the anchor :data:`ANCHOR`), which every citation links to.

A source is cited by author, title and year ("Chaurasia, “Cross-Entropy Loss Function” (2023)");
one with no year known by its kind instead ("(course notes)"), one with no author named by its
title alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..pages import page as page_of

__all__ = ["Source", "SOURCES", "ANCHOR", "LINK", "source", "short", "cite", "reference"]


@dataclass(frozen=True)
class Source:
    key: str  #: how the code names it (never shown)
    author: str | None  #: full name, as the source gives it; None when it names none
    title: str
    kind: str  #: what it is, and where it was published
    year: int | None  #: None when the copy gives none
    date: str | None  #: the full date, as the source gives it
    cited_for: str  #: what the app takes from it, for the References list

    @property
    def surname(self) -> str | None:
        return self.author.split()[-1] if self.author else None


SOURCES = (
    Source(
        "chaurasia", "Sachchida Nand Chaurasia", "Cross-Entropy Loss Function",
        "Deep Learning lecture slides, Banaras Hindu University", 2023, "31 July 2023",
        "the dog, cat, horse and cheetah example; entropy and the containers of shapes; "
        "softmax against the standard normalisation z / Σz; integer labels against one-hot "
        "vectors",
    ),
    Source(
        "wocjan", "Pawel Wocjan", "Softmax and categorical cross entropy loss", "notes", 2019,
        "11 February 2019",
        "the table of problem types (binary, multi-class, multi-label); the softmax Jacobian; "
        "the gradient q − p; softmax regression",
    ),
    Source(
        "bahumi", "Roei Bahumi", "Cross Entropy Loss Derivative",
        "course notes, Machine Learning, Technische Universität München", None, None,
        "the cat, dog and bird example; the derivative of softmax cross-entropy step by step",
    ),
    Source(
        "guzelkabaagac", "Jed Guzelkabaagac", "Classification and Cross-Entropy Loss", "article",
        2021, "23 April 2021",
        "cross-entropy as a likelihood; softmax and its derivative; label encodings",
    ),
    Source(
        "why-cross-entropy", None, "Why Use Cross Entropy in Classification Task?", "blog post",
        None, None,
        "maximum likelihood, and why the loss takes the log of the product",
    ),
)  # fmt: skip

#: The References section's anchor on the glossary page.
ANCHOR = "references"
#: Where every citation points: the glossary page's References section.
LINK = f"./{page_of('glossary').name}#{ANCHOR}"

_BY_KEY = {s.key: s for s in SOURCES}


def source(key: str) -> Source:
    """The source named ``key`` in :data:`SOURCES`."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise ValueError(f"key must be one of {sorted(_BY_KEY)}, got {key!r}") from None


def short(s: Source) -> str:
    """Surname, “Title” (year): the kind stands in for a missing year. The title in quotes,
    not italics: a citation in a lesson would load the italic font on every first visit
    (138 KB), which the References list, in italics, loads only where it is read."""
    when = s.year if s.year is not None else s.kind.split(",")[0]
    who = f"{s.surname}, " if s.surname else ""
    return f"{who}“{s.title}” ({when})"


def cite(key: str) -> str:
    """The source named ``key`` cited in Markdown, linked to the References:
    ``[Chaurasia, “Cross-Entropy Loss Function” (2023)](./glossary#references)``."""
    return f"[{short(source(key))}]({LINK})"


def reference(s: Source) -> str:
    """The source's entry in the References list, in Markdown."""
    who = f"{s.author}. " if s.author else ""
    when = f", {s.date}" if s.date else ""
    title = f"*{s.title}*" + ("" if s.title[-1] in "?!" else ".")
    return f"{who}{title} {s.kind[0].upper()}{s.kind[1:]}{when}. Cited for {s.cited_for}."
