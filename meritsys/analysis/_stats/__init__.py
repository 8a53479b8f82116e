"""Cohort statistics: ranks, category counts, aspect means, year-over-year change, rows near a boundary, the national share.

Every function reads a :class:`~meritsys.scoring.Kohort` and its
:class:`~meritsys.scoring.SkorBatch` (or scores the cohort itself when handed
the rubric), and refuses scores that do not belong to it.  Ranks, counts,
changes and distances are computed on the batch path's integer index units, so
they are exact: two agencies tie exactly when their reported indices are equal,
and a distance to a band is the one the single path reports.  Aspect means are
kept as exact fractions; their float views are the correctly rounded floats of
those fractions.

Load a national cohort, rank it, find who is near a boundary:

    >>> import meritsys
    >>> from meritsys.analysis import near_boundary, rank
    >>> kasn = meritsys.get_rubrik("kasn-2019")
    >>> kohort = meritsys.Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
    >>> skor = kohort.score(kasn)
    >>> ranks = rank(skor)
    >>> [(str(kohort.kode[i]), int(ranks[i])) for i in ranks.argsort(kind="stable")[:3]]
    [('kementerian-contoh', 1), ('kota-contoh', 2), ('badan-contoh', 3)]
    >>> dekat = near_boundary(skor, kasn, jarak=40)
    >>> for kode, kurang, ke in zip(kohort.kode[dekat.baris], dekat.kurang(), dekat.kategori_berikut()):
    ...     print(kode, kurang, ke)
    badan-contoh 26.5 Sangat Baik
    kab-sukamaju 35 Sangat Baik
    kab-sukamaju 38.5 Sangat Baik

(``kab-sukamaju`` appears twice: the file holds its self-assessment and its
final result.  Filter by ``kohort.tahap`` to keep stages apart.)
"""

from meritsys.analysis._stats._boundary import DekatBatas, near_boundary
from meritsys.analysis._stats._change import Perubahan, PerubahanTahunan, year_over_year
from meritsys.analysis._stats._common import PRIORITAS_TAHAP, SEMUA, Kunci, Menurut
from meritsys.analysis._stats._counts import HitunganKategori, count_categories
from meritsys.analysis._stats._means import RerataAspek, aspect_means
from meritsys.analysis._stats._rank import rank
from meritsys.analysis._stats._share import MenurutWilayah, PersentaseNasional, national_share

__all__ = [
    "PRIORITAS_TAHAP",
    "SEMUA",
    "DekatBatas",
    "HitunganKategori",
    "Kunci",
    "Menurut",
    "MenurutWilayah",
    "PersentaseNasional",
    "Perubahan",
    "PerubahanTahunan",
    "RerataAspek",
    "aspect_means",
    "count_categories",
    "national_share",
    "near_boundary",
    "rank",
    "year_over_year",
]
