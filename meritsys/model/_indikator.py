"""The questions of a rubric: levels, applicability conditions, gates, indicators and aspects."""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import Problem, ValidationError, with_code
from meritsys.model._angka import Angka
from meritsys.model._frozen import FrozenMap, freeze_map
from meritsys.model._instansi import JenisInstansi, _to_jenis_instansi
from meritsys.model._validate import (
    at_field,
    converters_at_field,
    in_range,
    non_empty_str,
    plain_int,
    strict_int,
    to_tuple,
)

__all__ = ["Aspek", "Gerbang", "Indikator", "Level", "Syarat"]


@attrs.frozen(field_transformer=converters_at_field)
class Level:
    """One answer level of an indicator and what it means.

    Examples:
        >>> Level(4, "Level 3 + dimanfaatkan sebagai dasar keputusan")
        Level(nilai=4, deskriptor='Level 3 + dimanfaatkan sebagai dasar keputusan')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    nilai: int = field(converter=plain_int, validator=at_field(strict_int, in_range(0, 100)))
    deskriptor: str = field(validator=at_field(non_empty_str))


def _to_jenis_tuple(value: object) -> tuple[JenisInstansi, ...]:
    out: list[JenisInstansi] = []
    problems: list[Problem] = []
    for i, item in enumerate(to_tuple(value)):
        try:
            out.append(_to_jenis_instansi(item))
        except ValidationError as exc:
            problems.extend(p.at(f"[{i}]") for p in exc.problems)
    if problems:
        raise ValidationError(problems)
    return tuple(out)


@attrs.frozen(field_transformer=converters_at_field)
class Syarat:
    """When an indicator applies: a gate answer, an agency type, or both.

    Args:
        gerbang: The code of the gate question whose answer decides.
        jawaban: The gate answers under which the indicator applies.
        jenis: The agency types to which the indicator applies (empty: all).
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    gerbang: str | None = None
    jawaban: tuple[str, ...] = field(default=(), converter=to_tuple)
    jenis: tuple[JenisInstansi, ...] = field(default=(), converter=_to_jenis_tuple)

    def __attrs_post_init__(self) -> None:
        if self.gerbang is None and not self.jenis:
            raise ValidationError("a condition needs a gerbang (with jawaban) or a list of jenis", code="missing-key")
        if (self.gerbang is None) != (not self.jawaban):
            raise ValidationError("gerbang and jawaban go together: name the gate and the answers that open it", code="missing-key")


def _check_opsi(instance: Gerbang, attribute: attrs.Attribute[Any], value: FrozenMap[str, str]) -> None:
    if len(value) < 2:
        raise ValueError(f"a gate needs at least two answers, got {len(value)}")


@attrs.frozen(field_transformer=converters_at_field)
class Gerbang:
    """An unscored gate question whose answer decides whether other indicators apply.

    Args:
        kode: The gate's code, used as the key in an assessment's ``gerbang``.
        pertanyaan: What it asks.
        opsi: The allowed answers and their meaning.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    pertanyaan: str
    opsi: FrozenMap[str, str] = field(converter=freeze_map, validator=at_field(_check_opsi))
    alias: tuple[str, ...] = field(default=(), converter=to_tuple)


def _check_levels(instance: Indikator, attribute: attrs.Attribute[Any], value: tuple[Level, ...]) -> None:
    nilai = [lv.nilai for lv in value]
    if not nilai:
        raise with_code(ValueError("level must list at least one level"), "empty")
    if nilai != list(range(nilai[0], nilai[0] + len(nilai))):
        raise ValueError(f"level values must be consecutive and ascending, got {nilai}")


@attrs.frozen(field_transformer=converters_at_field)
class Indikator:
    """One scored question of a rubric.

    Args:
        kode: The code answers are keyed by, e.g. ``"3.2"`` or ``"4.1b"``.
        nama: What it asks, briefly.
        level: The allowed answers, consecutive and ascending; level 0 is
            allowed only where it is listed.
        bobot: The indicator's weight where the rubric weighs indicators
            (regime A); ``None`` where it weighs aspects.
        subaspek: The sub-aspect it belongs to: one its aspect declares.
        berlaku_jika: When it applies; ``None`` means always.  An indicator
            that does not apply is *not applicable*, which is not level 0.
        bukti_wajib: Whether an answer above 0 needs evidence.
        petunjuk_bukti: Examples of acceptable evidence.
        alias: Other keys accepted for it (e.g. a worksheet's internal id).
        catatan: Notes on its provenance or quirks.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    level: tuple[Level, ...] = field(converter=to_tuple, validator=at_field(_check_levels))
    bobot: Angka | None = None
    subaspek: str | None = None
    berlaku_jika: Syarat | None = None
    bukti_wajib: bool = True
    petunjuk_bukti: str | None = None
    alias: tuple[str, ...] = field(default=(), converter=to_tuple)
    catatan: str | None = None

    @property
    def level_min(self) -> int:
        """The lowest allowed level."""
        return self.level[0].nilai

    @property
    def level_maks(self) -> int:
        """The highest allowed level."""
        return self.level[-1].nilai

    @property
    def boleh_nol(self) -> bool:
        """Whether level 0 is an allowed answer."""
        return self.level[0].nilai == 0

    @property
    def dapat_tidak_berlaku(self) -> bool:
        """Whether the indicator can be not applicable (it has a condition)."""
        return self.berlaku_jika is not None

    def applies_to(self, jenis: JenisInstansi, gerbang: FrozenMap[str, str] | dict[str, str]) -> bool:
        """Whether the indicator applies to an agency of type *jenis* with these gate answers.

        An unanswered gate makes its dependants not applicable (worksheet rule).
        """
        syarat = self.berlaku_jika
        if syarat is None:
            return True
        if syarat.jenis and jenis not in syarat.jenis:
            return False
        if syarat.gerbang is not None:
            return gerbang.get(syarat.gerbang) in syarat.jawaban
        return True


@attrs.frozen(field_transformer=converters_at_field)
class Aspek:
    """One of a regime's aspects and its indicators.

    Args:
        kode: ``"1"`` to ``"8"`` in both shipped regimes.
        nama: The official name.
        indikator: Its scored questions, in order.
        bobot: The aspect weight where the rubric weighs aspects (regime B).
        maksimum: The aspect's maximum points where the rubric states one; only
            where the rubric weighs indicators (regime A), and it must equal the
            sum of indicator weight times highest level.
        subaspek: Names of its sub-aspects, where the regime has them.
        deskripsi: What the aspect looks for.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    indikator: tuple[Indikator, ...] = field(converter=to_tuple)
    bobot: Angka | None = None
    maksimum: Angka | None = None
    subaspek: tuple[str, ...] = field(default=(), converter=to_tuple)
    deskripsi: str | None = None
