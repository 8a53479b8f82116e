"""Analyses built on scoring: improvement plans, sensitivity, cohort statistics and the national share, paper versus field, indices side by side.

Each is a subpackage: :mod:`meritsys.analysis._plan`, :mod:`meritsys.analysis._sensitivity`,
:mod:`meritsys.analysis._stages` and :mod:`meritsys.analysis._stats`, and
:mod:`meritsys.analysis._side_by_side` a module; the names below are what users call.
"""

from meritsys._dask import connect
from meritsys.analysis._plan import Langkah, Rencana, Target, load_biaya, plan
from meritsys.analysis._sensitivity import (
    HasilSensitivitas,
    Pengaruh,
    Progress,
    RingkasKebijakan,
    SensitivityOptions,
    sensitivity,
    sensitivity_dask,
)
from meritsys.analysis._side_by_side import Berdampingan, side_by_side
from meritsys.analysis._stages import (
    PerubahanIndikator,
    SelisihAspek,
    SelisihInstansi,
    SelisihTahap,
    compare_stages,
)
from meritsys.analysis._stats import (
    DekatBatas,
    HitunganKategori,
    PersentaseNasional,
    Perubahan,
    PerubahanTahunan,
    RerataAspek,
    aspect_means,
    count_categories,
    national_share,
    near_boundary,
    rank,
    year_over_year,
)
from meritsys.scoring import Kohort, score_batch_dask

__all__ = [
    "Berdampingan",
    "DekatBatas",
    "HasilSensitivitas",
    "HitunganKategori",
    "Kohort",
    "Langkah",
    "Pengaruh",
    "PersentaseNasional",
    "Perubahan",
    "PerubahanIndikator",
    "PerubahanTahunan",
    "Progress",
    "Rencana",
    "RerataAspek",
    "RingkasKebijakan",
    "SelisihAspek",
    "SelisihInstansi",
    "SelisihTahap",
    "SensitivityOptions",
    "Target",
    "aspect_means",
    "compare_stages",
    "connect",
    "count_categories",
    "load_biaya",
    "national_share",
    "near_boundary",
    "plan",
    "rank",
    "score_batch_dask",
    "sensitivity",
    "sensitivity_dask",
    "side_by_side",
    "year_over_year",
]
