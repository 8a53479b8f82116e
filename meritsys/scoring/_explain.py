"""Building a result (:func:`build_hasil`): category, distance to the next one, suggestions, provenance.

Every strategy, built-in or plugin, assembles its :class:`~meritsys.model.Hasil`
here, so results look the same whoever computed them.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from decimal import Decimal

from meritsys._cache import per_object
from meritsys._version import __version__
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
    rubrik_ref,
)
from meritsys.model._hasil import hasil_of
from meritsys.scoring._classifier import BandClassifier, Klasifikasi, classify_index, next_band
from meritsys.scoring._protocols import Classifier

__all__ = ["Banding", "band_labels", "banding", "build_hasil", "hasil_ranked", "next_category", "outside_warning", "rank_suggestions"]


def next_category(
    classifier: Classifier, rubrik: Rubrik, klas: Klasifikasi, unit: Decimal
) -> JarakKategori | None:
    """How far the classified value is from the next category, or ``None`` at the top."""
    if type(classifier) is not BandClassifier:
        return _next_category(classifier, rubrik, klas, unit)
    # The band classifier's answer depends on the value alone (digits and
    # exponent: 38.5 and 38.50 are told apart), so it is remembered per rubric.
    cache = _next_of(rubrik)
    key = (klas.nilai.as_tuple(), klas.posisi, unit.as_tuple())
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = _next_category(classifier, rubrik, klas, unit)
        if len(cache) < _CACHED:
            cache[key] = found
    return found  # type: ignore[return-value]


_MISSING = object()
_CACHED = 1 << 12


@per_object
def _next_of(rubrik: Rubrik) -> dict[object, JarakKategori | None]:
    return {}


def _next_category(classifier: Classifier, rubrik: Rubrik, klas: Klasifikasi, unit: Decimal) -> JarakKategori | None:
    found = next_band(classifier, rubrik, klas.nilai, klas.posisi, unit)
    if found is None:
        return None
    kat, gap = found
    return JarakKategori(KategoriHasil(kat.kode, kat.label), gap)


_gain = operator.attrgetter("tambahan")


def rank_suggestions(saran: Sequence[Saran]) -> tuple[Saran, ...]:
    """Order suggestions by gain, largest first; ties keep rubric order."""
    return tuple(sorted(saran, key=_gain, reverse=True))  # a reversed sort keeps equal items in order


@per_object
def band_labels(rubrik: Rubrik) -> tuple[KategoriHasil, ...]:
    """The code and label of each of the rubric's bands, in order."""
    return tuple(KategoriHasil(k.kode, k.label) for k in rubrik.kategori)


def _short(rubrik: Rubrik, klas: Klasifikasi) -> KategoriHasil:
    """The category's code and label (shared by every result in a band of the rubric)."""
    bands = rubrik.kategori
    if 0 <= klas.posisi < len(bands) and bands[klas.posisi] is klas.kategori:
        return band_labels(rubrik)[klas.posisi]
    return klas.ringkas


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
    saran: Sequence[Saran],
    peringatan: Sequence[str],
    survei: Decimal | None = None,
    koreksi: Decimal | None = None,
    hanya_maturitas: bool = False,
) -> Hasil:
    """Assemble a :class:`~meritsys.model.Hasil` the same way for every strategy.

    A strategy computes the index, classifies it, and lists per-aspect values,
    per-indicator contributions and the one-step suggestions; this adds the
    provenance (rubric id, content hash, reforms; meritsys version), the
    distance to the next category (at the index resolution *unit*, with any
    classifier), the suggestions ranked by gain (largest first), and the
    out-of-scale warning where it applies.

    Args:
        strategi: The strategy's name.
        rubrik: The rubric scored against.
        penilaian: The assessment.
        indeks: The index as reported.
        klas: Its classification (``classifier.classify(rubrik, indeks)``).
        classifier: The classifier, for the distance to the next category.
        unit: The resolution of the reported index.
        aspek: Per-aspect values, in rubric order.
        kontribusi: Per-indicator contributions, in rubric order.
        saran: One-step suggestions, in any order.
        peringatan: Warnings to carry.
        survei: The survey score used (regime B), else ``None``.
        koreksi: The correction used (regime B), else ``None``.
        hanya_maturitas: Whether the index leaves the survey out.
    """
    notes = tuple(peringatan) if not klas.di_luar_skala else (*peringatan, outside_warning(rubrik, indeks))
    kategori = _short(rubrik, klas)
    aspek, kontribusi = tuple(aspek), tuple(kontribusi)
    nxt = next_category(classifier, rubrik, klas, unit)
    ranked = rank_suggestions(saran)
    return hasil_of(
        penilaian.instansi, penilaian.tahun, penilaian.tahap, rubrik_ref(rubrik), strategi, indeks, kategori, klas.di_luar_skala,
        aspek, kontribusi, nxt, ranked, notes, survei, koreksi, hanya_maturitas, __version__,
    )


Banding = tuple[KategoriHasil, bool, JarakKategori | None, str | None]
"""What a result says of its index's band: the category, whether the index lies outside the scale, the distance to the next category and the out-of-scale warning."""


def banding(classifier: Classifier, rubrik: Rubrik, indeks: Decimal, unit: Decimal) -> Banding:
    """Classify a strategy's index and say what :func:`build_hasil` says of its band (exactly)."""
    klas = classify_index(classifier, rubrik, indeks)
    return (
        _short(rubrik, klas),
        klas.di_luar_skala,
        next_category(classifier, rubrik, klas, unit),
        outside_warning(rubrik, indeks) if klas.di_luar_skala else None,
    )


def hasil_ranked(
    strategi: str,
    ref: RubrikRef,
    penilaian: Penilaian,
    indeks: Decimal,
    band: Banding,
    aspek: tuple[HasilAspek, ...],
    kontribusi: tuple[Kontribusi, ...],
    saran: tuple[Saran, ...],
    peringatan: tuple[str, ...],
) -> Hasil:
    """:func:`build_hasil` for a weighted-sum strategy that classified its index (:func:`banding`) and ranked its suggestions itself.

    The same result :func:`build_hasil` gives for the same parts (regime A: no
    survey, no correction); *saran* must already be in :func:`rank_suggestions` order.
    """
    kategori, di_luar_skala, nxt, note = band
    return hasil_of(
        penilaian.instansi, penilaian.tahun, penilaian.tahap, ref, strategi, indeks, kategori, di_luar_skala,
        aspek, kontribusi, nxt, saran, peringatan if note is None else (*peringatan, note), None, None, False, __version__,
    )
