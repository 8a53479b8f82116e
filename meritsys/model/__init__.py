"""The domain model: plain frozen data, no numpy, cattrs or I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meritsys._lazy import lazy_names

if TYPE_CHECKING:
    from meritsys.model._angka import Angka, Rujukan, Status
    from meritsys.model._fingerprint import rubrik_ref, rubrik_sha256
    from meritsys.model._frozen import FrozenMap
    from meritsys.model._hasil import (
        Hasil,
        HasilAspek,
        JarakKategori,
        KategoriHasil,
        Kelengkapan,
        KelengkapanAspek,
        Kontribusi,
        RubrikRef,
        Saran,
    )
    from meritsys.model._indikator import Aspek, Gerbang, Indikator, Level, Syarat
    from meritsys.model._instansi import Instansi, JenisInstansi
    from meritsys.model._kebijakan import (
        JenisBatas,
        KebijakanKosong,
        KebijakanTidakBerlaku,
        LetakBobot,
        Normalisasi,
    )
    from meritsys.model._penilaian import Penilaian, Tahap
    from meritsys.model._rubrik import (
        INDEKS_KUALITAS_JPT,
        INDEKS_SISTEM_MERIT,
        AturanBatas,
        AturanKoreksi,
        Kategori,
        Komposisi,
        Rubrik,
        Skala,
    )

__all__ = [
    "INDEKS_KUALITAS_JPT",
    "INDEKS_SISTEM_MERIT",
    "Angka",
    "Aspek",
    "AturanBatas",
    "AturanKoreksi",
    "FrozenMap",
    "Gerbang",
    "Hasil",
    "HasilAspek",
    "Indikator",
    "Instansi",
    "JarakKategori",
    "JenisBatas",
    "JenisInstansi",
    "Kategori",
    "KategoriHasil",
    "KebijakanKosong",
    "KebijakanTidakBerlaku",
    "Kelengkapan",
    "KelengkapanAspek",
    "Komposisi",
    "Kontribusi",
    "LetakBobot",
    "Level",
    "Normalisasi",
    "Penilaian",
    "Rubrik",
    "RubrikRef",
    "Rujukan",
    "Saran",
    "Skala",
    "Status",
    "Syarat",
    "Tahap",
    "rubrik_ref",
    "rubrik_sha256",
]

# Each name is imported from its module when first used: classifying a value
# needs the rubric's classes, not the result's.
_WHERE = {
    "Angka": "meritsys.model._angka",
    "Aspek": "meritsys.model._indikator",
    "AturanBatas": "meritsys.model._rubrik",
    "AturanKoreksi": "meritsys.model._rubrik",
    "FrozenMap": "meritsys.model._frozen",
    "Gerbang": "meritsys.model._indikator",
    "Hasil": "meritsys.model._hasil",
    "HasilAspek": "meritsys.model._hasil",
    "INDEKS_KUALITAS_JPT": "meritsys.model._rubrik",
    "INDEKS_SISTEM_MERIT": "meritsys.model._rubrik",
    "Indikator": "meritsys.model._indikator",
    "Instansi": "meritsys.model._instansi",
    "JarakKategori": "meritsys.model._hasil",
    "JenisBatas": "meritsys.model._kebijakan",
    "JenisInstansi": "meritsys.model._instansi",
    "Kategori": "meritsys.model._rubrik",
    "KategoriHasil": "meritsys.model._hasil",
    "KebijakanKosong": "meritsys.model._kebijakan",
    "KebijakanTidakBerlaku": "meritsys.model._kebijakan",
    "Kelengkapan": "meritsys.model._hasil",
    "KelengkapanAspek": "meritsys.model._hasil",
    "Komposisi": "meritsys.model._rubrik",
    "Kontribusi": "meritsys.model._hasil",
    "LetakBobot": "meritsys.model._kebijakan",
    "Level": "meritsys.model._indikator",
    "Normalisasi": "meritsys.model._kebijakan",
    "Penilaian": "meritsys.model._penilaian",
    "Rubrik": "meritsys.model._rubrik",
    "RubrikRef": "meritsys.model._hasil",
    "Rujukan": "meritsys.model._angka",
    "Saran": "meritsys.model._hasil",
    "Skala": "meritsys.model._rubrik",
    "Status": "meritsys.model._angka",
    "Syarat": "meritsys.model._indikator",
    "Tahap": "meritsys.model._penilaian",
    "rubrik_ref": "meritsys.model._fingerprint",
    "rubrik_sha256": "meritsys.model._fingerprint",
}

if not TYPE_CHECKING:  # a type checker sees the names above only, so a misspelt name stays an error there
    __getattr__, __dir__ = lazy_names(__name__, _WHERE, globals(), __all__)
