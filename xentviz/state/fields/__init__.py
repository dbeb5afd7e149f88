"""Field codecs: one URL parameter <-> one typed, validated field of a page's state.

A page's state is a frozen dataclass of :class:`PageState` whose every field names its codec::

    @dataclass(frozen=True)
    class Coins(PageState):
        n: int = param(Count("n", 1, 100), 10)

Building a state checks every field (a ``ValueError`` names the parameter), so a state that
exists is valid. :func:`parse` reads a query string into a state, or gives the defaults and one
message; :func:`to_query` gives back the parameters a link needs. A field may depend on the
fields declared before it (its codec's ``depends_on``: a target among the classes, one logit
per class), so fields are read, checked and written in their declared order.

:mod:`.engine` is the machinery; the codecs are :mod:`.numbers`, :mod:`.references` (an index
into another field) and :mod:`.names`.
"""

from .engine import (
    MAX_PARAM_LENGTH,
    Codec,
    PageState,
    codec_of,
    param,
    parse,
    refitted,
    to_query,
    url_keys,
)
from .names import Choice, Names
from .numbers import Count, CountRows, Pairs, Real, Reals, UpTo
from .references import ClassRef, ClassRefs, Order, OtherRef, Reference, RowPair, RowRef

__all__ = [
    "Codec", "Names", "Reals", "Real", "ClassRef", "Choice", "Count", "CountRows", "RowRef",
    "RowPair", "ClassRefs", "Order", "OtherRef", "UpTo", "Pairs", "Reference", "PageState",
    "param", "refitted", "parse", "to_query", "url_keys", "codec_of", "MAX_PARAM_LENGTH",
]  # fmt: skip
