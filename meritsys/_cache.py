"""Per-rubric caches: derived data computed once per (immutable) rubric object."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

__all__ = ["per_object"]

T = TypeVar("T")
R = TypeVar("R")


def per_object(fn: Callable[[T], R]) -> Callable[[T], R]:
    """Cache ``fn(obj)`` per object identity, forgetting it when the object is collected.

    For frozen objects whose hashing is costly (a rubric hashes every number it
    holds): the cache is keyed by ``id`` and guarded by a weak reference.
    """
    cache: dict[int, tuple[weakref.ref[Any], R]] = {}

    def forget(key: int) -> Callable[[weakref.ref[Any]], None]:
        def drop(_ref: weakref.ref[Any]) -> None:
            cache.pop(key, None)

        return drop

    @wraps(fn)
    def wrapper(obj: T) -> R:
        key = id(obj)
        hit = cache.get(key)
        if hit is not None and hit[0]() is obj:
            return hit[1]
        value = fn(obj)
        cache[key] = (weakref.ref(obj, forget(key)), value)
        return value

    return wrapper
