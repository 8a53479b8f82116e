"""The one document reader: JSON and TOML files, read strictly and within bounds.

Every document meritsys reads (rubrics, assessments, reforms, policy tests,
cost files) goes through :func:`read_document` or :func:`parse_document`:

* a file larger than :data:`MAX_BYTES` is refused before it is read, an empty
  one is reported as empty, and text that is not UTF-8 is refused (a UTF-8 byte
  order mark is allowed);
* JSON is standard JSON: ``NaN`` and ``Infinity`` are refused, and a key
  repeated inside one object (which Python's :mod:`json` silently resolves to
  the last value) is reported with its path;
* numbers too long for Python's integer conversion, and documents nested more
  deeply than the parser can follow, are refused with a message, never with
  Python's own exception;
* every problem is a :class:`~meritsys.errors.ValidationError`.

Numbers with a fraction stay floats (TOML and JSON alike) unless the caller
asks for exact decimals, so the converter can refuse a float where a decimal
must be written as a string.  Duplicate keys are found while parsing, at no
cost per key; a path is built only for a key that is repeated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError, with_code
from meritsys.io._suffix import file_name, has_suffix

__all__ = ["MAX_BYTES", "Format", "decode_text", "format_of", "parse_date", "parse_document", "read_bytes", "read_document"]

MAX_BYTES = 256 * 1024 * 1024
"""The largest document meritsys reads (256 MiB)."""

Format = Literal["json", "toml"]
"""The document formats the reader knows."""


class _Repeated(dict[str, Any]):
    """A parsed JSON object that saw some of its keys more than once."""

    repeated: list[str]


def _marked(obj: dict[str, Any], pairs: list[tuple[str, Any]]) -> _Repeated:
    marked = _Repeated(obj)
    seen: set[str] = set()
    marked.repeated = []
    for key, _ in pairs:
        if key in seen:
            marked.repeated.append(key)
        seen.add(key)
    return marked


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _step(key: str | int) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    return f".{key}" if key.isidentifier() else f"[{json.dumps(key, ensure_ascii=False)}]"


def _repeated_keys(root: Any) -> Iterator[Problem]:
    """Problems for every repeated key, found by an iterative walk (no recursion)."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if isinstance(node, _Repeated):
                for key in dict.fromkeys(node.repeated):
                    at = f"{path}[{json.dumps(key, ensure_ascii=False)}]" if path else _step(key).lstrip(".")
                    yield Problem(at, "key appears more than once", code="duplicate-key")
            stack.extend((v, (path + _step(k)).lstrip(".")) for k, v in reversed(list(node.items())) if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))) if isinstance(v, dict | list))


_LONG_DIGITS = re.compile(r"\d{4000,}")


def _long_number(text: str) -> str:
    """Where a number too long to read sits in *text*, for the message."""
    m = _LONG_DIGITS.search(text)
    if m is None:  # pragma: no cover - the parser refused some other overlong number
        return "a number is too long to read"
    line = text.count("\n", 0, m.start()) + 1
    return f"line {line}: a number of {len(m.group())} digits is too long to read (meritsys reads numbers of at most 30 significant digits)"


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file's name says it holds: ``.json`` is JSON, anything else TOML."""
    return "json" if has_suffix(path, ".json") else "toml"


def _text(raw: bytes | str, where: str) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{where}the text is not UTF-8 ({exc.reason} at byte {exc.start})", code="unreadable") from None


def parse_document(raw: bytes | str, fmt: Format, *, name: str | None = None, decimals: bool = False) -> Any:
    """Parse a JSON or TOML document strictly.

    Args:
        raw: The document's bytes or text.
        fmt: ``"json"`` or ``"toml"``.
        name: The file name, for messages.
        decimals: Read numbers with a fraction as exact :class:`~decimal.Decimal`
            instead of floats.

    Raises:
        ValidationError: for text that is not UTF-8, bad syntax, repeated keys,
            numbers too long to read, nesting too deep for the parser, or an
            empty document.

    Examples:
        >>> parse_document('{"a": 1, "a": 2}', "json")
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.a: key appears more than once
    """
    label = "JSON" if fmt == "json" else "TOML"
    invalid = f"{name} is not valid {label}" if name else f"not valid {label}"
    text = _text(raw, f"{invalid}: ")
    if not text.strip():
        raise ValidationError(f"{name or 'the document'} is empty", code="empty")
    repeated = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        repeated = True
        return _marked(obj, pairs)

    try:
        if fmt == "json":
            data = json.loads(
                text,
                object_pairs_hook=pairs_hook,
                parse_constant=_refuse_constant,
                parse_float=Decimal if decimals else float,
            )
        else:
            data = _loads_toml(text, invalid, decimals)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{invalid}: {exc.msg} (line {exc.lineno}, column {exc.colno})", code="syntax") from None
    except ValidationError:
        raise
    except RecursionError:
        raise ValidationError(f"{invalid} for meritsys: nested too deeply", code="too-large") from None
    except ValueError as exc:
        if "is not a JSON number" in str(exc):
            raise ValidationError(f"{invalid}: {exc}", code="syntax") from None
        raise ValidationError(f"{name + ': ' if name else ''}{_long_number(text)}", code="too-large") from None
    if repeated:  # only then is a walk (and a path) worth building
        raise ValidationError(list(_repeated_keys(data)))
    return data


def _loads_toml(text: str, invalid: str, decimals: bool) -> Any:
    # tomllib is imported for a TOML document only: a quick command reading JSON
    # (and the shipped rubrics' parsed copies) starts without it
    import tomllib

    try:
        return tomllib.loads(text, parse_float=Decimal if decimals else float)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{invalid}: {exc}", code="syntax") from None


def read_document(
    path: str | os.PathLike[str], fmt: Format | None = None, *, decimals: bool = False
) -> Any:
    """Read and strictly parse a JSON or TOML file (by its suffix unless *fmt* is given).

    Raises:
        ValidationError: if the file cannot be read, is larger than
            :data:`MAX_BYTES`, or does not parse (see :func:`parse_document`).
    """
    raw = read_bytes(path)  # a path of another type is refused here
    return parse_document(raw, fmt or format_of(path), name=file_name(path), decimals=decimals)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, within :data:`MAX_BYTES`; every failure is a :class:`~meritsys.errors.ValidationError`."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file path (str or os.PathLike), got {type(path).__name__}")
    try:  # the common case, without pathlib: a readable file within the limit
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size <= MAX_BYTES:
                return f.read()
    except (OSError, ValueError):
        pass
    # anything else as it always was, with the path as pathlib writes it in every message
    from pathlib import Path

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(f"{p}: the file is {size / 2**20:.0f} MiB; meritsys reads documents of at most {MAX_BYTES // 2**20} MiB", code="too-large")
        return p.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {p}: {exc.strerror}", code="unreadable") from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise ValidationError(f"cannot read {shown(os.fspath(p))}: {exc}", code="unreadable") from None


def decode_text(raw: bytes | str, where: str) -> str:
    """*raw* as text: UTF-8, a byte order mark dropped; *where* starts the message when it is not UTF-8."""
    return _text(raw, where)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD``, the one form documents use.

    :meth:`datetime.date.fromisoformat` also reads ``20240101`` and ``2024-W01-1``;
    meritsys does not, as its schemas say.

    Raises:
        ValueError: naming *text* and the form, for anything else or an impossible date.

    Examples:
        >>> parse_date("2024-02-29")
        datetime.date(2024, 2, 29)
        >>> parse_date("20240229")
        Traceback (most recent call last):
        ...
        ValueError: '20240229' is not a date (YYYY-MM-DD)
    """
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise with_code(ValueError(f"{shown(text)} is not a date (YYYY-MM-DD)"), "not-a-date")
