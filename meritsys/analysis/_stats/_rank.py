"""Ranking a cohort by its exact scores: ties share a rank."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from meritsys.errors import Problem, ValidationError
from meritsys.scoring import SkorBatch

__all__ = ["rank"]


def rank(
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
        >>> [rank([400, 300, 300, 250], metode=m).tolist() for m in ("min", "max", "dense")]
        [[1, 2, 2, 4], [1, 3, 3, 4], [1, 2, 2, 3]]
    """
    if metode not in ("min", "max", "dense"):
        raise ValidationError([Problem("metode", f"{metode!r} is not a ranking method; one of: min, max, dense", code="not-one-of")])
    units = skor.indeks_unit if isinstance(skor, SkorBatch) else np.asarray(skor)
    if units.ndim != 1 or not (units.size == 0 or np.issubdtype(units.dtype, np.integer)):
        raise ValidationError([Problem("skor", f"ranks need a 1-D array of whole numbers, got {units.dtype} of shape {units.shape}", code="type")])
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
