"""Checks for the arguments of public functions: Python types first, then values.

A wrong Python type is a programming error: it raises :class:`TypeError`
naming the parameter and the type expected.  A value of the right type
outside its allowed range is input: it becomes a
:class:`~meritsys.errors.Problem` addressed at the parameter, so every bad
value of one call is reported together in one
:class:`~meritsys.errors.ValidationError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from meritsys._repr import shown
from meritsys.errors import Problem

__all__ = ["callable_or_none", "instance", "mapping", "real", "whole"]


def _kind(value: object) -> str:
    return f"{type(value).__name__} {shown(value)}"


def _as_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{name} must be a whole number (int), got {_kind(value)}")
    return int(value.__index__())  # numpy integers too


def whole(name: str, value: object, lo: int, hi: int, problems: list[Problem]) -> int:
    """*value* as an ``int``; a problem at *name* unless ``lo <= value <= hi``.

    Raises:
        TypeError: if *value* is not an integer (``bool`` is refused).
    """
    n = _as_int(name, value)
    if not lo <= n <= hi:
        problems.append(Problem(name, f"must be a whole number in {lo:,}..{hi:,}, got {n if n.bit_length() < 200 else 'a number with ' + str(len(str(abs(n)))) + ' digits'}", code="out-of-range"))
    return n


def real(
    name: str,
    value: object,
    lo: float,
    hi: float,
    problems: list[Problem],
    *,
    low_open: bool = False,
    high_open: bool = False,
    inf: bool = False,
) -> float:
    """*value* as a ``float`` (``-0.0`` read as ``0.0``); a problem at *name* unless within *lo* .. *hi*.

    Args:
        name: The parameter, for messages.
        value: An ``int`` or ``float`` (numpy's too; not ``bool``).
        lo: The lowest value allowed (excluded with *low_open*).
        hi: The highest finite value allowed.
        problems: Where a value outside the range is reported.
        low_open: Whether *lo* itself is excluded.
        high_open: Whether *hi* itself is excluded.
        inf: Whether positive infinity is allowed besides the range.

    Raises:
        TypeError: if *value* is not a real number.
    """
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
        raise TypeError(f"{name} must be a number (int or float), got {_kind(value)}")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf if value > 0 else -math.inf  # type: ignore[operator]  # a huge int
    x += 0.0  # -0.0 -> 0.0
    if inf and x == math.inf:
        return x
    if not (math.isfinite(x) and (lo < x if low_open else lo <= x) and (x < hi if high_open else x <= hi)):
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        extra = " or inf" if inf else ""
        problems.append(Problem(name, f"must lie in {left}{lo:g}, {hi:g}{right}{extra}, got {shown(value)}", code="out-of-range"))
    return x


def callable_or_none(name: str, value: object, what: str) -> Callable[..., Any] | None:
    """*value* unless it is neither ``None`` nor callable.

    Raises:
        TypeError: naming *name* and what the callable must be (*what*).
    """
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be {what} or None, got {_kind(value)}")
    return value


def instance(name: str, value: object, cls: type | tuple[type, ...], what: str | None = None) -> None:
    """Raise :class:`TypeError` naming *name* unless *value* is an instance of *cls*.

    Args:
        name: The parameter.
        value: Its value.
        cls: The type(s) it must have.
        what: How to name the expected type in the message (default: the class names).
    """
    if not isinstance(value, cls):
        names = what or " or ".join(c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,)))
        raise TypeError(f"{name} must be {names}, got {_kind(value)}")


def mapping(name: str, value: object, what: str) -> None:
    """Raise :class:`TypeError` naming *name* unless *value* is ``None`` or a mapping (*what* describes it)."""
    from collections.abc import Mapping

    if value is not None and not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of {what}, got {_kind(value)}")
