"""Explicit conversions between the two regimes' scales.

There is no official conversion between the KASN 100-400 points (regime A) and
the PermenPANRB 19/2025 0-1 index (regime B); see *The domain*
(domain.md#no-conversion-between-regimes).  Agencies have been seen
converting an old score both as ``score / 400`` (329 -> 0.82) and as
``(score - 100) / 300``.  meritsys never converts implicitly: these named
functions each state their formula, and their result says which one it used.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import round_half_up
from meritsys.scoring._classifier import to_value

__all__ = ["Konversi", "convert_linear", "convert_proportional"]


@attrs.frozen
class Konversi:
    """A converted value and how it was obtained.

    Args:
        asal: The regime A value converted.
        nilai: The converted value, exact.
        rumus: The formula used, in words.
        metode: ``"proportional"`` or ``"linear"``.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    asal: Decimal
    nilai: Fraction
    rumus: str
    metode: str

    def rounded(self, places: int = 2) -> Decimal:
        """The converted value rounded half-up to *places* decimals (regime B reports 2)."""
        return round_half_up(self.nilai, places)


def convert_proportional(nilai: Any) -> Konversi:
    """Convert a regime A score to 0-1 as ``score / 400``.

    Examples:
        >>> convert_proportional("329").rounded()
        Decimal('0.82')
    """
    v = to_value(nilai)
    return Konversi(v, Fraction(v) / 400, "nilai / 400", "proportional")


def convert_linear(nilai: Any) -> Konversi:
    """Convert a regime A score to 0-1 as ``(score - 100) / 300``.

    Examples:
        >>> convert_linear("329").rounded()
        Decimal('0.76')
    """
    v = to_value(nilai)
    return Konversi(v, (Fraction(v) - 100) / 300, "(nilai - 100) / 300", "linear")
