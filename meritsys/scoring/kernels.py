"""Fast exact integer kernels for the batch path.

A simulated national cohort can hold a million assessments of one byte per
answer.  Scoring it is memory-bound, so the weighted-sum kernel reads the answer
matrix once, column by column (the cohort container stores it column-major),
eight answers per 64-bit word ("SIMD within a register"), and accumulates in
16-bit lanes.  Every kernel is exact: integers in, integers out.  (Splitting
rows over threads was measured and did not pay on this workload: the many
short numpy calls contend for the GIL.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["accumulator_dtype", "band_positions", "column_ranges", "weighted_sum_units"]

def accumulator_dtype(bound: int) -> type[np.signedinteger[Any]]:
    """The narrowest signed integer type that holds every value of magnitude up to *bound*."""
    for dtype in (np.int16, np.int32):
        if bound <= np.iinfo(dtype).max:
            return dtype
    return np.int64


def column_ranges(levels: npt.NDArray[np.int8]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Per-column minimum and maximum of an answer matrix (fast on column-major data)."""
    n, k = levels.shape
    if n == 0:
        return np.zeros(k, np.int8), np.zeros(k, np.int8)
    return levels.min(axis=0), levels.max(axis=0)


def weighted_sum_units(
    levels: npt.NDArray[np.int8],
    weights: Sequence[int],
    *,
    has_negative: Sequence[bool] | None = None,
    tops: Sequence[int] | None = None,
) -> npt.NDArray[np.signedinteger[Any]]:
    """``sum_j weights[j] * max(levels[:, j], 0)`` per row, exactly.

    Negative cells (not applicable) count as 0.

    Args:
        levels: ``(N, K)`` answers; column-major order is fastest.
        weights: ``K`` integer weights (in index units).
        has_negative: Which columns may hold negative cells (default: check).
        tops: An upper bound of each column's values (default: its maximum).

    Examples:
        >>> lv = np.asfortranarray(np.array([[1, 2], [4, -1], [0, 3]], dtype=np.int8))
        >>> weighted_sum_units(lv, [3, 5]).tolist()
        [13, 12, 15]
    """
    n, k = levels.shape
    if has_negative is None or tops is None:
        mins, maxs = column_ranges(levels)
        has_negative = [bool(m < 0) for m in mins] if has_negative is None else has_negative
        tops = [max(int(x), 0) for x in maxs] if tops is None else tops
    ws = [int(w) for w in weights]
    bound = sum(abs(w) * max(int(t), 0) for w, t in zip(ws, tops, strict=True))
    dtype = accumulator_dtype(bound)
    acc = np.empty(n, dtype=dtype)
    # Columns that fit the byte-lane (SWAR) kernel: non-negative data, w * top <= 255.
    lanes = [j for j in range(k) if ws[j] > 0 and not has_negative[j] and ws[j] * int(tops[j]) <= 255]
    in_lanes = set(lanes)
    plain_cols = [j for j in range(k) if ws[j] != 0 and j not in in_lanes]
    swar = levels.flags.f_contiguous and n >= 8 and bound <= 32767 and len(lanes) > 0
    groups = _groups(tuple(lanes), tuple(ws), tuple(int(t) for t in tops)) if swar else []
    if not swar:
        plain_cols = [j for j in range(k) if ws[j] != 0]

    acc[:] = 0
    n8 = n // 8 * 8 if swar else 0
    if n8:
        _swar_block(levels, ws, groups, 0, n8, acc[:n8])
        if plain_cols:
            _plain_block(levels, [(j, ws[j]) for j in plain_cols], has_negative, 0, n8, acc[:n8], dtype)
    every = [(j, ws[j]) for j in range(k) if ws[j] != 0]
    if n8 < n:
        _plain_block(levels, every, has_negative, n8, n, acc[n8:], dtype)
    return acc


@lru_cache(maxsize=64)
def _groups(cols: tuple[int, ...], ws: tuple[int, ...], tops: tuple[int, ...]) -> list[tuple[list[int], bool]]:
    """Group columns so each group's byte lanes cannot overflow (sum of w * top <= 255).

    Each group also says whether its columns are adjacent in memory (one 2-D view).
    """
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for j in cols:
        cost = ws[j] * int(tops[j])
        if current and (total + cost > 255 or j != current[-1] + 1):
            groups.append(current)
            current, total = [], 0
        current.append(j)
        total += cost
    if current:
        groups.append(current)
    return [(g, True) for g in groups]


_LOW = np.uint64(0x00FF00FF00FF00FF)
_EIGHT = np.uint64(8)


def _swar_block(
    levels: npt.NDArray[np.int8], ws: list[int], groups: list[tuple[list[int], bool]], s: int, e: int, out: npt.NDArray[Any]
) -> None:
    """Add the lane-kernel columns of rows ``s:e`` (a multiple of 8) into *out*.

    Eight answers sit in one 64-bit word, one per byte; multiplying the word by
    a weight multiplies all eight at once, and a group's products are summed
    while no byte can overflow.  The byte lanes are then split into even and
    odd rows and accumulated in 16-bit lanes.
    """
    m = (e - s) // 8
    sums = np.empty((len(groups), m), np.uint64)
    block = levels[s:e].T  # (K, rows): each indicator's answers contiguous
    for g, (cols, adjacent) in enumerate(groups):
        j0, j1 = cols[0], cols[-1] + 1
        words = block[j0:j1].view(np.uint64) if adjacent and block[j0:j1].flags.c_contiguous else None
        wv = np.asarray([ws[j] for j in cols], dtype=np.uint64)
        if words is not None:
            np.einsum("k,km->m", wv, words, out=sums[g])
        else:  # pragma: no cover - columns of one group are adjacent by construction
            sums[g] = sum(levels[s:e, j].view(np.uint64) * np.uint64(ws[j]) for j in cols)
    # split byte lanes into even and odd rows, 16 bits each, and add the groups up
    even = np.bitwise_and(sums, _LOW).sum(axis=0, dtype=np.uint64)
    np.right_shift(sums, _EIGHT, out=sums)
    sums &= _LOW
    odd = sums.sum(axis=0, dtype=np.uint64)
    lanes = np.empty(e - s, np.int16)
    lanes[0::2] = even.view(np.int16)
    lanes[1::2] = odd.view(np.int16)
    out += lanes


def _plain_block(
    levels: npt.NDArray[np.int8],
    cols: list[tuple[int, int]],
    has_negative: Sequence[bool],
    s: int,
    e: int,
    out: npt.NDArray[Any],
    dtype: Any,
) -> None:
    tmp = np.empty(e - s, dtype=dtype)
    for j, w in cols:
        tmp[:] = levels[s:e, j]  # widen once; the arithmetic below runs in place
        if has_negative[j]:
            np.maximum(tmp, 0, out=tmp)
        tmp *= w
        out += tmp


def band_positions(units: npt.NDArray[np.signedinteger[Any]], thresholds: Sequence[int]) -> npt.NDArray[np.int8]:
    """How many thresholds each value reaches (``value >= t``): its band position."""
    if len(thresholds) > 16:
        return np.searchsorted(np.asarray(thresholds), units, side="right").astype(np.int8)
    pos = np.zeros(units.shape, dtype=np.int8)
    info = np.iinfo(units.dtype)
    for t in thresholds:
        if t > info.max:  # no value of this type reaches it
            continue
        if t <= info.min:
            pos += np.int8(1)
            continue
        pos += units >= t
    return pos
