"""What the cohort statistics share: grouping keys, the stage that counts, scores that belong to a cohort."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from meritsys._numbers import plain
from meritsys.errors import Problem, ValidationError
from meritsys.model import JenisBatas, Rubrik, Tahap, rubrik_sha256
from meritsys.scoring import JENIS, TAHAP, Kohort, SkorBatch

__all__ = [
    "PRIORITAS_TAHAP",
    "SEMUA",
    "Kunci",
    "Menurut",
    "band_starts",
    "check_scored_with",
    "common_step",
    "decimal_of",
    "group_rows",
    "scores_for",
]

Menurut: TypeAlias = Literal["jenis", "provinsi", "tahun", "tahap"]
"""The metadata column a statistic can be split by."""
Kunci: TypeAlias = str | int | None
"""A group key: a jenis or tahap value, a province (``None``: not given), a year, or :data:`SEMUA`."""
SEMUA = "semua"
"""The key of the single group when a statistic is not split."""

PRIORITAS_TAHAP: dict[Tahap, int] = {Tahap.PENETAPAN: 3, Tahap.KLARIFIKASI: 2, Tahap.VERIFIKASI: 1, Tahap.MANDIRI: 0}
"""Which stage counts for an agency-year when several are present: the final result first; see *The domain* (domain.md#stages-of-an-assessment)."""


def decimal_of(units: int, unit: Decimal, desimal: int | None) -> Decimal:
    """A unit count as the decimal the batch path reports (:meth:`SkorBatch.indeks`)."""
    v = Decimal(units) * unit
    return v if desimal is not None else plain(v)


def scores_for(kohort: Kohort, skor: SkorBatch | Rubrik) -> SkorBatch:
    """*skor* if it belongs to *kohort* (same rubric id, one score per row), or the cohort scored with the rubric *skor*.

    Raises:
        ValidationError: at ``skor`` when the scores are another rubric's or another cohort's.
    """
    if isinstance(skor, Rubrik):
        return kohort.score(skor)  # type: ignore[no-any-return]
    if skor.rubrik.id != kohort.rubrik.id:
        raise ValidationError([Problem("skor", f"the scores are for {skor.rubrik.id!r}, the cohort for {kohort.rubrik.id!r}", code="wrong-rubric")])
    if len(skor) != len(kohort):
        raise ValidationError([Problem("skor", f"{len(skor)} scores for a cohort of {len(kohort)} rows", code="shape")])
    return skor


def check_scored_with(skor: SkorBatch, rubrik: Rubrik) -> None:
    """Refuse scores that *rubrik* did not produce (another rubric, or the same id reformed).

    Raises:
        ValidationError: at ``rubrik``.
    """
    if skor.rubrik.id != rubrik.id or skor.rubrik.sha256 != rubrik_sha256(rubrik):
        what = f"{skor.rubrik.id!r}" + (f" after reform {'+'.join(skor.rubrik.reform)}" if skor.rubrik.reform else "")
        raise ValidationError([Problem("rubrik", f"the scores were made under {what} (sha256 {skor.rubrik.sha256[:12]}...), not under this rubric {rubrik.id!r}" + (f" after reform {'+'.join(rubrik.reform)}" if rubrik.reform else ""), code="wrong-rubric")])


def group_rows(kohort: Kohort, menurut: Menurut | None) -> tuple[tuple[Kunci, ...], npt.NDArray[np.intp]]:
    """The group keys present (in a stable order) and each row's group position.

    Groups are those present: agency types and stages in their enum order,
    years ascending, provinces alphabetically with ``None`` (not given) last.
    """
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
        raise ValidationError([Problem("menurut", f"{menurut!r} is not a grouping; one of: jenis, provinsi, tahun, tahap, or None", code="not-one-of")])
    uniq, inverse = np.unique(columns[menurut], return_inverse=True)
    if menurut == "jenis":
        keys = [JENIS[int(c)].value for c in uniq]
    elif menurut == "tahap":
        keys = [TAHAP[int(c)].value for c in uniq]
    else:
        keys = [int(c) for c in uniq]
    return tuple(keys), inverse.astype(np.intp).reshape(n)


def band_starts(rubrik: Rubrik, unit: Decimal) -> list[Fraction]:
    """Where each band above the lowest begins, as a single result measures its distance to it.

    Under ``bawah_inklusif`` that is the band's published lower bound; under
    ``atas_inklusif`` the first index value (in *unit* steps) above the previous
    band's upper bound (:meth:`~meritsys.scoring._classifier.BandClassifier.next_band`).
    """
    if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
        return [Fraction(k.batas_bawah.nilai) for k in rubrik.kategori[1:] if k.batas_bawah is not None]
    step = Fraction(unit)
    return [(math.floor(Fraction(k.batas_atas.nilai) / step) + 1) * step for k in rubrik.kategori[:-1] if k.batas_atas is not None]


def common_step(values: list[Fraction]) -> Fraction:
    """The largest fraction that divides every one of *values* (not all zero)."""
    den = math.lcm(*(v.denominator for v in values))
    return Fraction(math.gcd(*(int(v * den) for v in values)), den)
