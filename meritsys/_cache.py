"""Per-rubric caches: derived data computed once per (immutable) rubric object."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar, cast

__all__ = ["PerObject", "per_object"]

T = TypeVar("T")
R = TypeVar("R")
T_contra = TypeVar("T_contra", contravariant=True)


class PerObject(Protocol[T_contra, R]):
    """A function cached per object (:func:`per_object`)."""

    def __call__(self, obj: T_contra, /) -> R: ...

    def remember(self, obj: T_contra, value: R, /) -> None:
        """Record *value* as the function's value for *obj*, known by other means (a shipped rubric's stored hash)."""


def per_object(fn: Callable[[T], R]) -> PerObject[T, R]:
    """Cache ``fn(obj)`` per object identity, forgetting it when the object is collected.

    For frozen objects whose hashing is costly (a rubric hashes every number it
    holds): the cache is keyed by ``id`` and guarded by a weak reference.
    ``remember(obj, value)`` records a value known by other means.
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

    def remember(obj: T, value: R) -> None:
        key = id(obj)
        cache[key] = (weakref.ref(obj, forget(key)), value)

    wrapper.remember = remember  # type: ignore[attr-defined]
    return cast("PerObject[T, R]", wrapper)
