"""Analyses built on scoring: cohorts, statistics, improvement plans, sensitivity."""

from meritsys.analysis.kohort import Kohort
from meritsys.analysis.planner import Langkah, Rencana, Target, plan
from meritsys.analysis.sensitivity import HasilSensitivitas, Pengaruh, Progress, RingkasKebijakan, sensitivity
from meritsys.analysis.statistik import (
    DekatBatas,
    HitunganKategori,
    Perubahan,
    PerubahanTahunan,
    RerataAspek,
    dekat_batas,
    hitung_kategori,
    peringkat,
    perubahan_tahunan,
    rerata_aspek,
)

__all__ = [
    "DekatBatas",
    "HasilSensitivitas",
    "HitunganKategori",
    "Kohort",
    "Langkah",
    "Pengaruh",
    "Perubahan",
    "PerubahanTahunan",
    "Progress",
    "Rencana",
    "RerataAspek",
    "RingkasKebijakan",
    "Target",
    "dekat_batas",
    "hitung_kategori",
    "peringkat",
    "perubahan_tahunan",
    "plan",
    "rerata_aspek",
    "sensitivity",
]
