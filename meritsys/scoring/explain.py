"""Shared pieces of a result's explanation: category, distance to the next one, suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from meritsys._version import __version__
from meritsys.io.rubrikio import rubrik_sha256
from meritsys.model import (
    Hasil,
    HasilAspek,
    JarakKategori,
    KategoriHasil,
    Kontribusi,
    Penilaian,
    Rubrik,
    RubrikRef,
    Saran,
)
from meritsys.scoring.classifier import Klasifikasi
from meritsys.scoring.protocols import Classifier

__all__ = ["band_labels", "build_hasil", "next_category", "outside_warning", "rank_suggestions"]


def next_category(
    classifier: Classifier, rubrik: Rubrik, klas: Klasifikasi, unit: Decimal
) -> JarakKategori | None:
    """How far the classified value is from the next category, or ``None`` at the top."""
    found = classifier.next_band(rubrik, klas.nilai, klas.posisi, unit)
    if found is None:
        return None
    kat, gap = found
    return JarakKategori(KategoriHasil(kat.kode, kat.label), gap)


def rank_suggestions(saran: list[Saran]) -> tuple[Saran, ...]:
    """Order suggestions by gain, largest first; ties keep rubric order."""
    return tuple(sorted(saran, key=lambda s: -s.tambahan))


def band_labels(rubrik: Rubrik) -> tuple[KategoriHasil, ...]:
    """The code and label of each of the rubric's bands, in order."""
    return tuple(KategoriHasil(k.kode, k.label) for k in rubrik.kategori)


def outside_warning(rubrik: Rubrik, value: Decimal) -> str:
    """The warning a result carries when its index lies outside the published scale."""
    sk = rubrik.skala
    if sk.maksimum is None:
        return f"index {value} lies below the published minimum {sk.minimum.nilai}; classified into the lowest band"
    return f"index {value} lies outside the published scale {sk.minimum.nilai}..{sk.maksimum.nilai}; classified into the nearest band"


def build_hasil(
    *,
    strategi: str,
    rubrik: Rubrik,
    penilaian: Penilaian,
    indeks: Decimal,
    klas: Klasifikasi,
    classifier: Classifier,
    unit: Decimal,
    aspek: Sequence[HasilAspek],
    kontribusi: Sequence[Kontribusi],
    saran: list[Saran],
    peringatan: Sequence[str],
    survei: Decimal | None = None,
    koreksi: Decimal | None = None,
    hanya_maturitas: bool = False,
) -> Hasil:
    """Assemble a :class:`~meritsys.model.Hasil` the same way for every strategy.

    Adds the provenance (rubric id, content hash, reforms; meritsys version),
    the distance to the next category (at the index resolution *unit*), the
    suggestions ranked by gain, and the out-of-scale warning where it applies.
    """
    notes = list(peringatan)
    if klas.di_luar_skala:
        notes.append(outside_warning(rubrik, indeks))
    return Hasil(
        instansi=penilaian.instansi,
        tahun=penilaian.tahun,
        tahap=penilaian.tahap,
        rubrik=RubrikRef(rubrik.id, rubrik_sha256(rubrik), rubrik.reform),
        strategi=strategi,
        indeks=indeks,
        kategori=klas.ringkas,
        di_luar_skala=klas.di_luar_skala,
        aspek=aspek,
        kontribusi=kontribusi,
        ke_kategori_berikut=next_category(classifier, rubrik, klas, unit),
        saran=rank_suggestions(saran),
        peringatan=notes,
        survei=survei,
        koreksi=koreksi,
        hanya_maturitas=hanya_maturitas,
        versi=__version__,
    )
