"""One ``__repr__``, ``__eq__`` and ``__hash__`` for every attrs class of meritsys, written once instead of generated per class.

attrs writes and compiles these methods for each class it builds; with some
forty classes on the path of a quick command (``meritsys validate``) that
compiling is a fifth of the command's own start-up.  A class that sets
``__repr__ = fields_repr`` (and, if frozen and compared, ``__eq__ =
fields_eq`` and ``__hash__ = fields_hash``) in its body gets these instead:
attrs sees the class's own methods and generates none.  They do exactly what
the generated ones do (the comparison and the hash are written for the class
the first time one of its objects is compared or hashed, and replace the
shared ones on it):

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


_Method = Callable[..., Any]


def _owner(cls: type, method: str, shared: _Method) -> type:
    """The class whose body set *method* to *shared*: its fields are the ones compared (a subclass declared with ``eq=False`` inherits them)."""
    for base in cls.__mro__:
        if base.__dict__.get(method) is shared:
            return base
    return cls  # pragma: no cover - called as a plain function on an object of another class


def _install(cls: type, method: str) -> _Method:
    """Write *cls*'s ``__eq__`` or ``__hash__`` for its fields as attrs writes it, and put it on the class that declared the shared one.

    Done the first time an object of the class is compared or hashed, once per
    class: a command that builds forty classes and compares objects of two
    compiles two methods, not eighty, and from then on a comparison runs the
    written method directly, as fast as attrs's own.
    """
    dunder = f"__{method}__"
    owner = _owner(cls, dunder, fields_eq if method == "eq" else fields_hash)
    fields = attrs.fields(owner)
    chosen = [a for a in fields if a.eq] if method == "eq" else [a for a in fields if (a.eq if a.hash is None else a.hash)]
    names: dict[str, Any] = {}

    def value(a: Any, obj: str) -> str:
        if a.eq_key is None:
            return f"{obj}.{a.name}"
        names[f"_key_{a.name}"] = a.eq_key
        return f"_key_{a.name}({obj}.{a.name})"

    if method == "eq":
        body = " and ".join(f"{value(a, 'self')} == {value(a, 'other')}" for a in chosen) or "True"
        source = f"def __eq__(self, other):\n    if other.__class__ is not self.__class__:\n        return NotImplemented\n    return {body}\n"
    else:
        names["_salt"] = f"{owner.__module__}.{owner.__qualname__}"
        source = f"def __hash__(self):\n    return hash((_salt, {''.join(value(a, 'self') + ', ' for a in chosen)}))\n"
    exec(compile(source, f"<meritsys {dunder} of {owner.__module__}.{owner.__qualname__}>", "exec"), names)  # field names are identifiers
    made: _Method = names[dunder]
    made.__qualname__ = f"{owner.__qualname__}.{dunder}"
    setattr(owner, dunder, made)
    return made


def fields_eq(self: Any, other: Any) -> Any:
    """Whether *other*, of the very same class, has equal fields, as attrs's generated ``__eq__`` compares them.

    Field by field in order (``self.a == other.a and ...``), each through its
    ``eq`` key function if it has one, so the first comparison that fails is
    what is returned.

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
    return _install(self.__class__, "eq")(self, other)


def fields_hash(self: Any) -> int:
    """The hash of the class and of the fields attrs's generated ``__hash__`` hashes (through their key functions)."""
    result: int = _install(self.__class__, "hash")(self)
    return result
