"""Fast exact integer kernels for the batch path.

A simulated national cohort can hold a million assessments of one byte per
answer.  Scoring it is memory-bound, so the weighted-sum kernel reads the answer
matrix once, column by column (the cohort container stores it column-major),
four answers per 32-bit word ("SIMD within a register"), and accumulates in
16-bit lanes.  Every kernel is exact: integers in, integers out.  (Splitting
rows over threads was measured and did not pay on this workload: the many
short numpy calls contend for the GIL.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import attrs
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
    n = levels.shape[0]
    if has_negative is None or tops is None:
        mins, maxs = column_ranges(levels)
        has_negative = [bool(m < 0) for m in mins] if has_negative is None else has_negative
        tops = [max(int(x), 0) for x in maxs] if tops is None else tops
    plan = _kernel_plan(tuple(int(w) for w in weights), tuple(int(t) for t in tops), tuple(bool(x) for x in has_negative))
    acc = np.zeros(n, dtype=plan.dtype)
    n8 = n // 4 * 4 if (plan.groups and levels.flags.f_contiguous) else 0
    if n8:
        _swar_block(levels, plan.groups, n8, acc[:n8])
        if plan.rest:
            _plain_block(levels, plan.rest, has_negative, 0, n8, acc[:n8], plan.dtype)
    if n8 < n:
        _plain_block(levels, plan.every, has_negative, n8, n, acc[n8:], plan.dtype)
    return acc


@attrs.frozen(eq=False)
class _Plan:
    dtype: Any
    groups: tuple[tuple[int, int, npt.NDArray[np.uint32]], ...]  # column range, weights
    rest: tuple[tuple[int, int], ...]  # (column, weight) outside the byte lanes
    every: tuple[tuple[int, int], ...]  # (column, weight) for rows outside whole words


@lru_cache(maxsize=64)
def _kernel_plan(ws: tuple[int, ...], tops: tuple[int, ...], negative: tuple[bool, ...]) -> _Plan:
    """Decide, once per weight vector, which columns go through the byte lanes and in which groups.

    A column fits the lanes when its data cannot be negative and ``w * top <= 255``;
    adjacent such columns are grouped while the sum of ``w * top`` stays <= 255, so
    no byte lane can overflow.  Lane sums are 16-bit, so the whole index must fit.
    """
    bound = sum(abs(w) * max(t, 0) for w, t in zip(ws, tops, strict=True))
    dtype = accumulator_dtype(bound)
    every = tuple((j, w) for j, w in enumerate(ws) if w != 0)
    if bound > 32767:
        return _Plan(dtype, (), every, every)
    fits = [j for j, w in enumerate(ws) if w > 0 and not negative[j] and w * tops[j] <= 255]
    groups: list[list[int]] = []
    total = 0
    for j in fits:
        cost = ws[j] * tops[j]
        if groups and groups[-1][-1] == j - 1 and total + cost <= 255:
            groups[-1].append(j)
            total += cost
        else:
            groups.append([j])
            total = cost
    in_lanes = set(fits)
    return _Plan(
        dtype,
        tuple((g[0], g[-1] + 1, np.asarray([ws[j] for j in g], dtype=np.uint32)) for g in groups),
        tuple((j, w) for j, w in every if j not in in_lanes),
        every,
    )


_LOW = np.uint32(0x00FF00FF)
_EIGHT = np.uint32(8)


def _swar_block(
    levels: npt.NDArray[np.int8], groups: tuple[tuple[int, int, npt.NDArray[np.uint32]], ...], e: int, out: npt.NDArray[Any]
) -> None:
    """Add the lane columns of rows ``0:e`` (a multiple of 4) into *out*.

    Four answers sit in one 32-bit word, one per byte; multiplying the word by
    a weight multiplies all four at once, and a group's products are summed
    while no byte can overflow.  The byte lanes are then split into even and
    odd rows and accumulated in 16-bit lanes.  (32-bit words vectorise better
    than 64-bit ones: vector units multiply eight of them per instruction.)
    """
    m = e // 4
    sums = np.empty((len(groups), m), np.uint32)
    block = levels[:e].T  # (K, rows): each indicator's answers contiguous
    for g, (j0, j1, wv) in enumerate(groups):
        rows = block[j0:j1]
        if rows.flags.c_contiguous:  # the whole matrix: one view for the group
            np.einsum("k,km->m", wv, rows.view(np.uint32), out=sums[g])
        else:  # a leading slice of each column (N not a multiple of 4)
            np.multiply(block[j0].view(np.uint32), wv[0], out=sums[g])
            for i in range(1, j1 - j0):
                sums[g] += block[j0 + i].view(np.uint32) * wv[i]
    # split byte lanes into even and odd rows, 16 bits each, and add the groups up
    even = np.bitwise_and(sums, _LOW).sum(axis=0, dtype=np.uint32)
    np.right_shift(sums, _EIGHT, out=sums)
    sums &= _LOW
    odd = sums.sum(axis=0, dtype=np.uint32)
    lanes = np.empty(e, np.int16)
    lanes[0::2] = even.view(np.int16)
    lanes[1::2] = odd.view(np.int16)
    out += lanes


def _plain_block(
    levels: npt.NDArray[np.int8],
    cols: Sequence[tuple[int, int]],
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
