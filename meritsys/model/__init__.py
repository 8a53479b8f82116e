"""The domain model: plain frozen data, no numpy, cattrs or I/O."""

from meritsys.model._frozen import FrozenMap
from meritsys.model.angka import Angka, Rujukan, Status
from meritsys.model.hasil import (
    Hasil,
    HasilAspek,
    JarakKategori,
    KategoriHasil,
    Kontribusi,
    RubrikRef,
    Saran,
)
from meritsys.model.instansi import Instansi, JenisInstansi
from meritsys.model.penilaian import Penilaian, Tahap
from meritsys.model.rubrik import (
    Aspek,
    AturanBatas,
    Gerbang,
    Indikator,
    JenisBatas,
    Kategori,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    LetakBobot,
    Level,
    Normalisasi,
    Rubrik,
    Skala,
    Syarat,
)

__all__ = [
    "Angka",
    "Aspek",
    "AturanBatas",
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
]
