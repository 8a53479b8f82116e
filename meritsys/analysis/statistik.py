"""Cohort statistics: ranks, category counts, aspect means, year-over-year change, rows near a boundary.

Every function reads a :class:`~meritsys.analysis.kohort.Kohort` and its
:class:`~meritsys.scoring.batch.SkorBatch` (or scores the cohort itself when
handed the rubric).  Ranks, counts, changes and distances are computed on the
batch path's integer index units, so they are exact: two agencies tie exactly
when their reported indices are equal, and a distance to a band is the one the
single path reports.  Aspect means are kept as exact fractions; their float
views are the correctly rounded floats of those fractions.

Load a national cohort, rank it, find who is near a boundary:

    >>> import meritsys
    >>> from meritsys.analysis.kohort import Kohort
    >>> kasn = meritsys.get_rubrik("kasn-2019")
    >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
    >>> skor = kohort.skor(kasn)
    >>> rank = peringkat(skor)
    >>> [(str(kohort.kode[i]), int(rank[i])) for i in rank.argsort(kind="stable")[:3]]
    [('kementerian-contoh', 1), ('kota-contoh', 2), ('badan-contoh', 3)]
    >>> dekat = dekat_batas(skor, kasn, jarak=40)
    >>> for kode, kurang, ke in zip(kohort.kode[dekat.baris], dekat.kurang(), dekat.kategori_berikut()):
    ...     print(kode, kurang, ke)
    badan-contoh 26.5 Sangat Baik
    kab-sukamaju 35 Sangat Baik
    kab-sukamaju 38.5 Sangat Baik

(``kab-sukamaju`` appears twice: the file holds its self-assessment and its
final result.  Filter by ``kohort.tahap`` to keep stages apart, DOMAIN.md §1.)
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._numbers import fraction_to_decimal, plain, to_decimal
from meritsys.analysis.kohort import JENIS, TAHAP, Kohort
from meritsys.errors import Problem, ValidationError
from meritsys.model import JenisBatas, KategoriHasil, LetakBobot, Rubrik, Tahap
from meritsys.scoring.aspects import aspect_fulfilment_matrix
from meritsys.scoring.batch import SkorBatch

__all__ = [
    "PRIORITAS_TAHAP",
    "SEMUA",
    "DekatBatas",
    "HitunganKategori",
    "Kunci",
    "Menurut",
    "Perubahan",
    "PerubahanTahunan",
    "RerataAspek",
    "dekat_batas",
    "hitung_kategori",
    "peringkat",
    "perubahan_tahunan",
    "rerata_aspek",
]

Menurut: TypeAlias = Literal["jenis", "provinsi", "tahun", "tahap"]
"""The metadata column a statistic can be split by."""
Kunci: TypeAlias = str | int | None
"""A group key: a jenis or tahap value, a province (``None``: not given), a year, or :data:`SEMUA`."""
SEMUA = "semua"
"""The key of the single group when a statistic is not split."""

PRIORITAS_TAHAP: dict[Tahap, int] = {Tahap.PENETAPAN: 3, Tahap.KLARIFIKASI: 2, Tahap.VERIFIKASI: 1, Tahap.MANDIRI: 0}
"""Which stage counts for an agency-year when several are present: the final result first (DOMAIN.md §1)."""


# ---------------------------------------------------------------------- helpers


def _nilai(units: int, unit: Decimal, desimal: int | None) -> Decimal:
    """A unit count as the decimal the batch path reports (:meth:`SkorBatch.indeks`)."""
    v = Decimal(units) * unit
    return v if desimal is not None else plain(v)


def _skor(kohort: Kohort, skor: SkorBatch | Rubrik) -> SkorBatch:
    if isinstance(skor, Rubrik):
        return kohort.skor(skor)
    if skor.rubrik_id != kohort.rubrik:
        raise ValidationError([Problem("skor", f"the scores are for {skor.rubrik_id!r}, the cohort for {kohort.rubrik!r}")])
    if len(skor) != len(kohort):
        raise ValidationError([Problem("skor", f"{len(skor)} scores for a cohort of {len(kohort)} rows")])
    return skor


def _kelompok(kohort: Kohort, menurut: Menurut | None) -> tuple[tuple[Kunci, ...], npt.NDArray[np.intp]]:
    """The group keys present (in a stable order) and each row's group position."""
    n = len(kohort)
    if menurut is None:
        return (SEMUA,), np.zeros(n, dtype=np.intp)
    if menurut == "provinsi":
        values = kohort.provinsi.tolist()
        present = set(values)
        keys: list[Kunci] = sorted(v for v in present if v is not None)
        if None in present:
            keys.append(None)
        index = {k: i for i, k in enumerate(keys)}
        return tuple(keys), np.fromiter((index[v] for v in values), dtype=np.intp, count=n)
    columns: dict[str, npt.NDArray[Any]] = {"jenis": kohort.jenis, "tahun": kohort.tahun, "tahap": kohort.tahap}
    if menurut not in columns:
        raise ValidationError([Problem("menurut", f"{menurut!r} is not a grouping; one of: jenis, provinsi, tahun, tahap, or None")])
    uniq, inverse = np.unique(columns[menurut], return_inverse=True)
    if menurut == "jenis":
        keys = [JENIS[int(c)].value for c in uniq]
    elif menurut == "tahap":
        keys = [TAHAP[int(c)].value for c in uniq]
    else:
        keys = [int(c) for c in uniq]
    return tuple(keys), inverse.astype(np.intp).reshape(n)


def _awal_band(rubrik: Rubrik, unit: Decimal) -> list[Fraction]:
    """Where each band above the lowest begins, as a single result measures its distance to it.

    Under ``bawah_inklusif`` that is the band's published lower bound; under
    ``atas_inklusif`` the first index value (in *unit* steps) above the previous
    band's upper bound (:meth:`~meritsys.scoring.classifier.BandClassifier.next_band`).
    """
    if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
        return [Fraction(k.batas_bawah.nilai) for k in rubrik.kategori[1:] if k.batas_bawah is not None]
    step = Fraction(unit)
    return [(math.floor(Fraction(k.batas_atas.nilai) / step) + 1) * step for k in rubrik.kategori[:-1] if k.batas_atas is not None]


def _satuan_bersama(values: list[Fraction]) -> Fraction:
    """The largest fraction that divides every one of *values* (not all zero)."""
    den = math.lcm(*(v.denominator for v in values))
    return Fraction(math.gcd(*(int(v * den) for v in values)), den)


# ---------------------------------------------------------------------- ranks


def peringkat(
    skor: SkorBatch | npt.ArrayLike, *, metode: Literal["min", "max", "dense"] = "min"
) -> npt.NDArray[np.int64]:
    """Rank every row, 1 for the highest index; equal indices share a rank.

    Ranks are computed on the exact integer units, so two rows tie exactly when
    their reported indices are equal (after the rubric's rounding, regime B).

    Args:
        skor: The cohort's scores, or a 1-D array of whole numbers (e.g. index units).
        metode: ``"min"`` gives tied rows the best rank of their group and skips
            the ranks they fill (competition ranking: 1, 2, 2, 4); ``"max"``
            the worst (1, 3, 3, 4); ``"dense"`` skips nothing (1, 2, 2, 3).

    Returns:
        ``(N,)`` ranks, in row order.

    Raises:
        ValidationError: for an unknown method or values that are not whole numbers.

    Examples:
        >>> [peringkat([400, 300, 300, 250], metode=m).tolist() for m in ("min", "max", "dense")]
        [[1, 2, 2, 4], [1, 3, 3, 4], [1, 2, 2, 3]]
    """
    if metode not in ("min", "max", "dense"):
        raise ValidationError([Problem("metode", f"{metode!r} is not a ranking method; one of: min, max, dense")])
    units = skor.indeks_unit if isinstance(skor, SkorBatch) else np.asarray(skor)
    if units.ndim != 1 or not (units.size == 0 or np.issubdtype(units.dtype, np.integer)):
        raise ValidationError([Problem("skor", f"ranks need a 1-D array of whole numbers, got {units.dtype} of shape {units.shape}")])
    if units.size == 0:
        return np.zeros(0, dtype=np.int64)
    uniq, inverse, counts = np.unique(units, return_inverse=True, return_counts=True)
    above = units.size - np.cumsum(counts)  # rows strictly above each distinct value
    if metode == "min":
        per_value = above + 1
    elif metode == "max":
        per_value = above + counts
    else:
        per_value = np.arange(uniq.size, 0, -1)
    return np.asarray(per_value[inverse.reshape(-1)], dtype=np.int64)


# ---------------------------------------------------------------------- category counts


@attrs.frozen(eq=False)
class HitunganKategori:
    """How many rows fall in each category, overall or per group.

    Args:
        rubrik_id: The rubric the rows were scored with.
        menurut: The column the rows are split by, or ``None``.
        kelompok: The group keys present, in order (``(SEMUA,)`` when not split).
        labels: The categories, lowest first.
        jumlah: ``(G, C)`` counts: group by category.
    """

    rubrik_id: str
    menurut: Menurut | None
    kelompok: tuple[Kunci, ...]
    labels: tuple[KategoriHasil, ...]
    jumlah: npt.NDArray[np.int64]

    @property
    def n(self) -> int:
        """The number of rows counted."""
        return int(self.jumlah.sum())

    def total(self) -> dict[str, int]:
        """Rows per category over every group."""
        return {k.label: int(c) for k, c in zip(self.labels, self.jumlah.sum(axis=0), strict=True)}

    def proporsi(self) -> npt.NDArray[np.float64]:
        """``(G, C)`` share of each group's rows in each category (NaN for an empty group)."""
        per_group = self.jumlah.sum(axis=1, keepdims=True)
        out = np.full(self.jumlah.shape, np.nan)
        np.divide(self.jumlah, per_group, out=out, where=per_group > 0)
        return out

    def sebagai_dict(self) -> dict[Kunci, dict[str, int]]:
        """``{group: {label: count}}``."""
        labels = [k.label for k in self.labels]
        return {g: dict(zip(labels, map(int, row), strict=True)) for g, row in zip(self.kelompok, self.jumlah, strict=True)}

    def baris(self) -> list[dict[str, Kunci]]:
        """One flat row per group: ``kelompok``, a count per label, and ``jumlah`` (for tables and CSV)."""
        return [{"kelompok": g, **counts, "jumlah": sum(counts.values())} for g, counts in self.sebagai_dict().items()]


def hitung_kategori(kohort: Kohort, skor: SkorBatch | Rubrik, *, menurut: Menurut | None = None) -> HitunganKategori:
    """Count the rows of each category, overall or per agency type, province, year or stage.

    Groups are those present: agency types and stages in their enum order,
    years ascending, provinces alphabetically with ``None`` (not given) last.

    Args:
        kohort: The cohort.
        skor: Its scores, or the rubric to score it with.
        menurut: ``"jenis"``, ``"provinsi"``, ``"tahun"``, ``"tahap"``, or ``None`` for one group.

    Raises:
        ValidationError: if the scores do not belong to the cohort, or for an unknown grouping.

    Examples:
        >>> import meritsys
        >>> from meritsys.analysis.kohort import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
        >>> hitung_kategori(kohort, kasn).total()
        {'Buruk': 1, 'Kurang': 3, 'Baik': 6, 'Sangat Baik': 2}
        >>> hitung_kategori(kohort, kasn, menurut="jenis").sebagai_dict()["kota"]
        {'Buruk': 0, 'Kurang': 1, 'Baik': 0, 'Sangat Baik': 1}
    """
    sb = _skor(kohort, skor)
    keys, groups = _kelompok(kohort, menurut)
    c = len(sb.labels)
    flat = groups * c + sb.kategori.astype(np.intp)
    jumlah = np.bincount(flat, minlength=len(keys) * c).astype(np.int64).reshape(len(keys), c)
    return HitunganKategori(sb.rubrik_id, menurut, keys, sb.labels, jumlah)


# ---------------------------------------------------------------------- aspect means


@attrs.frozen(eq=False)
class RerataAspek:
    """Mean fulfilment and value of each aspect, overall or per group.

    Args:
        rubrik_id: The rubric.
        menurut: The column the rows are split by, or ``None``.
        kelompok: The group keys present, in order.
        aspek: The aspect codes, in rubric order.
        maksimum: Each aspect's full value: its maximum points (regime A) or 1 (regime B maturity).
        n: ``(G,)`` rows per group.
        capaian_tepat: ``[g][a]`` the exact mean fulfilment, 0-1; ``None`` for an empty group.
    """

    rubrik_id: str
    menurut: Menurut | None
    kelompok: tuple[Kunci, ...]
    aspek: tuple[str, ...]
    maksimum: tuple[Decimal, ...]
    n: npt.NDArray[np.int64]
    capaian_tepat: tuple[tuple[Fraction | None, ...], ...]

    def _float(self, scale: tuple[Fraction, ...]) -> npt.NDArray[np.float64]:
        rows = [[math.nan if f is None else float(f * m) for f, m in zip(row, scale, strict=True)] for row in self.capaian_tepat]
        return np.array(rows, dtype=np.float64).reshape(len(self.kelompok), len(self.aspek))

    def capaian(self) -> npt.NDArray[np.float64]:
        """``(G, A)`` mean fulfilment as floats (NaN for an empty group)."""
        return self._float(tuple(Fraction(1) for _ in self.aspek))

    def nilai(self) -> npt.NDArray[np.float64]:
        """``(G, A)`` mean value: fulfilment x the aspect's maximum (points in regime A, maturity in B)."""
        return self._float(tuple(Fraction(m) for m in self.maksimum))

    def baris(self, ukuran: Literal["capaian", "nilai"] = "capaian") -> list[dict[str, Kunci | float]]:
        """One flat row per group: ``kelompok``, ``n``, then the mean of each aspect by code."""
        values = self.capaian() if ukuran == "capaian" else self.nilai()
        return [
            {"kelompok": g, "n": int(n), **{a: float(v) for a, v in zip(self.aspek, row, strict=True)}}
            for g, n, row in zip(self.kelompok, self.n, values, strict=True)
        ]


def _maksimum_aspek(rubrik: Rubrik) -> tuple[Decimal, ...]:
    if rubrik.letak_bobot is LetakBobot.INDIKATOR:
        return tuple(
            plain(sum((i.bobot.nilai * i.level_maks for i in a.indikator if i.bobot is not None), Decimal(0)))
            for a in rubrik.aspek
        )
    return tuple(Decimal(1) for _ in rubrik.aspek)


def _jumlah_per_kelompok(values: npt.NDArray[np.int64], groups: npt.NDArray[np.intp], n_groups: int) -> npt.NDArray[np.int64]:
    """Exact integer sums of *values* per group."""
    if values.size == 0 or int(np.abs(values).max()) * values.size < 2**53:
        # Every partial sum is an integer below 2**53, which float64 holds exactly;
        # bincount is many times faster than add.at.
        return np.rint(np.bincount(groups, weights=values, minlength=n_groups)).astype(np.int64)
    out = np.zeros(n_groups, dtype=np.int64)
    np.add.at(out, groups, values)
    return out


def rerata_aspek(kohort: Kohort, rubrik: Rubrik, *, menurut: Menurut | None = None) -> RerataAspek:
    """Mean fulfilment (0-1) and mean value of each aspect, overall or per group.

    Each row's fulfilment is exact (:func:`~meritsys.scoring.aspects.aspect_fulfilment_matrix`:
    regime A points over the aspect maximum, regime B maturity with not-applicable
    questions counted as the rubric declares), and so is their mean
    (:attr:`RerataAspek.capaian_tepat`).  The regime B mean is of the unrounded
    maturities, so it can differ in the third decimal from a mean of the
    2-decimal values a single result reports.  Missing answers are resolved by
    the rubric's missing-answer policy.

    Args:
        kohort: The cohort.
        rubrik: Its rubric.
        menurut: ``"jenis"``, ``"provinsi"``, ``"tahun"``, ``"tahap"``, or ``None`` for one group.

    Raises:
        ValidationError: if the rubric is not the cohort's, a missing answer is
            not resolved by the policy, or an aspect has nothing counted.

    Examples:
        >>> import meritsys
        >>> from meritsys.analysis.kohort import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
        >>> r = rerata_aspek(kohort, kasn)
        >>> r.aspek, r.maksimum[:3]
        (('1', '2', '3', '4', '5', '6', '7', '8'), (Decimal('40'), Decimal('40'), Decimal('130')))
        >>> r.capaian().round(3).tolist()[0]
        [0.656, 0.621, 0.621, 0.658, 0.607, 0.612, 0.683, 0.646]
        >>> r.nilai().round(2).tolist()[0][:3]
        [26.25, 24.83, 80.67]
    """
    if rubrik.id != kohort.rubrik:
        raise ValidationError([Problem("rubrik", f"the cohort is for {kohort.rubrik!r}, not {rubrik.id!r}")])
    num, den = aspect_fulfilment_matrix(rubrik, kohort.matriks().checked(rubrik))
    keys, groups = _kelompok(kohort, menurut)
    n_groups, n_aspek = len(keys), len(rubrik.aspek)
    sums = [[Fraction(0)] * n_aspek for _ in keys]
    for a in range(n_aspek):
        col_num, col_den = num[:, a], den[:, a]
        # Rows share a few denominators (one per count of counted questions; one
        # in regime A): add the numerators exactly per denominator, then the fractions.
        dens = np.unique(col_den).tolist() if col_den.size and col_den.min() != col_den.max() else col_den[:1].tolist()
        for d in dens:
            if len(dens) == 1:
                part = _jumlah_per_kelompok(col_num, groups, n_groups)
            else:
                mask = col_den == d
                part = _jumlah_per_kelompok(col_num[mask], groups[mask], n_groups)
            for g in range(n_groups):
                sums[g][a] += Fraction(int(part[g]), int(d))
    n = np.bincount(groups, minlength=n_groups).astype(np.int64)
    exact = tuple(tuple(s / int(n[g]) if n[g] else None for s in sums[g]) for g in range(n_groups))
    return RerataAspek(rubrik.id, menurut, keys, tuple(a.kode for a in rubrik.aspek), _maksimum_aspek(rubrik), n, exact)


# ---------------------------------------------------------------------- year-over-year change


@attrs.frozen
class Perubahan:
    """One agency's change between two consecutive years it was assessed in.

    Args:
        kode: The agency code.
        tahun_awal: The earlier year.
        tahun_akhir: The next year the agency was assessed (a Sangat Baik
            agency may skip a year, DOMAIN.md §1).
        tahap_awal: The stage used for the earlier year.
        tahap_akhir: The stage used for the later year.
        indeks_awal: The earlier index.
        indeks_akhir: The later index.
        selisih: ``indeks_akhir - indeks_awal``, exact.
        kategori_awal: The earlier category.
        kategori_akhir: The later category.
        langkah: Bands moved: positive up, negative down, 0 for none.
    """

    kode: str
    tahun_awal: int
    tahun_akhir: int
    tahap_awal: Tahap
    tahap_akhir: Tahap
    indeks_awal: Decimal
    indeks_akhir: Decimal
    selisih: Decimal
    kategori_awal: KategoriHasil
    kategori_akhir: KategoriHasil
    langkah: int


@attrs.frozen(eq=False)
class PerubahanTahunan:
    """The index per year of each agency assessed in two or more years, as agency-by-year matrices.

    Args:
        rubrik_id: The rubric.
        unit: The decimal value of one index unit.
        labels: The categories, lowest first.
        desimal: Fixed decimals of the index (regime B), or ``None``.
        kode: The agencies, sorted by code.
        tahun: The years any of them was assessed in, ascending.
        baris: ``(A, Y)`` the cohort row used for each agency-year, -1 where not assessed.
        tahap: ``(A, Y)`` the stage used, as a code into ``TAHAP``; -1 where not assessed.
        indeks_unit: ``(A, Y)`` the index in units; 0 where not assessed.
        kategori: ``(A, Y)`` the band position; -1 where not assessed.
    """

    rubrik_id: str
    unit: Decimal
    labels: tuple[KategoriHasil, ...]
    desimal: int | None
    kode: tuple[str, ...]
    tahun: tuple[int, ...]
    baris: npt.NDArray[np.intp]
    tahap: npt.NDArray[np.int8]
    indeks_unit: npt.NDArray[np.int64]
    kategori: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.kode)

    def indeks(self, kode: str) -> dict[int, Decimal]:
        """One agency's index by year.

        Raises:
            KeyError: if the agency is not among :attr:`kode`.
        """
        a = self.kode.index(kode) if kode in self.kode else None
        if a is None:
            raise KeyError(kode)
        return {
            y: _nilai(int(u), self.unit, self.desimal)
            for y, b, u in zip(self.tahun, self.baris[a], self.indeks_unit[a], strict=True)
            if b >= 0
        }

    def _pasangan(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Agency, earlier year and later year positions of each consecutive pair of assessed years."""
        a, y = np.nonzero(self.baris >= 0)  # row-major: by agency, then year
        same = a[1:] == a[:-1]
        return a[:-1][same], y[:-1][same], y[1:][same]

    def selisih_unit(self) -> npt.NDArray[np.int64]:
        """The change of each consecutive pair in units, in the order of :meth:`perubahan`."""
        a, y0, y1 = self._pasangan()
        return np.asarray(self.indeks_unit[a, y1] - self.indeks_unit[a, y0], dtype=np.int64)

    def perubahan(self) -> tuple[Perubahan, ...]:
        """Every change between consecutive assessed years, by agency then year."""
        a, y0, y1 = self._pasangan()
        out = []
        for ai, i, j in zip(a.tolist(), y0.tolist(), y1.tolist(), strict=True):
            u0, u1 = int(self.indeks_unit[ai, i]), int(self.indeks_unit[ai, j])
            k0, k1 = int(self.kategori[ai, i]), int(self.kategori[ai, j])
            out.append(
                Perubahan(
                    kode=self.kode[ai],
                    tahun_awal=self.tahun[i],
                    tahun_akhir=self.tahun[j],
                    tahap_awal=TAHAP[int(self.tahap[ai, i])],
                    tahap_akhir=TAHAP[int(self.tahap[ai, j])],
                    indeks_awal=_nilai(u0, self.unit, self.desimal),
                    indeks_akhir=_nilai(u1, self.unit, self.desimal),
                    selisih=_nilai(u1 - u0, self.unit, self.desimal),
                    kategori_awal=self.labels[k0],
                    kategori_akhir=self.labels[k1],
                    langkah=k1 - k0,
                )
            )
        return tuple(out)

    def pindah_kategori(self) -> npt.NDArray[np.int64]:
        """``(C, C)`` counts of consecutive pairs by earlier category (rows) and later category (columns)."""
        a, y0, y1 = self._pasangan()
        c = len(self.labels)
        flat = self.kategori[a, y0].astype(np.intp) * c + self.kategori[a, y1].astype(np.intp)
        return np.bincount(flat, minlength=c * c).astype(np.int64).reshape(c, c)


def _satu_per_tahun(kohort: Kohort) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[Any]]:
    """The row that counts for each agency-year, sorted by agency then year; agency positions; agency codes."""
    n = len(kohort)
    codes, agency = np.unique(kohort.kode.astype(str), return_inverse=True)
    agency = agency.astype(np.intp).reshape(n)
    priority = np.asarray([PRIORITAS_TAHAP[t] for t in TAHAP], dtype=np.int8)[kohort.tahap]
    order = np.lexsort((-priority.astype(np.int16), kohort.tahun, agency))  # agency, year, best stage first
    ag, yr, pr = agency[order], kohort.tahun[order], priority[order]
    first = np.ones(n, dtype=bool)
    first[1:] = (ag[1:] != ag[:-1]) | (yr[1:] != yr[:-1])
    clash = np.flatnonzero(first[:-1] & ~first[1:] & (pr[:-1] == pr[1:]))
    if clash.size:
        raise ValidationError(
            [
                Problem(
                    f"[{int(order[i + 1])}]",
                    f"agency {codes[ag[i]]!r} has two {TAHAP[int(kohort.tahap[order[i]])].value} assessments for {int(yr[i])}"
                    f" (rows {int(order[i])} and {int(order[i + 1])}): which one counts is ambiguous",
                )
                for i in clash[:20]
            ]
        )
    chosen = order[first]
    return chosen, agency[chosen], codes


def perubahan_tahunan(kohort: Kohort, skor: SkorBatch | Rubrik) -> PerubahanTahunan:
    """Each agency's index per year and its change between consecutive years it was assessed in.

    Agencies are matched by ``kode``; only those assessed in two or more years
    are kept.  Where an agency has several stages for one year, the most final
    one counts: penetapan, then klarifikasi, then verifikasi, then mandiri
    (:data:`PRIORITAS_TAHAP`); the stage used is recorded, since scores move
    between stages (DOMAIN.md §1).

    Args:
        kohort: The cohort (one rubric, so one regime: no cross-regime change).
        skor: Its scores, or the rubric to score it with.

    Raises:
        ValidationError: if the scores do not belong to the cohort, or an agency
            has two assessments of the stage that counts for one year.

    Examples:
        >>> import attrs, meritsys
        >>> from meritsys.analysis.kohort import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> items = meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        >>> lalu = [attrs.evolve(p, tahun=2022, jawaban={k: max(v - 1, 0) for k, v in p.jawaban.items()})
        ...         for p in items[2:4]]
        >>> hasil = perubahan_tahunan(Kohort.from_penilaian(kasn, [*lalu, *items]), kasn)
        >>> hasil.kode, hasil.tahun
        (('kota-contoh', 'kota-lestari'), (2022, 2023))
        >>> hasil.indeks("kota-contoh")
        {2022: Decimal('228.5'), 2023: Decimal('328.5')}
        >>> [(p.kode, p.selisih, p.kategori_awal.label, p.kategori_akhir.label, p.langkah) for p in hasil.perubahan()]
        [('kota-contoh', Decimal('100'), 'Kurang', 'Sangat Baik', 2), ('kota-lestari', Decimal('100'), 'Buruk', 'Kurang', 1)]
    """
    sb = _skor(kohort, skor)
    chosen, agency, codes = _satu_per_tahun(kohort)
    keep = np.bincount(agency, minlength=codes.size)[agency] >= 2
    rows, agency = chosen[keep], agency[keep]
    agencies, a = np.unique(agency, return_inverse=True)
    years, y = np.unique(kohort.tahun[rows], return_inverse=True)
    shape = (agencies.size, years.size)
    baris = np.full(shape, -1, dtype=np.intp)
    tahap = np.full(shape, -1, dtype=np.int8)
    indeks_unit = np.zeros(shape, dtype=np.int64)
    kategori = np.full(shape, -1, dtype=np.int8)
    a, y = a.reshape(-1), y.reshape(-1)
    baris[a, y] = rows
    tahap[a, y] = kohort.tahap[rows]
    indeks_unit[a, y] = sb.indeks_unit[rows]
    kategori[a, y] = sb.kategori[rows]
    return PerubahanTahunan(
        rubrik_id=sb.rubrik_id,
        unit=sb.unit,
        labels=sb.labels,
        desimal=sb.desimal,
        kode=tuple(str(codes[i]) for i in agencies),
        tahun=tuple(int(t) for t in years),
        baris=baris,
        tahap=tahap,
        indeks_unit=indeks_unit,
        kategori=kategori,
    )


# ---------------------------------------------------------------------- near a boundary


@attrs.frozen(eq=False)
class DekatBatas:
    """Rows whose index lies within a distance below the next category, nearest first.

    Args:
        rubrik_id: The rubric.
        jarak: The distance asked for (index units, inclusive).
        unit: The decimal value of one index unit.
        satuan_kurang: The decimal value of one unit of :attr:`kurang_unit`: the
            index unit, or a finer one where a band bound lies between index steps.
        labels: The categories, lowest first.
        desimal: Fixed decimals of the index (regime B), or ``None``.
        baris: ``(M,)`` the rows, by distance then row.
        indeks_unit: ``(M,)`` their index in units.
        kategori: ``(M,)`` their band position (the next band is one higher).
        kurang_unit: ``(M,)`` how far each is below the next band, in :attr:`satuan_kurang`.
    """

    rubrik_id: str
    jarak: Decimal
    unit: Decimal
    satuan_kurang: Decimal
    labels: tuple[KategoriHasil, ...]
    desimal: int | None
    baris: npt.NDArray[np.intp]
    indeks_unit: npt.NDArray[np.int64]
    kategori: npt.NDArray[np.int8]
    kurang_unit: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return int(self.baris.shape[0])

    def indeks(self) -> list[Decimal]:
        """Each row's index."""
        return [_nilai(int(u), self.unit, self.desimal) for u in self.indeks_unit]

    def kurang(self) -> list[Decimal]:
        """How much each row lacks to reach the next category, exactly."""
        return [_nilai(int(u), self.satuan_kurang, self.desimal) for u in self.kurang_unit]

    def kategori_berikut(self) -> list[str]:
        """The label of the category each row is near."""
        return [self.labels[int(k) + 1].label for k in self.kategori]


def dekat_batas(skor: SkorBatch, rubrik: Rubrik, *, jarak: Decimal | int | str) -> DekatBatas:
    """Find the rows whose index is at most *jarak* below the next category's lower bound.

    The distance is the one a single result reports as
    ``ke_kategori_berikut.kurang``: the next band's start under the rubric's
    boundary rule, minus the index.  Rows in the top band are never near.

    Args:
        skor: The scores.
        rubrik: The rubric they were scored with (for its band bounds).
        jarak: The largest distance, in index points (``5`` in regime A,
            ``"0.02"`` in regime B); inclusive.  Not a float.

    Raises:
        ValidationError: if the scores are for another rubric, or *jarak* is not
            a non-negative number.

    Examples:
        >>> import meritsys
        >>> from meritsys.analysis.kohort import Kohort
        >>> b = meritsys.get_rubrik("permenpanrb-19-2025")
        >>> kohort = Kohort.read("examples/data/kohort-permenpanrb-2026.json", b)
        >>> dekat = dekat_batas(kohort.skor(b), b, jarak="0.05")
        >>> for row in zip(kohort.kode[dekat.baris], dekat.indeks(), dekat.kurang(), dekat.kategori_berikut()):
        ...     print(*row)
        kab-sukamaju 0.57 0.04 Menengah
        badan-contoh 0.37 0.04 Lanjutan
    """
    if skor.rubrik_id != rubrik.id:
        raise ValidationError([Problem("rubrik", f"the scores are for {skor.rubrik_id!r}, not {rubrik.id!r}")])
    try:
        limit = to_decimal(jarak)
    except ValueError as exc:
        raise ValidationError([Problem("jarak", str(exc))]) from None
    if limit < 0:
        raise ValidationError([Problem("jarak", f"must not be negative, got {limit}")])
    starts = _awal_band(rubrik, skor.unit)
    # A published bound need not lie on the index's grid (a bound of 1 with an
    # index in steps of 2): measure in a unit that divides both, exactly.
    fine = _satuan_bersama([Fraction(skor.unit), *starts])
    start_units = np.asarray([*(int(b / fine) for b in starts), 0], dtype=np.int64)  # 0: the top band has no next
    pos = skor.kategori.astype(np.intp)
    units = skor.indeks_unit.astype(np.int64)
    lack = start_units[pos] - units * int(Fraction(skor.unit) / fine)
    rows = np.flatnonzero((pos < len(starts)) & (lack <= math.floor(Fraction(limit) / fine)))
    rows = rows[np.argsort(lack[rows], kind="stable")]
    return DekatBatas(
        rubrik_id=rubrik.id,
        jarak=limit,
        unit=skor.unit,
        satuan_kurang=fraction_to_decimal(fine, places=28),
        labels=skor.labels,
        desimal=skor.desimal,
        baris=rows.astype(np.intp),
        indeks_unit=units[rows],
        kategori=skor.kategori[rows].astype(np.int8),
        kurang_unit=lack[rows],
    )
