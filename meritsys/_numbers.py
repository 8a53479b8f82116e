"""Exact decimal helpers shared by the model, scoring and I/O layers.

Scores are decimals, never floats: a regime A index is a whole number of half
points and a regime B index is rounded half-up to two decimals, and both must
land on the same side of a category boundary as the regulation's own
arithmetic.  Floats are refused on input because ``0.1`` has no exact binary
value.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import wraps
from typing import Any, TypeVar, cast

__all__ = ["exact", "fmt", "fraction_to_decimal", "plain", "round_half_up", "to_decimal"]

_CONTEXT = decimal.Context(prec=50, rounding=ROUND_HALF_UP)
_ONE = Decimal(1)
_CTX_WIDE = decimal.Context(prec=decimal.MAX_PREC)


F = TypeVar("F", bound=Callable[..., Any])


def exact(fn: F) -> F:
    """Run *fn* under meritsys' own 50-digit decimal context, whatever the caller's context is.

    Decimal arithmetic rounds to the *current* context's precision; a caller who
    set ``getcontext().prec = 3`` must not turn 286.5 into 286.
    """

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with decimal.localcontext(_CONTEXT):
            return fn(*args, **kwargs)

    return cast(F, wrapper)


_MAX_EXPONENT = 1000


def to_decimal(value: object) -> Decimal:
    """Convert *value* to a finite :class:`~decimal.Decimal`, refusing floats.

    Accepts ``Decimal``, ``int`` (not ``bool``) and numeric strings.

    Raises:
        ValueError: for floats, booleans, non-numeric strings, NaN and infinities.

    Examples:
        >>> to_decimal("250.5")
        Decimal('250.5')
        >>> to_decimal(0.5)
        Traceback (most recent call last):
        ...
        ValueError: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean, not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise ValueError(
            f"{value!r} is a float; pass the number as a string or Decimal, e.g. '{value!r}'"
        )
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except decimal.InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} ({type(value).__name__}) is not a number")
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    if result and abs(result.adjusted()) > _MAX_EXPONENT:
        raise ValueError(f"{value!r} is out of range (magnitude 1e-{_MAX_EXPONENT} .. 1e{_MAX_EXPONENT})")
    return result



def round_half_up(value: Fraction | Decimal, places: int) -> Decimal:
    """Round *value* to *places* decimals, ties away from zero.

    Examples:
        >>> round_half_up(Fraction(81, 200), 2)
        Decimal('0.41')
        >>> round_half_up(Decimal("-0.125"), 2)
        Decimal('-0.13')
    """
    if isinstance(value, Decimal):
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_CTX_WIDE)
    frac = Fraction(value)
    n, d = frac.numerator, frac.denominator
    units = (2 * abs(n) * 10**places + d) // (2 * d)
    return Decimal(-units if n < 0 else units).scaleb(-places, _CONTEXT)


def fraction_to_decimal(value: Fraction, places: int = 6) -> Decimal:
    """Return *value* exactly when it has at most *places* decimals, else rounded half-up to *places*.

    Used for display values (contributions, fulfilment ratios) that are not
    themselves classified.

    Examples:
        >>> fraction_to_decimal(Fraction(3, 8)), fraction_to_decimal(Fraction(1, 3), 4)
        (Decimal('0.375'), Decimal('0.3333'))
    """
    d = value.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    digits = max(twos, fives)
    if d == 1 and digits <= places:
        return Decimal(value.numerator * (10**digits // value.denominator)).scaleb(-digits, _CONTEXT)
    return round_half_up(value, places)


def fmt(value: Decimal) -> str:
    """Format *value* in plain notation without trailing zeros.

    Examples:
        >>> fmt(Decimal("250.50"))
        '250.5'
        >>> fmt(Decimal("4E+2"))
        '400'
    """
    if value == 0:
        return "0"
    return format(value.normalize(_CONTEXT), "f")


def plain(value: Decimal) -> Decimal:
    """Return *value* without trailing zeros, in plain (non-exponent) form.

    Examples:
        >>> plain(Decimal("300.0")), plain(Decimal("250.50"))
        (Decimal('300'), Decimal('250.5'))
    """
    out = value.normalize(_CONTEXT)
    if out.as_tuple().exponent > 0:  # type: ignore[operator]  # exponent is int for finite values
        out = out.quantize(_ONE, context=_CTX_WIDE)
    return out
