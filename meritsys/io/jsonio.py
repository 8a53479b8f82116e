"""Reading and writing model objects as JSON documents.

JSON parsing itself is strict too: a key repeated inside one object (which
Python's :mod:`json` silently resolves to the last value) is reported with its
path, and numbers with a fraction are kept as floats so the converter can
refuse them (decimals travel as strings).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from meritsys.errors import Problem, ValidationError
from meritsys.io.converter import structure, unstructure
from meritsys.model import Hasil, Penilaian

__all__ = [
    "dumps",
    "loads_hasil",
    "loads_penilaian",
    "parse_json",
    "read_json",
    "read_penilaian",
]

T = TypeVar("T")


class _Pairs(dict[str, Any]):
    """A parsed JSON object that remembers keys it saw twice."""

    duplicates: list[str]


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Pairs:
    obj = _Pairs()
    obj.duplicates = []
    for key, value in pairs:
        if key in obj:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


def _duplicates(node: Any, path: str) -> Iterator[Problem]:
    if isinstance(node, _Pairs):
        for key in node.duplicates:
            yield Problem(f"{path}[{json.dumps(key, ensure_ascii=False)}]" if path else (key if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"), "key appears more than once")
        for key, value in node.items():
            step = f".{key}" if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"
            yield from _duplicates(value, f"{path}{step}".lstrip("."))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _duplicates(value, f"{path}[{i}]")


def parse_json(text: str | bytes) -> Any:
    """Parse a JSON document strictly; raise :class:`ValidationError` on bad syntax or repeated keys."""
    try:
        data = json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except UnicodeDecodeError as exc:
        raise ValidationError(f"not valid JSON: the text is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise ValidationError("not valid JSON for meritsys: nested too deeply") from None
    try:
        problems = list(_duplicates(data, ""))
    except RecursionError:
        raise ValidationError("not valid JSON for meritsys: nested too deeply") from None
    if problems:
        raise ValidationError(problems)
    return data


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read and strictly parse a JSON file.

    Raises:
        ValidationError: if the file cannot be read or is not valid JSON.
    """
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {os.fspath(path)}: {exc.strerror}") from None
    return parse_json(text)


def _many(data: Any, cls: type[T]) -> tuple[T, ...]:
    if isinstance(data, list):
        items: list[T] = []
        problems: list[Problem] = []
        for i, item in enumerate(data):
            try:
                items.append(structure(item, cls, path=f"[{i}]"))
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        return tuple(items)
    return (structure(data, cls),)


def loads_penilaian(text: str | bytes) -> tuple[Penilaian, ...]:
    """Parse assessments from JSON text: one object or a list of them.

    Examples:
        >>> doc = '''{"instansi": {"kode": "kota-contoh", "nama": "Pemerintah Kota Contoh",
        ...   "jenis": "kota"}, "tahun": 2023, "rubrik": "kasn-2019", "jawaban": {"1.1": 3}}'''
        >>> [p.instansi.kode for p in loads_penilaian(doc)]
        ['kota-contoh']
    """
    return _many(parse_json(text), Penilaian)


def read_penilaian(path: str | os.PathLike[str]) -> tuple[Penilaian, ...]:
    """Read assessments from a JSON file holding one object or a list of them."""
    return _many(read_json(path), Penilaian)


def loads_hasil(text: str | bytes) -> tuple[Hasil, ...]:
    """Parse results (as written by :func:`dumps`) from JSON text."""
    return _many(parse_json(text), Hasil)


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise a model object, or a list of them, to JSON text (decimals as strings)."""
    return json.dumps(unstructure(obj), ensure_ascii=False, indent=indent)
