"""The number policy: which numbers meritsys accepts, and exact arithmetic on them.

Scores are decimals, never floats: a regime A index is a whole number of half
points and a regime B index is rounded half-up to two decimals, and both must
land on the same side of a category boundary as the regulation's own
arithmetic.  Floats are refused on input because ``0.1`` has no exact binary
value.

Every number meritsys reads (from a document, a model field or a function
argument) passes :func:`to_decimal`, which enforces one policy:

* written, where it is text, in ASCII digits with an optional sign, decimal point
  and exponent, surrounding spaces allowed (``" -1.5 "``, ``".5"``, ``"2E+3"``);
* finite, at most :data:`MAX_DIGITS` significant digits;
* no finer than ``10**-MAX_PLACES`` (at most that many decimal places);
* smaller in magnitude than ``10**MAX_EXPONENT``.

Within those bounds every check and every classification is computed exactly
(in :class:`~fractions.Fraction` or integers, or in decimals under
:data:`CONTEXT`, whose precision is wide enough that adding or multiplying two
such numbers never rounds).  A rubric additionally keeps its index grid below
:data:`MAX_GRID` steps (checked when it is built), so the batch path's integer
units always fit a 64-bit integer and a float holds them exactly.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import wraps
from typing import Any, TypeVar, cast

from meritsys._repr import shown
from meritsys.errors import with_code

__all__ = ["CONTEXT", "MAX_DIGITS", "MAX_EXPONENT", "MAX_GRID", "MAX_PLACES", "check_decimal", "exact", "exact_decimal", "fmt", "fraction_sum", "fraction_to_decimal", "grid_of", "is_numpy_int", "plain", "round_half_up", "to_decimal"]

MAX_DIGITS = 30
"""The most significant digits a number may have."""
MAX_PLACES = 30
"""The most decimal places a number may have (its finest step is ``10**-MAX_PLACES``)."""
MAX_EXPONENT = 15
"""Numbers are smaller in magnitude than ``10**MAX_EXPONENT``."""
MAX_GRID = 2**53
"""The most steps an index grid may have: its integer units fit a float exactly."""

CONTEXT = decimal.Context(prec=100, rounding=ROUND_HALF_UP, Emax=999_999, Emin=-999_999)
"""meritsys' own decimal context.

Numbers under the policy span at most ``MAX_EXPONENT + MAX_PLACES`` = 45
digits, so sums of millions of them and products of two stay well inside 100
digits: no arithmetic on them rounds.
"""
_ONE = Decimal(1)
_CTX_WIDE = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


F = TypeVar("F", bound=Callable[..., Any])


def exact(fn: F) -> F:
    """Run *fn* under :data:`CONTEXT`, whatever the caller's decimal context is.

    Decimal arithmetic rounds to the *current* context's precision; a caller who
    set ``getcontext().prec = 3`` must not turn 286.5 into 286.
    """

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with decimal.localcontext(CONTEXT):
            return fn(*args, **kwargs)

    return cast(F, wrapper)


def check_decimal(value: Decimal, shown: object = None) -> str | None:
    """Why the finite-or-not decimal *value* breaks the number policy, or ``None`` if it keeps it.

    Args:
        value: The number.
        shown: How to show it in the message (default: the value itself).

    Examples:
        >>> check_decimal(Decimal("250.5")) is None
        True
        >>> print(check_decimal(Decimal("1E+20")))
        1E+20 is out of range: numbers must be smaller in magnitude than 10**15
    """
    what = value if shown is None else shown
    if not value.is_finite():
        return f"{what!r} is not a finite number" if isinstance(what, str) else f"{what} is not a finite number"
    if not value:
        return None
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    significant = len(digits) - next((i for i, d in enumerate(reversed(digits)) if d), 0)
    lowest = exponent + (len(digits) - significant)
    if value.adjusted() >= MAX_EXPONENT:
        return f"{what} is out of range: numbers must be smaller in magnitude than 10**{MAX_EXPONENT}"
    if lowest < -MAX_PLACES:
        return f"{what} has more than {MAX_PLACES} decimal places (the finest step meritsys reads is 1E-{MAX_PLACES})"
    if significant > MAX_DIGITS:
        return f"{what} has {significant} significant digits; meritsys reads numbers of at most {MAX_DIGITS}"
    return None


def to_decimal(value: object) -> Decimal:
    """Convert *value* to a :class:`~decimal.Decimal` under the number policy, refusing floats.

    Accepts ``Decimal``, ``int`` (not ``bool``; numpy integers too) and numeric strings.

    Raises:
        ValueError: for floats, booleans, non-numeric strings, NaN, infinities
            and numbers outside the policy (see the module docstring).

    Examples:
        >>> to_decimal("250.5")
        Decimal('250.5')
        >>> to_decimal(0.5)
        Traceback (most recent call last):
        ...
        ValueError: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'
    """
    if isinstance(value, bool):
        raise with_code(ValueError(f"{value} is a boolean, not a number"), "not-a-number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int) or is_numpy_int(value):
        n = int(cast(int, value))
        if abs(n) >= 10**MAX_EXPONENT:
            raise with_code(ValueError(f"{shown(n)} is out of range: numbers must be smaller in magnitude than 10**{MAX_EXPONENT}"), "too-large")
        result = Decimal(n)
    elif isinstance(value, float):
        raise with_code(ValueError(f"{value!r} is a float; pass the number as a string or Decimal, e.g. '{value!r}'"), "type")
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > 200:
            raise with_code(ValueError(f"a number written with {len(text)} characters is too long; meritsys reads numbers of at most {MAX_DIGITS} significant digits"), "too-large")
        result = _parse(text, value)
    else:
        raise with_code(ValueError(f"{shown(value)} ({type(value).__name__}) is not a number"), "not-a-number")
    why = check_decimal(result, value if isinstance(value, str) else None)
    if why is not None:
        raise with_code(ValueError(why), "too-large" if result.is_finite() else "not-finite")
    return result


_NUMERAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""How a number is written: ASCII digits, an optional sign, point and exponent (``-1.5``, ``.5``, ``2E+3``).

Python's :class:`~decimal.Decimal` reads more (``1_000``, digits of other scripts); a
document is read by programs in other languages too, so meritsys reads only this
(the JSON Schemas of :mod:`meritsys.io` spell the same pattern).
"""


def _parse(text: str, value: str) -> Decimal:
    """*text* (stripped *value*) as a Decimal; NaN and infinities pass, to be named as not finite."""
    if _NUMERAL.fullmatch(text):
        try:
            return Decimal(text)
        except decimal.InvalidOperation:  # an exponent beyond what Decimal holds (1E+1000000000000000000)
            raise with_code(ValueError(f"{shown(value)} is out of range: numbers must be smaller in magnitude than 10**{MAX_EXPONENT}"), "too-large") from None
    try:
        special = Decimal(text)
    except decimal.InvalidOperation:
        special = None
    if special is None or special.is_finite():
        raise with_code(ValueError(f"{shown(value)} is not a number"), "not-a-number")
    return special


def is_numpy_int(value: object) -> bool:
    """Whether *value* is a numpy integer scalar (checked without importing numpy)."""
    cls = type(value)
    return cls.__module__ == "numpy" and hasattr(value, "__index__") and cls.__name__.startswith(("int", "uint"))


def exact_decimal(value: Fraction) -> Decimal:
    """The fraction *value* as an exact decimal; it must terminate (a denominator of 2s and 5s).

    Built from its digits, so no decimal context rounds it, whatever its size.

    Raises:
        ValueError: if *value* has no finite decimal expansion.

    Examples:
        >>> exact_decimal(Fraction(5, 8)), exact_decimal(Fraction(-250))
        (Decimal('0.625'), Decimal('-250'))
    """
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        raise ValueError(f"{value} has no finite decimal expansion")
    places = max(twos, fives)
    n = value.numerator * (10**places // value.denominator)
    while places and n % 10 == 0:
        places, n = places - 1, n // 10
    return Decimal((int(n < 0), tuple(map(int, str(abs(n)))), -places))


def fraction_sum(values: Iterable[Decimal | Fraction | int]) -> Fraction:
    """The exact sum of *values*.

    Examples:
        >>> fraction_sum([Decimal("0.1")] * 3) == Fraction(3, 10)
        True
    """
    total = Fraction(0)
    for v in values:
        total += Fraction(v)
    return total


def grid_of(values: Iterable[Fraction]) -> Fraction:
    """The largest fraction that divides every one of *values* (their common step); 1 if all are 0.

    Examples:
        >>> grid_of([Fraction(3, 2), Fraction(5, 4), Fraction(10)])
        Fraction(1, 4)
    """
    import math

    fracs = [Fraction(v) for v in values]
    den = math.lcm(1, *(f.denominator for f in fracs))
    g = math.gcd(*(int(f * den) for f in fracs))
    return Fraction(g, den) if g else Fraction(1)


def round_half_up(value: Fraction | Decimal, places: int) -> Decimal:
    """Round *value* to *places* decimals, ties away from zero, exactly.

    Examples:
        >>> round_half_up(Fraction(81, 200), 2)
        Decimal('0.41')
        >>> round_half_up(Decimal("-0.125"), 2)
        Decimal('-0.13')
    """
    if isinstance(value, Decimal):
        return value.quantize(_ONE.scaleb(-places), rounding=ROUND_HALF_UP, context=_CTX_WIDE)
    frac = Fraction(value)
    n, d = frac.numerator, frac.denominator
    units = (2 * abs(n) * 10**places + d) // (2 * d)
    return Decimal((int(n < 0 and units != 0), tuple(map(int, str(units))), -places))


def fraction_to_decimal(value: Fraction, places: int = 6) -> Decimal:
    """Return *value* exactly when it has at most *places* decimals, else rounded half-up to *places*.

    Used for display values (contributions, fulfilment ratios) that are not
    themselves classified.

    Examples:
        >>> fraction_to_decimal(Fraction(3, 8)), fraction_to_decimal(Fraction(1, 3), 4)
        (Decimal('0.375'), Decimal('0.3333'))
    """
    try:
        out = exact_decimal(value)
    except ValueError:
        return round_half_up(value, places)
    exponent = out.as_tuple().exponent
    assert isinstance(exponent, int)
    return out if -exponent <= places else round_half_up(value, places)


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
    return format(value.normalize(_CTX_WIDE), "f")


def plain(value: Decimal) -> Decimal:
    """Return *value* without trailing zeros, in plain (non-exponent) form.

    Examples:
        >>> plain(Decimal("300.0")), plain(Decimal("250.50"))
        (Decimal('300'), Decimal('250.5'))
    """
    out = value.normalize(_CTX_WIDE)
    if out.as_tuple().exponent > 0:  # type: ignore[operator]  # exponent is int for finite values
        out = out.quantize(_ONE, context=_CTX_WIDE)
    return out
