"""Model objects to plain data and JSON text, without cattrs: the fast way out.

:func:`plain` gives exactly what the converter's ``unstructure`` gives
(decimals as strings, enums as values, tuples as lists, an assessment without
its defaults, the distance to the next category as label, code and gap), and
:func:`write_json` the text ``json.dumps`` would make of it, indented or not.
Results share their parts: a rubric's contribution and suggestion objects are
built once and appear in many results, so :func:`write_json` encodes each
shared part once per run and reuses the text.  Values of any other kind go
through the converter.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from meritsys.model import (
    FrozenMap,
    HasilAspek,
    Instansi,
    JarakKategori,
    KategoriHasil,
    Kontribusi,
    Penilaian,
    RubrikRef,
    Saran,
)

__all__ = ["plain", "write_json"]

_string: Callable[[str], str] = json.encoder.c_encode_basestring or json.encoder.py_encode_basestring  # type: ignore[attr-defined]
_SHARED = (Kontribusi, Saran, HasilAspek, KategoriHasil, JarakKategori, Instansi, RubrikRef)
"""Parts many results hold the very same object of: encoded once, then reused."""
_SHARED_TYPES = frozenset(_SHARED)
_MEMO = 1 << 16


class _Other(Exception):
    """A value this module does not know: the converter takes the whole object."""


def plain(obj: Any) -> Any:
    """*obj* as JSON-ready plain data, exactly as the converter's ``unstructure`` makes it."""
    try:
        return _Plain().of(obj)
    except _Other:
        from meritsys.io._converter import unstructure

        return unstructure(obj)


def _fields(cls: type) -> list[tuple[str, Any]]:
    """Each field's name and, for an assessment, its default (left out of the document when equal)."""
    if cls is Penilaian:
        return [(a.name, a.default) for a in attrs.fields(cls)]
    return [(a.name, attrs.NOTHING) for a in attrs.fields(cls)]


_plans: dict[type, list[tuple[str, Any]]] = {}


def _plan(cls: type) -> list[tuple[str, Any]]:
    found = _plans.get(cls)
    if found is None:
        found = _plans[cls] = _fields(cls)
    return found


def _is_default(value: Any, default: Any) -> bool:
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return bool(value == default)


def _model(cls: type) -> bool:
    return cls.__module__.startswith("meritsys.model") and attrs.has(cls)


_FLAT = (Kontribusi, Saran, KategoriHasil)
"""Shared parts whose plain form holds only strings, numbers and booleans: made once per call, then copied."""


class _Plain:
    """One :func:`plain` call: a shared flat part is converted once and each use gets its own copy."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[Any, dict[str, Any]]] = {}

    def of(self, obj: Any) -> Any:
        cls = type(obj)
        if obj is None or cls is str or cls is int or cls is bool:
            return obj
        if cls is Decimal:
            return format(obj, "f")
        if cls is tuple or cls is list:
            return [self.of(v) for v in obj]
        if cls in _plans and cls not in _FLAT:  # a model class met before
            return self._object(obj, cls)
        if cls in _FLAT:
            hit = self.memo.get(id(obj))
            if hit is None or hit[0] is not obj:
                hit = (obj, self._object(obj, cls))
                if len(self.memo) < _MEMO:
                    self.memo[id(obj)] = hit  # the object is kept alive, so its id is not reused
            return dict(hit[1])
        if isinstance(obj, str | bool | int):
            return obj
        if isinstance(obj, Decimal):
            return format(obj, "f")
        if isinstance(obj, enum.Enum):
            return obj.value
        if isinstance(obj, list | tuple):
            return [self.of(v) for v in obj]
        if isinstance(obj, FrozenMap):
            return {k: self.of(v) for k, v in obj.items()}
        if isinstance(obj, JarakKategori):
            return {"kategori": obj.kategori.label, "kode": obj.kategori.kode, "kurang": format(obj.kurang, "f")}
        if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
            return obj.isoformat()
        if _model(cls):
            return self._object(obj, cls)
        raise _Other

    def _object(self, obj: Any, cls: type) -> dict[str, Any]:
        if cls is JarakKategori:
            return {"kategori": obj.kategori.label, "kode": obj.kategori.kode, "kurang": format(obj.kurang, "f")}
        out = {}
        of = self.of
        for name, default in _plan(cls):
            value = getattr(obj, name)
            if default is attrs.NOTHING or not _is_default(value, default):
                out[name] = of(value)
        return out


def write_json(obj: Any, *, indent: int | None = 2) -> str:
    """The JSON text of *obj*: ``json.dumps(plain(obj), ensure_ascii=False, indent=indent)``, made faster."""
    try:
        return _Writer(indent).text(obj, 0)
    except _Other:
        return json.dumps(plain(obj), ensure_ascii=False, indent=indent)


class _Writer:
    def __init__(self, indent: int | None) -> None:
        self.indent = indent
        self.memo: dict[tuple[int, int], tuple[Any, str]] = {}

    def _seps(self, level: int) -> tuple[str, str, str]:
        """Text after an opening bracket, between items, and before the closing one."""
        if self.indent is None:
            return "", ", ", ""
        inner = "\n" + " " * (self.indent * (level + 1))
        return inner, "," + inner, "\n" + " " * (self.indent * level)

    def _items(self, open_: str, parts: list[str], close: str, level: int) -> str:
        if not parts:
            return open_ + close
        first, sep, last = self._seps(level)
        return open_ + first + sep.join(parts) + last + close

    def text(self, obj: Any, level: int) -> str:
        """The JSON text of *obj* nested *level* deep."""
        cls = type(obj)
        if cls in _SHARED_TYPES:  # most values of a result: look them up first
            key = (id(obj), level)
            hit = self.memo.get(key)
            if hit is not None and hit[0] is obj:
                return hit[1]
            made = self._object(obj, level)
            if len(self.memo) < _MEMO:
                self.memo[key] = (obj, made)  # the object is kept alive, so its id is not reused
            return made
        if cls is str:
            return _string(obj)
        if cls is Decimal:
            return _string(format(obj, "f"))
        if cls is tuple:
            return self._items("[", [self.text(v, level + 1) for v in obj], "]", level)
        if obj is None:
            return "null"
        if obj is True:
            return "true"
        if obj is False:
            return "false"
        if isinstance(obj, str):
            return _string(obj)
        if isinstance(obj, int):
            return int.__repr__(obj)
        if isinstance(obj, Decimal):
            return _string(format(obj, "f"))
        if isinstance(obj, enum.Enum):
            return self.text(obj.value, level)
        if isinstance(obj, list | tuple):
            return self._items("[", [self.text(v, level + 1) for v in obj], "]", level)
        if isinstance(obj, FrozenMap | dict):
            return self._items("{", [_string(_key(k)) + ": " + self.text(v, level + 1) for k, v in obj.items()], "}", level)
        if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
            return _string(obj.isoformat())
        return self._object(obj, level)

    def _object(self, obj: Any, level: int) -> str:
        if isinstance(obj, JarakKategori):
            return self.text({"kategori": obj.kategori.label, "kode": obj.kategori.kode, "kurang": obj.kurang}, level)
        cls = type(obj)
        if not (cls.__module__.startswith("meritsys.model") and attrs.has(cls)):
            raise _Other
        parts = []
        for name, default in _plan(cls):
            value = getattr(obj, name)
            if not _is_default(value, default):
                parts.append(_string(name) + ": " + self.text(value, level + 1))
        return self._items("{", parts, "}", level)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    raise _Other  # json.dumps would turn it into a string its own way: leave it to json
