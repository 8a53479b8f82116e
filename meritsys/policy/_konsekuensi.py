"""Consequence policies (*kebijakan konsekuensi*): what a category brings, as data with a status and a source on every rule.

A policy covers the assessment cycles of one era and holds four rules:

* ``penghargaan``: the lowest category that receives the award (*Anugerah Meritokrasi*);
* ``siklus``: the re-assessment cadence, the years until the next assessment per category;
* ``pengecualian_jpt``: the lowest category that lets an agency fill its top leadership
  posts (JPT) through talent management instead of an open selection;
* ``sasaran_nasional``: the lowest category the national target counts (RPJMN 2020-2024).

Every rule says how sure it is (``resmi``, ``sekunder``, ``acuan``, or
``tidak_diketahui`` where no public source states it) and where it comes from.
A rule that is not known holds no value, and the functions that apply it answer
"unknown" (``None``) instead of inventing one.  The shipped policies are data
files in ``meritsys/policy/data``; a user replaces one with their own file, as
with a rubric (see *Consequences, cadence and the national target*, konsekuensi.md).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import Angka, FrozenMap, Rujukan, Status
from meritsys.model._frozen import freeze_map
from meritsys.model._validate import (
    at_field,
    convert_enum,
    converters_at_field,
    instance_of,
    non_empty_str,
    plain_int,
    strict_int,
    to_tuple,
)

__all__ = ["AturanKategori", "AturanSiklus", "KebijakanKonsekuensi", "StatusAturan"]


class StatusAturan(enum.Enum):
    """How sure a rule of a consequence policy is; see *The domain* (domain.md#status-marks)."""

    RESMI = "resmi"
    """Seen in the text of a regulation or stated by the assessing body."""
    SEKUNDER = "sekunder"
    """From officials' presentations, news or secondary material; may change."""
    ACUAN = "acuan"
    """A reference choice meritsys makes because the official rule is unknown."""
    TIDAK_DIKETAHUI = "tidak_diketahui"
    """Looked for and not found in any public source: the rule holds no value."""

    @classmethod
    def of(cls, status: Status) -> StatusAturan:
        """The rule status that a number's :class:`~meritsys.model.Status` stands for."""
        return cls(status.value)


def _to_status(value: object) -> StatusAturan:
    return convert_enum(StatusAturan, value)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_str(instance, attribute, value)


def _texts(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError([Problem(f"[{i}]", f"must be a non-empty string, got {shown(item)}", code="type")])


def _needs_note(status: StatusAturan, catatan: str | None) -> list[Problem]:
    if status in (StatusAturan.ACUAN, StatusAturan.TIDAK_DIKETAHUI) and not catatan:
        return [Problem("catatan", f"required when status is {status.value!r}: say what is unknown", code="missing-key")]
    return []


@attrs.frozen(field_transformer=converters_at_field)
class AturanKategori:
    """A rule that an agency whose category is at or above a minimum qualifies for something.

    Args:
        status: How sure the rule is.
        sumber: Where it comes from (a regulation, the assessing body, a report);
            for an unknown rule, where it was looked for.
        kategori_minimal: The lowest qualifying category, by label; required
            unless the rule is unknown, absent when it is.
        nama: What the rule grants (e.g. ``"Anugerah Meritokrasi"``).
        syarat_lain: Other conditions meritsys cannot check (e.g. an approved
            talent-management system), reported beside every answer.
        catatan: Notes; required for ``acuan`` and ``tidak_diketahui`` rules.

    Examples:
        >>> AturanKategori("sekunder", "KASN", kategori_minimal="Baik").diketahui
        True
        >>> AturanKategori("tidak_diketahui", "tidak ditemukan", kategori_minimal="Baik", catatan="belum ada")
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.kategori_minimal: an unknown rule holds no value; leave it out
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    status: StatusAturan = field(converter=_to_status)
    sumber: str = field(validator=at_field(non_empty_str))
    kategori_minimal: str | None = field(default=None, validator=at_field(_optional_text))
    nama: str | None = field(default=None, validator=at_field(_optional_text))
    syarat_lain: tuple[str, ...] = field(default=(), converter=to_tuple, validator=at_field(_texts))
    catatan: str | None = field(default=None, validator=at_field(_optional_text))

    def __attrs_post_init__(self) -> None:
        problems = _needs_note(self.status, self.catatan)
        if self.diketahui and self.kategori_minimal is None:
            problems.append(Problem("kategori_minimal", f"required when status is {self.status.value!r}: the lowest qualifying category", code="missing-key"))
        if not self.diketahui and self.kategori_minimal is not None:
            problems.append(Problem("kategori_minimal", "an unknown rule holds no value; leave it out", code="conflict"))
        if problems:
            raise ValidationError(problems)

    @property
    def diketahui(self) -> bool:
        """Whether the rule is known (any status but ``tidak_diketahui``)."""
        return self.status is not StatusAturan.TIDAK_DIKETAHUI


def _whole_years(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    problems = []
    for label, angka in value.items():
        if not isinstance(angka, Angka):
            problems.append(Problem(f'["{label}"]', f"must be a number with a status ({{nilai, status}}), got {shown(angka)}", code="type"))
        elif angka.nilai != angka.nilai.to_integral_value() or angka.nilai < 1:
            problems.append(Problem(f'["{label}"].nilai', f"must be a whole number of years, at least 1, got {angka.nilai}", code="out-of-range"))
    if problems:
        raise ValidationError(problems)


@attrs.frozen(field_transformer=converters_at_field)
class AturanSiklus:
    """The re-assessment cadence: how many years after a result in each category the agency is assessed again.

    Args:
        status: How sure the rule is as a whole.
        sumber: Where it comes from.
        selang: Years until the next assessment, by category label, each a
            number with its own status and source; empty when the rule is unknown.
        catatan: Notes; required for ``acuan`` and ``tidak_diketahui`` rules.

    Examples:
        >>> s = AturanSiklus("sekunder", "KASN", {"Baik": Angka("1", "sekunder"), "Sangat Baik": Angka("2", "sekunder")})
        >>> s.selang["Sangat Baik"].nilai
        Decimal('2')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    status: StatusAturan = field(converter=_to_status)
    sumber: str = field(validator=at_field(non_empty_str))
    selang: FrozenMap[str, Angka] = field(factory=FrozenMap, converter=freeze_map, validator=at_field(_whole_years))
    catatan: str | None = field(default=None, validator=at_field(_optional_text))

    def __attrs_post_init__(self) -> None:
        problems = _needs_note(self.status, self.catatan)
        if self.diketahui and not self.selang:
            problems.append(Problem("selang", f"required when status is {self.status.value!r}: the years until the next assessment per category", code="missing-key"))
        if not self.diketahui and self.selang:
            problems.append(Problem("selang", "an unknown rule holds no value; leave it out", code="conflict"))
        if problems:
            raise ValidationError(problems)

    @property
    def diketahui(self) -> bool:
        """Whether the rule is known (any status but ``tidak_diketahui``)."""
        return self.status is not StatusAturan.TIDAK_DIKETAHUI


def _slug(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise ValueError(f"must be a non-empty string without spaces, got {shown(value)}")


def _year(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    strict_int(instance, attribute, value)
    if not 2000 <= value <= 2100:
        raise ValueError(f"must lie in 2000..2100, got {value}")


def _optional_year(value: Any) -> int | None:
    return None if value is None else plain_int(value)


def _labels(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    _texts(instance, attribute, value)
    if not value:
        raise ValueError("must list the categories of the era, lowest first")
    seen: set[str] = set()
    for i, label in enumerate(value):
        if label.casefold() in seen:
            raise ValidationError([Problem(f"[{i}]", f"{label!r} is listed twice", code="duplicate-code")])
        seen.add(label.casefold())


def _references(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for i, ref in enumerate(value):
        if not isinstance(ref, Rujukan):
            raise ValidationError([Problem(f"[{i}]", f"must be Rujukan, got {type(ref).__name__}", code="type")])


_RULES = ("penghargaan", "siklus", "pengecualian_jpt", "sasaran_nasional")


@attrs.frozen(field_transformer=converters_at_field)
class KebijakanKonsekuensi:
    """The consequences of a category in the assessment cycles of one era.

    Constructing one checks every cross-field rule and raises one
    :class:`~meritsys.errors.ValidationError` listing each problem with its path.

    Args:
        id: A stable identifier, e.g. ``"konsekuensi-kasn"``.
        nama: A human-readable name.
        siklus_mulai: The first assessment cycle (``tahun``) it covers.
        kategori: The categories of the era, lowest first (the labels of its
            rubric's bands); every rule names its categories among these.
        penghargaan: The award rule.
        siklus: The re-assessment cadence.
        pengecualian_jpt: The rule for filling JPT posts through talent management.
        sasaran_nasional: The category the national target counts from.
        siklus_sampai: The last cycle it covers, or ``None`` if open-ended.
        rujukan: The documents its rules rest on.
        catatan: Notes on provenance and known limits.

    Examples:
        >>> from meritsys.policy import get_konsekuensi
        >>> kasn = get_konsekuensi("konsekuensi-kasn")
        >>> kasn.penghargaan.kategori_minimal, kasn.penghargaan.status.value
        ('Baik', 'sekunder')
        >>> kasn.meets(kasn.pengecualian_jpt, "Baik"), kasn.meets(kasn.pengecualian_jpt, "Sangat Baik")
        (False, True)
        >>> b = get_konsekuensi("konsekuensi-permenpanrb-19-2025")
        >>> b.meets(b.penghargaan, "Maju") is None  # not known: no answer is invented
        True
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = field(validator=at_field(_slug))
    nama: str = field(validator=at_field(non_empty_str))
    siklus_mulai: int = field(converter=plain_int, validator=at_field(_year))
    kategori: tuple[str, ...] = field(converter=to_tuple, validator=at_field(_labels))
    penghargaan: AturanKategori = field(validator=at_field(instance_of(AturanKategori)))
    siklus: AturanSiklus = field(validator=at_field(instance_of(AturanSiklus)))
    pengecualian_jpt: AturanKategori = field(validator=at_field(instance_of(AturanKategori)))
    sasaran_nasional: AturanKategori = field(validator=at_field(instance_of(AturanKategori)))
    siklus_sampai: int | None = field(default=None, converter=_optional_year, validator=at_field(_year))
    rujukan: tuple[Rujukan, ...] = field(default=(), converter=to_tuple, validator=at_field(_references))
    catatan: tuple[str, ...] = field(default=(), converter=to_tuple, validator=at_field(_texts))

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if self.siklus_sampai is not None and self.siklus_sampai < self.siklus_mulai:
            problems.append(Problem("siklus_sampai", f"{self.siklus_sampai} is before siklus_mulai {self.siklus_mulai}", code="out-of-range"))
        allowed = ", ".join(self.kategori)
        for name in ("penghargaan", "pengecualian_jpt", "sasaran_nasional"):
            rule: AturanKategori = getattr(self, name)
            if rule.kategori_minimal is not None and rule.kategori_minimal not in self.kategori:
                problems.append(Problem(f"{name}.kategori_minimal", f"{rule.kategori_minimal!r} is not a category of this policy; one of: {allowed}", code="unknown-category"))
        if self.siklus.diketahui:
            for label in self.siklus.selang:
                if label not in self.kategori:
                    problems.append(Problem(f'siklus.selang["{label}"]', f"not a category of this policy; one of: {allowed}", code="unknown-category"))
            for label in self.kategori:
                if label not in self.siklus.selang:
                    problems.append(Problem("siklus.selang", f"no cadence for {label!r}: every category needs one", code="missing-key"))
        if problems:
            raise ValidationError(problems)

    def covers(self, tahun: int) -> bool:
        """Whether the assessment cycle *tahun* is one of this policy's cycles."""
        return self.siklus_mulai <= tahun and (self.siklus_sampai is None or tahun <= self.siklus_sampai)

    def cycles(self) -> str:
        """The cycles covered, as text (``"2019-2025"``, ``"2026-"``)."""
        return f"{self.siklus_mulai}-{self.siklus_sampai if self.siklus_sampai is not None else ''}"

    def position(self, label: str) -> int:
        """The rank of a category among this policy's, lowest 0.

        Raises:
            ValidationError: if *label* is not one of its categories.
        """
        try:
            return self.kategori.index(label)
        except ValueError:
            raise ValidationError(
                [Problem("kategori", f"{label!r} is not a category of the consequence policy {self.id} (cycles {self.cycles()}); one of: {', '.join(self.kategori)}", code="unknown-category")]
            ) from None

    def meets(self, aturan: AturanKategori, label: str, *, minimal: str | None = None) -> bool | None:
        """Whether the category *label* qualifies under *aturan*: ``None`` when the rule is unknown.

        Args:
            aturan: One of this policy's category rules.
            label: A category label of this policy.
            minimal: The lowest qualifying category instead of the rule's own.

        Raises:
            ValidationError: if *label* or *minimal* is not one of the policy's categories.
        """
        lowest = minimal if minimal is not None else aturan.kategori_minimal
        if lowest is None:
            return None
        return self.position(label) >= self.position(lowest)

    def interval(self, label: str) -> Angka | None:
        """Years until the next assessment after a result in category *label*, with its status; ``None`` when the cadence is unknown.

        Raises:
            ValidationError: if *label* is not one of the policy's categories.
        """
        self.position(label)
        return self.siklus.selang.get(label) if self.siklus.diketahui else None

    def rules(self) -> list[dict[str, Any]]:
        """Every rule as a flat record (rule, value, status, source, note), for tables and workbooks."""
        out: list[dict[str, Any]] = []
        for name in _RULES:
            rule = getattr(self, name)
            if isinstance(rule, AturanSiklus):
                nilai: Any = "; ".join(f"{k} {_years(v.nilai)} ({v.status.value})" for k, v in rule.selang.items()) or None
                extra: tuple[str, ...] = ()
            else:
                nilai = rule.kategori_minimal
                extra = rule.syarat_lain
            out.append(
                {
                    "aturan": name,
                    "nilai": nilai,
                    "status": rule.status.value,
                    "sumber": rule.sumber,
                    "syarat_lain": "; ".join(extra) or None,
                    "catatan": rule.catatan,
                }
            )
        return out


def _years(value: Decimal) -> str:
    return f"{int(value)} th"
