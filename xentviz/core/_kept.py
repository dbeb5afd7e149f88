"""Results kept for every session of a server process, and computed once.

``functools.lru_cache`` keeps results, but when a hall of 200 students opens the same link at
the same moment, each of their threads finds the cache empty and computes the same result: 200
times the work. :func:`kept` is an LRU cache that also lets only one thread compute a given
result while the others wait for it (Streamlit's ``st.cache_data`` does the same, but the maths
and the page states must not import Streamlit).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["kept"]

F = TypeVar("F", bound=Callable[..., Any])


def kept(maxsize: int) -> Callable[[F], F]:
    """Keep the last ``maxsize`` results of a function of hashable positional arguments;
    a result being computed is computed once, whoever else asks for it meanwhile. A call that
    raises keeps nothing (the next asks again)."""
    if maxsize < 1:
        raise ValueError(f"maxsize must be at least 1, got {maxsize!r}")

    def decorate(fn: F) -> F:
        results: OrderedDict[tuple, Any] = OrderedDict()
        computing: dict[tuple, threading.Lock] = {}
        guard = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args):
            with guard:
                if args in results:
                    results.move_to_end(args)
                    return results[args]
                lock = computing.setdefault(args, threading.Lock())
            with lock:  # one thread computes; the others wait here, then find its result
                with guard:
                    if args in results:
                        results.move_to_end(args)
                        return results[args]
                try:
                    value = fn(*args)
                except BaseException:
                    with guard:
                        computing.pop(args, None)
                    raise
                with guard:  # kept before the lock goes: a newcomer finds one or the other
                    results[args] = value
                    while len(results) > maxsize:
                        results.popitem(last=False)
                    computing.pop(args, None)
                return value

        def clear() -> None:
            with guard:
                results.clear()

        wrapper.cache_clear = clear  # type: ignore[attr-defined]
        wrapper.cache_len = lambda: len(results)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
