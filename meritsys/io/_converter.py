"""The cattrs converter: the one place that knows the JSON shapes of the model.

The converter is strict.  cattrs by default coerces ``1`` to ``"1"`` and a
string to a tuple of characters; that hides bad input, so every primitive has
a hook that refuses the wrong type.  Decimals travel as strings, never floats.
Unknown keys are rejected.  Every problem in a document becomes one
:class:`~meritsys.errors.ValidationError` listing path-addressed messages,
keeping the text of attrs validator errors (cattrs issues #440 and #694 explain
why cattrs' default formatter loses it).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter as _make_json_converter

from meritsys._numbers import to_decimal
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError, code_of, with_code
from meritsys.io._reader import parse_date
from meritsys.model import FrozenMap, JarakKategori, KategoriHasil, Penilaian

__all__ = ["configure_converter", "describe", "make_converter", "structure_checked", "unstructure"]

T = TypeVar("T")


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {describe(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {describe(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {describe(value)}")
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise TypeError(f"expected a decimal written as a string (e.g. \"{shown(value)}\"), got the number {shown(value)}")
    if not isinstance(value, str):
        raise TypeError(f"expected a decimal written as a string, got {describe(value)}")
    return to_decimal(value)


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a date (YYYY-MM-DD), got {describe(value)}")
    return parse_date(value)


def describe(value: Any) -> str:
    """A value as an error message names it (``null``, ``a list``, ``str 'x'``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"{type(value).__name__} {shown(value)}"


def _is_frozen_map(tp: Any) -> bool:
    return typing.get_origin(tp) is FrozenMap or tp is FrozenMap


def _is_var_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def configure_converter(converter: cattrs.Converter) -> None:
    """Install meritsys' strict hooks on *converter*.

    Like the ``cattrs.preconf`` modules, this lets an application that owns a
    converter teach it the meritsys model.
    """
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())

    def enum_hook(tp: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
        allowed = ", ".join(repr(m.value) for m in tp)

        def structure_enum(value: Any, _: type) -> enum.Enum:
            try:
                return tp(value)
            except ValueError:
                raise with_code(ValueError(f"{shown(value)} is not one of {allowed}"), "not-one-of") from None

        return structure_enum

    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), enum_hook
    )

    def frozen_map_hook(tp: Any) -> Callable[[Any, type], FrozenMap[Any, Any]]:
        args = typing.get_args(tp) or (str, Any)
        inner = converter.get_structure_hook(dict[args[0], args[1]])  # type: ignore[valid-type]  # built from runtime args

        def structure_map(value: Any, _: type) -> FrozenMap[Any, Any]:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {describe(value)}")
            return FrozenMap(inner(value, dict))

        return structure_map

    converter.register_structure_hook_factory(_is_frozen_map, frozen_map_hook)
    converter.register_unstructure_hook_factory(
        _is_frozen_map,
        lambda tp: lambda m: {k: converter.unstructure(v) for k, v in m.items()},
    )

    def tuple_hook(tp: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        inner = converter.get_structure_hook(list[typing.get_args(tp)[0]])  # type: ignore[misc]  # built from runtime args

        def structure_tuple(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {describe(value)}")
            return tuple(inner(value, list))

        return structure_tuple

    converter.register_structure_hook_factory(_is_var_tuple, tuple_hook)

    # A model object where the document holds something else: say so at its path,
    # instead of the error cattrs' generated code meets on the way ("no attribute 'keys'").
    def attrs_hook(tp: Any) -> Callable[[Any, type], Any]:
        inner = make_dict_structure_fn(tp, converter)

        def structure_object(value: Any, cls: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {describe(value)}")
            return inner(value, cls)

        return structure_object

    converter.register_structure_hook_factory(
        lambda t: attrs.has(t) and t not in (JarakKategori,), attrs_hook
    )

    # ARCHITECTURE.md's result shape: {"kategori": "Sangat Baik", "kurang": "74.5"}, the
    # label as a plain string; the code travels beside it so the result loads back whole.
    def unstructure_jarak(j: JarakKategori) -> dict[str, Any]:
        return {"kategori": j.kategori.label, "kode": j.kategori.kode, "kurang": format(j.kurang, "f")}

    def structure_jarak(value: Any, _: type) -> JarakKategori:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {describe(value)}")
        extra = set(value) - {"kategori", "kode", "kurang"}
        missing = {"kategori", "kode", "kurang"} - set(value)
        if extra or missing:
            raise ValidationError(
                [Problem(k, "unknown key", code="unknown-key") for k in sorted(extra)] + [Problem(k, "required key is missing", code="missing-key") for k in sorted(missing)]
            )
        fields: dict[str, Any] = {}
        problems: list[Problem] = []
        for key, hook in (("kode", _structure_str), ("kategori", _structure_str), ("kurang", _structure_decimal)):
            try:
                fields[key] = hook(value[key], Decimal if key == "kurang" else str)
            except ValidationError as exc:
                problems.extend(exc.at(key).problems)
            except (TypeError, ValueError) as exc:
                problems.append(Problem(key, str(exc), code=code_of(exc)))
        if problems:
            raise ValidationError(problems)
        return JarakKategori(KategoriHasil(fields["kode"], fields["kategori"]), fields["kurang"])

    converter.register_unstructure_hook(JarakKategori, unstructure_jarak)
    converter.register_structure_hook(JarakKategori, structure_jarak)

    # An answer that is not a whole number is not a level: the same code as in a CSV
    # file or a worksheet, where the cell's text is read as a level.
    levels = converter.get_structure_hook(FrozenMap[str, int])

    def structure_levels(value: Any, tp: type) -> FrozenMap[str, int]:
        try:
            return levels(value, tp)  # type: ignore[no-any-return]  # cattrs' hooks are untyped
        except (ClassValidationError, IterableValidationError) as exc:
            raise ValidationError(
                attrs.evolve(p, code="not-a-level") if p.code == "type" and p.path else p for p in _walk(exc, "")
            ) from None

    structure_penilaian = make_dict_structure_fn(Penilaian, converter, jawaban=override(struct_hook=structure_levels))

    def structure_assessment(value: Any, cls: type) -> Penilaian:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {describe(value)}")
        return structure_penilaian(value, cls)

    converter.register_structure_hook(Penilaian, structure_assessment)

    # An assessment file lists only what the user said: defaults (no gates, no
    # survey, koreksi 0) are left out, as in the documented shape.
    converter.register_unstructure_hook(
        Penilaian,
        make_dict_unstructure_fn(Penilaian, converter, _cattrs_omit_if_default=True),
    )


def make_converter() -> cattrs.Converter:
    """Return a new strict converter for the meritsys model (JSON-ready primitives)."""
    converter = _make_json_converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


@cache
def _converter() -> cattrs.Converter:
    """The converter, built on first use (building it costs a quick command that never reads a document)."""
    return make_converter()


def structure_checked(data: Any, cls: type[T], *, path: str = "") -> T:
    """:func:`meritsys.io.structure` the cattrs way: every problem of *data* found and named by its path."""
    if attrs.has(cls) and not isinstance(data, dict):
        raise ValidationError([Problem(path, f"expected an object, got {describe(data)}", code="type")])
    try:
        return _converter().structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise ValidationError(_walk(exc, path)) from None
    except ValidationError as exc:
        raise exc.at(path) from None
    except (ValueError, TypeError) as exc:
        raise ValidationError([Problem(path, _message(exc), code=code_of(exc))]) from None


def unstructure(obj: Any) -> Any:
    """Turn a model object (or a list of them) into JSON-ready plain data."""
    return _converter().unstructure(obj)


def _join(path: str, step: str | int) -> str:
    if isinstance(step, int):
        return f"{path}[{step}]"
    if isinstance(step, str) and step.isidentifier():
        return f"{path}.{step}" if path else step
    return f"{path}[{json.dumps(step, ensure_ascii=False)}]"


def _walk(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, IterableValidationNote):
                # list items are [i]; mapping keys are always ["key"], as the resolver writes them
                step = f"[{note.index}]" if isinstance(note.index, int) else f"[{json.dumps(note.index, ensure_ascii=False)}]"
                yield from _walk(sub, f"{path}{step}")
            else:
                yield from _walk(sub, _join(path, note.name))
        for sub in without:
            yield from _walk(sub, path)
    elif isinstance(exc, ValidationError):
        for p in exc.problems:
            yield p.at(path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(_join(path, key), "unknown key", code="unknown-key")
    elif isinstance(exc, KeyError):
        yield Problem(path, "required key is missing", code="missing-key")
    else:
        yield Problem(path, _message(exc), code=code_of(exc))


def _message(exc: BaseException) -> str:
    text = str(exc)
    return text if text else type(exc).__name__
