"""One ``__repr__``, ``__eq__`` and ``__hash__`` for every attrs class of meritsys, written once instead of generated per class.

attrs writes and compiles these methods for each class it builds; with some
forty classes on the path of a quick command (``meritsys validate``) that
compiling is a fifth of the command's own start-up.  A class that sets
``__repr__ = fields_repr`` (and, if frozen and compared, ``__eq__ =
fields_eq`` and ``__hash__ = fields_hash``) in its body gets these instead:
attrs sees the class's own methods and generates none.  They do exactly what
the generated ones do:

- :func:`fields_repr` prints ``Name(field=value, ...)``, the fields attrs
  would show, each by its ``repr`` or the field's own repr function, ``...``
  for an object already being shown;
- :func:`fields_eq` compares two objects of the very same class field by
  field (the fields attrs compares, through their ``eq`` key functions),
  ``NotImplemented`` for any other class;
- :func:`fields_hash` hashes the class and the fields attrs hashes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import attrs

__all__ = ["fields_eq", "fields_hash", "fields_repr"]

_showing = threading.local()


def fields_repr(self: Any) -> str:
    """``Name(field=value, ...)``, as attrs's generated ``__repr__`` writes it.

    Examples:
        >>> @attrs.frozen
        ... class Titik:
        ...     x: int
        ...     y: int = attrs.field(repr=lambda v: f"<{v}>")
        ...     z: int = attrs.field(default=0, repr=False)
        ...     __repr__ = fields_repr
        >>> Titik(1, 2)
        Titik(x=1, y=<2>)
    """
    seen: set[int] | None = getattr(_showing, "ids", None)
    if seen is None:
        seen = _showing.ids = set()
    if id(self) in seen:
        return "..."
    seen.add(id(self))
    try:
        parts = []
        for a in attrs.fields(type(self)):
            if a.repr is False:
                continue
            value = getattr(self, a.name) if a.init else getattr(self, a.name, attrs.NOTHING)
            parts.append(f"{a.name}={value!r}" if a.repr is True else f"{a.name}={a.repr(value)}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        seen.discard(id(self))


_Compared = tuple[tuple[str, Callable[[Any], Any] | None], ...]
_compared: dict[type, tuple[_Compared, Callable[[Any], tuple[Any, ...]]]] = {}


def _fields_of(cls: type) -> tuple[_Compared, Callable[[Any], tuple[Any, ...]]]:
    """The fields *cls* compares, each with its key function; and what its hash is taken of (the class, then the hashed fields)."""
    found = _compared.get(cls)
    if found is None:
        fields = attrs.fields(cls)
        eq = tuple((a.name, a.eq_key) for a in fields if a.eq)
        hashed = tuple((a.name, a.eq_key) for a in fields if (a.eq if a.hash is None else a.hash))
        salt = (f"{cls.__module__}.{cls.__qualname__}",)
        if any(key is not None for _, key in hashed):

            def values(obj: Any) -> tuple[Any, ...]:
                return (*salt, *(getattr(obj, name) if key is None else key(getattr(obj, name)) for name, key in hashed))

        elif len(hashed) > 1:
            getter = attrgetter(*(name for name, _ in hashed))

            def values(obj: Any) -> tuple[Any, ...]:
                return salt + getter(obj)

        else:
            names = [name for name, _ in hashed]

            def values(obj: Any) -> tuple[Any, ...]:
                return (*salt, *(getattr(obj, name) for name in names))

        found = _compared[cls] = (eq, values)
    return found


def fields_eq(self: Any, other: Any) -> Any:
    """Whether *other*, of the very same class, has equal fields, as attrs's generated ``__eq__`` compares them.

    Field by field in order, each through its ``eq`` key function if it has
    one, stopping at the first that differs (whose comparison is returned).

    Examples:
        >>> @attrs.frozen
        ... class Kata:
        ...     teks: str = attrs.field(eq=str.lower)
        ...     catatan: str = attrs.field(default="", eq=False)
        ...     __eq__ = fields_eq
        ...     __hash__ = fields_hash
        >>> Kata("Baik", "a") == Kata("BAIK", "b"), Kata("Baik") == "Baik"
        (True, False)
    """
    if other.__class__ is not self.__class__:
        return NotImplemented
    result: Any = True
    for name, key in _fields_of(self.__class__)[0]:
        if key is None:
            result = getattr(self, name) == getattr(other, name)
        else:
            result = key(getattr(self, name)) == key(getattr(other, name))
        if not result:
            return result
    return result


def fields_hash(self: Any) -> int:
    """The hash of the class and of the fields attrs's generated ``__hash__`` hashes (through their key functions)."""
    return hash(_fields_of(self.__class__)[1](self))
