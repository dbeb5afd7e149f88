"""Page state <-> URL query parameters: one typed, validated state per page; no Streamlit here.

``parse(params, PlaygroundState)`` turns a query string into a state (or the defaults and one
message saying what was wrong); ``to_query(state)`` turns it back into the parameters a link
needs. Each page's state is a frozen dataclass built from the shared field codecs in
:mod:`.fields`; the log bases every page prints in are one table, :data:`LOG_BASES`.
"""

from .bases import LOG_BASES, LogBase, log_base_of
from .binary import BinaryState
from .encoding import EncodingState
from .entropy import EntropyState
from .fields import PageState, parse, to_query, url_keys
from .playground import (
    CLASSES,
    LOGIT_LIMIT,
    LOGIT_SPAN,
    LOGIT_STEP,
    MAX_CLASSES,
    MAX_NAME_LENGTH,
    MAX_SMOOTHING,
    MIN_CLASSES,
    PLAYGROUND_PRESETS,
    T_MAX,
    T_MIN,
    T_STOPS,
    PlaygroundState,
    temperature_stops,
)

__all__ = [
    "LOG_BASES",
    "LogBase",
    "log_base_of",
    "BinaryState",
    "EncodingState",
    "EntropyState",
    "PageState",
    "parse",
    "to_query",
    "url_keys",
    "CLASSES",
    "LOGIT_LIMIT",
    "LOGIT_SPAN",
    "LOGIT_STEP",
    "MAX_CLASSES",
    "MAX_NAME_LENGTH",
    "MAX_SMOOTHING",
    "MIN_CLASSES",
    "PLAYGROUND_PRESETS",
    "T_MAX",
    "T_MIN",
    "T_STOPS",
    "PlaygroundState",
    "temperature_stops",
]
