"""The rubric (*rubrik*, *instrumen*): a versioned set of aspects, indicators, weights and bands.

A rubric is data.  The shipped ones live in ``meritsys/rubrics/*.toml``; users
load their own the same way.  Constructing a :class:`Rubrik` validates it
fully (:mod:`meritsys.model._rubrik_rules`): weights add up as declared,
category bands partition the scale under the declared boundary rule, codes are
unique, gate conditions name gates that exist, and the index grid stays within
the number policy.  Every problem is reported at once, each with its path.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import fmt
from meritsys.errors import ValidationError
from meritsys.model._angka import Angka, Rujukan, Status, _to_status
from meritsys.model._frozen import FrozenMap
from meritsys.model._indikator import Aspek, Gerbang, Indikator
from meritsys.model._kebijakan import (
    JenisBatas,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    LetakBobot,
    Normalisasi,
    _to_jenis_batas,
    _to_kebijakan_kosong,
    _to_kebijakan_tidak_berlaku,
    _to_letak_bobot,
    _to_normalisasi,
)
from meritsys.model._rubrik_rules import check_rubrik
from meritsys.model._validate import at_field, converters_at_field, non_empty_str, to_tuple

__all__ = ["INDEKS_KUALITAS_JPT", "INDEKS_SISTEM_MERIT", "AturanBatas", "AturanKoreksi", "Kategori", "Komposisi", "Rubrik", "Skala"]

INDEKS_SISTEM_MERIT = "sistem-merit"
"""The index of the merit-system rubrics (regimes A and B): a rubric's default ``indeks``."""
INDEKS_KUALITAS_JPT = "kualitas-jpt"
"""The JPT quality index (*Indeks Kualitas Pengisian JPT*), a separate assessment reported beside the merit index."""


@attrs.frozen
class Kategori:
    """A category (*kategori*, *predikat*) and its published range.

    Args:
        kode: Short code, e.g. ``"III"``.
        label: The name, e.g. ``"Baik"``.
        batas_bawah: Published lower bound; ``None`` for "no lower bound".
        batas_atas: Published upper bound; ``None`` for "no upper bound".
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    label: str = field(validator=at_field(non_empty_str))
    batas_bawah: Angka | None = None
    batas_atas: Angka | None = None
    deskripsi: str | None = None

    def __attrs_post_init__(self) -> None:
        if (
            self.batas_bawah is not None
            and self.batas_atas is not None
            and self.batas_bawah.nilai > self.batas_atas.nilai
        ):
            raise ValidationError(
                f"batas_bawah {self.batas_bawah.nilai} is above batas_atas {self.batas_atas.nilai}", code="bands-order"
            )


@attrs.frozen(field_transformer=converters_at_field)
class AturanBatas:
    """The declared boundary rule: which bound is inclusive, and the published step.

    Args:
        jenis: ``bawah_inklusif`` (lower bounds inclusive) or ``atas_inklusif``.
        langkah: The step the published ranges are written in (``1`` for
            ``100-174``/``175-249``; ``0.01`` for ``0.41-0.60``).  Adjacent
            bands must meet exactly one step apart: more is a gap, less an overlap.
        status: How sure the rule is.
        catatan: The evidence for the rule.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    jenis: JenisBatas = field(converter=_to_jenis_batas)
    langkah: Angka
    status: Status = field(converter=_to_status)
    catatan: str | None = None


@attrs.frozen
class Skala:
    """The published scale of the index.

    Args:
        minimum: The published minimum; lower values are classified but flagged.
        maksimum: The published maximum, or ``None`` where none is known.
        desimal: Decimals the index is rounded to (half-up) before it is
            classified, or ``None`` for no rounding.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    minimum: Angka
    maksimum: Angka | None = None
    desimal: Angka | None = None

    @property
    def desimal_int(self) -> int | None:
        """The rounding places as an ``int``, or ``None``."""
        return None if self.desimal is None else int(self.desimal.nilai)


@attrs.frozen(field_transformer=converters_at_field)
class AturanKoreksi:
    """What an assessment's correction (``Penilaian.koreksi``) stands for and the range it may take.

    The correction is a signed number of index points supplied by the assessor
    and added to the index.  Without a declared rule it is unbounded (regime B:
    the form and size of the *faktor koreksi* are TIDAK DIKETAHUI); a rubric
    that knows, or chooses, its form bounds it here, e.g. a deduction of at
    most 10 points (``minimum = -10``, ``maksimum = 0``).  0, "no correction",
    always lies in the range.

    Args:
        nama: What the correction stands for (``"Pengaduan dan pelanggaran"``).
        minimum: The lowest correction allowed, or ``None`` for no lower bound.
        maksimum: The highest correction allowed, or ``None`` for no upper bound.
        catatan: Its provenance and what is unknown about it.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    nama: str = field(validator=at_field(non_empty_str))
    minimum: Angka | None = None
    maksimum: Angka | None = None
    catatan: str | None = None

    def allows(self, koreksi: Decimal) -> bool:
        """Whether *koreksi* lies in the declared range."""
        if self.minimum is not None and koreksi < self.minimum.nilai:
            return False
        return self.maksimum is None or koreksi <= self.maksimum.nilai

    def describe(self) -> str:
        """The range and the status of its bounds, e.g. ``"-10..0 (acuan)"``; an open end is left blank (``"..0"``)."""
        if self.minimum is None and self.maksimum is None:
            return "tanpa batas"
        lo = "" if self.minimum is None else fmt(self.minimum.nilai)
        hi = "" if self.maksimum is None else fmt(self.maksimum.nilai)
        marks = sorted({a.status.value for a in (self.minimum, self.maksimum) if a is not None})
        return f"{lo}..{hi} ({'/'.join(marks)})"


@attrs.frozen(field_transformer=converters_at_field)
class Komposisi:
    """How a rubric that weighs aspects combines them with the survey and the correction.

    ``indeks = bobot_maturitas * sum(bobot_aspek * capaian_aspek) + bobot_survei * survei + koreksi``

    Regime B: the aspect maturity (0.75, SEKUNDER), the employee survey (0.25,
    SEKUNDER) and an unbounded *faktor koreksi*.  An index without a survey
    (the JPT quality index) gives the survey weight 0; its assessments then need
    no survey score.

    Args:
        bobot_maturitas: Weight of the weighted aspect fulfilment (maturity).
        bobot_survei: Weight of the employee satisfaction and engagement
            survey; 0 for an index without one.
        normalisasi: How answers become an aspect's fulfilment (maturity).
        tidak_berlaku: How not-applicable indicators enter the aspect aggregate.
        koreksi: The form of the assessor's correction; ``None``: a signed
            number, unbounded.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    bobot_maturitas: Angka
    bobot_survei: Angka
    normalisasi: Normalisasi = field(
        default=Normalisasi.RERATA_PER_LEVEL_MAKSIMUM, converter=_to_normalisasi
    )
    tidak_berlaku: KebijakanTidakBerlaku = field(
        default=KebijakanTidakBerlaku.KELUARKAN, converter=_to_kebijakan_tidak_berlaku
    )
    catatan: str | None = None
    koreksi: AturanKoreksi | None = None

    @property
    def pakai_survei(self) -> bool:
        """Whether the index weighs the employee survey (so an assessment needs a survey score)."""
        return self.bobot_survei.nilai != 0


def _id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise ValueError(f"must be a non-empty string without spaces, got {value!r}")


@attrs.frozen(field_transformer=converters_at_field)
class Rubrik:
    """A versioned scoring instrument.

    Constructing one checks every cross-field rule and raises one
    :class:`~meritsys.errors.ValidationError` listing each problem with its path.

    Args:
        id: A stable identifier, e.g. ``"kasn-2019"``.
        nama: A human-readable name.
        rujukan: The legal references it rests on.
        berlaku_mulai: First day it is in force.
        berlaku_sampai: Last day it is in force, or ``None`` if open-ended.
        skala: The index's published scale.
        aspek: The aspects, in official order.
        kategori: The category bands, from lowest to highest.
        aturan_batas: The declared boundary rule.
        letak_bobot: Whether weights sit on indicators or on aspects.
        jumlah_bobot: The declared sum of the weights.
        strategi: The name of the scoring strategy that implements this rubric.
        gerbang: Unscored gate questions.
        komposisi: Regime B composition; required when weights sit on aspects,
            not allowed when they sit on indicators.
        kebijakan_kosong: What an unanswered applicable indicator counts as.
        status_berlaku: How sure the effective dates are.
        catatan: Notes on provenance and known limits.
        reform: Ids of the reforms applied to the baseline rubric of this id,
            in order; empty for a rubric as published.
        indeks: Which index the rubric computes: ``"sistem-merit"`` (the
            default: both merit-system regimes) or ``"kualitas-jpt"`` (the JPT
            quality index), or another index's name.  The registry picks the
            rubric in force among the rubrics of one index.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = field(validator=at_field(_id))
    nama: str = field(validator=at_field(non_empty_str))
    rujukan: tuple[Rujukan, ...] = field(converter=to_tuple)
    berlaku_mulai: dt.date
    skala: Skala
    aspek: tuple[Aspek, ...] = field(converter=to_tuple)
    kategori: tuple[Kategori, ...] = field(converter=to_tuple)
    aturan_batas: AturanBatas
    letak_bobot: LetakBobot = field(converter=_to_letak_bobot)
    jumlah_bobot: Angka
    strategi: str = field(validator=at_field(non_empty_str))
    berlaku_sampai: dt.date | None = None
    gerbang: tuple[Gerbang, ...] = field(default=(), converter=to_tuple)
    komposisi: Komposisi | None = None
    kebijakan_kosong: KebijakanKosong = field(
        default=KebijakanKosong.GALAT, converter=_to_kebijakan_kosong
    )
    status_berlaku: Status = field(default=Status.RESMI, converter=_to_status)
    catatan: tuple[str, ...] = field(default=(), converter=to_tuple)
    reform: tuple[str, ...] = field(default=(), converter=to_tuple)
    indeks: str = field(default=INDEKS_SISTEM_MERIT, validator=at_field(_id))

    def __attrs_post_init__(self) -> None:
        problems = check_rubrik(self)
        if problems:
            raise ValidationError(problems)

    @cached_property
    def indikator(self) -> tuple[Indikator, ...]:
        """Every indicator in aspect order: the column order of the batch layout."""
        return tuple(ind for asp in self.aspek for ind in asp.indikator)

    @cached_property
    def posisi(self) -> FrozenMap[str, int]:
        """Column index of each indicator by code and alias."""
        out: dict[str, int] = {}
        for i, ind in enumerate(self.indikator):
            out[ind.kode] = i
            for alias in ind.alias:
                out[alias] = i
        return FrozenMap(out)

    @cached_property
    def aspek_indikator(self) -> tuple[int, ...]:
        """For each indicator column, the index of its aspect."""
        return tuple(a for a, asp in enumerate(self.aspek) for _ in asp.indikator)

    @cached_property
    def gerbang_per_kode(self) -> FrozenMap[str, Gerbang]:
        """Gates by code and alias."""
        out: dict[str, Gerbang] = {}
        for g in self.gerbang:
            out[g.kode] = g
            for alias in g.alias:
                out[alias] = g
        return FrozenMap(out)

    def indicator(self, kode: str) -> Indikator:
        """Return the indicator with this code or alias.

        Raises:
            ValidationError: if no indicator has it.
        """
        pos = self.posisi.get(kode)
        if pos is None:
            raise ValidationError(f"{kode!r} is not an indicator of rubrik {self.id}", code="unknown-indicator")
        return self.indikator[pos]

    def category(self, nama: str) -> Kategori:
        """Return the category with this code or label (case-insensitive).

        Raises:
            ValidationError: if none matches; the message lists the categories.
        """
        want = nama.strip().casefold()
        for kat in self.kategori:
            if want in (kat.kode.casefold(), kat.label.casefold()):
                return kat
        allowed = ", ".join(k.label for k in self.kategori)
        raise ValidationError(f"{nama!r} is not a category of rubrik {self.id}; one of: {allowed}", code="unknown-category")

    def in_force_on(self, tanggal: dt.date) -> bool:
        """Whether the rubric is in force on *tanggal*."""
        if tanggal < self.berlaku_mulai:
            return False
        return self.berlaku_sampai is None or tanggal <= self.berlaku_sampai
