"""The declared policies and rule kinds a rubric chooses among (enumerations).

Each is data in a rubric file; none is a hidden default of the code.
"""

from __future__ import annotations

import enum

from meritsys.model._validate import convert_enum

__all__ = [
    "JenisBatas",
    "KebijakanKosong",
    "KebijakanTidakBerlaku",
    "LetakBobot",
    "Normalisasi",
]

class KebijakanKosong(enum.Enum):
    """What an applicable indicator without an answer counts as.

    The default is :attr:`GALAT`: a missing answer is never zero by accident.
    """

    GALAT = "galat"
    """A missing answer is an error."""
    NOL = "nol"
    """A missing answer counts as level 0 (allowed only where level 0 exists)."""
    TERENDAH = "terendah"
    """A missing answer counts as the indicator's lowest level."""
    TIDAK_BERLAKU = "tidak_berlaku"
    """A missing answer makes the indicator not applicable."""


def _to_kebijakan_kosong(value: object) -> KebijakanKosong:
    return convert_enum(KebijakanKosong, value)


class KebijakanTidakBerlaku(enum.Enum):
    """How a not-applicable indicator enters its aspect's aggregate (regime B).

    The official rule is unknown, see *The domain*
    (domain.md#questions-levels-and-gates); the shipped rubric declares
    :attr:`KELUARKAN`.
    """

    KELUARKAN = "keluarkan"
    """Left out of the aspect's mean: neither numerator nor denominator."""
    NOL = "nol"
    """Counted as level 0."""
    MAKSIMUM = "maksimum"
    """Counted as the indicator's highest level."""


def _to_kebijakan_tidak_berlaku(value: object) -> KebijakanTidakBerlaku:
    return convert_enum(KebijakanTidakBerlaku, value)


class LetakBobot(enum.Enum):
    """Where a rubric puts its weights: on indicators (regime A) or aspects (regime B)."""

    INDIKATOR = "indikator"
    ASPEK = "aspek"


def _to_letak_bobot(value: object) -> LetakBobot:
    return convert_enum(LetakBobot, value)


class JenisBatas(enum.Enum):
    """Which published bound of a category is inclusive when a value falls in a gap.

    Published ranges are written in whole steps (``100-174``, ``175-249``), so a
    half point such as 174.5 falls between two bands.  The rule decides where.
    """

    BAWAH_INKLUSIF = "bawah_inklusif"
    """A band runs from its lower bound (inclusive) to the next band's lower bound (exclusive)."""
    ATAS_INKLUSIF = "atas_inklusif"
    """A band runs from the previous band's upper bound (exclusive) to its upper bound (inclusive)."""


def _to_jenis_batas(value: object) -> JenisBatas:
    return convert_enum(JenisBatas, value)


class Normalisasi(enum.Enum):
    """How regime B answers (0-4) become an aspect maturity (0-1)."""

    RERATA_PER_LEVEL_MAKSIMUM = "rerata_per_level_maksimum"
    """The mean of the aspect's counted answers divided by the highest level."""


def _to_normalisasi(value: object) -> Normalisasi:
    return convert_enum(Normalisasi, value)
