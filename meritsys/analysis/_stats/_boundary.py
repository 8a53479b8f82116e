"""The rows whose index lies within a distance below the next category."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys._numbers import fraction_to_decimal, to_decimal
from meritsys.analysis._stats._common import (
    band_starts,
    check_scored_with,
    common_step,
    decimal_of,
)
from meritsys.errors import Problem, ValidationError, code_of
from meritsys.model import KategoriHasil, Rubrik
from meritsys.scoring import SkorBatch

__all__ = ["DekatBatas", "near_boundary"]


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

    __repr__ = fields_repr

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
        return [decimal_of(int(u), self.unit, self.desimal) for u in self.indeks_unit]

    def kurang(self) -> list[Decimal]:
        """How much each row lacks to reach the next category, exactly."""
        return [decimal_of(int(u), self.satuan_kurang, self.desimal) for u in self.kurang_unit]

    def kategori_berikut(self) -> list[str]:
        """The label of the category each row is near."""
        return [self.labels[int(k) + 1].label for k in self.kategori]


def near_boundary(skor: SkorBatch, rubrik: Rubrik, *, jarak: Decimal | int | str) -> DekatBatas:
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
        >>> from meritsys.scoring import Kohort
        >>> b = meritsys.get_rubrik("permenpanrb-19-2025")
        >>> kohort = Kohort.read("examples/data/kohort-permenpanrb-2026.json", b)
        >>> dekat = near_boundary(kohort.score(b), b, jarak="0.05")
        >>> for row in zip(kohort.kode[dekat.baris], dekat.indeks(), dekat.kurang(), dekat.kategori_berikut()):
        ...     print(*row)
        kab-sukamaju 0.57 0.04 Menengah
        badan-contoh 0.37 0.04 Lanjutan
    """
    check_scored_with(skor, rubrik)
    try:
        limit = to_decimal(jarak)
    except ValueError as exc:
        raise ValidationError([Problem("jarak", str(exc), code=code_of(exc))]) from None
    if limit < 0:
        raise ValidationError([Problem("jarak", f"must not be negative, got {limit}", code="out-of-range")])
    starts = band_starts(rubrik, skor.unit)
    # A published bound need not lie on the index's grid (a bound of 1 with an
    # index in steps of 2): measure in a unit that divides both, exactly.
    fine = common_step([Fraction(skor.unit), *starts])
    step = int(Fraction(skor.unit) / fine)
    bounds = [*(int(b / fine) for b in starts), 0]  # 0: the top band has no next
    pos = skor.kategori.astype(np.intp)
    units = skor.indeks_unit.astype(np.int64)
    # a fine unit far below the index grid can take the distances past 64 bits: Python integers then
    largest = max(*map(abs, bounds), step) + step * (int(np.abs(units).max()) if units.size else 0)
    dtype: Any = np.int64 if largest < 2**62 else object
    lack = np.asarray(bounds, dtype=dtype)[pos] - units.astype(dtype) * step
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
