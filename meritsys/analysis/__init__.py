"""Analyses built on scoring: cohorts, statistics, improvement plans, sensitivity."""

from meritsys.analysis.kohort import Kohort
from meritsys.analysis.planner import Langkah, Rencana, Target, plan
from meritsys.analysis.sensitivity import HasilSensitivitas, Pengaruh, sensitivity
from meritsys.analysis.statistik import (
    DekatBatas,
    HitunganKategori,
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
    "PerubahanTahunan",
    "Rencana",
    "RerataAspek",
    "Target",
    "dekat_batas",
    "hitung_kategori",
    "peringkat",
    "perubahan_tahunan",
    "plan",
    "rerata_aspek",
    "sensitivity",
]
