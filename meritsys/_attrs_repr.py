"""One ``__repr__`` for every attrs class of meritsys, written once instead of generated per class.

attrs writes and compiles a ``__repr__`` for each class it builds; with some
forty classes on the path of a quick command (``meritsys validate``) that
compiling is a tenth of the command's start-up.  A class that sets
``__repr__ = fields_repr`` in its body gets this one instead (attrs sees the
class's own ``__repr__`` and does not generate one), and prints exactly what
the generated one prints: ``Name(field=value, ...)``, the fields attrs would
show, each by its ``repr`` or the field's own repr function, ``...`` for an
object already being shown.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs

__all__ = ["fields_repr"]

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
