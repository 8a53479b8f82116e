"""The rubric (*rubrik*, *instrumen*): a versioned set of aspects, indicators, weights and bands.

A rubric is data.  The shipped ones live in ``meritsys/rubrics/*.toml``; users
load their own the same way.  Constructing a :class:`Rubrik` validates it
fully: weights add up as declared, category bands partition the scale under
the declared boundary rule, codes are unique, and gate conditions name gates
that exist.  Every problem is reported at once, each with its path.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs
from attrs import field

from meritsys._numbers import fmt
from meritsys.errors import Problem, ValidationError
from meritsys.model._frozen import FrozenMap, freeze_map
from meritsys.model._validate import (
    at_field,
    convert_enum,
    converters_at_field,
    in_range,
    non_empty_str,
    strict_int,
    to_tuple,
)
from meritsys.model.angka import Angka, Rujukan, Status, _to_status
from meritsys.model.instansi import JenisInstansi, _to_jenis_instansi

__all__ = [
    "Aspek",
    "AturanBatas",
    "Gerbang",
    "Indikator",
    "JenisBatas",
    "Kategori",
    "KebijakanKosong",
    "KebijakanTidakBerlaku",
    "Komposisi",
    "LetakBobot",
    "Level",
    "Normalisasi",
    "Rubrik",
    "Skala",
    "Syarat",
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

    The official rule is unknown (DOMAIN.md §3); the shipped rubric declares
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




@attrs.frozen
class Level:
    """One answer level of an indicator and what it means.

    Examples:
        >>> Level(4, "Level 3 + dimanfaatkan sebagai dasar keputusan")
        Level(nilai=4, deskriptor='Level 3 + dimanfaatkan sebagai dasar keputusan')
    """

    nilai: int = field(validator=at_field(strict_int, in_range(0, 100)))
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

    gerbang: str | None = None
    jawaban: tuple[str, ...] = field(default=(), converter=to_tuple)
    jenis: tuple[JenisInstansi, ...] = field(default=(), converter=_to_jenis_tuple)

    def __attrs_post_init__(self) -> None:
        if self.gerbang is None and not self.jenis:
            raise ValidationError("a condition needs a gerbang (with jawaban) or a list of jenis")
        if (self.gerbang is None) != (not self.jawaban):
            raise ValidationError("gerbang and jawaban go together: name the gate and the answers that open it")


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

    kode: str = field(validator=at_field(non_empty_str))
    pertanyaan: str
    opsi: FrozenMap[str, str] = field(converter=freeze_map, validator=at_field(_check_opsi))
    alias: tuple[str, ...] = field(default=(), converter=to_tuple)


def _check_levels(instance: Indikator, attribute: attrs.Attribute[Any], value: tuple[Level, ...]) -> None:
    nilai = [lv.nilai for lv in value]
    if not nilai:
        raise ValueError("level must list at least one level")
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

    def berlaku(self, jenis: JenisInstansi, gerbang: FrozenMap[str, str] | dict[str, str]) -> bool:
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

    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    indikator: tuple[Indikator, ...] = field(converter=to_tuple)
    bobot: Angka | None = None
    maksimum: Angka | None = None
    subaspek: tuple[str, ...] = field(default=(), converter=to_tuple)
    deskripsi: str | None = None


@attrs.frozen
class Kategori:
    """A category (*kategori*, *predikat*) and its published range.

    Args:
        kode: Short code, e.g. ``"III"``.
        label: The name, e.g. ``"Baik"``.
        batas_bawah: Published lower bound; ``None`` for "no lower bound".
        batas_atas: Published upper bound; ``None`` for "no upper bound".
    """

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
                f"batas_bawah {self.batas_bawah.nilai} is above batas_atas {self.batas_atas.nilai}"
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

    minimum: Angka
    maksimum: Angka | None = None
    desimal: Angka | None = None

    @property
    def desimal_int(self) -> int | None:
        """The rounding places as an ``int``, or ``None``."""
        return None if self.desimal is None else int(self.desimal.nilai)


@attrs.frozen(field_transformer=converters_at_field)
class Komposisi:
    """How a regime B index combines maturity and the employee survey.

    ``indeks = bobot_maturitas * sum(bobot_aspek * maturitas_aspek) + bobot_survei * survei + koreksi``

    Args:
        bobot_maturitas: Weight of the aspect maturity (0.75, SEKUNDER).
        bobot_survei: Weight of the employee satisfaction and engagement survey (0.25, SEKUNDER).
        normalisasi: How answers become an aspect maturity.
        tidak_berlaku: How not-applicable indicators enter the aspect aggregate.
    """

    bobot_maturitas: Angka
    bobot_survei: Angka
    normalisasi: Normalisasi = field(
        default=Normalisasi.RERATA_PER_LEVEL_MAKSIMUM, converter=_to_normalisasi
    )
    tidak_berlaku: KebijakanTidakBerlaku = field(
        default=KebijakanTidakBerlaku.KELUARKAN, converter=_to_kebijakan_tidak_berlaku
    )
    catatan: str | None = None


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
    """

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

    def __attrs_post_init__(self) -> None:
        problems = list(_check_rubrik(self))
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

    def cari_indikator(self, kode: str) -> Indikator:
        """Return the indicator with this code or alias.

        Raises:
            ValidationError: if no indicator has it.
        """
        pos = self.posisi.get(kode)
        if pos is None:
            raise ValidationError(f"{kode!r} is not an indicator of rubrik {self.id}")
        return self.indikator[pos]

    def cari_kategori(self, nama: str) -> Kategori:
        """Return the category with this code or label (case-insensitive).

        Raises:
            ValidationError: if none matches; the message lists the categories.
        """
        want = nama.strip().casefold()
        for kat in self.kategori:
            if want in (kat.kode.casefold(), kat.label.casefold()):
                return kat
        allowed = ", ".join(k.label for k in self.kategori)
        raise ValidationError(f"{nama!r} is not a category of rubrik {self.id}; one of: {allowed}")

    def berlaku_pada(self, tanggal: dt.date) -> bool:
        """Whether the rubric is in force on *tanggal*."""
        if tanggal < self.berlaku_mulai:
            return False
        return self.berlaku_sampai is None or tanggal <= self.berlaku_sampai


def _keys(kode: str, alias: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each key a gate or indicator answers to, with the field it comes from."""
    return [("kode", kode), *((f"alias[{i}]", a) for i, a in enumerate(alias))]


def _check_rubrik(r: Rubrik) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if r.berlaku_sampai is not None and r.berlaku_sampai < r.berlaku_mulai:
        add(Problem("berlaku_sampai", f"{r.berlaku_sampai} is before berlaku_mulai {r.berlaku_mulai}"))
    if not r.aspek:
        add(Problem("aspek", "a rubric needs at least one aspect"))

    gates: dict[str, Gerbang] = {}
    for gi, g in enumerate(r.gerbang):
        for where, key in _keys(g.kode, g.alias):
            if key in gates:
                add(Problem(f"gerbang[{gi}].{where}", f"duplicate gate code {key!r}"))
            gates[key] = g

    seen_aspek: set[str] = set()
    seen_ind: dict[str, str] = {}
    for ai, asp in enumerate(r.aspek):
        apath = f"aspek[{ai}]"
        if asp.kode in seen_aspek:
            add(Problem(f"{apath}.kode", f"duplicate aspect code {asp.kode!r}"))
        seen_aspek.add(asp.kode)
        if not asp.indikator:
            add(Problem(f"{apath}.indikator", "an aspect needs at least one indicator"))
        for ii, ind in enumerate(asp.indikator):
            ipath = f"{apath}.indikator[{ii}]"
            for where, key in _keys(ind.kode, ind.alias):
                if key in seen_ind:
                    add(Problem(f"{ipath}.{where}", f"duplicate indicator code {key!r} (also {seen_ind[key]})"))
                else:
                    seen_ind[key] = ipath
            if ind.subaspek is not None and ind.subaspek not in asp.subaspek:
                none = "" if asp.subaspek else ", which declares none"
                add(Problem(f"{ipath}.subaspek", f"{ind.subaspek!r} is not a subaspek of aspect {asp.kode}{none}"))
            syarat = ind.berlaku_jika
            if syarat is not None and syarat.gerbang is not None:
                gate = gates.get(syarat.gerbang)
                if gate is None:
                    add(Problem(f"{ipath}.berlaku_jika.gerbang", f"no gate {syarat.gerbang!r} in this rubric"))
                elif gate.kode != syarat.gerbang:  # assessments answer gates by code: name it so
                    add(Problem(f"{ipath}.berlaku_jika.gerbang", f"{syarat.gerbang!r} is an alias of gate {gate.kode!r}; name the gate by its code"))
                else:
                    for ji, ans in enumerate(syarat.jawaban):
                        if ans not in gate.opsi:
                            allowed = ", ".join(gate.opsi)
                            add(Problem(f"{ipath}.berlaku_jika.jawaban[{ji}]", f"{ans!r} is not an answer of gate {gate.kode}; one of: {allowed}"))
            if r.letak_bobot is LetakBobot.INDIKATOR:
                if ind.bobot is None:
                    add(Problem(f"{ipath}.bobot", "required: this rubric weighs indicators"))
                elif ind.bobot.nilai <= 0:
                    add(Problem(f"{ipath}.bobot", f"weight {ind.bobot.nilai} must be positive"))
            elif ind.bobot is not None:
                add(Problem(f"{ipath}.bobot", "not allowed: this rubric weighs aspects"))
        if r.letak_bobot is LetakBobot.ASPEK:
            if asp.bobot is None:
                add(Problem(f"{apath}.bobot", "required: this rubric weighs aspects"))
            elif asp.bobot.nilai <= 0:
                add(Problem(f"{apath}.bobot", f"weight {asp.bobot.nilai} must be positive"))
        elif asp.bobot is not None:
            add(Problem(f"{apath}.bobot", "not allowed: this rubric weighs indicators"))
        if asp.maksimum is not None and r.letak_bobot is LetakBobot.ASPEK:
            add(Problem(f"{apath}.maksimum", "not allowed: this rubric weighs aspects (an aspect maximum is checked against indicator weights)"))
        elif asp.maksimum is not None:
            total = sum(
                (ind.bobot.nilai * ind.level_maks for ind in asp.indikator if ind.bobot is not None),
                Decimal(0),
            )
            if total != asp.maksimum.nilai:
                add(Problem(f"{apath}.maksimum", f"declared {asp.maksimum.nilai} but the indicators give {fmt(total)} (sum of bobot x highest level)"))

    weights = (
        [ind.bobot.nilai for ind in r.indikator if ind.bobot is not None]
        if r.letak_bobot is LetakBobot.INDIKATOR
        else [asp.bobot.nilai for asp in r.aspek if asp.bobot is not None]
    )
    total_w = sum(weights, Decimal(0))
    if total_w != r.jumlah_bobot.nilai:
        add(Problem("jumlah_bobot", f"declared {r.jumlah_bobot.nilai} but the {r.letak_bobot.value} weights add up to {fmt(total_w)}"))

    if r.letak_bobot is LetakBobot.ASPEK and r.komposisi is None:
        add(Problem("komposisi", "required: a rubric that weighs aspects must declare its composition"))
    elif r.letak_bobot is LetakBobot.INDIKATOR and r.komposisi is not None:
        add(Problem("komposisi", "not allowed: this rubric weighs indicators (a composition combines aspect maturity with the survey)"))
    elif r.komposisi is not None:
        k = r.komposisi
        if k.bobot_maturitas.nilai < 0 or k.bobot_survei.nilai < 0:
            add(Problem("komposisi", "bobot_maturitas and bobot_survei must not be negative"))
        if k.bobot_maturitas.nilai + k.bobot_survei.nilai != 1:
            add(Problem("komposisi", f"bobot_maturitas + bobot_survei must be 1, got {fmt(k.bobot_maturitas.nilai + k.bobot_survei.nilai)}"))

    sk = r.skala
    if sk.maksimum is not None and sk.maksimum.nilai <= sk.minimum.nilai:
        add(Problem("skala.maksimum", f"{sk.maksimum.nilai} must be above minimum {sk.minimum.nilai}"))
    if sk.desimal is not None and (sk.desimal.nilai != sk.desimal.nilai.to_integral_value() or not 0 <= sk.desimal.nilai <= 28):
        add(Problem("skala.desimal", f"must be a whole number of places in 0..28, got {sk.desimal.nilai}"))
    problems.extend(_check_bands(r))
    return problems


def _check_bands(r: Rubrik) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if not r.kategori:
        return [Problem("kategori", "a rubric needs at least one category")]
    codes: set[str] = set()
    labels: set[str] = set()
    for ki, kat in enumerate(r.kategori):
        if kat.kode in codes:
            add(Problem(f"kategori[{ki}].kode", f"duplicate category code {kat.kode!r}"))
        if kat.label.casefold() in labels:
            add(Problem(f"kategori[{ki}].label", f"duplicate category label {kat.label!r}"))
        codes.add(kat.kode)
        labels.add(kat.label.casefold())
    step = r.aturan_batas.langkah.nilai
    if step <= 0:
        add(Problem("aturan_batas.langkah", f"must be positive, got {step}"))
    lower_rule = r.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF
    for ki in range(len(r.kategori) - 1):
        lo, hi = r.kategori[ki], r.kategori[ki + 1]
        if lower_rule and hi.batas_bawah is None:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", "required: lower bounds are inclusive, so every band above the first needs one"))
            continue
        if not lower_rule and lo.batas_atas is None:
            add(Problem(f"kategori[{ki}].batas_atas", "required: upper bounds are inclusive, so every band below the last needs one"))
            continue
        if lower_rule and lo.batas_bawah is not None and hi.batas_bawah is not None and hi.batas_bawah.nilai <= lo.batas_bawah.nilai:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"bands must ascend: {hi.batas_bawah.nilai} is not above {lo.batas_bawah.nilai}"))
            continue
        if not lower_rule and hi.batas_atas is not None and lo.batas_atas is not None and hi.batas_atas.nilai <= lo.batas_atas.nilai:
            add(Problem(f"kategori[{ki + 1}].batas_atas", f"bands must ascend: {hi.batas_atas.nilai} is not above {lo.batas_atas.nilai}"))
            continue
        upper = lo.batas_atas.nilai if lo.batas_atas is not None else None
        lower = hi.batas_bawah.nilai if hi.batas_bawah is not None else None
        if upper is None or lower is None:
            continue
        if lower <= upper:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"band {hi.label} ({lower}) overlaps band {lo.label} (up to {upper})"))
        elif step > 0 and lower - upper != step:  # a non-positive step is reported once, above
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"gap between band {lo.label} (up to {upper}) and band {hi.label} (from {lower}): published bands must meet one step ({step}) apart"))
    return problems
