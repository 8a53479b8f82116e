"""Small converters and validators shared by the model classes."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from meritsys._numbers import is_numpy_int, to_decimal
from meritsys._repr import shown
from meritsys.errors import Problem, ProblemCode, ValidationError, code_of, with_code

E = TypeVar("E", bound=enum.Enum)


def convert_enum(cls: type[E], value: Any) -> E:
    """Convert *value* to a member of *cls*; the error lists the allowed values."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValidationError(f"{shown(value)} is not one of {allowed}", code="not-one-of") from None


def convert_decimal(value: Any) -> Decimal:
    """Converter: an exact decimal (not a float); errors are a ValidationError."""
    try:
        return to_decimal(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code=code_of(exc)) from None


def convert_optional_decimal(value: Any) -> Decimal | None:
    """Converter: ``None`` or an exact decimal."""
    return None if value is None else convert_decimal(value)


def in_range(lo: int, hi: int) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a number in ``lo..hi`` (inclusive)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not lo <= value <= hi:
            raise with_code(ValueError(f"must lie in {lo}..{hi}, got {shown(value)}"), "out-of-range")

    return check


def instance_of(cls: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: an instance of *cls*, with a message that names the class plainly."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise TypeError(f"must be {cls.__name__}, got {type(value).__name__} {shown(value)}")

    return check


def plain_int(value: Any) -> int:
    """Converter: a whole number (``int`` or a numpy integer scalar) as an ``int``; anything else is refused.

    Arrays hand out numpy scalars (``np.int64(2)``); they are the same whole
    numbers and are accepted wherever an ``int`` is.  ``bool`` is not a number here.
    """
    if type(value) is int:
        return value
    if is_numpy_int(value):
        return int(value)
    raise TypeError(f"must be a whole number, got {shown(value)}")


def strict_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: an ``int`` that is not a ``bool``."""
    if type(value) is not int:
        raise TypeError(f"must be a whole number, got {shown(value)}")


def non_empty_str(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a non-empty string without surrounding spaces."""
    if not isinstance(value, str) or not value or value != value.strip():
        code: ProblemCode = "type" if not isinstance(value, str) else "empty" if not value.strip() else "invalid"
        raise with_code(ValueError(f"must be a non-empty string without surrounding spaces, got {shown(value)}"), code)


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Converter: any iterable (but not a string or a mapping) to a tuple.

    A string would split into characters and a mapping would lose its values,
    so both are refused rather than converted.
    """
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        raise ValidationError(f"expected a list, got a string {shown(value)}", code="type")
    if isinstance(value, Mapping):
        raise ValidationError("expected a list, got a mapping", code="type")
    try:
        return tuple(value)
    except TypeError:
        raise ValidationError(f"expected a list, got {type(value).__name__} {shown(value)}", code="type") from None


def at_field(*validators: Callable[[Any, attrs.Attribute[Any], Any], None]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Combine validators; their failures become a ValidationError addressed at the field."""

    def run(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        for validator in validators:
            try:
                validator(instance, attribute, value)
            except ValidationError as exc:
                raise exc.at(attribute.name) from None
            except (ValueError, TypeError) as exc:
                raise ValidationError([Problem(attribute.name, str(exc), code=code_of(exc))]) from None

    return run


def _converter_at(name: str, convert: Any) -> Callable[[Any], Any]:
    # *convert* is a plain one-argument function, whatever attrs' stubs call it
    def run(value: Any) -> Any:
        try:
            return convert(value)
        except ValidationError as exc:
            raise exc.at(name) from None
        except (ValueError, TypeError) as exc:
            raise ValidationError([Problem(name, str(exc), code=code_of(exc))]) from None

    return run


def converters_at_field(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Field transformer: each converter's failures become a ValidationError addressed at its field.

    The converter counterpart of :func:`at_field`.  attrs does not tell a
    converter which field it converts, so a model class that has converters
    declares ``@attrs.frozen(field_transformer=converters_at_field)`` and every
    converter learns its field's name once, where the class is made.
    """
    return [
        a.evolve(converter=_converter_at(a.name, a.converter)) if a.converter is not None else a
        for a in fields
    ]
