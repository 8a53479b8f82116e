"""Analyses built on scoring: improvement plans, sensitivity, cohort statistics, indices side by side.

Each is a subpackage: :mod:`meritsys.analysis._plan`, :mod:`meritsys.analysis._sensitivity`
and :mod:`meritsys.analysis._stats`; the names below are what users call.
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
from meritsys.analysis._stats import (
    DekatBatas,
    HitunganKategori,
    Perubahan,
    PerubahanTahunan,
    RerataAspek,
    aspect_means,
    count_categories,
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
    "Perubahan",
    "PerubahanTahunan",
    "Progress",
    "Rencana",
    "RerataAspek",
    "RingkasKebijakan",
    "SensitivityOptions",
    "Target",
    "aspect_means",
    "connect",
    "count_categories",
    "load_biaya",
    "near_boundary",
    "plan",
    "rank",
    "score_batch_dask",
    "sensitivity",
    "sensitivity_dask",
    "side_by_side",
    "year_over_year",
]
