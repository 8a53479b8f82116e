"""The result (*hasil*) of scoring one assessment, with its explanation and provenance."""

from __future__ import annotations

from decimal import Decimal

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import with_code
from meritsys.model._instansi import Instansi
from meritsys.model._penilaian import Tahap, _to_tahap
from meritsys.model._validate import at_field, converters_at_field, to_tuple

__all__ = [
    "Hasil",
    "HasilAspek",
    "JarakKategori",
    "KategoriHasil",
    "Kelengkapan",
    "KelengkapanAspek",
    "Kontribusi",
    "RubrikRef",
    "Saran",
]



@attrs.frozen
class KategoriHasil:
    """The category a value falls in: its code and label."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    label: str


@attrs.frozen(field_transformer=converters_at_field)
class RubrikRef:
    """Which rubric produced a result: its id and the SHA-256 of its content.

    Args:
        id: The rubric id.
        sha256: Hex digest of the rubric's canonical JSON.
        reform: Ids of reforms applied to a baseline to produce it, in order.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    sha256: str
    reform: tuple[str, ...] = field(default=(), converter=to_tuple)


@attrs.frozen
class HasilAspek:
    """One aspect's part of a result.

    Args:
        kode: Aspect code.
        nama: Aspect name.
        nilai: Points (regime A); where the rubric weighs aspects, the aspect's
            value on the index scale, rounded as the rubric rounds: its
            maturity (regime B), points of 100 (the JPT quality index).
        maksimum: The most ``nilai`` can be.
        capaian: Fulfilment, ``nilai / maksimum``, 0..1.
        kategori: Where the rubric weighs aspects, the band of ``nilai`` (a
            maturity level in regime B), else ``None``.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    nama: str
    nilai: Decimal
    maksimum: Decimal
    capaian: Decimal
    kategori: KategoriHasil | None = None


@attrs.frozen
class Kontribusi:
    """One indicator's part of the index.

    Args:
        kode: Indicator code.
        aspek: Its aspect's code.
        level: The level counted, or ``None`` when not applicable.
        nilai: What it adds to the index, for strategies that add indicators up
            (the built-in weighted sum and maturity index); a strategy that does
            not (the geometric mean) documents what it puts here.
        berlaku: Whether it applies to this agency.
        diisi_kebijakan: Whether the level came from a missing-answer policy
            rather than from the assessment.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    aspek: str
    level: int | None
    nilai: Decimal
    berlaku: bool = True
    diisi_kebijakan: bool = False


@attrs.frozen
class JarakKategori:
    """How far the index is from the next category's lower bound."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kategori: KategoriHasil
    kurang: Decimal


@attrs.frozen
class Saran:
    """One indicator whose next level would lift the index, and by how much."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    level_sekarang: int
    level_berikut: int
    tambahan: Decimal


@attrs.frozen
class KelengkapanAspek:
    """How far one aspect of an interim assessment is filled."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    terisi: int
    berlaku: int


@attrs.frozen(field_transformer=converters_at_field)
class Kelengkapan:
    """How far an interim assessment is filled: answered against applicable questions, and what remains.

    Args:
        terisi: Applicable questions answered.
        berlaku: Applicable questions (a question behind an unanswered gate is not
            counted until the gate is answered).
        aspek: The same per aspect, in rubric order.
        sisa: The codes of the applicable questions not yet answered, in rubric order.
        sisa_gerbang: The gate questions not yet answered.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    terisi: int
    berlaku: int
    aspek: tuple[KelengkapanAspek, ...] = field(converter=to_tuple)
    sisa: tuple[str, ...] = field(converter=to_tuple)
    sisa_gerbang: tuple[str, ...] = field(default=(), converter=to_tuple)

    @property
    def rasio(self) -> Decimal:
        """Answered ÷ applicable, rounded half-up to 4 decimals (1 when nothing applies)."""
        from decimal import ROUND_HALF_UP

        if self.berlaku == 0:
            return Decimal(1)
        return (Decimal(self.terisi) / Decimal(self.berlaku)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _check_interim(instance: Hasil, attribute: attrs.Attribute[Kelengkapan | None], value: Kelengkapan | None) -> None:
    if instance.sementara != (value is not None):
        raise with_code(ValueError("an interim result (sementara) carries its completeness (kelengkapan), and only an interim one does"), "conflict")


@attrs.frozen(field_transformer=converters_at_field)
class Hasil:
    """The scored, classified and explained result of one assessment.

    Args:
        instansi: The agency.
        tahun: The assessment year.
        tahap: The stage the answers came from.
        rubrik: The rubric (id and content hash) that produced it.
        strategi: The scoring strategy's name.
        indeks: The index value, exact.
        kategori: Its category.
        di_luar_skala: Whether the index lies outside the rubric's published scale.
        aspek: Per-aspect values.
        kontribusi: Per-indicator contributions, in rubric order.
        ke_kategori_berikut: Distance to the next category, ``None`` at the top.
        saran: Indicators whose next level adds the most, best first.
        peringatan: Warnings (imputed answers, out-of-scale values, missing evidence).
        survei: The survey score used (regime B).
        koreksi: The correction used (regime B).
        hanya_maturitas: Whether the index leaves the survey out (explicitly asked for).
        sementara: Whether this is an interim index of a partly filled assessment
            (unanswered applicable questions counted 0; see :func:`meritsys.score_interim`),
            never a result.
        kelengkapan: How far an interim assessment is filled; ``None`` for a result.
        versi: The meritsys version that computed it.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi
    tahun: int
    tahap: Tahap = field(converter=_to_tahap)
    rubrik: RubrikRef
    strategi: str
    indeks: Decimal
    kategori: KategoriHasil
    di_luar_skala: bool
    aspek: tuple[HasilAspek, ...] = field(converter=to_tuple)
    kontribusi: tuple[Kontribusi, ...] = field(converter=to_tuple)
    ke_kategori_berikut: JarakKategori | None
    saran: tuple[Saran, ...] = field(default=(), converter=to_tuple)
    peringatan: tuple[str, ...] = field(default=(), converter=to_tuple)
    survei: Decimal | None = None
    koreksi: Decimal | None = None
    hanya_maturitas: bool = False
    sementara: bool = False
    kelengkapan: Kelengkapan | None = field(default=None, validator=at_field(_check_interim))
    versi: str = ""



_BIND = object.__setattr__.__get__  # what attrs' own __init__ sets a frozen instance's fields with
if tuple(a.name for a in attrs.fields(Hasil)) != (
    "instansi", "tahun", "tahap", "rubrik", "strategi", "indeks", "kategori", "di_luar_skala", "aspek", "kontribusi",
    "ke_kategori_berikut", "saran", "peringatan", "survei", "koreksi", "hanya_maturitas", "sementara", "kelengkapan", "versi",
):  # pragma: no cover - a field added to Hasil must be added to hasil_of too
    raise AssertionError("hasil_of does not set every field of Hasil")


def hasil_of(
    instansi: Instansi,
    tahun: int,
    tahap: Tahap,
    rubrik: RubrikRef,
    strategi: str,
    indeks: Decimal,
    kategori: KategoriHasil,
    di_luar_skala: bool,
    aspek: tuple[HasilAspek, ...],
    kontribusi: tuple[Kontribusi, ...],
    ke_kategori_berikut: JarakKategori | None,
    saran: tuple[Saran, ...],
    peringatan: tuple[str, ...],
    survei: Decimal | None,
    koreksi: Decimal | None,
    hanya_maturitas: bool,
    versi: str,
) -> Hasil:
    """A final result (not interim) from parts the library derived itself: exactly ``Hasil(...)`` of the same values.

    Parts already in the form :class:`Hasil`'s converters give (a :class:`Tahap`,
    tuples) are stored as they are, without calling the converters and the
    interim check again (a final result passes it); anything else goes through
    the checked constructor.
    """
    if type(tahap) is not Tahap or type(aspek) is not tuple or type(kontribusi) is not tuple or type(saran) is not tuple or type(peringatan) is not tuple:
        return Hasil(
            instansi, tahun, tahap, rubrik, strategi, indeks, kategori, di_luar_skala, aspek, kontribusi,
            ke_kategori_berikut, saran, peringatan, survei, koreksi, hanya_maturitas, versi=versi,
        )
    h: Hasil = object.__new__(Hasil)
    put = _BIND(h)
    put("instansi", instansi)
    put("tahun", tahun)
    put("tahap", tahap)
    put("rubrik", rubrik)
    put("strategi", strategi)
    put("indeks", indeks)
    put("kategori", kategori)
    put("di_luar_skala", di_luar_skala)
    put("aspek", aspek)
    put("kontribusi", kontribusi)
    put("ke_kategori_berikut", ke_kategori_berikut)
    put("saran", saran)
    put("peringatan", peringatan)
    put("survei", survei)
    put("koreksi", koreksi)
    put("hanya_maturitas", hanya_maturitas)
    put("sementara", False)
    put("kelengkapan", None)
    put("versi", versi)
    return h
