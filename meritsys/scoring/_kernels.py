"""Fast exact integer kernels for the batch path.

A simulated national cohort can hold a million assessments of one byte per
answer.  Scoring it is memory-bound, so the weighted-sum kernel reads the answer
matrix once, column by column (the cohort container stores it column-major),
four answers per 32-bit word ("SIMD within a register"), and widens the byte
lanes to 16 bits once at the end.  Every kernel is exact: integers in, integers
out.

Large matrices (:data:`PARALLEL_MIN_ROWS` rows and more) are split into row
ranges scored on two threads; numpy releases the GIL inside each call.  Below
that size, waking a second thread costs more than it saves.  The environment
variable ``MERITSYS_THREADS`` sets the number of threads (``1`` turns this off).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import lru_cache, partial
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys.errors import ValidationError

__all__ = ["PARALLEL_MIN_ROWS", "accumulator_dtype", "band_positions", "column_ranges", "kernel_threads", "weighted_sum_units"]

PARALLEL_MIN_ROWS = 1 << 19
"""Matrices with fewer rows are scored on one thread (measured: the hand-off to a
second thread costs a few hundred microseconds on a small virtual machine)."""


def kernel_threads() -> int:
    """How many threads the batch kernels may use for a large matrix.

    ``MERITSYS_THREADS`` when set (a whole number >= 1), else 2, or 1 on a
    single-CPU machine.  A matrix is never split into more parts than the
    machine has CPUs, nor into parts of fewer than ``PARALLEL_MIN_ROWS // 2`` rows.

    Raises:
        ValidationError: if ``MERITSYS_THREADS`` is not a whole number >= 1.
    """
    raw = os.environ.get("MERITSYS_THREADS")
    if raw is not None and raw.strip():
        text = raw.strip()
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            raise ValidationError(f"MERITSYS_THREADS must be a whole number >= 1, got {raw!r}")
        return int(text)
    return min(2, _cpus())


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


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
            It must really bound the data: a byte lane that overflows spills
            into its neighbour, another row.  (``score_batch`` passes the
            indicators' highest levels, which the matrix was checked against.)

    Examples:
        >>> lv = np.asfortranarray(np.array([[1, 2], [4, -1], [0, 3]], dtype=np.int8))
        >>> weighted_sum_units(lv, [3, 5]).tolist()
        [13, 12, 15]
    """
    n = levels.shape[0]
    threads = kernel_threads()  # read on every call, so a bad setting is never silently ignored
    if has_negative is None or tops is None:
        mins, maxs = column_ranges(levels)
        has_negative = [bool(m < 0) for m in mins] if has_negative is None else has_negative
        tops = [max(int(x), 0) for x in maxs] if tops is None else tops
    plan = _kernel_plan(tuple(int(w) for w in weights), tuple(int(t) for t in tops), tuple(bool(x) for x in has_negative))
    # the byte lanes need each column's answers adjacent in memory (column-major)
    n4 = n // 4 * 4 if (plan.groups and levels.strides[0] == 1) else 0
    acc = np.empty(n, dtype=plan.dtype)
    if n4:
        parts = _row_ranges(n4, max(1, min(threads, _cpus(), n4 // max(1, PARALLEL_MIN_ROWS // 2))))
        _run_parallel([partial(_swar_rows, levels, plan.groups, lo, hi, acc) for lo, hi in parts])
        if plan.rest:
            _plain_block(levels, plan.rest, has_negative, 0, n4, acc[:n4], plan.dtype)
    if n4 < n:
        acc[n4:] = 0
        _plain_block(levels, plan.every, has_negative, n4, n, acc[n4:], plan.dtype)
    return acc


def _row_ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """Split rows ``0:n`` (a multiple of 4) into *parts* ranges whose bounds are multiples of 64."""
    step = -(-n // parts // 64) * 64
    return [(lo, min(lo + step, n)) for lo in range(0, n, step)] if n else []


_pool_lock = threading.Lock()
_pool: tuple[int, ThreadPoolExecutor] | None = None  # workers, pool


def _forget_pool() -> None:
    """In a forked child: the parent's threads do not exist here, nor may its lock be held."""
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_forget_pool)


def _executor(workers: int) -> ThreadPoolExecutor:
    """The shared pool, grown to at least *workers* threads."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] < workers:
            _pool = (workers, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="meritsys-kernel"))
        return _pool[1]


def _run_parallel(tasks: Sequence[Callable[[], None]]) -> None:
    """Run *tasks*, the first on this thread and the others on the shared pool.

    Returns (or raises) only when every task has finished, so no thread still
    writes into the caller's arrays; the calling thread's own error wins.
    Where no thread can be started (interpreter shutdown), the tasks run here.
    """
    pending: list[Future[None]] = []
    local = list(tasks[:1])
    for task in tasks[1:]:
        try:
            pending.append(_executor(len(tasks) - 1).submit(task))
        except RuntimeError:  # "cannot schedule new futures after (interpreter) shutdown"
            local.append(task)
    try:
        for task in local:
            task()
    finally:
        wait(pending)
    for f in pending:
        f.result()


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
    every = tuple((j, w) for j, w in enumerate(ws) if w != 0 and tops[j] > 0)  # a column <= 0 adds nothing
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


def _swar_rows(
    levels: npt.NDArray[np.int8], groups: tuple[tuple[int, int, npt.NDArray[np.uint32]], ...], lo: int, hi: int, out: npt.NDArray[Any]
) -> None:
    """Write the lane columns' weighted sum of rows ``lo:hi`` (multiples of 4) into ``out[lo:hi]``.

    Four answers sit in one 32-bit word, one per byte; multiplying the word by
    a weight multiplies all four at once, and a group's products are summed
    while no byte can overflow.  Seen as bytes, the group sums are then each
    row's partial sum in row order, so one widening reduction over the groups
    gives the result.  (32-bit words vectorise better than 64-bit ones: vector
    units multiply eight of them per instruction.)
    """
    words = levels.T[:, lo:hi].view(np.uint32)  # (K, rows / 4): each column's answers adjacent
    sums = np.empty((len(groups), words.shape[1]), np.uint32)
    for g, (j0, j1, wv) in enumerate(groups):
        np.einsum("k,km->m", wv, words[j0:j1], out=sums[g])
    np.einsum("gn->n", sums.view(np.uint8), out=out[lo:hi], dtype=out.dtype, casting="unsafe")


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


def band_positions(units: npt.NDArray[np.signedinteger[Any]], thresholds: Sequence[int]) -> npt.NDArray[np.signedinteger[Any]]:
    """How many thresholds each value reaches (``value >= t``): its band position.

    ``int8``, or ``int16`` for more than 127 thresholds.
    """
    if len(thresholds) > 16:
        found = np.searchsorted(np.asarray(thresholds), units, side="right")
        return found.astype(np.int8 if len(thresholds) <= 127 else np.int16)
    info = np.iinfo(units.dtype)
    pos = np.zeros(units.shape, dtype=np.int8)
    reached = np.empty(units.shape, dtype=np.bool_)
    for t in thresholds:
        if t > info.max:  # no value of this type reaches it
            continue
        if t <= info.min:
            pos += np.int8(1)
            continue
        np.greater_equal(units, t, out=reached)
        pos += reached.view(np.int8)  # a bool is one byte of 0 or 1: no conversion pass
    return pos
