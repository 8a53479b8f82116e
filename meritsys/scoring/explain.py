"""Shared pieces of a result's explanation: category, distance to the next one, suggestions."""

from __future__ import annotations

from decimal import Decimal

from meritsys.model import JarakKategori, KategoriHasil, Rubrik, Saran
from meritsys.scoring.classifier import Klasifikasi
from meritsys.scoring.protocols import Classifier

__all__ = ["band_labels", "next_category", "outside_warning", "rank_suggestions"]


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
