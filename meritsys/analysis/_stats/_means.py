"""Each aspect's mean fulfilment and value over a cohort, exactly."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys._numbers import exact_decimal, plain
from meritsys.analysis._stats._common import (
    Kunci,
    Menurut,
    group_rows,
)
from meritsys.model import LetakBobot, Rubrik
from meritsys.scoring import Kohort, aspect_fulfilment_matrix
from meritsys.scoring._aspects import aspect_scale
from meritsys.scoring._kohort_stages import require_one_stage

__all__ = ["RerataAspek", "aspect_means"]


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

    __repr__ = fields_repr

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

    def rows(self, ukuran: Literal["capaian", "nilai"] = "capaian") -> list[dict[str, Kunci | float]]:
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
    scale = plain(exact_decimal(aspect_scale(rubrik)))  # 1 in regime B (a maturity); 100 for the JPT index
    return tuple(scale for _ in rubrik.aspek)


def _jumlah_per_kelompok(values: npt.NDArray[np.int64], groups: npt.NDArray[np.intp], n_groups: int) -> npt.NDArray[np.int64]:
    """Exact integer sums of *values* per group."""
    if values.size == 0 or int(np.abs(values).max()) * values.size < 2**53:
        # Every partial sum is an integer below 2**53, which float64 holds exactly;
        # bincount is many times faster than add.at.
        return np.rint(np.bincount(groups, weights=values, minlength=n_groups)).astype(np.int64)
    out = np.zeros(n_groups, dtype=np.int64)
    np.add.at(out, groups, values)
    return out


def aspect_means(kohort: Kohort, rubrik: Rubrik, *, menurut: Menurut | None = None) -> RerataAspek:
    """Mean fulfilment (0-1) and mean value of each aspect, overall or per group.

    Each row's fulfilment is exact (:func:`~meritsys.scoring._aspects.aspect_fulfilment_matrix`:
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
            not resolved by the policy, an aspect has nothing counted, or the
            cohort holds several stages of one agency-year (unless split by stage).

    Examples:
        >>> import meritsys
        >>> from meritsys.scoring import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn).select_latest()
        >>> r = aspect_means(kohort, kasn)
        >>> r.aspek, r.maksimum[:3]
        (('1', '2', '3', '4', '5', '6', '7', '8'), (Decimal('40'), Decimal('40'), Decimal('130')))
        >>> r.capaian().round(3).tolist()[0]
        [0.636, 0.609, 0.613, 0.645, 0.609, 0.6, 0.682, 0.623]
        >>> r.nilai().round(2).tolist()[0][:3]
        [25.45, 24.36, 79.73]
    """
    if menurut != "tahap":
        require_one_stage(kohort, "averaging aspects")
    num, den = aspect_fulfilment_matrix(rubrik, kohort.levels(rubrik))
    keys, groups = group_rows(kohort, menurut)
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
