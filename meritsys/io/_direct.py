"""Building model objects straight from clean documents: the fast way in, without cattrs.

Most documents have no problem.  For them, a model object is built here by
walking its attrs fields with one small function per field type, and the
model's own validators check it as they always do.  The moment anything is
not plainly right (an unknown or missing key, a value of the wrong type, a
validator that objects), :func:`build` gives up and returns :data:`UNBUILT`;
the caller then goes the cattrs way (:mod:`meritsys.io._converter`), which
finds every problem and names each one by its path.  So a clean document is
read without importing cattrs at all, and a bad one is reported exactly as
before.

The rules are the converter's: strings, whole numbers and booleans of exactly
their type, decimals as strings (never floats), dates as ``YYYY-MM-DD``,
enums by value, lists for tuples, objects for mappings and model objects, no
unknown keys.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from meritsys._numbers import to_decimal
from meritsys.errors import ValidationError
from meritsys.io._reader import parse_date
from meritsys.model import FrozenMap

if TYPE_CHECKING:
    from meritsys.model import JarakKategori

__all__ = ["UNBUILT", "build"]

T = TypeVar("T")


class _GiveUp(Exception):
    """Something in the document is not plainly right: the full path reports it."""


UNBUILT: Any = object()
"""What :func:`build` returns when the document needs the full, problem-naming path."""

_Build = Callable[[Any], Any]


def build(data: Any, cls: type[T]) -> T:
    """*data* as a *cls*, or :data:`UNBUILT` when anything is off (never an exception of its own)."""
    make = _builder(cls)
    if make is None:
        return typing.cast(T, UNBUILT)
    try:
        return typing.cast(T, make(data))
    except (_GiveUp, ValidationError, ValueError, TypeError, KeyError, ArithmeticError, RecursionError):
        return typing.cast(T, UNBUILT)


_builders: dict[Any, _Build | None] = {}


def _builder(tp: Any) -> _Build | None:
    """The function that builds values of type *tp*, or ``None`` when this module does not handle it."""
    if tp in _builders:
        return _builders[tp]
    _builders[tp] = None  # a type that refers to itself is handled by the full path
    try:
        made = _make(tp)
    except (NameError, TypeError, AttributeError, attrs.exceptions.NotAnAttrsClassError):
        made = None
    _builders[tp] = made
    return made


def _give_up() -> typing.NoReturn:
    raise _GiveUp


def _str(value: Any) -> str:
    return value if isinstance(value, str) else _give_up()


def _int(value: Any) -> int:
    return value if type(value) is int else _give_up()


def _bool(value: Any) -> bool:
    return value if isinstance(value, bool) else _give_up()


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return to_decimal(value) if isinstance(value, str) else _give_up()


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return parse_date(value) if isinstance(value, str) else _give_up()


_PLAIN: dict[Any, _Build] = {str: _str, int: _int, bool: _bool, Decimal: _decimal, dt.date: _date}


def _make(tp: Any) -> _Build | None:
    if tp in _PLAIN:
        return _PLAIN[tp]
    if tp is _hasil_class("JarakKategori"):
        return _jarak
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _optional(args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(args[0])
    if origin is FrozenMap or tp is FrozenMap:
        return _mapping(*(args or (str, Any)))
    if isinstance(tp, type) and attrs.has(tp):
        return _object(tp)
    return None


def _optional(args: tuple[Any, ...]) -> _Build | None:
    others = [a for a in args if a is not type(None)]
    if len(others) != 1 or len(args) != 2:
        return None
    inner = _builder(others[0])
    if inner is None:
        return None
    return lambda value: None if value is None else inner(value)


def _tuple(item: Any) -> _Build | None:
    inner = _builder(item)
    if inner is None:
        return None
    return lambda value: tuple(map(inner, value)) if isinstance(value, list | tuple) else _give_up()


def _mapping(key: Any, value_type: Any) -> _Build | None:
    keys, values = _builder(key), _builder(value_type)
    if keys is None or values is None:
        return None

    def make(value: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, dict):
            _give_up()
        return FrozenMap({keys(k): values(v) for k, v in value.items()})

    return make


def _hasil_class(name: str) -> Any:
    """A class of the result model, once a result is being built (reading a rubric needs none of them)."""
    hasil = sys.modules.get("meritsys.model._hasil")
    return _NOT_LOADED if hasil is None else getattr(hasil, name)


_NOT_LOADED = object()
"""Stands for a result class not imported yet: no field type is it."""


def _jarak(value: Any) -> JarakKategori:
    if not isinstance(value, dict) or value.keys() != {"kategori", "kode", "kurang"}:
        _give_up()
    from meritsys.model import JarakKategori, KategoriHasil

    return JarakKategori(KategoriHasil(_str(value["kode"]), _str(value["kategori"])), _decimal(value["kurang"]))


def _field_types(cls: type) -> dict[str, Any]:
    """The types of *cls*'s fields, its string annotations evaluated where the class is defined.

    What :func:`attrs.resolve_types` finds, without :func:`typing.get_type_hints`'s walk
    (a tenth of reading a rubric in a fresh process).  Where an annotation does not
    evaluate, the field's builder is ``None`` and the full path reads the document.
    """
    module = vars(sys.modules[cls.__module__])
    out: dict[str, Any] = {}
    for a in attrs.fields(cls):
        tp = a.type
        if isinstance(tp, str):
            tp = eval(tp, module, dict(vars(cls)))  # the class's own annotation, evaluated as get_type_hints does
        out[a.name] = type(None) if tp is None else tp
    return out


def _object(cls: type) -> _Build | None:
    types_of = _field_types(cls)
    fields = [(a.name, a.alias or a.name, a.default is attrs.NOTHING, _builder(types_of[a.name])) for a in attrs.fields(cls) if a.init]
    if any(make is None for *_, make in fields):
        return None
    names = {name for name, *_ in fields}
    required = {name for name, _, needed, _ in fields if needed}

    def make(value: Any) -> Any:
        if not isinstance(value, dict) or not names.issuperset(value) or not required.issubset(value):
            _give_up()
        return cls(**{alias: build_field(value[name]) for name, alias, _, build_field in fields if name in value})  # type: ignore[misc]

    return make
