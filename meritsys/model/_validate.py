"""Small converters and validators shared by the model classes."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from meritsys._numbers import to_decimal
from meritsys.errors import Problem, ValidationError

E = TypeVar("E", bound=enum.Enum)


def convert_enum(cls: type[E], value: Any) -> E:
    """Convert *value* to a member of *cls*; the error lists the allowed values."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValidationError(f"{value!r} is not one of {allowed}") from None


def convert_decimal(value: Any) -> Decimal:
    """Converter: an exact decimal (not a float); errors are a ValidationError."""
    try:
        return to_decimal(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def convert_optional_decimal(value: Any) -> Decimal | None:
    """Converter: ``None`` or an exact decimal."""
    return None if value is None else convert_decimal(value)


def in_range(lo: int, hi: int) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: a number in ``lo..hi`` (inclusive)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not lo <= value <= hi:
            raise ValueError(f"must lie in {lo}..{hi}, got {value!r}")

    return check


def instance_of(cls: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Validator: an instance of *cls*, with a message that names the class plainly."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise TypeError(f"must be {cls.__name__}, got {type(value).__name__} {value!r}")

    return check


def strict_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: an ``int`` that is not a ``bool``."""
    if type(value) is not int:
        raise TypeError(f"must be a whole number, got {value!r}")


def non_empty_str(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validator: a non-empty string without surrounding spaces."""
    if not isinstance(value, str) or not value or value != value.strip():
        raise ValueError(f"must be a non-empty string without surrounding spaces, got {value!r}")


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Converter: any iterable (but not a string) to a tuple."""
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a list, got a string {value!r}")
    return tuple(value)


def at_field(*validators: Callable[[Any, attrs.Attribute[Any], Any], None]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Combine validators; their failures become a ValidationError addressed at the field."""

    def run(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        for validator in validators:
            try:
                validator(instance, attribute, value)
            except ValidationError as exc:
                raise exc.at(attribute.name) from None
            except (ValueError, TypeError) as exc:
                raise ValidationError([Problem(attribute.name, str(exc))]) from None

    return run
