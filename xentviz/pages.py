"""The pages of the app, one entry each, in the order the navigation lists them.

Everything that lists pages is derived from :data:`PAGES`: the navigation (``app.py`` through
:mod:`xentviz.app_pages`), each page's Next link and the guided path
(:data:`xentviz.lesson.lecture.NEXT`), the glossary's "where it first appears", and the tests'
page lists. A page is one name in every layer (see CONTRIBUTING.md, "Add a page")::

    xentviz/state/<name>.py         its URL state (a FixedState page has none)
    xentviz/worked/<name>.py        every number it shows, from the core
    xentviz/figures/<name>.py       its charts
    xentviz/lesson/<name>.py        its words and questions
    xentviz/ui/controls/<name>.py   its own widgets and its view
    xentviz/app_pages/<name>.py     the lesson script

and ``tests/test_pages.py`` fails when a page lacks one of them or the navigation disagrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .state import BinaryState, EncodingState, EntropyState, PlaygroundState
from .state.digits import DigitsState
from .state.fixed import FixedState
from .state.gradients import GradientsState
from .state.loss import LossState
from .state.training import TrainingState

__all__ = ["Page", "PAGES", "LAYERS", "page", "script", "first_page_of", "next_of"]

#: The per-page modules of a page that teaches with numbers, by layer: ``<layer>/<name>.py``.
LAYERS = ("state", "worked", "figures", "lesson", "ui/controls", "app_pages")


@dataclass(frozen=True)
class Page:
    name: str  #: its url_path, and its modules' name in every layer
    title: str  #: in the navigation and on its tab
    icon: str  #: a Material icon, as ``st.Page`` takes it
    state: type  #: its state class (:class:`FixedState` when it has nothing to set)
    next: str | None = None  #: the next page of the guided path
    next_says: str = ""  #: the words of the Next link to it
    terms: tuple[str, ...] = ()  #: the glossary terms that first appear here
    layers: tuple[str, ...] = LAYERS  #: the layers it has a module in, named after it

    @property
    def default(self) -> bool:
        """The page an address without a path opens: the first."""
        return self is PAGES[0]


PAGES = (
    Page(
        "playground", "Playground", ":material/tune:", PlaygroundState,
        "entropy", "Next: entropy, with containers of shapes",
        ("logit", "softmax", "temperature", "cross-entropy", "KL divergence", "label smoothing",
         "gradient"),
    ),
    Page(
        "entropy", "Entropy & containers", ":material/category:", EntropyState,
        "binary", "Next: binary, multi-class and multi-label", ("entropy",),
    ),
    Page(
        "binary", "Binary vs multi-class", ":material/call_split:", BinaryState,
        "encoding", "Next: integer labels and one-hot vectors", ("log loss",),
    ),
    Page(
        "encoding", "Encodings", ":material/data_array:", EncodingState,
        "loss", "Next: the loss as a landscape", ("one-hot",),
    ),
    Page(
        "loss", "Loss & landscape", ":material/landscape:", LossState,
        "gradients", "Next: where the gradient q − p comes from", ("learning rate",),
    ),
    Page(
        "gradients", "Gradients & backprop", ":material/device_hub:", GradientsState,
        "training", "Next: training a classifier, and the likelihood", ("Jacobian",),
    ),
    Page(
        "training", "Training & likelihood", ":material/model_training:", TrainingState,
        "digits", "Next: a real classifier, on handwritten digits", ("likelihood",),
    ),
    Page(
        "digits", "Handwritten digits", ":material/draw:", DigitsState,
        "lecture", "Next: the whole path as a lecture plan", ("template",),
    ),
    Page(
        "lecture", "Lecture plan", ":material/co_present:", FixedState,
        "glossary", "Next: the glossary of every term", layers=("lesson", "app_pages"),
    ),
    Page(
        "glossary", "Glossary", ":material/menu_book:", FixedState,
        layers=("lesson", "app_pages"),
    ),
)  # fmt: skip

_BY_NAME = {p.name: p for p in PAGES}
_SCRIPTS = Path(__file__).parent / "app_pages"


def page(name: str) -> Page:
    """The entry of the page named ``name``."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"name must be one of {sorted(_BY_NAME)}, got {name!r}") from None


def script(name: str) -> Path:
    """The lesson script of the page named ``name`` (``app_pages/<name>.py``)."""
    return _SCRIPTS / f"{page(name).name}.py"


def next_of(name: str) -> tuple[str, str] | None:
    """(the next page, the Next link's words) of the page named ``name``; None at the end."""
    p = page(name)
    return (p.next, p.next_says) if p.next else None


def first_page_of(term: str) -> str:
    """The page where the glossary term ``term`` first appears."""
    for p in PAGES:
        if term in p.terms:
            return p.name
    raise ValueError(f"term must be one a page introduces, got {term!r}")
