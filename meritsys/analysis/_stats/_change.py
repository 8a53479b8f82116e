"""Each agency's index from year to year, and how it changed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.analysis._stats._common import (
    PRIORITAS_TAHAP,
    decimal_of,
    scores_for,
)
from meritsys.errors import Problem, ValidationError
from meritsys.model import KategoriHasil, Rubrik, Tahap
from meritsys.scoring import TAHAP, Kohort, SkorBatch

__all__ = ["Perubahan", "PerubahanTahunan", "year_over_year"]


@attrs.frozen
class Perubahan:
    """One agency's change between two consecutive years it was assessed in.

    Args:
        kode: The agency code.
        tahun_awal: The earlier year.
        tahun_akhir: The next year the agency was assessed (a Sangat Baik
            agency may skip a year; see *The domain*
            (domain.md#consequences-of-a-category)).
        tahap_awal: The stage used for the earlier year.
        tahap_akhir: The stage used for the later year.
        indeks_awal: The earlier index.
        indeks_akhir: The later index.
        selisih: ``indeks_akhir - indeks_awal``, exact.
        kategori_awal: The earlier category.
        kategori_akhir: The later category.
        langkah: Bands moved: positive up, negative down, 0 for none.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

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

    __repr__ = fields_repr

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
            y: decimal_of(int(u), self.unit, self.desimal)
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
                    indeks_awal=decimal_of(u0, self.unit, self.desimal),
                    indeks_akhir=decimal_of(u1, self.unit, self.desimal),
                    selisih=decimal_of(u1 - u0, self.unit, self.desimal),
                    kategori_awal=self.labels[k0],
                    kategori_akhir=self.labels[k1],
                    langkah=k1 - k0,
                )
            )
        return tuple(out)

    def transitions(self) -> npt.NDArray[np.int64]:
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
                    code="ambiguous",
                )
                for i in clash[:20]
            ]
        )
    chosen = order[first]
    return chosen, agency[chosen], codes


def year_over_year(kohort: Kohort, skor: SkorBatch | Rubrik) -> PerubahanTahunan:
    """Each agency's index per year and its change between consecutive years it was assessed in.

    Agencies are matched by ``kode``; only those assessed in two or more years
    are kept.  Where an agency has several stages for one year, the most final
    one counts: penetapan, then klarifikasi, then verifikasi, then mandiri
    (:data:`PRIORITAS_TAHAP`); the stage used is recorded, since scores move
    between stages; see *The domain* (domain.md#stages-of-an-assessment).

    Args:
        kohort: The cohort (one rubric, so one regime: no cross-regime change).
        skor: Its scores, or the rubric to score it with.

    Raises:
        ValidationError: if the scores do not belong to the cohort, or an agency
            has two assessments of the stage that counts for one year.

    Examples:
        >>> import attrs, meritsys
        >>> from meritsys.scoring import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> items = meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        >>> lalu = [attrs.evolve(p, tahun=2022, jawaban={k: max(v - 1, 0) for k, v in p.jawaban.items()})
        ...         for p in items[2:4]]
        >>> hasil = year_over_year(Kohort.from_penilaian(kasn, [*lalu, *items]), kasn)
        >>> hasil.kode, hasil.tahun
        (('kota-contoh', 'kota-lestari'), (2022, 2023))
        >>> hasil.indeks("kota-contoh")
        {2022: Decimal('228.5'), 2023: Decimal('328.5')}
        >>> [(p.kode, p.selisih, p.kategori_awal.label, p.kategori_akhir.label, p.langkah) for p in hasil.perubahan()]
        [('kota-contoh', Decimal('100'), 'Kurang', 'Sangat Baik', 2), ('kota-lestari', Decimal('100'), 'Buruk', 'Kurang', 1)]
    """
    sb = scores_for(kohort, skor)
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
