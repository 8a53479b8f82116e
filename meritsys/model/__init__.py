"""The domain model: plain frozen data, no numpy, cattrs or I/O."""

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
