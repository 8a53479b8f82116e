"""Counting the rows of each category, overall or per agency type, province, year or stage."""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys.analysis._stats._common import (
    Kunci,
    Menurut,
    group_rows,
    scores_for,
)
from meritsys.model import KategoriHasil, Rubrik
from meritsys.scoring import Kohort, SkorBatch
from meritsys.scoring._kohort_stages import require_one_stage

__all__ = ["HitunganKategori", "count_categories"]


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

    __repr__ = fields_repr

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

    def shares(self) -> npt.NDArray[np.float64]:
        """``(G, C)`` share of each group's rows in each category (NaN for an empty group)."""
        per_group = self.jumlah.sum(axis=1, keepdims=True)
        out = np.full(self.jumlah.shape, np.nan)
        np.divide(self.jumlah, per_group, out=out, where=per_group > 0)
        return out

    def to_dict(self) -> dict[Kunci, dict[str, int]]:
        """``{group: {label: count}}``."""
        labels = [k.label for k in self.labels]
        return {g: dict(zip(labels, map(int, row), strict=True)) for g, row in zip(self.kelompok, self.jumlah, strict=True)}

    def rows(self) -> list[dict[str, Kunci]]:
        """One flat row per group: ``kelompok``, a count per label, and ``jumlah`` (for tables and CSV)."""
        return [{"kelompok": g, **counts, "jumlah": sum(counts.values())} for g, counts in self.to_dict().items()]


def count_categories(kohort: Kohort, skor: SkorBatch | Rubrik, *, menurut: Menurut | None = None) -> HitunganKategori:
    """Count the rows of each category, overall or per agency type, province, year or stage.

    Groups are those present: agency types and stages in their enum order,
    years ascending, provinces alphabetically with ``None`` (not given) last.

    Args:
        kohort: The cohort.
        skor: Its scores, or the rubric to score it with.
        menurut: ``"jenis"``, ``"provinsi"``, ``"tahun"``, ``"tahap"``, or ``None`` for one group.

    Each agency counts once per year: a cohort holding several stages of one
    agency-year is refused unless it is split by stage (``menurut="tahap"``);
    choose a stage first (:meth:`~meritsys.scoring.Kohort.select_stage`,
    :meth:`~meritsys.scoring.Kohort.select_latest`).

    Raises:
        ValidationError: if the scores do not belong to the cohort, for an unknown
            grouping, or for several stages (or rows) of one agency-year.

    Examples:
        >>> import meritsys
        >>> from meritsys.scoring import Kohort
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn).select_latest()
        >>> count_categories(kohort, kasn).total()
        {'Buruk': 1, 'Kurang': 3, 'Baik': 5, 'Sangat Baik': 2}
        >>> count_categories(kohort, kasn, menurut="jenis").to_dict()["kota"]
        {'Buruk': 0, 'Kurang': 1, 'Baik': 0, 'Sangat Baik': 1}
    """
    if menurut != "tahap":
        require_one_stage(kohort, "counting categories")
    sb = scores_for(kohort, skor)
    keys, groups = group_rows(kohort, menurut)
    c = len(sb.labels)
    flat = groups * c + sb.kategori.astype(np.intp)
    jumlah = np.bincount(flat, minlength=len(keys) * c).astype(np.int64).reshape(len(keys), c)
    return HitunganKategori(sb.rubrik_id, menurut, keys, sb.labels, jumlah)
