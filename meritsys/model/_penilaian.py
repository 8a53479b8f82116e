"""An assessment (*penilaian*) of one agency for one period, at one stage."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import is_numpy_int
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError, with_code
from meritsys.model._frozen import FrozenMap, freeze_evidence, freeze_map
from meritsys.model._instansi import Instansi
from meritsys.model._validate import (
    at_field,
    convert_decimal,
    convert_enum,
    convert_optional_decimal,
    converters_at_field,
    in_range,
    instance_of,
    non_empty_str,
    plain_int,
    strict_int,
)

__all__ = ["Penilaian", "Tahap"]


class Tahap(enum.Enum):
    """The stage an assessment's answers come from; see *The domain* (domain.md#stages-of-an-assessment).

    Scores move between stages, so results of different stages are kept apart.
    """

    MANDIRI = "mandiri"
    """Self-assessment by the agency's team."""
    VERIFIKASI = "verifikasi"
    """After the assessing body's verification."""
    KLARIFIKASI = "klarifikasi"
    """After reconciliation with the agency."""
    PENETAPAN = "penetapan"
    """Fixed in the plenary: the final result."""


def _to_tahap(value: object) -> Tahap:
    return convert_enum(Tahap, value)


def _freeze_levels(value: Any) -> FrozenMap[str, Any]:
    """The answers as a read-only mapping; numpy integer levels become the ``int`` they hold."""
    frozen = freeze_map(value)
    if all(type(level) is int for level in frozen.values()):
        return frozen
    return FrozenMap({kode: int(level) if is_numpy_int(level) else level for kode, level in frozen.items()})


def _check_jawaban(instance: Penilaian, attribute: attrs.Attribute[Any], value: Mapping[str, Any]) -> None:
    problems = []
    for kode, level in value.items():
        if not isinstance(kode, str) or not kode:
            problems.append(Problem("", f"keys must be indicator codes, got {shown(kode)}", code="type"))
        elif type(level) is not int:
            problems.append(Problem(f'["{kode}"]', f"must be a whole-number level, got {shown(level)}", code="not-a-level"))
    if problems:
        raise ValidationError(problems)


def _check_gerbang(instance: Penilaian, attribute: attrs.Attribute[Any], value: Mapping[str, Any]) -> None:
    problems = [
        Problem(f'["{kode}"]', f"must be a string answer, got {shown(ans)}", code="type")
        for kode, ans in value.items()
        if not isinstance(ans, str)
    ]
    if problems:
        raise ValidationError(problems)


def _check_survei(instance: Penilaian, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and not 0 <= value <= 1:
        raise with_code(ValueError(f"must lie in 0..1, got {value}"), "out-of-range")


@attrs.frozen(field_transformer=converters_at_field)
class Penilaian:
    """One agency's answers for one year under one rubric.

    Checks against the rubric itself (known codes, allowed levels, gates)
    happen when it is scored or validated, where the rubric is known.

    Args:
        instansi: The agency assessed.
        tahun: The assessment year.
        rubrik: The id of the rubric the answers follow.
        jawaban: Level per indicator code.  Not-applicable indicators are
            left out: "not applicable" is derived from gates, never typed in.
        tahap: The stage the answers come from.
        gerbang: Answers to the rubric's gate questions (regime B).
        bukti: Evidence references per indicator code.
        survei: The employee satisfaction and engagement survey score, 0..1 (regime B).
        koreksi: The assessor's signed correction (regime B), default 0.

    Examples:
        >>> p = Penilaian(
        ...     Instansi("kab-sukamaju", "Pemerintah Kabupaten Sukamaju", "kabupaten"),
        ...     2023, "kasn-2019", {"1.1": 3}, tahap="penetapan")
        >>> p.jawaban["1.1"], p.tahap
        (3, <Tahap.PENETAPAN: 'penetapan'>)
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi = field(validator=at_field(instance_of(Instansi)))
    tahun: int = field(converter=plain_int, validator=at_field(strict_int, in_range(2000, 2100)))
    rubrik: str = field(validator=at_field(non_empty_str))
    jawaban: FrozenMap[str, int] = field(converter=_freeze_levels, validator=at_field(_check_jawaban))
    tahap: Tahap = field(default=Tahap.MANDIRI, converter=_to_tahap)
    gerbang: FrozenMap[str, str] = field(factory=FrozenMap, converter=freeze_map, validator=at_field(_check_gerbang))
    bukti: FrozenMap[str, tuple[str, ...]] = field(factory=FrozenMap, converter=freeze_evidence)
    survei: Decimal | None = field(default=None, converter=convert_optional_decimal, validator=at_field(_check_survei))
    koreksi: Decimal = field(default=Decimal(0), converter=convert_decimal)
